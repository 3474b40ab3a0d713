"""Tencent's primitive types in one table: every rule applied to a `String`, `Integer`, ... value.

Client validation (`validation`), the CLI's conversion of text (`cli.convert`), the mock's
parsing of GET queries and v1 forms (`mock.wireform`) and its synthesized responses
(`mock.synth`) all read `PRIMITIVES`, and so does tcgen itself (Python annotations, JSON
Schema, typed examples decoded from page queries), so no two of them can disagree on a type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

ARRAY = "Array of "
"""Prefix of an array type: `Array of String`, `Array of Array of Filter`."""

BOOLEANS = {"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}
"""The spellings of a boolean in text, in any case (tccli's)."""


def is_string(value: object) -> bool:
    return isinstance(value, str)


def is_integer(value: object) -> bool:
    """An int that is not a bool (JSON `true` is not an integer)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """An integer or a finite float (`NaN` and infinities are no JSON number)."""
    return is_integer(value) or (isinstance(value, float) and math.isfinite(value))


def is_boolean(value: object) -> bool:
    return isinstance(value, bool)


def parse_text(text: str) -> str:
    return text


_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|-?\.[0-9]+(?:[eE][-+]?[0-9]+)?")


def parse_integer(text: str) -> int:
    """A JSON-style integer: ASCII digits with an optional minus (`int()` alone also reads
    `1_000`, ` 7 `, `+7` and other scripts' digits)."""
    if not _INTEGER.fullmatch(text):
        raise ValueError(f"not an integer: {text!r}")
    return int(text)


def parse_float(text: str) -> float:
    """A finite number written as JSON and tccli write one (`nan`, `inf` and `1_0` are not)."""
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number


def parse_boolean(text: str) -> bool:
    """The one boolean parser: `true/false/t/f/1/0`, any case; ValueError otherwise."""
    try:
        return BOOLEANS[text.lower()]
    except KeyError:
        raise ValueError(f"not a boolean: {text!r}") from None


class Primitive(NamedTuple):
    """Everything known about one primitive type."""

    name: str
    noun: str
    """How messages name a value of it (`a string`)."""
    check: Callable[[object], bool]
    """Whether a JSON value is of the type: the wire check."""
    parse: Callable[[str], Any]
    """The value from text (CLI argument, GET query, v1 form); raises ValueError."""
    zero: Any
    """The empty value (`--generate-cli-skeleton`)."""
    placeholder: Any
    """What a synthesized mock response holds: the zero value, or a well-formed one."""
    python: str
    """The Python annotation."""
    json_type: str
    """The JSON Schema type."""
    json_format: str | None = None
    minimum: int | None = None
    """The lowest value allowed (`UInt64`: 0); lower ones are InvalidParameterValue."""
    maximum: int | None = None
    """The highest value allowed (`Int64`: 2**63 - 1); higher ones are InvalidParameterValue."""


def _text(name: str, noun: str, placeholder: str = "", json_format: str | None = None) -> Primitive:
    """A type whose values are JSON strings, taken from text as they are."""
    return Primitive(
        name, noun, is_string, parse_text, "", placeholder, "str", "string", json_format
    )


INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)
"""The ranges of Tencent's integers: its SDKs hold `Integer` and `Int64` in a signed 64-bit
integer and `UInt64` in an unsigned one, so a larger value cannot reach the service."""


def _integer(name: str, noun: str, limits: tuple[int, int]) -> Primitive:
    return Primitive(name, noun, is_integer, parse_integer, 0, 0, "int", "integer", None, *limits)


PRIMITIVES: dict[str, Primitive] = {
    p.name: p
    for p in (
        _text("String", "a string"),
        _integer("Integer", "an integer", INT64),
        _integer("Int64", "an integer", INT64),
        _integer("UInt64", "a non-negative integer", UINT64),
        Primitive("Float", "a number", is_number, parse_float, 0.0, 0.0, "float", "number"),
        Primitive(
            "Boolean", "a boolean", is_boolean, parse_boolean, False, False, "bool", "boolean"
        ),
        _text("Timestamp", "a timestamp string", "1970-01-01 00:00:00"),
        _text(
            "Timestamp ISO8601", "an ISO 8601 timestamp string", "1970-01-01T00:00:00Z", "date-time"
        ),
        _text("Date", "a date string", "1970-01-01", "date"),
        _text("Binary", "a base64 string", json_format="byte"),
    )
}
"""Tencent type name -> its rules; `Array of X` and structure names are not primitives."""
