"""The engine on the answer shapes inference now reads: a list (and its total) inside the one
structure an answer wraps it in, a new id answered deep in a structure, and a resource that
no action lists (Get, Modify and Delete answer from what Create made)."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.resources import IdFormat, ResourceEngine, ResourceMeta
from tcgen.runtime.mock.synth import synthesize

STRUCTURES: dict[str, tuple[Any, ...]] = {
    "Task": (("TaskId", "String", True), ("Name", "String", True)),
    "TaskPage": (("TotalCount", "Integer", True), ("Items", "Array of Task", True)),
    "Made": (("Data", "MadeData", True), ("Code", "Integer", True)),
    "MadeData": (("TaskId", "String", True),),
}


def _action(name: str, inputs: tuple[Any, ...], outputs: tuple[Any, ...]) -> ActionMeta:
    return ActionMeta(name, inputs, (*outputs, ("RequestId", "String", True)), (), None, False)


ACTIONS = {
    "CreateTask": _action("CreateTask", (("Name", "String", True),), (("Result", "Made", True),)),
    "ListTasks": _action(
        "ListTasks",
        (("PageNumber", "Integer", False), ("PageSize", "Integer", False)),
        (("Data", "TaskPage", True),),
    ),
    "GetTask": _action("GetTask", (("TaskId", "String", True),), (("Data", "Task", True),)),
    "DeleteTask": _action("DeleteTask", (("TaskId", "String", True),), ()),
}
TASK = ResourceMeta(
    name="Task", id_member="TaskId", id_type="String", id_format=IdFormat(prefix="task-"),
    create="CreateTask", describe="ListTasks", list_member="Data.Items",
    total_member="Data.TotalCount", get="GetTask", delete="DeleteTask",
    page_member="PageNumber", page_size_member="PageSize",
)  # fmt: skip


def _engine(resource: ResourceMeta) -> tuple[ResourceEngine, Any]:
    engine = ResourceEngine({resource.name: resource}, ACTIONS, STRUCTURES, seed=1)
    state: dict[str, Any] = {}

    def call(action: str, **params: Any) -> dict[str, Any]:
        output = ACTIONS[action].output
        return engine.answer(action, params, state, lambda: synthesize(output, STRUCTURES))

    return engine, call


def test_a_list_inside_a_wrapper_is_listed_counted_and_paged() -> None:
    _, call = _engine(TASK)
    ids = [call("CreateTask", Name=name)["Result"]["Data"]["TaskId"] for name in "abc"]
    assert len(set(ids)) == 3 and all(one.startswith("task-") for one in ids)
    page = call("ListTasks", PageNumber=2, PageSize=2)["Data"]
    assert page["TotalCount"] == 3
    assert [(one["TaskId"], one["Name"]) for one in page["Items"]] == [(ids[2], "c")]


def test_a_resource_no_action_lists_is_kept_for_get_and_delete() -> None:
    engine, call = _engine(TASK._replace(describe=None, list_member="", total_member=None))
    made = call("CreateTask", Name="nightly")["Result"]["Data"]["TaskId"]
    assert call("GetTask", TaskId=made)["Data"] == {"TaskId": made, "Name": "nightly"}
    with pytest.raises(Fault) as unknown:
        call("GetTask", TaskId="task-unknown1")
    assert unknown.value.code == "ResourceNotFound"
    call("DeleteTask", TaskId=made)
    with pytest.raises(Fault) as gone:
        call("DeleteTask", TaskId=made)
    assert gone.value.code == "ResourceNotFound"
    assert not engine.handles("ListTasks")  # not the block's: answered as documented


def test_a_keyed_resource_no_action_lists_refuses_duplicates_and_unknown_keys() -> None:
    database = ResourceMeta(
        name="Database", id_member="", id_type="", create="CreateTask", describe=None,
        list_member="", key=("Name",), delete="DeleteTask", aliases=(("TaskId", "Name"),),
        exists="FailedOperation.DatabaseExists",
    )  # fmt: skip
    _, call = _engine(database)
    call("CreateTask", Name="orders")
    with pytest.raises(Fault) as taken:
        call("CreateTask", Name="orders")
    assert taken.value.code == "FailedOperation.DatabaseExists"
    call("DeleteTask", TaskId="orders")
    with pytest.raises(Fault) as gone:
        call("DeleteTask", TaskId="orders")
    assert gone.value.code == "ResourceNotFound"
    call("CreateTask", Name="orders")  # deleted: the name is free again
