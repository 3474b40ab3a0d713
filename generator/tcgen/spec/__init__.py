"""The spec: the JSON tree (`tree`: load and validate against the meta-schema), the merge rule
every source writes through (`merge`), type strings (`typesys`), GET query decoding
(`query_params`), a service version as one document (`snapshot`), and behaviour inferred from
a spec (`infer/`: pagination, resources, id formats). Also the base every stage shares:
located problems (`problems`), where tcgen's assets are (`paths`), the content-hash cache
(`cache`).
"""
