"""The generic resource engine over a small spec of its own: create, list, get, modify, delete."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.resources import ResourceEngine, ResourceMeta
from tcgen.runtime.mock.synth import synthesize

STRUCTURES = {
    "Widget": (("WidgetId", "String", True), ("Name", "String", True), ("Size", "Integer", True)),
}
IDS = ("WidgetIds", "Array of String", False)


def _action(name: str, inputs: tuple[Any, ...], outputs: tuple[Any, ...]) -> ActionMeta:
    return ActionMeta(name, inputs, (*outputs, ("RequestId", "String", True)), (), None, False)


ACTIONS = {
    "CreateWidget": _action(
        "CreateWidget",
        (("Name", "String", True), ("Size", "Integer", False)),
        (("WidgetId", "String", True),),
    ),
    "DescribeWidgets": _action(
        "DescribeWidgets",
        (IDS, ("Offset", "Integer", False), ("Limit", "Integer", False)),
        (("TotalCount", "Integer", True), ("WidgetSet", "Array of Widget", True)),
    ),
    "DescribeWidget": _action(
        "DescribeWidget", (("WidgetId", "String", True),), (("Widget", "Widget", True),)
    ),
    "ModifyWidget": _action(
        "ModifyWidget", (("WidgetId", "String", True), ("Name", "String", False)), ()
    ),
    "DeleteWidgets": _action("DeleteWidgets", (IDS,), ()),
}
WIDGET = ResourceMeta(
    name="Widget", id_member="WidgetId", id_type="String", id_prefix="wdg-",
    create="CreateWidget", describe="DescribeWidgets", list_member="WidgetSet",
    total_member="TotalCount", filter_member="WidgetIds", get="DescribeWidget",
    modify=("ModifyWidget",), delete="DeleteWidgets", not_found="ResourceNotFound.Widget",
    offset_member="Offset", limit_member="Limit",
)  # fmt: skip


class Engine:
    def __init__(self, resource: ResourceMeta = WIDGET) -> None:
        self.engine = ResourceEngine(
            {resource.name: resource}, ACTIONS, STRUCTURES, random.Random(1)
        )
        self.state: dict[str, Any] = {}

    def __call__(self, action: str, **params: Any) -> dict[str, Any]:
        output = ACTIONS[action].output
        return self.engine.answer(
            action, params, self.state, lambda: synthesize(output, STRUCTURES)
        )


def test_created_resources_are_listed_filtered_and_paged() -> None:
    call = Engine()
    ids = [call("CreateWidget", Name=f"w{i}", Size=i)["WidgetId"] for i in range(5)]
    assert all(re.fullmatch(r"wdg-[a-z0-9]{8}", one) for one in ids) and len(set(ids)) == 5
    listed = call("DescribeWidgets")
    assert listed["TotalCount"] == 5
    assert [(w["WidgetId"], w["Name"], w["Size"]) for w in listed["WidgetSet"]] == [
        (one, f"w{i}", i) for i, one in enumerate(ids)
    ]
    page = call("DescribeWidgets", Offset=3, Limit=10)
    assert page["TotalCount"] == 5 and [w["WidgetId"] for w in page["WidgetSet"]] == ids[3:]
    page = call("DescribeWidgets", Offset=1, Limit=2)
    assert page["TotalCount"] == 5 and [w["WidgetId"] for w in page["WidgetSet"]] == ids[1:3]
    chosen = call("DescribeWidgets", WidgetIds=[ids[4], ids[0]])
    assert chosen["TotalCount"] == 2
    assert {w["WidgetId"] for w in chosen["WidgetSet"]} == {ids[0], ids[4]}


def test_modify_get_and_delete() -> None:
    call = Engine()
    first, second = (call("CreateWidget", Name=name)["WidgetId"] for name in ("a", "b"))
    call("ModifyWidget", WidgetId=first, Name="renamed")
    assert call("DescribeWidget", WidgetId=first)["Widget"]["Name"] == "renamed"
    assert call("DescribeWidget", WidgetId=second)["Widget"]["Size"] == 0  # never given
    call("DeleteWidgets", WidgetIds=[first])
    listed = call("DescribeWidgets")
    assert listed["TotalCount"] == 1 and listed["WidgetSet"][0]["WidgetId"] == second
    for action, params in [
        ("DescribeWidget", {"WidgetId": first}),
        ("ModifyWidget", {"WidgetId": first, "Name": "x"}),
        ("DeleteWidgets", {"WidgetIds": [first, second]}),
        ("DeleteWidgets", {}),
    ]:
        with pytest.raises(Fault) as raised:
            call(action, **params)
        assert raised.value.code == "ResourceNotFound.Widget"
    assert call("DescribeWidgets")["TotalCount"] == 1  # a refused delete removes nothing


def test_integer_ids_count_up_and_not_found_defaults() -> None:
    numbered = WIDGET._replace(id_type="Int64", id_prefix="", not_found=None)
    call = Engine(numbered)
    assert [call("CreateWidget", Name="a")["WidgetId"] for _ in range(3)] == [1000, 1001, 1002]
    with pytest.raises(Fault) as raised:
        call("DescribeWidget", WidgetId=5)
    assert raised.value.code == "ResourceNotFound"


def test_only_its_actions_are_handled() -> None:
    engine = Engine().engine
    assert {a for a in ACTIONS if engine.handles(a)} == set(ACTIONS)
    assert not engine.handles("DescribeRegions")
