"""Answers that agree with each other: values made at creation (`assigned`, `derived`), what
becomes of a resource whose referenced one is deleted (`onDelete`, `cascade.py`), list items
added and removed by actions (`extend`, `remove`), and fixed values beside a modify's changes.
Over a small spec of the test's own, unit by unit (the SDK scenarios in tests/scenarios)."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.runtime.mock.assigned import ACCOUNT_UIN, derive, placeholders
from tcgen.runtime.mock.cascade import leaving, reconcile
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.lifecycle import Lifecycle
from tcgen.runtime.mock.references import Reference
from tcgen.runtime.mock.resources import ResourceEngine, ResourceMeta
from tcgen.runtime.mock.synth import synthesize
from tcgen.runtime.mock.views import Collect, collected

from tests.runtime.mock.test_lifecycles import _action

S, A, N = "String", "Array of String", "Integer"
STRUCTURES = {
    "Box": (
        ("BoxId", S, True),
        ("BoxState", S, True),
        ("Serial", N, True),
        ("Arn", S, True),
        ("Tags", N, True),
    ),
    "Tag": (("TagId", S, True), ("BoxId", S, True), ("Bound", "Boolean", True)),
    "Slot": (("BoxId", S, True), ("Port", N, True), ("Weight", N, True), ("Name", S, True)),
    "Rack": (("RackId", S, True), ("Slots", "Array of Slot", True)),
}
ACTIONS = {
    "RunBox": _action(
        "RunBox",
        (("Name", S, False),),
        (("BoxId", S, True), ("Serial", N, True), ("Deal", A, True)),
    ),
    "DescribeBoxes": _action(
        "DescribeBoxes", (("BoxIds", A, False),), (("BoxSet", "Array of Box", True),)
    ),
    "GetBox": _action("GetBox", (("BoxId", S, True),), (("Box", "Box", True), ("Note", S, True))),
    "TerminateBox": _action("TerminateBox", (("BoxId", S, True),)),
    "CreateTag": _action("CreateTag", (("Sticky", "Boolean", False),), (("TagId", S, True),)),
    "DescribeTags": _action("DescribeTags", (), (("TagSet", "Array of Tag", True),)),
    "BindTag": _action("BindTag", (("TagId", S, True), ("BoxId", S, True))),
    "UnbindTag": _action("UnbindTag", (("TagId", S, True),)),
    "CreateRack": _action("CreateRack", (), (("RackId", S, True),)),
    "DescribeRacks": _action("DescribeRacks", (), (("RackSet", "Array of Rack", True),)),
    "AddSlots": _action("AddSlots", (("RackId", S, True), ("Slots", "Array of Slot", True))),
    "DropSlots": _action("DropSlots", (("RackId", S, True), ("Slots", "Array of Slot", True))),
}
BOX = ResourceMeta(
    name="Box", id_member="BoxId", id_type=S, create="RunBox", describe="DescribeBoxes",
    list_member="BoxSet", filter_member="BoxIds", get="GetBox",
    lifecycle=Lifecycle(
        member="BoxState", initial="RUNNING", next=(("SHUTDOWN", None),),
        moves=(("TerminateBox", (), ("SHUTDOWN",), None),),
    ),
    assigned=(("Serial", N, ("", 8, "a-z0-9", 7)), ("Deal", S, ("", 12, "0-9", 4))),
    derived=(("Arn", "qcs::box::uin/{uin}:box/{Name}/{BoxId}"),),
    collect=(Collect("Tags", "Tag", "BoxId"),),
)  # fmt: skip
TAG = ResourceMeta(
    name="Tag", id_member="TagId", id_type=S, create="CreateTag", describe="DescribeTags",
    list_member="TagSet", modify=("BindTag", "UnbindTag"),
    sets=(("BindTag", (("Bound", True),)), ("UnbindTag", (("Bound", False), ("BoxId", None)))),
    references=(
        Reference("BoxId", "Box", actions=("BindTag",),
                  on_delete=("Sticky", (("Bound", False), ("BoxId", None)))),
    ),
)  # fmt: skip
RACK = ResourceMeta(
    name="Rack", id_member="RackId", id_type=S, create="CreateRack", describe="DescribeRacks",
    list_member="RackSet", extend=("AddSlots",), remove=("DropSlots",),
    item_defaults=(("Slots", (("Weight", 10),)),),
    references=(
        Reference("Slots.BoxId", "Box", not_found="Box.NotFound", actions=("AddSlots",),
                  fill=(("Slots.Name", "Name"),), on_delete=(True, ())),
    ),
)  # fmt: skip


class Engine:
    def __init__(self) -> None:
        resources = {"Box": BOX, "Tag": TAG, "Rack": RACK}
        self.engine = ResourceEngine(resources, ACTIONS, STRUCTURES, pace=60)
        self.state: dict[str, Any] = {}
        self.engine.connect(lambda: self.state)

    def __call__(self, action: str, **params: Any) -> dict[str, Any]:
        output = ACTIONS[action].output
        example = {name: "example" for name, type_, _ in output if type_ == S}
        return self.engine.answer(
            action, params, self.state, lambda: {**synthesize(output, STRUCTURES), **example}
        )


def test_assigned_values_are_made_once_and_every_read_shows_them() -> None:
    engine = Engine()
    made = engine("RunBox", Name="a")
    other = engine("RunBox", Name="b")
    assert made["Serial"] == 1000000 and other["Serial"] == 1000001
    assert len(made["Deal"]) == 1 and made["Deal"][0].isdigit() and len(made["Deal"][0]) == 12
    [listed] = engine("DescribeBoxes", BoxIds=[made["BoxId"]])["BoxSet"]
    got = engine("GetBox", BoxId=made["BoxId"])
    assert listed["Serial"] == got["Box"]["Serial"] == made["Serial"]
    assert got["Note"] == ""  # not the example's value: it describes another resource
    assert listed["Arn"] == f"qcs::box::uin/{ACCOUNT_UIN}:box/a/{made['BoxId']}"


def test_a_template_names_stored_members_and_the_account() -> None:
    assert derive("{uin}/{Name}/{Gone}", {"Name": "n"}) == f"{ACCOUNT_UIN}/n/"
    assert placeholders("qcs::cam::uin/{uin}:roleName/{RoleName}") == ["RoleName"]


def test_deleting_a_referenced_resource_sets_or_deletes_what_names_it() -> None:
    engine = Engine()
    box = engine("RunBox", Name="a")["BoxId"]
    loose, sticky = (engine("CreateTag", Sticky=flag)["TagId"] for flag in (False, True))
    for tag in (loose, sticky):
        engine("BindTag", TagId=tag, BoxId=box)
    assert [t["Bound"] for t in engine("DescribeTags")["TagSet"]] == [True, True]
    assert engine("DescribeBoxes")["BoxSet"][0]["Tags"] == 2  # collected from the tags
    assert engine("GetBox", BoxId=box)["Box"]["Tags"] == 2
    engine("TerminateBox", BoxId=box)  # SHUTDOWN: on its way out, seen as gone at once
    assert engine("DescribeTags")["TagSet"] == [{"TagId": loose, "BoxId": "", "Bound": False}]


def test_a_fixed_null_beside_a_modify_removes_the_member() -> None:
    engine = Engine()
    box = engine("RunBox")["BoxId"]
    tag = engine("CreateTag")["TagId"]
    engine("BindTag", TagId=tag, BoxId=box)
    assert engine.state["resources"]["Tag"][tag]["BoxId"] == box
    engine("UnbindTag", TagId=tag)
    assert "BoxId" not in engine.state["resources"]["Tag"][tag]
    assert engine.state["resources"]["Tag"][tag]["Bound"] is False


def test_list_items_are_added_checked_filled_removed_and_dropped_with_what_they_name() -> None:
    engine = Engine()
    one, two = (engine("RunBox", Name=name)["BoxId"] for name in ("one", "two"))
    rack = engine("CreateRack")["RackId"]
    engine(
        "AddSlots",
        RackId=rack,
        Slots=[{"BoxId": one, "Port": 80, "Weight": 5}, {"BoxId": two, "Port": 80}],
    )
    with pytest.raises(Fault) as caught:
        engine("AddSlots", RackId=rack, Slots=[{"BoxId": "box-gone", "Port": 80}])
    assert caught.value.code == "Box.NotFound"

    def slots() -> list[tuple[str, int, str]]:
        [listed] = engine("DescribeRacks")["RackSet"]
        return [(s["BoxId"], s["Port"], s["Name"]) for s in listed["Slots"]]

    assert slots() == [(one, 80, "one"), (two, 80, "two")]
    weights = [s["Weight"] for s in engine("DescribeRacks")["RackSet"][0]["Slots"]]
    assert weights == [5, 10]
    engine("DropSlots", RackId=rack, Slots=[{"BoxId": two, "Port": 80}])
    assert slots() == [(one, 80, "one")]
    engine("AddSlots", RackId=rack, Slots=[{"BoxId": two, "Port": 81}])
    engine("TerminateBox", BoxId=one)
    assert slots() == [(two, 81, "two")]


def test_a_read_collects_what_the_resources_naming_it_hold() -> None:
    naming = [{"BoxId": "b1", "TagId": "t1"}, {"BoxId": "b2", "TagId": "t2"}, {"TagId": "t3"}]
    count = Collect("Tags", "Tag", "BoxId")
    values = Collect("TagIds", "Tag", "BoxId", value="TagId")
    shaped = Collect("TagSet", "Tag", "BoxId", fields=(("Id", "TagId"), ("Box", "BoxId")))
    assert collected(count, "b1", 0, naming) == 1
    assert collected(values, "b1", ["t0"], naming) == ["t0", "t1"]
    assert collected(shaped, "b2", None, naming) == [{"Id": "t2", "Box": "b2"}]
    assert collected(count, "b1", 7, naming) == 8  # counts add up over several entries


def test_reconcile_leaves_alone_what_names_nothing_or_a_live_resource() -> None:
    reference = Reference("BoxId", "Box", on_delete=(False, (("BoxId", None),)))
    records = {"t1": {"BoxId": "b1"}, "t2": {"BoxId": ""}, "t3": {"BoxId": "b2"}}
    reconcile((reference,), records, lambda _, value: value == "b2")
    assert records == {"t1": {"BoxId": "b1"}, "t2": {"BoxId": ""}, "t3": {}}
    assert leaving(BOX.lifecycle, {"BoxState": "SHUTDOWN"})
    assert not leaving(BOX.lifecycle, {"BoxState": "RUNNING"})
    assert not leaving(Lifecycle(), {})
