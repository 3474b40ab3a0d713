"""Tencent's type system: parse the type strings the pages use into typed references.

The spec keeps types exactly as the pages write them (`Array of StreamOnlineInfo`,
`Timestamp ISO8601`) so a recapture diffs cleanly; everything downstream sees `TypeRef`. What
each primitive means (Python annotation, JSON Schema, parsing, checks) is the runtime's table,
`tcgen.runtime.primitives.PRIMITIVES`, which generated packages carry too; only the page
spellings (`ALIASES`) are tcgen's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tcgen.runtime.primitives import ARRAY as ARRAY_PREFIX
from tcgen.runtime.primitives import PRIMITIVES, Primitive

__all__ = [
    "ALIASES",
    "ARRAY_PREFIX",
    "PRIMITIVES",
    "Primitive",
    "TypeRef",
    "array_depth",
    "normalise",
    "parse",
]

# Spellings seen on real pages and in tccli models, normalised to the canonical names above.
ALIASES: dict[str, str] = {
    "string": "String",
    "str": "String",
    "integer": "Integer",
    "int": "Integer",
    "int64": "Int64",
    "uint64": "UInt64",
    "float": "Float",
    "double": "Float",
    "bool": "Boolean",
    "boolean": "Boolean",
    "timestamp": "Timestamp",
    "datetime": "Timestamp",
    "datetime_iso": "Timestamp ISO8601",
    "timestamp iso8601": "Timestamp ISO8601",
    "date": "Date",
    "binary": "Binary",
}

Kind = Literal["primitive", "array", "structure"]


@dataclass(frozen=True)
class TypeRef:
    """A parsed type: a primitive, an array of a type, or a named structure."""

    spec: str
    kind: Kind
    primitive: Primitive | None = None
    item: TypeRef | None = None
    structure: str | None = None

    @property
    def element(self) -> TypeRef:
        """The innermost non-array type (`Array of Array of X` -> `X`)."""
        return self.item.element if self.item is not None else self

    @property
    def python(self) -> str:
        """The Python annotation (structures by class name, arrays as `list[...]`)."""
        if self.primitive is not None:
            return self.primitive.python
        if self.item is not None:
            return f"list[{self.item.python}]"
        assert self.structure is not None
        return self.structure


def normalise(type_text: str) -> str:
    """Canonical spelling of a type string as found on a page (`array of string` -> ...)."""
    text = " ".join(type_text.split())
    depth = 0
    while text.lower().startswith(ARRAY_PREFIX.lower()):
        text = text[len(ARRAY_PREFIX) :].strip()
        depth += 1
    base = ALIASES.get(text.lower(), text)
    return ARRAY_PREFIX * depth + base


def array_depth(type_text: str) -> tuple[int, str]:
    """(array depth, element type) of a spec type: `Array of Array of Int64` -> (2, `Int64`)."""
    depth = 0
    while type_text.startswith(ARRAY_PREFIX):
        type_text = type_text.removeprefix(ARRAY_PREFIX)
        depth += 1
    return depth, type_text


def parse(type_text: str) -> TypeRef:
    """Parse a canonical type string; structure names are not checked here (see model)."""
    if type_text.startswith(ARRAY_PREFIX):
        return TypeRef(type_text, "array", item=parse(type_text[len(ARRAY_PREFIX) :]))
    primitive = PRIMITIVES.get(type_text)
    if primitive is not None:
        return TypeRef(type_text, "primitive", primitive=primitive)
    return TypeRef(type_text, "structure", structure=type_text)
