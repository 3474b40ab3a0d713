"""Sources of specs: where a spec tree's JSON comes from.

`capture/` reads Tencent's documentation pages, `tccli/` imports the machine models that tccli
ships; both write through the one merge rule of `tcgen.spec.merge`, and neither imports the
other. `corpus/` measures capture against tccli's model of the same actions (an oracle, not
part of the pipeline).
"""
