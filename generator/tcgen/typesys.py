"""Tencent's type system: parse the type strings the pages use into typed references.

The spec keeps types exactly as the pages write them (`Array of StreamOnlineInfo`,
`Timestamp ISO8601`) so a recapture diffs cleanly; everything downstream sees `TypeRef`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ARRAY_PREFIX = "Array of "


@dataclass(frozen=True)
class Primitive:
    """How one Tencent primitive maps to Python and to JSON Schema."""

    name: str
    python: str
    json_type: str
    json_format: str | None = None
    minimum: int | None = None


PRIMITIVES: dict[str, Primitive] = {
    p.name: p
    for p in (
        Primitive("String", "str", "string"),
        Primitive("Integer", "int", "integer"),
        Primitive("Int64", "int", "integer"),
        Primitive("UInt64", "int", "integer", minimum=0),
        Primitive("Float", "float", "number"),
        Primitive("Boolean", "bool", "boolean"),
        Primitive("Timestamp", "str", "string"),
        Primitive("Timestamp ISO8601", "str", "string", json_format="date-time"),
        Primitive("Date", "str", "string", json_format="date"),
        Primitive("Binary", "str", "string", json_format="byte"),
    )
}

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


def parse(type_text: str) -> TypeRef:
    """Parse a canonical type string; structure names are not checked here (see model)."""
    if type_text.startswith(ARRAY_PREFIX):
        return TypeRef(type_text, "array", item=parse(type_text[len(ARRAY_PREFIX) :]))
    primitive = PRIMITIVES.get(type_text)
    if primitive is not None:
        return TypeRef(type_text, "primitive", primitive=primitive)
    return TypeRef(type_text, "structure", structure=type_text)
