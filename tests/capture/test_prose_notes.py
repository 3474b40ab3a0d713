# ruff: noqa: E501  (page rows stay one line each, as on a page)
"""What a page says in its descriptions beyond the table: example values, nullable fields.

Pages written here in both languages; the merge with tccli keeps what the page states.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tcgen.sources.capture import notes, tree
from tcgen.spec.merge import combine, merge, page_only

from .conftest import capture, load

PAGE = """## 1. API Description

Domain name for API request: cvm.tencentcloudapi.com.

This API is used to query key pairs.

## 2. Input Parameters

| Parameter Name | Required | Type | Description |
|---------|---------|---------|---------|
| Action | Yes | String | Common parameter. The value used for this API: DescribeKeyPairs |
| Version | Yes | String | Common parameter. The value used for this API: 2017-03-12 |
| Limit | No | Integer | Number of results.<br>Example value: 20 |
| Zone | No | String | Zone.<br>Example value: `ap-guangzhou-3`. |
| Ids | No | Array of String | IDs.<br>Example value: ["skey-1", "skey-2"] |
| Name | No | String | Name. Example value: a, or Example value: b |

## 3. Output Parameters

| Parameter Name | Type | Description |
|---------|---------|---------|
| TotalCount | Integer | Total.<br>Note: This field may return null, indicating that no valid values can be obtained. |
| Owner | String | 所有者。<br>注意：此字段可能返回 null，表示取不到有效值。<br>示例值：100001 |
| Hint | String | Hint. It may not be null. |
| RequestId | String | The unique request ID. |
"""


def _captured(tmp_path: Path) -> Any:
    page = tmp_path / "DescribeKeyPairs.md"
    page.write_text(PAGE, encoding="utf-8")
    result = tree.plan([page], tmp_path / "spec", None)
    assert not result.problems
    (action,) = [data for path, data in result.files.items() if path.parent.name == "actions"]
    return action


def test_example_values_and_null_notes_where_unambiguous(tmp_path: Path) -> None:
    action = _captured(tmp_path)
    inputs = {p["name"]: p for p in action["input"]}
    assert inputs["Limit"]["example"] == 20
    assert inputs["Zone"]["example"] == "ap-guangzhou-3"
    assert inputs["Ids"]["example"] == ["skey-1", "skey-2"]
    assert "example" not in inputs["Name"]  # two values: which one is a guess
    assert inputs["Limit"]["description"] == "Number of results.\nExample value: 20"
    outputs = {p["name"]: p for p in action["output"]}
    assert outputs["TotalCount"]["nullable"] is True
    assert outputs["Owner"] == {**outputs["Owner"], "nullable": True, "example": "100001"}
    assert "nullable" not in outputs["Hint"] and "nullable" not in outputs["RequestId"]
    assert action["source"]["pageNotes"] == [
        "input.Ids.example",
        "input.Limit.example",
        "input.Zone.example",
        "output.Owner.example",
        "output.Owner.nullable",
        "output.TotalCount.nullable",
    ]


@pytest.mark.parametrize(
    ("description", "example"),
    [
        ("Offset.\n示例值：0", 0),
        ("Switch.\nExample value: true", True),
        ("Ratio. Example value: 0.5", 0.5),
        ("Text.\n示例值：无", None),
        ("Offset. Example value: 10. The default is 0.", None),
        ("Offset.\nExample value:", None),
        ("ExampleValue: 3", None),
    ],
)
def test_example_value_wordings(description: str, example: object) -> None:
    kind = "String" if "Text" in description else "Float" if "Ratio" in description else "Integer"
    kind = "Boolean" if "Switch" in description else kind
    parameters = [{"name": "P", "type": kind, "description": description}]
    notes.read(parameters, "input")
    assert parameters[0].get("example") == example


TCCLI = {
    "action": "DescribeKeyPairs",
    "description": "",
    "region": {"required": True},
    "input": [
        {"name": "Limit", "type": "Int64", "required": False, "description": "", "example": 5},
        {"name": "Zone", "type": "String", "required": False, "description": ""},
        {"name": "Offset", "type": "Int64", "required": False, "description": "", "example": 0},
    ],
    "output": [
        {"name": "TotalCount", "type": "Int64", "description": "", "nullable": False},
        {"name": "RequestId", "type": "String", "description": "", "example": "r-1"},
    ],
    "examples": [],
    "errorCodes": [],
    "source": {"kind": "tccli"},
}


def test_the_page_keeps_what_it_states_in_either_order(tmp_path: Path) -> None:
    page = _captured(tmp_path)
    page_first = combine(combine(None, page, "page"), TCCLI, "tccli")
    tccli_first = combine(combine(None, TCCLI, "tccli"), page, "page")
    assert page_first == tccli_first == merge(page, TCCLI)
    assert combine(page_first, TCCLI, "tccli") == page_first
    assert combine(page_first, page, "page") == page_first
    limit = {p["name"]: p for p in page_first["input"]}["Limit"]
    assert (limit["type"], limit["example"]) == ("Int64", 20)  # the page's value, tccli's width
    total, request_id = page_first["output"][0], page_first["output"][-1]
    assert total["nullable"] is True and request_id["example"] == "r-1"
    alone = page_only(page_first)  # a refined width stays: it is exact
    assert [{**p, "type": "Integer"} if p["name"] == "Limit" else p for p in alone["input"]] == (
        page["input"]
    )


def test_a_page_that_stops_stating_a_value_gives_it_back_to_tccli(tmp_path: Path) -> None:
    page = _captured(tmp_path)
    merged = merge(page, TCCLI)
    silent = {
        **page,
        "input": [{k: v for k, v in p.items() if k != "example"} for p in page["input"]],
        "source": {"kind": "page", "pageNotes": ["output.TotalCount.nullable"]},
    }
    again = combine(merged, silent, "page")
    limit = {p["name"]: p for p in again["input"]}["Limit"]
    assert "example" not in limit  # the old page's 20 is not tccli's to give
    assert combine(again, TCCLI, "tccli")["input"][0]["example"] == 5


def test_captured_notes_validate_and_land_in_the_tree(tmp_path: Path, empty_spec: Path) -> None:
    page = tmp_path / "DescribeKeyPairs.md"
    page.write_text(PAGE, encoding="utf-8")
    assert capture(page, "--spec-dir", empty_spec) == 0
    data = load(empty_spec / "cvm" / "2017-03-12" / "actions" / "DescribeKeyPairs.json")
    assert data["input"][0]["example"] == 20
    assert "output.TotalCount.nullable" in data["source"]["pageNotes"]
