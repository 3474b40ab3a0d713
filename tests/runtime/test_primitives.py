"""The one table of Tencent's primitive types, and every reader of it agreeing."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.model import schema as schema_export
from tcgen.runtime.cli import convert
from tcgen.runtime.cli.argv import UsageError
from tcgen.runtime.mock import synth, wireform
from tcgen.runtime.primitives import BOOLEANS, PRIMITIVES, parse_boolean, parse_float
from tcgen.runtime.validation import check_value, describe
from tcgen.spec import query_params, typesys

NAMES = [
    "String", "Integer", "Int64", "UInt64", "Float", "Boolean", "Timestamp",
    "Timestamp ISO8601", "Date", "Binary",
]  # fmt: skip

# text -> value by type, and text no reader may accept for it
SAMPLES: dict[str, tuple[str, Any, str | None]] = {
    "String": ("007", "007", None),
    "Integer": ("42", 42, "4.2"),
    "Int64": ("-9007199254740993", -9007199254740993, "x"),
    "UInt64": ("18446744073709551615", 18446744073709551615, ""),
    "Float": ("2.5", 2.5, "nan"),
    "Boolean": ("TRUE", True, "yes"),
    "Timestamp": ("2024-01-01 00:00:00", "2024-01-01 00:00:00", None),
    "Timestamp ISO8601": ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", None),
    "Date": ("2024-01-01", "2024-01-01", None),
    "Binary": ("aGk=", "aGk=", None),
}


def test_the_table_holds_the_ten_documented_primitives() -> None:
    assert list(PRIMITIVES) == NAMES
    assert set(SAMPLES) == set(PRIMITIVES)


def test_the_generator_reads_the_runtime_table() -> None:
    assert typesys.PRIMITIVES is PRIMITIVES
    assert typesys.parse("UInt64").primitive is PRIMITIVES["UInt64"]
    assert typesys.parse("Array of Timestamp ISO8601").python == "list[str]"
    assert schema_export.action_schemas  # imports typesys, hence the same table


@pytest.mark.parametrize("name", NAMES)
def test_zero_and_placeholder_values_pass_the_wire_check(name: str) -> None:
    primitive = PRIMITIVES[name]
    assert primitive.check(primitive.zero) and primitive.check(primitive.placeholder)
    assert list(check_value(primitive.placeholder, name, "P", {})) == []
    assert convert.placeholder(name, {}) == primitive.zero
    assert synth.synthesize((("P", name, True),), {}) == {"P": primitive.placeholder}


@pytest.mark.parametrize("name", NAMES)
def test_cli_mock_and_page_queries_parse_text_alike(name: str) -> None:
    text, value, bad = SAMPLES[name]
    members = (("P", name, True),)
    assert PRIMITIVES[name].parse(text) == value
    assert convert.parameter([text], name, "--P", {}) == value
    assert wireform.coerce_params({"P": text}, members, {}) == {"P": value}
    assert query_params.decode_query(f"P={text}", {"P": name}, {}) == {"P": value}
    assert list(check_value(value, name, "P", {})) == []
    if bad is not None:
        with pytest.raises(UsageError, match=f"--P: expected {describe(name)}"):
            convert.parameter([bad], name, "--P", {})
        assert wireform.coerce_params({"P": bad}, members, {}) == {"P": bad}  # validation names it
        with pytest.raises(query_params.QueryError):
            query_params.decode_query(f"P={bad}", {"P": name}, {})


@pytest.mark.parametrize("text", [*BOOLEANS, "True", "FALSE", "T", "f"])
def test_one_boolean_parser_for_every_reader(text: str) -> None:
    expected = BOOLEANS[text.lower()]
    assert parse_boolean(text) is expected
    assert convert.parameter([text], "Boolean", "--B", {}) is expected
    assert wireform.coerce(text, "Boolean", {}) is expected


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e999", ""])
def test_only_finite_numbers_parse(text: str) -> None:
    with pytest.raises(ValueError):
        parse_float(text)


@pytest.mark.parametrize("text", ["yes", "no", "", "2", "truE1"])
def test_other_boolean_spellings_do_not_parse(text: str) -> None:
    with pytest.raises(ValueError):
        parse_boolean(text)


@pytest.mark.parametrize(
    ("value", "name", "code"),
    [
        (True, "Integer", "InvalidParameter"),
        (1.5, "Int64", "InvalidParameter"),
        (-1, "UInt64", "InvalidParameterValue"),
        (1, "Float", None),
        ("1", "Float", "InvalidParameter"),
        (0, "Boolean", "InvalidParameter"),
        (1, "String", "InvalidParameter"),
        ("x", "Date", None),
    ],
)
def test_wire_check(value: object, name: str, code: str | None) -> None:
    issues = list(check_value(value, name, "P", {}))
    assert [issue.code for issue in issues] == ([code] if code else [])
