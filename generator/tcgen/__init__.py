"""tcgen: a declarative, spec-driven code generator for Tencent Cloud API 3.0.

The pipeline reads top to bottom: capture/import -> spec (validated) -> model -> release ->
render -> format -> write (`pipeline.py`). Each step is one module of this package; the
runtime that every generated package carries is the `runtime` subpackage.
"""

__version__ = "0.1.0"
