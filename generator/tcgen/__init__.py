"""tcgen: a declarative, spec-driven code generator for Tencent Cloud API 3.0.

The pipeline reads top to bottom: capture/import -> spec (validated) -> model -> render ->
format -> write. Each step is one module of this package.
"""

__version__ = "0.1.0"
