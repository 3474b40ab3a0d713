"""A page update goes through the whole workflow and the result passes the contract suite.

Each scenario edits a copy of the DropLiveStream page as a real documentation update would,
captures it into a copy of spec/, checks how `tcgen diff` classifies it, regenerates into a
copy of generated/ (the previous release), checks the version bump and changelog, and runs
the contract suite on the regenerated package.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .support import PACKAGE, PAGE, ROOT, Workspace, changes, edit, run_contract

WHERE = "live:2018-08-01 DropLiveStream"
ORIGINAL = PAGE.read_text(encoding="utf-8")

ADD_OPTIONAL = (
    "AppName Yes String The push path",
    "Remark No String A note kept with the operation.\nAppName Yes String The push path",
)
ADD_ERROR_CODE = (
    "MissingParameter Parameter missing.",
    "MissingParameter Parameter missing.\nFailedOperation.StreamNotExist No such stream.",
)
REWORD = ("This API is used to pause a live stream.", "This API pauses a live stream.")


COMMITTED = [
    entry["version"]
    for entry in json.loads((ROOT / "generated" / PACKAGE / "_release.json").read_text())["history"]
]  # the committed package's release history, newest first


def minor(version: str) -> str:
    major, minor_, _ = (int(part) for part in version.split("."))
    return f"{major}.{minor_ + 1}.0"


def major(version: str) -> str:
    return f"{int(version.split('.')[0]) + 1}.0.0"


@pytest.fixture
def workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Workspace:
    return Workspace.create(tmp_path, capsys)


def assert_contract_passes(workspace: Workspace, vectors: Path | None = None) -> None:
    run = run_contract(workspace.spec, workspace.out, vectors)
    assert run.status == 0, run.output


def test_additive_update_is_a_minor_release(workspace: Workspace) -> None:
    old = workspace.snapshot("spec-before")
    workspace.capture(edit(ORIGINAL, ADD_OPTIONAL, ADD_ERROR_CODE, REWORD))
    status, report = workspace.diff(old)
    assert (status, report["breaking"]) == (0, 0)
    assert changes(report) == {
        (WHERE, "description changed", False),
        (f"{WHERE} input.Remark", "parameter Remark added", False),
        (f"{WHERE} errors", "error code FailedOperation.StreamNotExist added", False),
    }
    release = workspace.generate()
    assert [entry["version"] for entry in release["history"]] == [minor(COMMITTED[0]), *COMMITTED]
    assert f"## {minor(COMMITTED[0])}" in workspace.changelog
    assert "### Breaking" not in workspace.changelog
    assert f"- `{WHERE} input.Remark`: parameter Remark added" in workspace.changelog
    # The documented request is unchanged, so the committed golden vectors still hold.
    assert_contract_passes(workspace)


def test_parameter_made_required_is_a_major_release(workspace: Workspace) -> None:
    workspace.capture(edit(ORIGINAL, ADD_OPTIONAL))
    assert workspace.generate()["version"] == minor(COMMITTED[0])
    old = workspace.snapshot("spec-optional")
    required = ("Remark No String", "Remark Yes String")
    example = ('"AppName": "live",', '"AppName": "live",\n    "Remark": "maintenance",')
    workspace.capture(edit(ORIGINAL, ADD_OPTIONAL, required, example))
    status, report = workspace.diff(old)
    assert (status, report["breaking"]) == (1, 1)
    assert changes(report) == {
        (f"{WHERE} input.Remark", "required False -> True", True),
        (WHERE, "examples changed", False),
    }
    release = workspace.generate()
    added = minor(COMMITTED[0])
    assert [entry["version"] for entry in release["history"]] == [major(added), added, *COMMITTED]
    assert f"## {major(added)}\n\nSpec sha256:" in workspace.changelog
    assert (
        f"### Breaking\n\n- `{WHERE} input.Remark`: required False -> True" in workspace.changelog
    )
    assert_contract_passes(workspace, workspace.record_vectors())


def test_parameter_removed_is_a_major_release(workspace: Workspace) -> None:
    old = workspace.snapshot("spec-before")
    row = next(line for line in ORIGINAL.splitlines() if line.startswith("AppName Yes"))
    workspace.capture(edit(ORIGINAL, (row + "\n", ""), ('    "AppName": "live",\n', "")))
    status, report = workspace.diff(old)
    assert (status, report["breaking"]) == (1, 1)
    assert changes(report) == {
        (f"{WHERE} input.AppName", "parameter AppName removed", True),
        (WHERE, "examples changed", False),
    }
    history = [entry["version"] for entry in workspace.generate()["history"]]
    assert history == [major(COMMITTED[0]), *COMMITTED]
    assert f"### Breaking\n\n- `{WHERE} input.AppName`: parameter AppName removed" in (
        workspace.changelog
    )
    # The documented request changed: the committed vectors are now stale, and the suite
    # says so; re-recorded ones pass.
    stale = run_contract(workspace.spec, workspace.out, tests="tests/contract/test_vectors.py")
    assert stale.status == 1 and "stale vector" in stale.output, stale.output
    assert_contract_passes(workspace, workspace.record_vectors())
