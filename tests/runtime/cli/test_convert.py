"""Command-line text -> typed values, in-process (the rules tccli users rely on)."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.runtime.cli.argv import UsageError
from tcgen.runtime.cli.convert import parameter, placeholder

STRUCTURES = {"Filter": (("Name", "String", True), ("Values", "Array of String", False))}


@pytest.mark.parametrize(
    ("words", "type_", "value"),
    [
        (["42"], "Integer", 42),
        (["-1"], "Int64", -1),
        (["2.5"], "Float", 2.5),
        (["True"], "Boolean", True),
        (["f"], "Boolean", False),
        (["0"], "Boolean", False),
        (["a", "b"], "Array of String", ["a", "b"]),
        (['["a", "b"]'], "Array of String", ["a", "b"]),
        (["1", "2"], "Array of Integer", [1, 2]),
        (['{"Name": "n"}'], "Filter", {"Name": "n"}),
        (['{"Name": "a"}', '{"Name": "b"}'], "Array of Filter", [{"Name": "a"}, {"Name": "b"}]),
        (["text with spaces"], "String", "text with spaces"),
    ],
)
def test_values_convert_by_spec_type(words: list[str], type_: str, value: Any) -> None:
    assert parameter(words, type_, "--P", STRUCTURES) == value


@pytest.mark.parametrize(
    ("words", "type_"),
    [(["x"], "Integer"), (["nan"], "Float"), (["yes"], "Boolean"), (["{"], "Filter"),
     (["a", "b"], "String"), (["[1,"], "Array of Integer")],
)  # fmt: skip
def test_bad_values_are_usage_errors_naming_the_flag(words: list[str], type_: str) -> None:
    with pytest.raises(UsageError, match="--P"):
        parameter(words, type_, "--P", STRUCTURES)


def test_placeholders_are_typed_and_stop_at_recursion() -> None:
    tree = {"Node": (("Name", "String", True), ("Children", "Array of Node", False))}
    assert placeholder("Array of Filter", STRUCTURES) == [{"Name": "", "Values": [""]}]
    assert placeholder("Node", tree) == {"Name": "", "Children": [{}]}
    assert [placeholder(t, {}) for t in ("Integer", "Float", "Boolean")] == [0, 0.0, False]
