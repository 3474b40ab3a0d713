"""Import from tccli's machine models: `models` reads a release's files, `types` and
`convert` turn them into spec JSON, `examples` reads their examples, `importer` writes a tree
(`tcgen import-tccli`)."""
