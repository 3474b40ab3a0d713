"""Parameter validation, action metadata and the model base, on their own."""

from __future__ import annotations

from typing import Any, ClassVar

from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.model import Model, ResponseModel
from tcgen.runtime.validation import (
    check_params,
    describe,
    missing_region,
    unsupported_region,
)

STRUCTURES = {"Filter": (("Name", "String", True), ("Values", "Array of String", False))}
MEMBERS = (("Limit", "Integer", True), ("Filters", "Array of Filter", False))
META = ActionMeta("List", MEMBERS, (), (), None, True, regions=("ap-guangzhou",))


def _issues(params: dict[str, Any]) -> list[tuple[str, str]]:
    return [(i.code, i.parameter) for i in check_params(params, MEMBERS, STRUCTURES)]


def test_missing_unknown_and_mistyped_parameters_in_a_stable_order() -> None:
    assert _issues({"Limit": 1, "Filters": [{"Name": "a", "Values": ["b"]}]}) == []
    assert _issues({"Other": 1, "Filters": [{"Values": [1]}, "x"]}) == [
        ("MissingParameter", "Limit"),
        ("UnknownParameter", "Other"),
        ("MissingParameter", "Filters.0.Name"),
        ("InvalidParameter", "Filters.0.Values.0"),
        ("InvalidParameter", "Filters.1"),
    ]
    assert _issues({"Limit": None}) == [("MissingParameter", "Limit")]


def test_descriptions_name_types_for_messages() -> None:
    assert describe("Array of String") == "an array of string"
    assert describe("Array of Integer") == "an array of integer"
    assert describe("Filter") == "a Filter object"


def test_region_rules() -> None:
    assert missing_region(META, None) is not None and missing_region(META, "x") is None
    assert unsupported_region(META, "ap-tokyo") is not None
    assert unsupported_region(META, "ap-guangzhou") is None
    assert missing_region(META._replace(region_required=False), None) is None


class _Base(Model):
    _registry_: ClassVar[dict[str, type[Model]]] = {}


class Filter(_Base):
    _wire_ = (("name", "Name", "String"), ("ratio", "Ratio", "Float"))

    def __init__(self, *, name: str | None = None, ratio: float | None = None) -> None:
        self.name, self.ratio = name, ratio


class ListResponse(ResponseModel, _Base):
    _wire_ = (("filters", "Filters", "Array of Filter"),)

    def __init__(self, *, filters: list[Filter] | None = None) -> None:
        self.filters = filters


_Base._registry_["Filter"] = Filter


def test_models_round_trip_and_compare_by_value() -> None:
    item = Filter(name="a", ratio=1.0)
    assert item.to_wire() == {"Name": "a", "Ratio": 1.0}
    assert Filter(name="a").to_wire() == {"Name": "a"}
    assert Filter.from_wire({"Name": "a", "Ratio": 1, "New": 2}) == item
    assert isinstance(Filter.from_wire({"Ratio": 1}).ratio, float)
    assert repr(item) == "Filter(name='a', ratio=1.0)"
    assert item != Filter(name="b") and item.__eq__("a") is NotImplemented


def test_response_models_keep_request_id_and_raw_body() -> None:
    body = {"Filters": [{"Name": "a"}], "RequestId": "r-1", "Newer": True}
    response = ListResponse.from_wire(body)
    assert response.filters == [Filter(name="a")]
    assert response.request_id == "r-1" and response.raw == body
    assert response != ListResponse.from_wire({**body, "RequestId": "r-2"})
