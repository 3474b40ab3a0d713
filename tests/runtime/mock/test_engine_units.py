"""Engine pieces on their own: flattened forms, response synthesis, v1 signing."""

from __future__ import annotations

import pytest
from tcgen.runtime.mock import synth as mocksynth
from tcgen.runtime.mock import v1signing, wireform
from tcgen.runtime.mock.fault import Fault
from tencentcloud.common.sign import Sign

STRUCTURES = {
    "Filter": (("Name", "String", True), ("Values", "Array of String", False)),
    "Node": (("Children", "Array of Node", False), ("Parent", "Node", False)),
}
MEMBERS = (
    ("Limit", "Integer", False),
    ("Ratio", "Float", False),
    ("Verbose", "Boolean", False),
    ("Filters", "Array of Filter", False),
    ("Name", "String", False),
)


def test_unflatten_and_coerce_by_spec_type() -> None:
    pairs = [
        ("Limit", "10"),
        ("Ratio", "0.5"),
        ("Verbose", "true"),
        ("Name", "007"),
        ("Filters.1.Name", "b"),
        ("Filters.0.Name", "a"),
        ("Filters.0.Values.0", "x"),
        ("Other.A", "1"),
    ]
    params = wireform.coerce_params(wireform.unflatten(pairs), MEMBERS, STRUCTURES)
    assert params == {
        "Limit": 10,
        "Ratio": 0.5,
        "Verbose": True,
        "Name": "007",
        "Filters": [{"Name": "a", "Values": ["x"]}, {"Name": "b"}],
        "Other": {"A": "1"},
    }


@pytest.mark.parametrize(("name", "text"), [("Limit", "ten"), ("Verbose", "yes"), ("Ratio", "")])
def test_unconvertible_values_stay_strings_for_validation_to_name(name: str, text: str) -> None:
    assert wireform.coerce_params({name: text}, MEMBERS, STRUCTURES) == {name: text}


def test_conflicting_flattened_keys_are_faults() -> None:
    with pytest.raises(Fault, match="Filters.0"):
        wireform.unflatten([("Filters.0", "x"), ("Filters.0.Name", "y")])
    with pytest.raises(Fault, match="Filters"):
        wireform.unflatten([("Filters.0.Name", "y"), ("Filters", "x")])


def test_synthesis_follows_types_and_stops_on_recursion() -> None:
    output = (
        ("Node", "Node", True),
        ("Filters", "Array of Filter", True),
        ("RequestId", "String", True),
    )
    assert mocksynth.synthesize(output, STRUCTURES) == {
        "Node": {"Children": [], "Parent": {}},
        "Filters": [{"Name": "", "Values": [""]}],
    }


X: tuple[tuple[str, str, bool], ...] = (("X", "String", False),)
"""The output of the example tests below: one String member."""


def answer_x(examples: list[mocksynth.Example], params: dict[str, int]) -> dict[str, object]:
    """The default answer of an action whose output is `X` (no structures, nothing null)."""
    return mocksynth.default_response(examples, params, X, {}, {}, ())


def test_best_example_wins_else_first() -> None:
    examples = [({"A": 1}, {"X": "first"}), ({"A": 2, "B": 3}, {"X": "second", "RequestId": "r"})]
    assert answer_x(examples, {"A": 2}) == {"X": "second"}
    assert answer_x(examples, {"A": 9}) == {"X": "first"}


def test_an_exact_example_beats_a_superset_listed_first() -> None:
    examples = [({"A": 1, "B": 2}, {"X": "superset"}), ({"A": 1}, {"X": "exact"})]
    assert answer_x(examples, {"A": 1}) == {"X": "exact"}
    assert answer_x(examples, {"A": 1, "B": 2}) == {"X": "superset"}
    fewer = [({"A": 1, "B": 2, "C": 3}, {"X": "more"}), ({"A": 1, "D": 4}, {"X": "fewer"})]
    assert answer_x(fewer, {"A": 1}) == {"X": "fewer"}


def test_an_example_is_answered_in_its_documented_types() -> None:
    """Tencent's examples contradict their types now and then; the answer keeps to the types."""
    output = (("X", "String", False), ("N", "Int64", False), ("L", "Array of String", False))
    example = {"X": "kept", "N": "xx", "L": None, "Undocumented": 1, "RequestId": "r"}
    answer = mocksynth.default_response([({}, example)], {}, output, {}, {}, ())
    assert answer == {"X": "kept", "N": 0, "L": []}


def test_a_null_documented_as_possible_is_answered_as_null() -> None:
    """cvm's `SyncPercent` "may return null": the example's null is kept, at the top of the
    answer and inside a structure, while a null where none is documented is still conformed."""
    output = (("N", "Int64", False), ("L", "Array of Image", False), ("M", "Int64", False))
    structures = {"Image": (("SyncPercent", "Float", False), ("Size", "Int64", False))}
    example = {"N": None, "M": None, "L": [{"SyncPercent": None, "Size": None}]}
    answer = mocksynth.default_response(
        [({}, example)], {}, output, structures, {"Image": ("SyncPercent",)}, ("N",)
    )
    assert answer == {"N": None, "M": 0, "L": [{"SyncPercent": None, "Size": 0}]}


@pytest.mark.parametrize("method", ["HmacSHA1", "HmacSHA256"])
def test_v1_signature_matches_the_official_sdk(method: str) -> None:
    fields = {"Action": "DropLiveStream", "Nonce": "1", "Filters.0.Name": "a b", "Sign_Me": "x"}
    text = v1signing.string_to_sign("GET", "live.tencentcloudapi.com", "/", fields)
    assert (
        text
        == "GETlive.tencentcloudapi.com/?Action=DropLiveStream&Filters.0.Name=a b&Nonce=1&Sign.Me=x"
    )
    assert v1signing.signature("key", text, method) == Sign.sign("key", text, method)


@pytest.mark.parametrize("total", sorted(mocksynth.TOTALS))
def test_every_total_name_counts_the_one_list(total: str) -> None:
    output = (
        (total, "Int64", True),
        ("Items", "Array of Node", True),
        ("TotalPage", "Integer", True),
    )
    body = mocksynth.coherent_totals({total: 9, "Items": [{}, {}], "TotalPage": 4}, output)
    assert body == {total: 2, "Items": [{}, {}], "TotalPage": 1}
    unfiltered = (("AllTotal", "Int64", True), ("Items", "Array of Node", True))
    assert mocksynth.coherent_totals({"AllTotal": 9, "Items": []}, unfiltered)["AllTotal"] == 9
    two = ((total, "Int64", True), ("A", "Array of Node", True), ("B", "Array of Node", True))
    assert mocksynth.coherent_totals({total: 9, "A": [], "B": []}, two)[total] == 9
