"""One merge rule: page data wins where both exist; tccli fills in only what the page lacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tcgen.spec.merge import combine, merge, page_only, provenance, refined_type

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
    merged = merge(PAGE, IMPORTED)
    for key in ("description", "rateLimit", "region", "errorCodes"):
        assert merged[key] == PAGE[key]
    assert merged["title"] == "Does it"
    assert merged["examples"] == IMPORTED["examples"]
    assert merged["source"] == {
        "kind": "page+tccli",
        "updated": "2023-01-01",
        "examplesFrom": "tccli",
    }
    assert merged["input"] == [  # page order; `New`, only in tccli, is not part of the page's API
        {
            "name": "Limit",
            "type": "Int64",
            "required": False,
            "description": "Page limit.",
            "example": 10,
            "nullable": True,
        },
        PAGE["input"][1],
    ]
    assert merged["output"] == PAGE["output"]


def test_merge_is_idempotent_and_order_independent() -> None:
    page_first = combine(combine(None, PAGE, "page"), IMPORTED, "tccli")
    tccli_first = combine(combine(None, IMPORTED, "tccli"), PAGE, "page")
    assert page_first == tccli_first == merge(PAGE, IMPORTED)
    assert combine(page_first, IMPORTED, "tccli") == page_first
    assert combine(page_first, PAGE, "page") == page_first


def test_page_examples_win_and_their_origin_is_recorded() -> None:
    page_examples = [{"title": "Page", "request": {"method": "GET", "params": {}}, "response": {}}]
    page = {**PAGE, "examples": page_examples}
    merged = merge(page, IMPORTED)
    assert merged["examples"] == page_examples
    assert "examplesFrom" not in merged["source"]
    # tccli's examples in a merged file are tccli's: a newer model replaces them ...
    newer = {**IMPORTED, "examples": [{**IMPORTED["examples"][0], "title": "New"}]}
    assert combine(merge(PAGE, IMPORTED), newer, "tccli")["examples"] == newer["examples"]
    # ... and a page's examples are the page's: a recapture without them drops them.
    assert combine(merged, {**page, "examples": []}, "page")["examples"] == []


def test_a_newer_model_replaces_what_tccli_supplied() -> None:
    merged = merge(PAGE, IMPORTED)
    newer = {
        **IMPORTED,
        "deprecated": True,
        "input": [{**IMPORTED["input"][1], "type": "UInt64", "example": 7, "nullable": False}],
    }
    del newer["title"]
    again = combine(merged, newer, "tccli")
    assert "title" not in again
    assert again["deprecated"] is True
    assert again["input"][0] == {
        "name": "Limit",
        "type": "UInt64",
        "required": False,
        "description": "Page limit.",
        "example": 7,
        "nullable": False,
    }


def test_page_only_strips_the_tccli_side() -> None:
    merged = merge(PAGE, IMPORTED)
    limit = {**PAGE["input"][0], "type": "Int64"}  # a refined width stays: it is exact
    assert page_only(merged) == {**PAGE, "input": [limit, PAGE["input"][1]]}
    assert provenance(page_only(merged)) == {"page"}


def test_files_without_source_count_as_pages() -> None:
    hand = {key: value for key, value in PAGE.items() if key != "source"}
    assert provenance(hand) == {"page"}
    assert combine(hand, IMPORTED, "tccli")["source"] == {
        "kind": "page+tccli",
        "examplesFrom": "tccli",
    }


def test_structures_merge_member_by_member() -> None:
    page = {
        "name": "Tag",
        "description": "Page tag.",
        "members": [PAGE["input"][0]],
        "source": {"kind": "page"},
    }
    imported = {
        "name": "Tag",
        "description": "tccli tag.",
        "members": IMPORTED["input"],
        "source": {"kind": "tccli"},
    }
    merged = combine(imported, page, "page")
    assert merged == combine(page, imported, "tccli")
    assert merged["description"] == "Page tag."
    assert [m["name"] for m in merged["members"]] == ["Limit"]
    assert merged["members"][0]["type"] == "Int64"
    assert merged["source"] == {"kind": "page+tccli"}


@pytest.mark.parametrize(
    ("page", "imported", "expected"),
    [
        ("Integer", "Int64", "Int64"),
        ("Integer", "UInt64", "UInt64"),
        ("Array of Integer", "Array of UInt64", "Array of UInt64"),
        ("Integer", "Array of Int64", "Integer"),
        ("Integer", "Float", "Integer"),
        ("Int64", "UInt64", "UInt64"),
        ("Array of Array of Integer", "Array of Array of Int64", "Array of Array of Int64"),
        ("Array of Integer", "Int64", "Array of Integer"),
        ("String", "Timestamp", "String"),
    ],
)
def test_only_integer_width_is_refined(page: str, imported: str, expected: str) -> None:
    assert refined_type(page, imported) == expected


def test_importing_live_keeps_drop_live_stream_page_data(imported: Path) -> None:
    page = read(ROOT / "spec/live/2018-08-01/actions/DropLiveStream.json")
    merged = read(imported / "live/2018-08-01/actions/DropLiveStream.json")
    for key in ("errorCodes", "rateLimit", "region", "description", "examples"):
        assert merged[key] == page[key]
    assert merged["source"] == {**page["source"], "kind": "page+tccli"}
    assert merged["title"] == "Pauses a live stream"
    for page_parameter, parameter in zip(page["input"], merged["input"], strict=True):
        assert parameter == {**page_parameter, "example": parameter["example"]}
    assert [p["example"] for p in merged["input"]] == [
        "stream1",
        "5000.livepush.myqcloud.com",
        "live",
    ]
    assert read(imported / "live/2018-08-01/service.json")["title"] == "Cloud Streaming Services"
