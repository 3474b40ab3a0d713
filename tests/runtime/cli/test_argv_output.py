"""The command-line grammar and the output shapes, on their own."""

from __future__ import annotations

import pytest
from tcgen.runtime.cli import output
from tcgen.runtime.cli.argv import UsageError, parse, resolve

NAMES = {"StreamName", "Filters"}
ALIASES = {"stream-name": "StreamName"}


def test_globals_positionals_and_pending_flags() -> None:
    argv = ["live", "Drop", "--stream-name", "s", "--region=ap-x", "--Filters", "a", "b", "--debug"]
    invocation, pending = parse(argv, "live")
    assert invocation.action == "Drop" and invocation.options == {"region": "ap-x"}
    assert invocation.switches == {"debug"}
    resolve(invocation, pending, NAMES, ALIASES)
    assert invocation.params == {"StreamName": ["s"], "Filters": ["a", "b"]}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Drop", "Extra"], "unexpected argument 'Extra'"),
        (["Drop", "--region"], "--region: expected a value"),
        (["Drop", "--region", "a", "--region", "b"], "given more than once"),
        (["Drop", "--Nope", "x"], "--Nope: unknown parameter of Drop"),
        (["Drop", "--StreamName"], "--StreamName: expected a value"),
        (["Drop", "--Filters.0", "x"], "need --cli-unfold-argument"),
    ],
)
def test_usage_errors_name_the_flag(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        invocation, pending = parse(argv, "live")
        resolve(invocation, pending, NAMES, ALIASES)


def test_unfolded_members_need_the_switch_and_not_the_whole() -> None:
    invocation, pending = parse(["Drop", "--cli-unfold-argument", "--Filters.0", "x"], "live")
    resolve(invocation, pending, NAMES, ALIASES)
    assert invocation.unfolded == [("--Filters.0", ["Filters", "0"], ["x"])]
    both = ["Drop", "--cli-unfold-argument", "--Filters.0", "x", "--Filters", "[]"]
    with pytest.raises(UsageError, match="given both whole and member by member"):
        resolve(*parse(both, "live"), NAMES, ALIASES)


def test_shape_puts_documented_fields_first_and_request_id_last() -> None:
    members = (("B", "Item", True), ("A", "Array of Item", False))
    structures = {"Item": (("X", "Integer", False), ("Y", "String", False))}
    value = {"RequestId": "r", "New": 1, "A": [{"Y": "y"}], "B": {"X": 1}}
    shaped = output.shape(value, members, structures)
    assert list(shaped) == ["B", "A", "New", "RequestId"]
    assert shaped["A"] == [{"X": None, "Y": "y"}] and shaped["B"] == {"X": 1, "Y": None}


def test_text_and_table_formats() -> None:
    value = {"Total": 2, "Items": [{"Name": "a"}, {"Name": "b"}]}
    assert output.render(value, "text") == "2\nITEMS\ta\nITEMS\tb"
    assert output.render(value, "table").splitlines() == [
        "+-----------+",
        "| Total | 2 |",
        "+-----------+",
        "+-------+",
        "| Items |",
        "+-------+",
        "| Name  |",
        "| a     |",
        "| b     |",
        "+-------+",
    ]
    with pytest.raises(UsageError, match="--output: expected one of json, text, table"):
        output.check_format("yaml")
