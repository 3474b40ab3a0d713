"""Parameter validation, action metadata and the model base, on their own."""

from __future__ import annotations

import copy
import inspect
import pickle
from typing import Any, ClassVar

import pytest
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.model import Model, ResponseModel
from tcgen.runtime.validation import check_params, describe, missing_region, unsupported_region

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
    name: str | None = None
    ratio: float | None = None


class ListResponse(ResponseModel, _Base):
    _wire_ = (("filters", "Filters", "Array of Filter"),)
    filters: list[Filter] | None = None


class GetRequest(_Base):
    """Required fields, as a request's: `__init__` comes from the annotations alone."""

    _wire_ = (("stream", "Stream", "String"), ("domain", "Domain", "String"))
    _wire_ += (("app", "App", "String"), ("limit", "Limit", "Integer"))
    stream: str
    domain: str
    app: str
    limit: int | None = None


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


def test_init_takes_the_annotated_fields_as_keywords() -> None:
    request = GetRequest(stream="s", domain="d", app="a")
    assert (request.stream, request.domain, request.app, request.limit) == ("s", "d", "a", None)
    assert GetRequest(stream="s", domain="d", app="a", limit=3).limit == 3
    assert str(inspect.signature(GetRequest)) == (
        "(*, stream: 'str', domain: 'str', app: 'str', limit: 'int | None' = None) -> 'None'"
    )
    assert str(inspect.signature(ListResponse)) == (
        "(*, request_id: 'str' = '', raw: 'dict[str, Any]' = None,"
        " filters: 'list[Filter] | None' = None) -> 'None'"
    )


def _reference(*, stream: str, domain: str, app: str, limit: int | None = None) -> None:
    """What Python itself says for a keyword-only `__init__` written out."""


@pytest.mark.parametrize(
    "values",
    [{}, {"stream": "s", "app": "a"}, {"app": "a"}, {"stream": "s", "domain": "d", "x": 1}],
)
def test_init_mistakes_raise_pythons_own_type_errors(values: dict[str, Any]) -> None:
    with pytest.raises(TypeError) as ours:
        GetRequest(**values)
    with pytest.raises(TypeError) as pythons:
        _reference(**values)
    expected = str(pythons.value).replace("_reference()", "GetRequest.__init__()")
    assert str(ours.value) == expected and "GetRequest.__init__() " in expected


def test_init_refuses_positional_arguments_and_from_wire_checks_required() -> None:
    with pytest.raises(
        TypeError, match=r"^GetRequest.__init__\(\) takes 1 positional argument but 2"
    ):
        GetRequest("s")  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'app'"):
        GetRequest.from_wire({"Stream": "s", "Domain": "d"})
    assert GetRequest.from_wire({"Stream": "s", "Domain": "d", "App": "a", "Limit": 2}) == (
        GetRequest(stream="s", domain="d", app="a", limit=2)
    )


def test_response_defaults_are_fresh_per_instance_and_survive_copies() -> None:
    first, second = ListResponse(), ListResponse(raw=None)
    assert first.request_id == "" and first.raw == {} and first.filters is None
    assert first.raw is not second.raw and second.raw == {}
    first.raw["x"] = 1
    assert ListResponse().raw == {} and ListResponse(request_id="r", raw={"a": 1}).raw == {"a": 1}
    response = ListResponse.from_wire({"Filters": [{"Name": "a"}], "RequestId": "r-1"})
    assert pickle.loads(pickle.dumps(response)) == response == copy.deepcopy(response)
    assert repr(copy.copy(response)) == (
        "ListResponse(filters=[Filter(name='a', ratio=None)], request_id='r-1')"
    )


def test_a_subclass_has_its_own_fields_even_after_its_base_was_used() -> None:
    assert Filter(name="a").name == "a"  # the base's table is made now

    class Wider(Filter):
        _wire_ = Filter._wire_ + (("extra", "Extra", "Integer"),)
        extra: int

    assert Wider(extra=1, name="b").to_wire() == {"Name": "b", "Extra": 1}
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'extra'"):
        Wider()
    with pytest.raises(TypeError, match="unexpected keyword argument 'extra'"):
        Filter(extra=1)  # type: ignore[call-arg]
