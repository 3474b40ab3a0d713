"""Page data wins where both exist; tccli fills in only what the page lacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tcgen.spec_merge import MergeError, merge_action, merge_structure, refined_type

from .conftest import ROOT, read

PAGE: dict[str, Any] = {
    "action": "Act",
    "description": "From the page.",
    "rateLimit": 20,
    "region": {"required": True, "regions": ["ap-guangzhou"]},
    "input": [
        {"name": "Limit", "type": "Integer", "required": False, "description": "Page limit."},
        {"name": "Old", "type": "String", "required": False, "description": "Only on page."},
    ],
    "output": [{"name": "RequestId", "type": "String", "description": "Page id."}],
    "examples": [],
    "errorCodes": [{"code": "FailedOperation", "description": "Failed."}],
    "source": {"kind": "page", "updated": "2023-01-01"},
}
IMPORTED: dict[str, Any] = {
    "action": "Act",
    "title": "Does it",
    "description": "From tccli.",
    "region": {"required": False},
    "input": [
        {"name": "New", "type": "Boolean", "required": True, "description": "Only tccli."},
        {
            "name": "Limit",
            "type": "Int64",
            "required": True,
            "description": "tccli limit.",
            "example": 10,
            "nullable": True,
        },
    ],
    "output": [{"name": "RequestId", "type": "String", "description": "tccli id."}],
    "examples": [{"title": "T", "request": {"method": "POST", "params": {}}, "response": {}}],
    "errorCodes": [],
    "source": {"kind": "tccli"},
}


def test_page_wins_and_tccli_fills_gaps() -> None:
    merged = merge_action(PAGE, IMPORTED)
    for key in ("description", "rateLimit", "region", "errorCodes", "source"):
        assert merged[key] == PAGE[key]
    assert merged["title"] == "Does it"
    assert merged["examples"] == IMPORTED["examples"]
    assert merged["input"] == [
        {
            "name": "Limit",
            "type": "Int64",
            "required": False,
            "description": "Page limit.",
            "example": 10,
            "nullable": True,
        },
        PAGE["input"][1],
        IMPORTED["input"][0],
    ]
    assert merged["output"] == PAGE["output"]


def test_merge_is_idempotent_and_keeps_page_examples() -> None:
    once = merge_action(PAGE, IMPORTED)
    assert merge_action(once, IMPORTED) == once
    page_examples = [{"title": "Page", "request": {"method": "GET", "params": {}}, "response": {}}]
    assert merge_action({**PAGE, "examples": page_examples}, IMPORTED)["examples"] == page_examples


def test_structures_merge_member_by_member() -> None:
    page = {"name": "Tag", "description": "Page tag.", "members": [PAGE["input"][0]]}
    imported = {"name": "Tag", "description": "tccli tag.", "members": IMPORTED["input"]}
    merged = merge_structure(page, imported)
    assert merged["description"] == "Page tag."
    assert [m["name"] for m in merged["members"]] == ["Limit", "New"]
    assert merged["members"][0]["type"] == "Int64"


@pytest.mark.parametrize(
    ("page", "imported", "expected"),
    [
        ("Integer", "Int64", "Int64"),
        ("Integer", "UInt64", "UInt64"),
        ("Array of Integer", "Array of UInt64", "Array of UInt64"),
        ("Integer", "Array of Int64", "Integer"),
        ("Integer", "Float", "Integer"),
        ("String", "Timestamp", "String"),
    ],
)
def test_only_integer_width_is_refined(page: str, imported: str, expected: str) -> None:
    assert refined_type(page, imported) == expected


def test_malformed_page_file_cannot_be_merged() -> None:
    with pytest.raises(MergeError, match="'input' is not a list of parameters"):
        merge_action({**PAGE, "input": [{"name": "X"}]}, IMPORTED)


def test_importing_live_keeps_drop_live_stream_page_data(imported: Path) -> None:
    page = read(ROOT / "spec/live/2018-08-01/actions/DropLiveStream.json")
    merged = read(imported / "live/2018-08-01/actions/DropLiveStream.json")
    for key in ("errorCodes", "rateLimit", "region", "description", "examples", "source"):
        assert merged[key] == page[key]
    assert merged["title"] == "Pauses a live stream"
    for page_parameter, parameter in zip(page["input"], merged["input"], strict=True):
        assert parameter == {**page_parameter, "example": parameter["example"]}
    assert [p["example"] for p in merged["input"]] == [
        "stream1",
        "5000.livepush.myqcloud.com",
        "live",
    ]
    assert read(imported / "live/2018-08-01/service.json")["title"] == "Cloud Streaming Services"
