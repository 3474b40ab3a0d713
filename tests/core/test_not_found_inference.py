"""`spec/infer/notfound.py`: the other actions recorded as answering a resource's not-found
code, only where that cannot wrongly refuse a call."""

from __future__ import annotations

from typing import Any

from tcgen.spec.infer.notfound import naming_references, with_naming
from tcgen.spec.infer.shapes import ActionShape, Member

CODE = "ResourceNotFound.Widget"
BLOCK: dict[str, Any] = {
    "name": "Widget",
    "id": {"member": "WidgetId", "type": "String", "format": {"prefix": "wd-", "length": 8}},
    "create": "CreateWidget",
    "describe": "DescribeWidgets",
    "delete": "DeleteWidget",
    "notFound": CODE,
}


def action(name: str, *members: Member, errors: tuple[str, ...] = (CODE,)) -> ActionShape:
    return ActionShape(name, members, (), errors)


ONE = Member("WidgetId", "String", required=True)
MANY = Member("WidgetIds", "Array of String", required=True)
ACTIONS = {
    shape.name: shape
    for shape in (
        action("CreateWidget", ONE),  # a Create: the id cannot exist yet
        action("DeleteWidget", ONE),  # the block's own: the engine answers it
        action("DescribeWidgets", Member("WidgetIds", "Array of String")),  # optional filter
        action("RunWidget", ONE),  # makes one too
        action("ResizeWidget", ONE),
        action("DescribeWidgetLimits", MANY),
        action("DescribeWidgetSet", Member("WidgetIdSet", "Array of String", required=True)),
        action("TagWidget", ONE, errors=()),  # documents no code
        action("PaintWidget", Member("WidgetId", "Integer", required=True)),  # not the id's type
    )
}


def test_actions_requiring_the_id_and_documenting_the_code() -> None:
    assert naming_references(BLOCK, ACTIONS) == [
        {"input": "WidgetId", "resource": "Widget", "actions": ["ResizeWidget"]},
        {"input": "WidgetIdSet", "resource": "Widget", "actions": ["DescribeWidgetSet"]},
        {"input": "WidgetIds", "resource": "Widget", "actions": ["DescribeWidgetLimits"]},
    ]


def test_nothing_without_a_prefixed_format_or_a_code() -> None:
    unformatted = {**BLOCK, "id": {"member": "WidgetId", "type": "String"}}
    assert naming_references(unformatted, ACTIONS) == []
    assert naming_references({k: v for k, v in BLOCK.items() if k != "notFound"}, ACTIONS) == []


def test_references_by_hand_are_kept() -> None:
    given = {"input": "WidgetIds", "resource": "Widget", "actions": ["DescribeWidgetLimits"]}
    block = with_naming({**BLOCK, "references": [given]}, ACTIONS)
    assert block["references"][0] == given
    listed = [name for one in block["references"] for name in one["actions"]]
    assert sorted(listed) == ["DescribeWidgetLimits", "DescribeWidgetSet", "ResizeWidget"]
    assert with_naming({**BLOCK, "notFound": "Other"}, ACTIONS) == {**BLOCK, "notFound": "Other"}
