"""The `pagination` block: inferred where unambiguous, kept when set by hand, checked against
the action's members, order-independent in the merge, and reported by `tcgen diff`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tcgen.spec.infer.pagination import infer, settle
from tcgen.spec.merge import PAGE, TCCLI, combine

from .helpers import edit_json, tcgen

ACTION = Path("live/2018-08-01/actions/DropLiveStream.json")


def member(name: str, type_: str, required: bool | None = False) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "type": type_, "description": ""}
    if required is not None:
        data["required"] = required
    return data


def action(inputs: list[tuple[str, str]], outputs: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "action": "DescribeThings",
        "description": "",
        "region": {"required": False},
        "input": [member(n, t) for n, t in inputs],
        "output": [member(n, t, None) for n, t in [*outputs, ("RequestId", "String")]],
        "examples": [],
        "errorCodes": [],
    }


THINGS = ("ThingSet", "Array of Thing")
OFFSET = action([("Offset", "Integer"), ("Limit", "Integer")], [THINGS, ("TotalCount", "Integer")])


@pytest.mark.parametrize(
    ("inputs", "outputs", "block"),
    [
        (
            [("Offset", "Integer"), ("Limit", "Int64")],
            [THINGS, ("TotalCount", "Integer")],
            {"kind": "offset", "position": "Offset", "size": "Limit", "items": "ThingSet",
             "total": "TotalCount"},
        ),
        (
            [("PageNum", "Integer"), ("PageSize", "Integer")],
            [THINGS, ("TotalNum", "Integer"), ("TotalPage", "Integer")],
            {"kind": "page", "position": "PageNum", "size": "PageSize", "items": "ThingSet",
             "total": "TotalNum"},
        ),
        (
            [("NextToken", "String"), ("MaxResults", "Integer")],
            [THINGS, ("NextToken", "String")],
            {"kind": "token", "position": "NextToken", "size": "MaxResults", "items": "ThingSet",
             "next": "NextToken"},
        ),
        (
            [("Cursor", "String")],
            [THINGS, ("NextCursor", "String"), ("Total", "Integer"), ("TotalSize", "Integer")],
            {"kind": "token", "position": "Cursor", "items": "ThingSet", "next": "NextCursor"},
        ),
    ],
)  # fmt: skip
def test_unambiguous_shapes_are_inferred(
    inputs: list[tuple[str, str]], outputs: list[tuple[str, str]], block: dict[str, Any]
) -> None:
    assert infer(action(inputs, outputs)).block == block


@pytest.mark.parametrize(
    ("inputs", "outputs", "reason"),
    [
        ([("Offset", "Integer")], [THINGS], "no paging request members"),
        ([("Offset", "String"), ("Limit", "Integer")], [THINGS], "no paging request members"),
        ([("Page", "Integer"), ("PageNo", "Integer"), ("PageSize", "Integer")], [THINGS],
         "no paging request members"),
        ([("NextToken", "String")], [THINGS], "no paging request members"),
        ([("Offset", "Integer"), ("Limit", "Integer")], [("Thing", "Thing")],
         "no list among the response members"),
        ([("Offset", "Integer"), ("Limit", "Integer")], [THINGS, ("Ids", "Array of String")],
         "several lists among the response members"),
    ],
)  # fmt: skip
def test_ambiguous_shapes_are_not_inferred_and_say_why(
    inputs: list[tuple[str, str]], outputs: list[tuple[str, str]], reason: str
) -> None:
    assert infer(action(inputs, outputs)) == type(infer(OFFSET))(None, reason)


def test_a_block_in_the_file_wins_while_it_fits() -> None:
    inferred = settle(None, OFFSET)["pagination"]
    assert inferred["kind"] == "offset"
    by_hand = {**inferred, "total": None}
    del by_hand["total"]
    assert settle({**OFFSET, "pagination": by_hand}, OFFSET)["pagination"] == by_hand
    assert settle({**OFFSET, "pagination": False}, OFFSET)["pagination"] is False
    stale = {**inferred, "items": "Gone"}
    assert settle({**OFFSET, "pagination": stale}, OFFSET)["pagination"] == inferred
    assert "pagination" not in settle(None, action([], [THINGS]))


def test_capture_and_import_agree_in_either_order() -> None:
    page = {**OFFSET, "source": {"kind": PAGE}}
    tccli = {**OFFSET, "title": "T", "source": {"kind": TCCLI}}
    one = combine(combine(None, page, PAGE), tccli, TCCLI)
    other = combine(combine(None, tccli, TCCLI), page, PAGE)
    assert one == other and one["pagination"]["items"] == "ThingSet"


def _paginate(data: dict[str, Any], block: Any = None) -> None:
    data["input"] += [member("Offset", "Integer"), member("Limit", "Integer")]
    data["output"][:0] = [member("Streams", "Array of String", None)]
    if block is not None:
        data["pagination"] = block


def test_validate_locates_a_block_that_names_missing_members(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = {"kind": "offset", "position": "Offset", "size": "Size", "items": "AppName"}
    edit_json(spec_copy / ACTION, lambda d: _paginate(d, block))
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2 and "Traceback" not in run.err
    assert "#/pagination/size: pagination size: no request member Size" in run.err
    assert "#/pagination/items: pagination items: no response member AppName" in run.err
    edit_json(spec_copy / ACTION, lambda d: d.update(pagination={"kind": "token"}))
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2 and "#/pagination" in run.err


def test_diff_reports_the_block(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_json(spec_copy / ACTION, _paginate)
    new = tmp_path / "new"
    shutil.copytree(spec_copy, new)
    block = {"kind": "offset", "position": "Offset", "size": "Limit", "items": "Streams"}
    edit_json(new / ACTION, lambda d: d.update(pagination=block))

    def changes(old: Path, new: Path) -> dict[str, bool]:
        run = tcgen(capsys, "diff", old, new, "--format", "json")
        return {
            f"{c['location']}: {c['detail']}": c["breaking"] for c in json.loads(run.out)["changes"]
        }

    where = "live:2018-08-01 DropLiveStream pagination"
    assert changes(spec_copy, new) == {f"{where}: pagination (offset) added": False}
    assert changes(new, spec_copy) == {f"{where}: pagination removed": True}
    edit_json(spec_copy / ACTION, lambda d: d.update(pagination={**block, "size": "Offset"}))
    assert changes(spec_copy, new) == {f"{where}: pagination size Offset -> Limit": False}
