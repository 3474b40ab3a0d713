"""Contract tests: every action of a spec tree against the package generated from it.

Run against the committed `spec/` and `generated/`, or any other pair of trees through
`TCGEN_CONTRACT_SPEC` / `TCGEN_CONTRACT_OUT` (see `target.py`).
"""
