"""The generic resource engine over a small spec of its own: create, list, get, modify, delete."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.resources import IdFormat, ResourceEngine, ResourceMeta
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
    name="Widget", id_member="WidgetId", id_type="String", id_format=IdFormat(prefix="wdg-"),
    create="CreateWidget", describe="DescribeWidgets", list_member="WidgetSet",
    total_member="TotalCount", filter_member="WidgetIds", get="DescribeWidget",
    modify=("ModifyWidget",), delete="DeleteWidgets", not_found="ResourceNotFound.Widget",
    offset_member="Offset", limit_member="Limit",
)  # fmt: skip


class Engine:
    def __init__(self, resource: ResourceMeta = WIDGET, seed: int = 1) -> None:
        self.engine = ResourceEngine({resource.name: resource}, ACTIONS, STRUCTURES, seed=seed)
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
    numbered = WIDGET._replace(id_type="Int64", id_format=IdFormat(), not_found=None)
    call = Engine(numbered)
    assert [call("CreateWidget", Name="a")["WidgetId"] for _ in range(3)] == [1000, 1001, 1002]
    # the list documents the id as a String (VOD's templates' Definition): it answers one
    assert [
        one["WidgetId"] for one in call("DescribeWidgets", WidgetIds=["1001"])["WidgetSet"]
    ] == ["1001"]
    with pytest.raises(Fault) as raised:
        call("DescribeWidget", WidgetId=5)
    assert raised.value.code == "ResourceNotFound"


def test_only_its_actions_are_handled() -> None:
    engine = Engine().engine
    assert {a for a in ACTIONS if engine.handles(a)} == set(ACTIONS)
    assert not engine.handles("DescribeRegions")
    assert _rules()[0].handles("DisableRule")


def test_ids_follow_the_format_are_deterministic_and_unique() -> None:
    for form, pattern in [
        (IdFormat(prefix="ins-"), r"ins-[a-z0-9]{8}"),
        (IdFormat(length=12, alphabet="A-Z0-9"), r"[A-Z0-9]{12}"),
        (IdFormat(prefix="x-", length=5, alphabet="0-9"), r"x-[0-9]{5}"),
        (IdFormat(length=20, alphabet="a-zA-Z0-9"), r"[a-zA-Z0-9]{20}"),
    ]:
        call = Engine(WIDGET._replace(id_format=form))
        ids = [call("CreateWidget", Name=str(i))["WidgetId"] for i in range(50)]
        assert all(re.fullmatch(pattern, one) for one in ids), (form, ids[:3])
        assert len(set(ids)) == 50
        again = Engine(WIDGET._replace(id_format=form))
        assert [again("CreateWidget", Name="x")["WidgetId"] for _ in range(50)] == ids
        other = Engine(WIDGET._replace(id_format=form), seed=2)
        assert other("CreateWidget", Name="x")["WidgetId"] != ids[0]
    numbered = Engine(WIDGET._replace(id_type="UInt64", id_format=IdFormat(digits=6)))
    assert [numbered("CreateWidget", Name="a")["WidgetId"] for _ in range(2)] == [100000, 100001]


def test_a_taken_id_is_never_issued_again() -> None:
    call = Engine()
    first = Engine()("CreateWidget", Name="a")["WidgetId"]
    call.state = {"resources": {"Widget": {first: {"WidgetId": first, "Name": "seeded"}}}}
    made = call("CreateWidget", Name="b")["WidgetId"]
    assert made != first and call("DescribeWidgets")["TotalCount"] == 2


# A resource whose Create answers no id: a rule named by the request (domain, app, stream).
# fmt: off
RULE_STRUCTURES = {
    "Rule": (
        ("DomainName", "String", True), ("AppName", "String", True),
        ("StreamName", "String", True), ("TemplateId", "Int64", True),
        ("Status", "Integer", True), ("Label", "String", True),
    ),
}
RULE_ACTIONS = {
    "CreateRule": _action(
        "CreateRule",
        (("DomainName", "String", True), ("AppName", "String", False),
         ("StreamName", "String", False), ("TemplateId", "Int64", True),
         ("Tag", "String", False)),
        (),
    ),
    "DescribeRules": _action(
        "DescribeRules",
        (("TemplateIds", "Array of Int64", False), ("Prefix", "String", False),
         ("PageNum", "Integer", False), ("PageSize", "Integer", False)),
        (("Total", "Integer", True), ("Rules", "Array of Rule", True)),
    ),
    "DeleteRule": _action(
        "DeleteRule",
        (("DomainName", "String", True), ("AppName", "String", False),
         ("StreamName", "String", False)),
        (),
    ),
    "ModifyRule": _action(
        "ModifyRule", (("DomainName", "String", True), ("TemplateId", "Int64", False)), ()
    ),
    "DisableRule": _action("DisableRule", (("DomainName", "String", True),), ()),
}
RULE = ResourceMeta(
    name="Rule", id_member="", id_type="", create="CreateRule", describe="DescribeRules",
    list_member="Rules", total_member="Total", modify=("ModifyRule",), delete="DeleteRule",
    key=("DomainName", "AppName", "StreamName"), exists="InvalidParameter.RuleExists",
    fields=(("Label", "Tag"),), match=(("TemplateIds", "TemplateId", False),
    ("Prefix", "DomainName", True)), defaults=(("Status", 1),),
    sets=(("DisableRule", (("Status", 0),)),), page_member="PageNum", page_size_member="PageSize",
)
# fmt: on


def _rules() -> tuple[ResourceEngine, dict[str, Any], Any]:
    engine = ResourceEngine({"Rule": RULE}, RULE_ACTIONS, RULE_STRUCTURES)
    state: dict[str, Any] = {}

    def call(action: str, **params: Any) -> dict[str, Any]:
        output = RULE_ACTIONS[action].output
        return engine.answer(action, params, state, lambda: synthesize(output, RULE_STRUCTURES))

    return engine, state, call


def test_a_keyed_resource_round() -> None:
    _, state, call = _rules()
    assert call("CreateRule", DomainName="a.com", AppName="live", TemplateId=7, Tag="t") == {}
    call("CreateRule", DomainName="b.com", TemplateId=8)
    with pytest.raises(Fault) as raised:
        call("CreateRule", DomainName="b.com", TemplateId=9)  # same key: "" app and stream
    assert raised.value.code == "InvalidParameter.RuleExists"
    listed = call("DescribeRules")
    assert listed["Total"] == 2
    first, second = listed["Rules"]
    assert (first["DomainName"], first["AppName"], first["StreamName"]) == ("a.com", "live", "")
    assert (first["Label"], first["Status"], second["TemplateId"]) == ("t", 1, 8)
    assert [r["DomainName"] for r in call("DescribeRules", TemplateIds=[8, 99])["Rules"]] == [
        "b.com"
    ]
    assert call("DescribeRules", TemplateIds=[])["Total"] == 2  # an empty filter filters nothing
    assert call("DescribeRules", Prefix="a.")["Total"] == 1
    page = call("DescribeRules", PageNum=2, PageSize=1)
    assert page["Total"] == 2 and [r["DomainName"] for r in page["Rules"]] == ["b.com"]
    assert call("DescribeRules", PageNum=3, PageSize=1)["Rules"] == []
    call("ModifyRule", DomainName="b.com", TemplateId=10)
    call("DisableRule", DomainName="b.com")
    changed = call("DescribeRules", Prefix="b")["Rules"][0]
    assert (changed["TemplateId"], changed["Status"]) == (10, 0)
    call("DeleteRule", DomainName="a.com", AppName="live")
    assert [r["DomainName"] for r in call("DescribeRules")["Rules"]] == ["b.com"]
    with pytest.raises(Fault) as raised:
        call("DeleteRule", DomainName="a.com", AppName="live")
    assert raised.value.code == "ResourceNotFound" and "a.com, live" in raised.value.message
    assert list(state["resources"]["Rule"]) == ['["b.com", "", ""]']


def test_a_key_member_left_out_is_its_default() -> None:
    """SCF's functions: `Namespace` omitted is `default`, when creating and when naming."""
    rule = RULE._replace(defaults=(("Status", 1), ("AppName", "live")))
    engine = ResourceEngine({"Rule": rule}, RULE_ACTIONS, RULE_STRUCTURES)
    state: dict[str, Any] = {}
    answer = engine.answer
    answer("CreateRule", {"DomainName": "a.com", "TemplateId": 7}, state, dict)
    assert list(state["resources"]["Rule"]) == ['["a.com", "live", ""]']
    with pytest.raises(Fault):  # the same key, the default given by name
        answer(
            "CreateRule", {"DomainName": "a.com", "AppName": "live", "TemplateId": 8}, state, dict
        )
    answer("DeleteRule", {"DomainName": "a.com"}, state, dict)
    assert state["resources"]["Rule"] == {}


def test_an_undeclared_total_still_counts_the_listed_items() -> None:
    engine = ResourceEngine({"Widget": WIDGET._replace(total_member=None)}, ACTIONS, STRUCTURES)
    state: dict[str, Any] = {}
    documented = {"TotalCount": 7, "WidgetSet": [{"WidgetId": "wdg-doc"}]}
    for name in ("a", "b"):
        engine.answer("CreateWidget", {"Name": name}, state, lambda: {"WidgetId": ""})
    listed = engine.answer("DescribeWidgets", {}, state, lambda: dict(documented))
    assert listed["TotalCount"] == len(listed["WidgetSet"]) == 2
