"""A page whose example answers Server-Sent Events: the example is kept with its `events`
(the data of each) and the action gets its `stream` block, as `import-tccli` does."""

from __future__ import annotations

from pathlib import Path

from .conftest import PAGES, capture, load
from .test_example_problems import OUTPUT, PAGE

EVENTS = 'data: {"Seq": 0, "RequestId": "r-1"}\n\ndata: {"Seq": 1, "RequestId": "r-1"}'


def test_streamed_example_is_kept_and_marks_the_action(empty_spec: Path, tmp_path: Path) -> None:
    page = tmp_path / "DropLiveStream.txt"
    assert PAGE.count(OUTPUT) == 1
    page.write_text(PAGE.replace(OUTPUT, EVENTS), encoding="utf-8")
    assert capture(page, "--spec-dir", empty_spec) == 0
    action = load(empty_spec / "live" / "2018-08-01" / "actions" / "DropLiveStream.json")
    (example,) = action["examples"]
    assert example["events"] == [{"Seq": 0, "RequestId": "r-1"}, {"Seq": 1, "RequestId": "r-1"}]
    assert example["response"] == {"RequestId": "r-1"}
    assert action["stream"] == {}  # DropLiveStream has no Stream member: always streamed


def test_unreadable_event_costs_only_its_example(
    empty_spec: Path, tmp_path: Path, capsys: object
) -> None:
    page = tmp_path / "DropLiveStream.txt"
    page.write_text(PAGE.replace(OUTPUT, 'data: {"Seq": 0,\n\ndata: {}'), encoding="utf-8")
    assert capture(page, "--spec-dir", empty_spec) == 0
    action = load(empty_spec / "live" / "2018-08-01" / "actions" / "DropLiveStream.json")
    assert action["examples"] == [] and "stream" not in action


def test_the_plain_page_has_no_stream(spec_copy: Path) -> None:
    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 0
    action = load(spec_copy / "live" / "2018-08-01" / "actions" / "DropLiveStream.json")
    assert "stream" not in action and all("events" not in e for e in action["examples"])
