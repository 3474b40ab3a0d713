"""tccli member types map to exact spec types; unknown ones are errors, never guesses."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.sources.tccli.types import UnknownType, spec_type
from tcgen.spec.example_values import example_value

STRUCTURES = {"StreamOnlineInfo"}


@pytest.mark.parametrize(
    ("kind", "member", "expected"),
    [
        ("string", "string", "String"),
        ("int", "int64", "Int64"),
        ("int", "uint64", "UInt64"),
        ("float", "float", "Float"),
        ("bool", "bool", "Boolean"),
        ("binary", "binary", "Binary"),
        ("string", "datetime", "Timestamp"),
        ("string", "datetime_iso", "Timestamp ISO8601"),
        ("string", "date", "Date"),
        ("list", "string", "Array of String"),
        ("list", "uint64", "Array of UInt64"),
        ("list", "datetime_iso", "Array of Timestamp ISO8601"),
        ("list", "StreamOnlineInfo", "Array of StreamOnlineInfo"),
        ("object", "StreamOnlineInfo", "StreamOnlineInfo"),
    ],
)
def test_maps_every_known_combination(kind: str, member: str, expected: str) -> None:
    assert spec_type(kind, member, STRUCTURES) == expected


@pytest.mark.parametrize(
    ("kind", "member", "message"),
    [
        ("int", "int32", "unknown tccli type 'int' with member 'int32'"),
        ("string", "int64", "unknown tccli type 'string' with member 'int64'"),
        ("map", "string", "unknown tccli type 'map'"),
        ("list", "Missing", "list of unknown type 'Missing'"),
        ("object", "Missing", "object of unknown structure 'Missing'"),
        ("object", "string", "object of unknown structure 'string'"),
    ],
)
def test_rejects_unknown_combinations(kind: str, member: str, message: str) -> None:
    with pytest.raises(UnknownType, match=message):
        spec_type(kind, member, STRUCTURES)


@pytest.mark.parametrize(
    ("raw", "type_text", "expected"),
    [
        ("10", "Int64", 10),
        ("1.5", "Float", 1.5),
        ("true", "Boolean", True),
        ('["a", "b"]', "Array of String", ["a", "b"]),
        ('{"Key": "k"}', "Tag", {"Key": "k"}),
        ("10", "String", "10"),
        ("2020-01-01T00:00:00Z", "Timestamp ISO8601", "2020-01-01T00:00:00Z"),
        ("ten", "Int64", "ten"),
        ("NaN", "Float", "NaN"),
        ("", "Int64", None),
        ("  ", "String", None),
        (None, "String", None),
    ],
)
def test_example_values(raw: object, type_text: str, expected: Any) -> None:
    assert example_value(raw, type_text) == expected
