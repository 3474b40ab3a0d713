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
from typing import Any

from tcgen.spec import jsontext, typesys

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


# Example text that stands for "no example" (counts in tccli-intl-en 3.1.193, all 160 service
# versions): `无` "none" (16,778), `暂无` "none yet" (70) and `空` "empty" (11) for any type; and
# where the type is not text, `null`/`NULL` (144) and `-` (43), which are no value of the type.
# Text types keep `null`, `-` and `none`: there they may be the value (AuthType `NONE`).
PLACEHOLDERS = frozenset({"无", "暂无", "空"})
NON_TEXT_PLACEHOLDERS = frozenset({"null", "-"})


def example_value(raw: object, type_text: str) -> Any:
    """A member's example as JSON data: parsed when the type is not textual and it parses.

    tccli stores every example as a string (`"10"`, `"[\\"a\\"]"`); an Integer parameter's
    example is more useful as `10`. Text that does not parse stays a string, exactly as
    documented. Empty examples and placeholders are None (absent), as on the pages.
    """
    if not isinstance(raw, str) or not raw.strip() or raw.strip() in PLACEHOLDERS:
        return None
    ref = typesys.parse(type_text)
    if ref.primitive is not None and ref.primitive.json_type == "string":
        return raw
    if raw.strip().lower() in NON_TEXT_PLACEHOLDERS:
        return None
    try:
        return jsontext.loads(raw, parse_constant=_reject_constant)
    except ValueError:
        return raw


def _reject_constant(name: str) -> Any:
    """NaN/Infinity are not JSON; treat such examples as text."""
    raise ValueError(name)
