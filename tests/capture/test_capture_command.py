"""`tcgen capture` as a command: Data Types pages, problems and exit status, merging, writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tcgen.commands.main import main

from .conftest import LAYOUTS, PAGES, capture, load, snapshot

LIVE = Path("live") / "2018-08-01"
BROKEN_LINES = {"txt": 39, "md": 33, "html": 75}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_data_types_page_writes_one_file_per_structure(spec_copy: Path, layout: str) -> None:
    page = PAGES / f"LiveDataTypes.{layout}"
    assert capture(page, "--spec-dir", spec_copy, "--service", "live:2018-08-01") == 0
    types = spec_copy / LIVE / "types"
    assert sorted(p.name for p in types.glob("*.json")) == [
        "BillDataInfo.json",
        "PublishTime.json",
        "StreamOnlineInfo.json",
    ]
    online = load(types / "StreamOnlineInfo.json")
    assert online["description"] == "Queries active push information"
    assert [(m["name"], m["type"], m["required"]) for m in online["members"]] == [
        ("StreamName", "String", True),
        ("PublishTimeList", "Array of PublishTime", True),
        ("AppName", "String", True),
        ("DomainName", "String", True),
    ]
    publish = load(types / "PublishTime.json")
    assert publish["members"][0]["type"] == "Timestamp ISO8601"
    assert publish["members"][0]["description"] == (
        "Push time.\nIn UTC format, such as 2018-06-29T19:00:00Z."
    )
    bill = load(types / "BillDataInfo.json")  # no Required column: members are not required
    assert {m["required"] for m in bill["members"]} == {False}
    assert [m["name"] for m in bill["members"]] == ["Time", "Bandwidth", "Flux", "PeakTime"]


def test_data_types_go_to_the_service_captured_with_them(spec_copy: Path) -> None:
    pages = [PAGES / "LiveDataTypes.md", PAGES / "DescribeLiveStreamOnlineList.txt"]
    assert capture(*pages, "--spec-dir", spec_copy) == 0
    assert (spec_copy / LIVE / "types" / "StreamOnlineInfo.json").exists()
    assert main(["validate", "--spec-dir", str(spec_copy)]) == 0


def test_data_types_page_without_a_service_is_a_problem(
    empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert capture(PAGES / "LiveDataTypes.txt", "--spec-dir", empty_spec) == 2
    assert "--service SERVICE:VERSION" in capsys.readouterr().err
    assert not any(empty_spec.iterdir())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_unreadable_row_exits_2_naming_the_line_and_writes_nothing(
    spec_copy: Path, layout: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(spec_copy)
    page = PAGES / f"BrokenForbidLiveStream.{layout}"
    assert capture(page, PAGES / "DescribeInstances.txt", "--spec-dir", spec_copy) == 2
    err = capsys.readouterr().err
    assert f"BrokenForbidLiveStream.{layout}#L{BROKEN_LINES[layout]}: cannot read table row" in err
    assert "Required must be Yes or No, not 'Maybe'" in err
    assert "Reason" in err
    assert snapshot(spec_copy) == before  # not even the good page was written


@pytest.mark.parametrize("layout", LAYOUTS)
def test_lenient_writes_what_it_could_and_warns(
    spec_copy: Path, layout: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = PAGES / f"BrokenForbidLiveStream.{layout}"
    assert capture(page, "--spec-dir", spec_copy, "--lenient") == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: ")
    assert f"#L{BROKEN_LINES[layout]}: cannot read table row" in err
    data = load(spec_copy / LIVE / "actions" / "ForbidLiveStream.json")
    assert [p["name"] for p in data["input"]] == [
        "AppName",
        "DomainName",
        "StreamName",
        "ResumeTime",
    ]


@pytest.mark.parametrize("kind", ["tccli", "page+tccli"])
def test_merge_keeps_what_only_tccli_knows(spec_copy: Path, kind: str) -> None:
    path = spec_copy / LIVE / "actions" / "DropLiveStream.json"
    earlier = load(path)
    earlier["source"] = {"kind": kind}
    earlier["title"] = "Pauses a live stream."
    earlier["description"] = "An outdated description."
    earlier["input"][0]["example"] = "stream1"
    earlier["input"][0]["description"] = "Outdated."
    earlier["output"][0]["nullable"] = False
    earlier["input"].append(
        {"name": "Gone", "type": "String", "required": False, "description": ""}
    )
    path.write_text(json.dumps(earlier), encoding="utf-8")

    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 0
    merged = load(path)
    assert merged["title"] == "Pauses a live stream."
    assert merged["description"].startswith("This API is used to pause a live stream.")
    assert merged["input"][0] == {
        "name": "StreamName",
        "type": "String",
        "required": True,
        "description": "The stream name.",
        "example": "stream1",
    }
    assert merged["output"][0]["nullable"] is False
    assert [p["name"] for p in merged["input"]] == ["StreamName", "DomainName", "AppName"]
    assert merged["source"] == {"kind": "page+tccli", "updated": "2023-09-06 15:06:27"}
    assert list(merged)[:3] == ["action", "title", "description"]  # canonical key order


def test_recapture_replaces_what_a_page_wrote(spec_copy: Path) -> None:
    """A file holding only a page's data is the page's: a recapture writes the page afresh."""
    path = spec_copy / LIVE / "actions" / "DropLiveStream.json"
    path.unlink()
    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 0
    committed = path.read_bytes()
    earlier = load(path)
    assert earlier["source"]["kind"] == "page"
    earlier["title"] = "Hand-made."
    earlier["input"][0]["example"] = "stream1"
    path.write_text(json.dumps(earlier), encoding="utf-8")
    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 0
    assert path.read_bytes() == committed


def test_recapture_changes_nothing(spec_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [PAGES / "ForbidLiveStream.md", PAGES / "LiveDataTypes.html"]
    assert capture(*pages, "--spec-dir", spec_copy) == 0
    first = snapshot(spec_copy)
    capsys.readouterr()
    assert capture(*pages, "--spec-dir", spec_copy) == 0
    assert snapshot(spec_copy) == first
    assert "(0 files changed)" in capsys.readouterr().out


def test_invalid_existing_file_is_reported_not_overwritten(spec_copy: Path) -> None:
    path = spec_copy / LIVE / "actions" / "DropLiveStream.json"
    path.write_text('{"action": "DropLiveStream"}', encoding="utf-8")
    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 2
    assert path.read_text(encoding="utf-8") == '{"action": "DropLiveStream"}'


def test_missing_page_is_a_problem_not_a_traceback(
    empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert capture(empty_spec / "nope.txt", "--spec-dir", empty_spec) == 2
    assert "nope.txt: cannot read page" in capsys.readouterr().err


def test_subprocess_capture_and_validate(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    command = [sys.executable, "-m", "tcgen", "capture", "--spec-dir", str(spec)]
    pages = [
        str(PAGES / f"{name}.html") for name in ("DescribeLiveStreamOnlineList", "LiveDataTypes")
    ]
    done = subprocess.run(command + pages, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "types/StreamOnlineInfo.json" in done.stdout
    broken = subprocess.run(
        command + [str(PAGES / "BrokenForbidLiveStream.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    assert "BrokenForbidLiveStream.txt#L39" in broken.stderr
