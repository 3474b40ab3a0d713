"""Lifecycles, counts, Filters and references of the resource engine, over a small spec of its
own with a clock the test moves: what the SDK scenarios (tests/scenarios) rely on, unit by unit."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.runtime.meta import ActionMeta, Paging
from tcgen.runtime.mock.constraints import Unique
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.lifecycle import Lifecycle
from tcgen.runtime.mock.references import Reference
from tcgen.runtime.mock.resources import ResourceEngine, ResourceMeta
from tcgen.runtime.mock.synth import synthesize

S, A = "String", "Array of String"
STRUCTURES = {
    "Box": (("BoxId", S, True), ("BoxState", S, True), ("Shelf", S, True), ("Slot", S, True)),
    "Shelf": (("ShelfId", S, True), ("Label", S, True)),
    "Filter": (("Name", S, True), ("Values", A, True)),
}


def _action(name: str, inputs: tuple[Any, ...], outputs: tuple[Any, ...] = ()) -> ActionMeta:
    return ActionMeta(name, inputs, (*outputs, ("RequestId", S, True)), (), None, False)


IDS = ("BoxIds", A, False)
ACTIONS = {
    "RunBoxes": _action(
        "RunBoxes",
        (("Count", "Integer", False), ("Shelf", S, False), ("Slots", A, False)),
        (("BoxIdSet", A, True),),
    ),
    "DescribeBoxes": _action(
        "DescribeBoxes",
        (IDS, ("Filters", "Array of Filter", False)),
        (("TotalCount", "Integer", True), ("BoxSet", "Array of Box", True)),
    ),
    "StopBoxes": _action("StopBoxes", (IDS,)),
    "TerminateBoxes": _action("TerminateBoxes", (IDS,)),
    "CreateShelf": _action("CreateShelf", (("Label", S, True),), (("ShelfId", S, True),)),
    "DescribeShelves": _action(
        "DescribeShelves", (("ShelfIds", A, False),), (("ShelfSet", "Array of Shelf", True),)
    ),
    "DeleteShelf": _action("DeleteShelf", (("ShelfId", S, True), ("Label", S, False))),
}
BOX = ResourceMeta(
    name="Box", id_member="BoxId", id_type=S, create="RunBoxes", describe="DescribeBoxes",
    list_member="BoxSet", total_member="TotalCount", filter_member="BoxIds",
    count_member="Count", each=(("Slots", "Slot"),),
    filters=(("box-state", "BoxState"), ("shelf", "Shelf")), bad_filter="InvalidFilter",
    lifecycle=Lifecycle(
        member="BoxState", initial="PENDING",
        next=(("PENDING", "RUNNING"), ("STOPPING", "STOPPED"), ("SHUTDOWN", None)),
        moves=(("StopBoxes", ("RUNNING",), ("STOPPING",), None),
               ("TerminateBoxes", ("RUNNING", "STOPPED"), ("SHUTDOWN",), "Box.Busy")),
        errors=(("STOPPED", "Box.Stopped"),),
    ),
    references=(Reference("Shelf", "Shelf", not_found="Shelf.NotFound"),),
)  # fmt: skip
SHELF = ResourceMeta(
    name="Shelf", id_member="ShelfId", id_type=S, create="CreateShelf",
    describe="DescribeShelves", list_member="ShelfSet", filter_member="ShelfIds",
    delete="DeleteShelf", in_use="Shelf.InUse", unique=(Unique(("Label",)),),
    exists="Shelf.Taken", lookup=("Label",),
)  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Engine:
    def __init__(self, pace: float = 5.0) -> None:
        self.clock = Clock()
        self.engine = ResourceEngine(
            {"Box": BOX, "Shelf": SHELF}, ACTIONS, STRUCTURES, clock=self.clock, pace=pace
        )
        self.state: dict[str, Any] = {}
        self.engine.connect(lambda: self.state)

    def __call__(self, action: str, **params: Any) -> dict[str, Any]:
        output = ACTIONS[action].output
        return self.engine.answer(
            action, params, self.state, lambda: synthesize(output, STRUCTURES)
        )

    def states(self) -> list[str]:
        return [box["BoxState"] for box in self("DescribeBoxes")["BoxSet"]]

    def fails(self, action: str, **params: Any) -> str:
        with pytest.raises(Fault) as caught:
            self(action, **params)
        return caught.value.code


def test_a_count_makes_that_many_and_each_takes_its_element() -> None:
    engine = Engine()
    shelf = engine("CreateShelf", Label="a")["ShelfId"]
    made = engine("RunBoxes", Count=3, Shelf=shelf, Slots=["x", "y"])["BoxIdSet"]
    assert len(set(made)) == 3
    boxes = engine("DescribeBoxes", BoxIds=made)["BoxSet"]
    assert [(b["BoxId"], b["Shelf"], b["Slot"]) for b in boxes] == [
        (made[0], shelf, "x"), (made[1], shelf, "y"), (made[2], shelf, ""),
    ]  # fmt: skip
    assert engine("RunBoxes", Slots=["p", "q"])["BoxIdSet"].__len__() == 2
    assert engine.fails("RunBoxes", Count=0) == "InvalidParameterValue"


def test_a_transitional_state_is_seen_once_or_ends_with_time() -> None:
    engine = Engine(pace=5.0)
    engine("RunBoxes")
    assert engine.states() == ["PENDING"]
    assert engine.states() == ["RUNNING"]
    engine("RunBoxes")
    engine.clock.now += 5.0  # unseen, but its time is up
    assert engine.states() == ["RUNNING", "RUNNING"]


def test_pace_zero_settles_at_once() -> None:
    engine = Engine(pace=0)
    [box] = engine("RunBoxes")["BoxIdSet"]
    assert engine.states() == ["RUNNING"]
    engine("StopBoxes", BoxIds=[box])
    assert engine.states() == ["STOPPED"]
    engine("TerminateBoxes", BoxIds=[box])
    assert engine.states() == []


def test_a_move_from_the_wrong_state_answers_that_state_s_code() -> None:
    engine = Engine()
    [box] = engine("RunBoxes")["BoxIdSet"]
    assert engine.fails("StopBoxes", BoxIds=[box]) == "UnsupportedOperation"  # PENDING
    engine.states()
    engine("StopBoxes", BoxIds=[box])
    assert engine.fails("TerminateBoxes", BoxIds=[box]) == "Box.Busy"  # STOPPING: its own code
    engine.states()
    assert engine.states() == ["STOPPED"]
    assert engine.fails("StopBoxes", BoxIds=[box]) == "Box.Stopped"
    engine("TerminateBoxes", BoxIds=[box])
    assert engine.states() == ["SHUTDOWN"]
    assert engine.states() == []
    assert engine.fails("StopBoxes", BoxIds=[box]) == "ResourceNotFound"


def test_filters_choose_and_an_unknown_name_is_the_block_s_code() -> None:
    engine = Engine(pace=0)
    shelf = engine("CreateShelf", Label="a")["ShelfId"]
    boxes = engine("RunBoxes", Count=2)["BoxIdSet"] + engine("RunBoxes", Shelf=shelf)["BoxIdSet"]
    engine("StopBoxes", BoxIds=boxes[:1])
    chosen = engine(
        "DescribeBoxes", Filters=[{"Name": "box-state", "Values": ["RUNNING", "PENDING"]}]
    )
    assert [b["BoxId"] for b in chosen["BoxSet"]] == boxes[1:] and chosen["TotalCount"] == 2
    on_shelf = engine("DescribeBoxes", Filters=[{"Name": "shelf", "Values": [shelf]}])["BoxSet"]
    assert [b["BoxId"] for b in on_shelf] == boxes[2:]
    assert engine.fails("DescribeBoxes", Filters=[{"Name": "x", "Values": []}]) == "InvalidFilter"


def test_references_must_exist_and_keep_what_they_name() -> None:
    engine = Engine(pace=0)
    assert engine.fails("RunBoxes", Shelf="shelf-none") == "Shelf.NotFound"
    shelf = engine("CreateShelf", Label="a")["ShelfId"]
    assert engine.fails("CreateShelf", Label="a") == "Shelf.Taken"
    [box] = engine("RunBoxes", Shelf=shelf)["BoxIdSet"]
    assert engine.fails("DeleteShelf", ShelfId=shelf) == "Shelf.InUse"
    engine("TerminateBoxes", BoxIds=[box])
    engine.states()
    engine("DeleteShelf", Label="a")  # named by its label (`lookup`)
    assert engine("DescribeShelves")["ShelfSet"] == []


def test_a_reference_to_another_service_is_checked_only_where_it_is_served() -> None:
    remote = BOX._replace(references=(Reference("Shelf", "Shelf", service="store"),))
    alone = ResourceEngine({"Box": remote}, ACTIONS, STRUCTURES, service="boxes", pace=0)
    state: dict[str, Any] = {}
    alone.connect(lambda: state)

    def run() -> dict[str, Any]:
        return alone.answer("RunBoxes", {"Shelf": "shelf-1"}, state, dict)

    assert len(run()["BoxIdSet"]) == 1  # no `store` here: nothing to check against
    store = Engine()
    store.engine.service = "store"
    alone.join(lambda name: store.engine if name == "store" else None, lambda: [alone])
    with pytest.raises(Fault) as caught:
        run()
    assert caught.value.code == "ResourceNotFound"
    shelf = store("CreateShelf", Label="b")["ShelfId"]
    assert len(alone.answer("RunBoxes", {"Shelf": shelf}, state, dict)["BoxIdSet"]) == 1


def test_without_paging_members_the_action_s_pagination_block_pages() -> None:
    paged = ACTIONS["DescribeBoxes"]._replace(
        input=(
            *ACTIONS["DescribeBoxes"].input,
            ("Offset", "Integer", False),
            ("Limit", "Integer", False),
        ),
        paging=Paging("offset", "Offset", "Limit", "BoxSet", "TotalCount", None),
    )
    engine = ResourceEngine({"Box": BOX}, {**ACTIONS, "DescribeBoxes": paged}, STRUCTURES, pace=0)
    state: dict[str, Any] = {}
    made = engine.answer("RunBoxes", {"Count": 3}, state, dict)["BoxIdSet"]
    page = engine.answer("DescribeBoxes", {"Offset": 1, "Limit": 1}, state, dict)
    assert [box["BoxId"] for box in page["BoxSet"]] == made[1:2] and page["TotalCount"] == 3
