"""`tcgen diff` classification, and the version bump + changelog a regeneration records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tcgen.diff.changes import input_type_change_breaks

from .helpers import edit_json, tcgen

ACTION = Path("live/2018-08-01/actions/DropLiveStream.json")
PACKAGE = "live_v20180801"


@pytest.fixture
def trees(spec_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    new = tmp_path / "new"
    shutil.copytree(spec_copy, new)
    return spec_copy, new


def diff(capsys: pytest.CaptureFixture[str], old: Path, new: Path) -> tuple[int, dict[str, Any]]:
    run = tcgen(capsys, "diff", old, new, "--format", "json")
    assert run.status in (0, 1), run.err
    return run.status, json.loads(run.out)


def details(report: dict[str, Any]) -> dict[str, bool]:
    return {f"{c['location']}: {c['detail']}": c["breaking"] for c in report["changes"]}


def test_identical_trees(trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, report = diff(capsys, *trees)
    assert status == 0
    assert {k: v for k, v in report.items() if k not in ("old", "new")} == {
        "failOn": "breaking",
        "policy": None,
        "total": 0,
        "breaking": 0,
        "warning": 0,
        "deprecated": 0,
        "accepted": 0,
        "failing": 0,
        "changes": [],
        "unusedAcceptances": [],
    }


def test_non_breaking_update(trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = trees

    def update(data: dict[str, Any]) -> None:
        data["input"].append(
            {"name": "Reason", "type": "String", "required": False, "description": "Why."}
        )
        data["input"][2]["required"] = False
        data["output"].append({"name": "State", "type": "String", "description": "State."})
        data["errorCodes"].append({"code": "FailedOperation.Busy", "description": "Busy."})
        data["description"] += " Updated."
        data["title"] = "Drops a stream"

    edit_json(new / ACTION, update)
    status, report = diff(capsys, old, new)
    where = "live:2018-08-01 DropLiveStream"
    assert status == 0
    assert details(report) == {
        f"{where}: description changed": False,
        f"{where}: title 'Pauses a live stream' -> 'Drops a stream'": False,
        f"{where} errors: error code FailedOperation.Busy added": False,
        f"{where} input.AppName: required True -> False": False,
        f"{where} input.Reason: parameter Reason added": False,
        f"{where} output.State: output State added": False,
    }


FORCE = {"name": "Force", "type": "Boolean", "required": True, "description": ""}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["input"].append(FORCE), "input.Force: required parameter Force added"),
        (lambda d: d["input"].pop(), "input.AppName: parameter AppName removed"),
        (lambda d: d["output"].pop(), "output.RequestId: output RequestId removed"),
        (
            lambda d: d["input"][0].update(type="Integer"),
            "input.StreamName: type String -> Integer",
        ),
        (lambda d: d["region"].update(required=True), ": Region required False -> True"),
    ],
)
def test_breaking_changes_exit_1(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str], change: Any, expected: str
) -> None:
    old, new = trees
    edit_json(new / ACTION, change)
    status, report = diff(capsys, old, new)
    assert status == 1
    assert details(report) == {
        f"live:2018-08-01 DropLiveStream{'' if expected.startswith(':') else ' '}{expected}": True
    }


def test_optional_made_required_is_breaking(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    edit_json(old / ACTION, lambda d: d["input"][2].update(required=False))
    status, report = diff(capsys, old, new)
    assert status == 1
    assert details(report) == {
        "live:2018-08-01 DropLiveStream input.AppName: required False -> True": True
    }


def test_removed_action_and_text_and_markdown(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    (new / ACTION).unlink()
    run = tcgen(capsys, "diff", old, new)
    assert run.status == 1
    assert "BREAKING live:2018-08-01 DropLiveStream: action DropLiveStream removed" in run.out
    run = tcgen(capsys, "diff", old, new, "--format", "markdown")
    assert (
        "| BREAKING | `live:2018-08-01 DropLiveStream` | action DropLiveStream removed |" in run.out
    )


@pytest.mark.parametrize(
    ("old", "new", "breaks"),
    [
        ("Integer", "Int64", False),
        ("UInt64", "Integer", False),
        ("Integer", "Float", False),
        ("Int64", "UInt64", True),
        ("Float", "Integer", True),
        ("String", "Array of String", True),
        ("Array of Int64", "Array of Integer", False),
        ("StreamInfo", "OtherInfo", True),
    ],
)
def test_input_type_widening(old: str, new: str, breaks: bool) -> None:
    assert input_type_change_breaks(old, new) is breaks


def test_invalid_tree_is_a_usage_error(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    edit_json(new / ACTION, lambda d: d.pop("input"))
    run = tcgen(capsys, "diff", old, new)
    assert run.status == 2
    assert "DropLiveStream.json" in run.err and "'input' is a required property" in run.err


def _generate(capsys: pytest.CaptureFixture[str], spec: Path, out: Path) -> dict[str, Any]:
    run = tcgen(capsys, "generate", "--spec-dir", spec, "--out", out)
    assert run.status == 0, run.err
    record: dict[str, Any] = json.loads((out / PACKAGE / "_release.json").read_text())
    return record


def test_regeneration_bumps_version_and_keeps_a_changelog(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert _generate(capsys, spec_copy, out)["version"] == "1.0.0"
    assert _generate(capsys, spec_copy, out)["version"] == "1.0.0"  # unchanged spec, same release
    edit_json(
        spec_copy / ACTION,
        lambda d: d["input"].append(
            {"name": "Reason", "type": "String", "required": False, "description": ""}
        ),
    )
    assert _generate(capsys, spec_copy, out)["version"] == "1.1.0"
    edit_json(spec_copy / ACTION, lambda d: d.update(description="Pauses a stream."))
    assert _generate(capsys, spec_copy, out)["version"] == "1.1.1"
    edit_json(spec_copy / ACTION, lambda d: d["input"].pop())
    assert _generate(capsys, spec_copy, out)["version"] == "2.0.0"
    assert tcgen(capsys, "check", "--spec-dir", spec_copy, "--out", out).status == 0
    changelog = (out / PACKAGE / "CHANGELOG.md").read_text()
    versions = [line for line in changelog.splitlines() if line.startswith("## ")]
    assert versions == ["## 2.0.0", "## 1.1.1", "## 1.1.0", "## 1.0.0"]
    assert "- `live:2018-08-01 DropLiveStream input.Reason`: parameter Reason removed" in changelog
    assert "### Breaking" in changelog
    meta = (out / PACKAGE / "_meta.py").read_text()
    assert 'PACKAGE_VERSION = "2.0.0"' in meta


def test_changelog_lists_deprecations_and_warnings_and_names_the_deprecating_release(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    edit_json(
        spec_copy / ACTION,
        lambda d: d["output"].insert(
            0, {"name": "DroppedAt", "type": "Timestamp", "description": "When."}
        ),
    )
    assert _generate(capsys, spec_copy, out)["version"] == "1.0.0"
    edit_json(spec_copy / ACTION, lambda d: d["input"][2].update(deprecated=True))
    assert _generate(capsys, spec_copy, out)["version"] == "1.1.0"  # deprecation: minor
    edit_json(spec_copy / ACTION, lambda d: d["output"][0].update(type="Timestamp ISO8601"))
    record = _generate(capsys, spec_copy, out)
    assert record["version"] == "1.1.1"
    assert record["history"][0]["changes"][0]["warning"] is True
    edit_json(spec_copy / ACTION, lambda d: d["input"].pop())
    assert _generate(capsys, spec_copy, out)["version"] == "2.0.0"
    assert tcgen(capsys, "check", "--spec-dir", spec_copy, "--out", out).status == 0
    changelog = (out / PACKAGE / "CHANGELOG.md").read_text()
    where = "live:2018-08-01 DropLiveStream"
    assert (
        f"### Breaking\n\n- `{where} input.AppName`: parameter AppName removed "
        "(deprecated since 1.1.0)\n" in changelog
    )
    assert (
        f"### Warnings\n\n- `{where} output.DroppedAt`: type Timestamp -> Timestamp ISO8601 "
        "(documented format of an output changed)\n" in changelog
    )
    assert f"### Deprecated\n\n- `{where} input.AppName`: parameter AppName deprecated\n" in (
        changelog
    )


def test_mock_resources_are_reported_and_never_break(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    manifest = Path("live/2018-08-01/service.json")
    block = {"name": "Stream", "id": {"key": ["StreamName"]}, "create": "A", "describe": "B"}
    blocks = [{**block, "list": "Items"}, {**block, "name": "Gone", "list": "Items"}]
    edit_json(old / manifest, lambda data: data.update(resources=blocks))
    changed = [{**blocks[0], "list": "Streams"}, {**block, "name": "New", "list": "Items"}]
    edit_json(new / manifest, lambda data: data.update(resources=changed))
    status, report = diff(capsys, old, new)
    assert status == 0 and report["breaking"] == 0
    assert details(report) == {
        "live:2018-08-01 resource Gone: resource Gone removed": False,
        "live:2018-08-01 resource New: resource New added": False,
        "live:2018-08-01 resource Stream: resource list changed": False,
    }


def test_a_resource_lifecycle_or_code_change_is_a_warning(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    manifest = Path("live/2018-08-01/service.json")
    states = {"member": "Status", "initial": "PENDING", "next": {"PENDING": "RUNNING"}}
    block = {"name": "Stream", "id": {"key": ["StreamName"]}, "create": "A", "describe": "B",
             "list": "Items", "states": states, "notFound": "ResourceNotFound"}  # fmt: skip
    edit_json(old / manifest, lambda data: data.update(resources=[block]))
    stops = {"actions": {"C": {"from": ["RUNNING"], "to": "STOPPED"}}}
    changed = {**block, "states": {**states, **stops}, "total": "Count"}
    edit_json(new / manifest, lambda data: data.update(resources=[changed]))
    status, report = diff(capsys, old, new)
    assert status == 0 and report["breaking"] == 0 and report["warning"] == 1
    assert details(report) == {
        "live:2018-08-01 resource Stream: resource states changed: the mock answers other "
        "states, codes or values (new states: STOPPED)": False,
        "live:2018-08-01 resource Stream: resource total changed": False,
    }


def test_a_constraint_or_address_change_is_a_warning(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    manifest = Path("live/2018-08-01/service.json")
    block = {"name": "Net", "id": {"key": ["Name"]}, "create": "A", "describe": "B",
             "list": "Items", "unique": ["Name"]}  # fmt: skip
    edit_json(old / manifest, lambda data: data.update(resources=[block]))
    changed = {
        **block,
        "unique": [{"members": ["Name", "Port"], "code": "InvalidParameter.PortCheckFailed"}],
        "cidrs": [{"member": "CidrBlock", "malformed": "InvalidParameterValue.Malformed"}],
        "allocate": [{"member": "Ip", "pool": "43.130.0.0/16"}],
        "idempotent": True,
    }
    edit_json(new / manifest, lambda data: data.update(resources=[changed]))
    status, report = diff(capsys, old, new)
    assert status == 0 and report["breaking"] == 0 and report["warning"] == 1
    assert details(report) == {
        "live:2018-08-01 resource Net: resource allocate, cidrs, idempotent, unique changed: "
        "the mock answers other states, codes or values": False,
    }
