"""Map tccli's member types (`type` + `member`) onto the spec's Tencent type names.

tccli describes a member by its JSON kind (`type`: string, int, float, bool, binary, list,
object) refined by `member`: the precise primitive (`int64`, `uint64`, `datetime`, ...) or, for
lists and objects, the element type or structure name. The spec keeps the precise names
(`Int64`, `Timestamp ISO8601`) because generated code and the mock need them; the spellings are
shared with the pages through `typesys.ALIASES`. A combination not listed here is reported, not
guessed: it would mean tccli's model format changed.
"""

from __future__ import annotations

from collections.abc import Container

from tcgen.spec import typesys

# Every `member` spelling each scalar kind carries in tccli-intl-en 3.1.193 (all 160 service
# versions), plus `binary`, which tccli's own loader lists among its base types.
SCALAR_MEMBERS: dict[str, frozenset[str]] = {
    "string": frozenset({"string", "date", "datetime", "datetime_iso"}),
    "int": frozenset({"int64", "uint64"}),
    "float": frozenset({"float"}),
    "bool": frozenset({"bool"}),
    "binary": frozenset({"binary"}),
}
PRIMITIVE_MEMBERS: frozenset[str] = frozenset().union(*SCALAR_MEMBERS.values())


class UnknownType(Exception):
    """A tccli type the importer has no mapping for; the message says which."""


def spec_type(kind: str, member: str, structures: Container[str]) -> str:
    """The spec type of a tccli member (`list` of `StreamOnlineInfo` -> `Array of ...`)."""
    if kind == "list":
        return typesys.ARRAY_PREFIX + _element(member, structures)
    if kind == "object":
        if member in structures:
            return member
        raise UnknownType(f"object of unknown structure '{member}'")
    if member in SCALAR_MEMBERS.get(kind, ()):
        return typesys.ALIASES[member]
    raise UnknownType(f"unknown tccli type '{kind}' with member '{member}'")


def _element(member: str, structures: Container[str]) -> str:
    if member in PRIMITIVE_MEMBERS:
        return typesys.ALIASES[member]
    if member in structures:
        return member
    raise UnknownType(f"list of unknown type '{member}'")
