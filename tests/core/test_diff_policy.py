"""`tcgen diff` for CI: deprecations, format warnings, --fail-on, the policy file, output
formats and --against a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from tcgen.diff.changes import output_format_change

from .helpers import edit_json, tcgen

SERVICE = Path("live/2018-08-01")
ACTION = SERVICE / "actions/DropLiveStream.json"
TYPE = SERVICE / "types/Window.json"
WHERE = "live:2018-08-01 DropLiveStream"

WINDOW = {
    "name": "Window",
    "description": "A time window.",
    "members": [
        {"name": "Start", "type": "Timestamp", "required": False, "description": "Start."},
        {"name": "Label", "type": "String", "required": False, "description": "Label."},
    ],
}


def _seed(tree: Path) -> None:
    """DropLiveStream with a timestamp output and a Window structure read in the output."""
    (tree / TYPE).parent.mkdir(parents=True, exist_ok=True)
    (tree / TYPE).write_text(json.dumps(WINDOW, indent=2) + "\n", encoding="utf-8")

    def outputs(data: dict[str, Any]) -> None:
        data["output"][:0] = [
            {"name": "DroppedAt", "type": "Timestamp", "description": "When."},
            {"name": "Windows", "type": "Array of Window", "description": "Windows."},
        ]

    edit_json(tree / ACTION, outputs)


@pytest.fixture
def trees(spec_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    _seed(spec_copy)
    new = tmp_path / "new"
    shutil.copytree(spec_copy, new)
    return spec_copy, new


def diff_json(
    capsys: pytest.CaptureFixture[str], old: Path, new: Path, *options: str
) -> tuple[int, dict[str, Any]]:
    run = tcgen(capsys, "diff", old, new, "--format", "json", *options)
    assert run.status in (0, 1), run.err
    return run.status, json.loads(run.out)


def changes(report: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """`location: detail` -> (kind, level)."""
    return {f"{c['location']}: {c['detail']}": (c["kind"], c["level"]) for c in report["changes"]}


def deprecate(data: dict[str, Any]) -> None:
    data["deprecated"] = True
    data["input"][0]["deprecated"] = True
    data["output"][0]["deprecated"] = True


def test_deprecations_are_their_own_kind_and_not_breaking(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    edit_json(new / ACTION, deprecate)
    edit_json(new / TYPE, lambda d: d["members"][1].update(deprecated=True))
    status, report = diff_json(capsys, old, new)
    assert status == 0
    assert changes(report) == {
        f"{WHERE}: action DropLiveStream deprecated": ("deprecated", "compatible"),
        f"{WHERE} input.StreamName: parameter StreamName deprecated": ("deprecated", "compatible"),
        f"{WHERE} output.DroppedAt: output DroppedAt deprecated": ("deprecated", "compatible"),
        "live:2018-08-01 type Window.Label: member Label deprecated": ("deprecated", "compatible"),
    }
    assert report["deprecated"] == 4
    # and back again
    status, report = diff_json(capsys, new, old)
    assert status == 0
    assert {kind for kind, _ in changes(report).values()} == {"undeprecated"}
    assert f"{WHERE}: action DropLiveStream no longer deprecated" in changes(report)


def test_unsigned_flag_is_a_compatible_change(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    edit_json(new / ACTION, lambda d: d.update(unsigned=True))
    status, report = diff_json(capsys, old, new)
    assert status == 0
    assert changes(report) == {f"{WHERE}: unsigned False -> True": ("changed", "compatible")}


def test_removing_something_deprecated_says_so(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    edit_json(old / ACTION, lambda d: d["input"][2].update(deprecated=True))
    edit_json(new / ACTION, lambda d: d["input"].pop())
    status, report = diff_json(capsys, old, new)
    assert status == 1
    assert changes(report) == {
        f"{WHERE} input.AppName: parameter AppName removed (it was deprecated)": (
            "removed",
            "breaking",
        )
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Timestamp", "Timestamp ISO8601", True),
        ("Timestamp", "String", True),
        ("Date", "Binary", True),
        ("Array of Timestamp", "Array of Date", True),
        ("String", "String", False),
        ("Integer", "Int64", False),
        ("Timestamp", "Array of String", False),
    ],
)
def test_output_format_change(old: str, new: str, expected: bool) -> None:
    assert output_format_change(old, new) is expected


def test_output_format_change_is_a_warning(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees

    def retype(data: dict[str, Any]) -> None:
        data["output"][0]["type"] = "Timestamp ISO8601"
        data["input"][0]["type"] = "Timestamp"  # an input String -> Timestamp: breaking

    edit_json(new / ACTION, retype)
    edit_json(new / TYPE, lambda d: d["members"][0].update(type="String"))
    status, report = diff_json(capsys, old, new)
    note = " (documented format of an output changed)"
    assert changes(report) == {
        f"{WHERE} output.DroppedAt: type Timestamp -> Timestamp ISO8601{note}": (
            "changed",
            "warning",
        ),
        f"{WHERE} input.StreamName: type String -> Timestamp": ("changed", "breaking"),
        f"live:2018-08-01 type Window.Start: type Timestamp -> String{note}": (
            "changed",
            "warning",
        ),
    }
    assert (status, report["warning"], report["breaking"]) == (1, 2, 1)


def test_input_only_format_widening_is_compatible(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    for tree in trees:
        edit_json(tree / ACTION, lambda d: d["input"].append(
            {"name": "Since", "type": "Timestamp", "required": False, "description": ""}
        ))  # fmt: skip
    edit_json(new / ACTION, lambda d: d["input"][-1].update(type="String"))
    status, report = diff_json(capsys, old, new, "--fail-on", "warning")
    assert status == 0
    assert changes(report) == {
        f"{WHERE} input.Since: type Timestamp -> String": ("changed", "compatible")
    }


@pytest.fixture
def warning_and_compatible(trees: tuple[Path, Path]) -> tuple[Path, Path]:
    old, new = trees

    def update(data: dict[str, Any]) -> None:
        data["output"][0]["type"] = "Date"  # warning
        data["description"] += " More."  # compatible

    edit_json(new / ACTION, update)
    return old, new


@pytest.mark.parametrize(
    ("fail_on", "status", "failing"),
    [("breaking", 0, 0), ("warning", 1, 1), ("any", 1, 2), ("none", 0, 0)],
)
def test_fail_on_levels(
    warning_and_compatible: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    fail_on: str,
    status: int,
    failing: int,
) -> None:
    got, report = diff_json(capsys, *warning_and_compatible, "--fail-on", fail_on)
    assert (got, report["failing"], report["failOn"]) == (status, failing, fail_on)


def test_fail_on_none_never_fails(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    (new / ACTION).unlink()
    status, report = diff_json(capsys, old, new, "--fail-on", "none")
    assert status == 0 and report["breaking"] > 0 and report["failing"] == 0


def _policy(tree: Path, *entries: dict[str, Any]) -> Path:
    path = tree / "diff-policy.json"
    path.write_text(json.dumps({"accepted": list(entries)}, indent=2), encoding="utf-8")
    return path


def _removal(tree: Path) -> None:
    edit_json(tree / ACTION, lambda d: d["input"].pop())


def test_accepted_change_is_listed_and_does_not_fail(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    _removal(new)
    _policy(
        new,
        {"kind": "removed", "path": f"{WHERE} input.AppName", "reason": "Reviewed in #12."},
        {"kind": "removed", "path": "live:* Gone*", "reason": "Matches nothing."},
    )
    status, report = diff_json(capsys, old, new)
    assert status == 0
    [change] = report["changes"]
    assert change["accepted"] is True and change["fails"] is False
    assert change["acceptance"]["reason"] == "Reviewed in #12."
    assert report["accepted"] == 1 and report["breaking"] == 1
    assert report["policy"].endswith("diff-policy.json")
    assert [a["path"] for a in report["unusedAcceptances"]] == ["live:* Gone*"]
    run = tcgen(capsys, "diff", old, new)
    assert run.status == 0
    assert (
        f"BREAKING {WHERE} input.AppName: parameter AppName removed "
        "[accepted: Reviewed in #12.]" in run.out
    )
    assert "matched no change" in run.out


def test_acceptance_by_glob_and_kind_only(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    _removal(new)
    _policy(new, {"kind": "changed", "path": "*", "reason": "Wrong kind."})
    assert diff_json(capsys, old, new)[0] == 1
    _policy(new, {"kind": "removed", "path": "live:2018-08-01 *.AppName", "reason": "Fine."})
    assert diff_json(capsys, old, new)[0] == 0


def test_expired_acceptance_no_longer_applies_and_says_so(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    _removal(new)
    entry = {"kind": "removed", "path": f"{WHERE} input.AppName", "reason": "Until the migration."}
    _policy(new, {**entry, "expires": "2000-01-31"})
    status, report = diff_json(capsys, old, new)
    [change] = report["changes"]
    assert status == 1 and change["accepted"] is False and change["fails"] is True
    assert change["acceptance"]["expired"] is True
    run = tcgen(capsys, "diff", old, new)
    assert "[acceptance expired on 2000-01-31: Until the migration.]" in run.out
    _policy(new, {**entry, "expires": "2999-12-31"})
    status, report = diff_json(capsys, old, new)
    assert status == 0 and report["changes"][0]["accepted"] is True
    assert "(until 2999-12-31)" in tcgen(capsys, "diff", old, new).out


def test_invalid_policy_is_a_located_usage_error(
    trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    _policy(
        new,
        {"kind": "renamed", "path": "x", "reason": "r"},
        {"kind": "removed", "path": "x"},
        {"kind": "removed", "path": "x", "reason": "r", "expires": "2026-02-30"},
    )
    run = tcgen(capsys, "diff", old, new)
    assert run.status == 2
    assert "diff-policy.json#/accepted/0/kind: 'renamed' is not one of" in run.err
    assert "diff-policy.json#/accepted/1: 'reason' is a required property" in run.err
    (new / "diff-policy.json").write_text('{"accepted": [}', encoding="utf-8")
    run = tcgen(capsys, "diff", old, new)
    assert run.status == 2 and "diff-policy.json: invalid JSON at line 1" in run.err
    _policy(new, {"kind": "removed", "path": "x", "reason": "r", "expires": "2026-02-30"})
    run = tcgen(capsys, "diff", old, new)
    assert run.status == 2
    assert "diff-policy.json#/accepted/0/expires: not a date: '2026-02-30'" in run.err


def test_validate_checks_the_policy_too(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _policy(spec_copy, {"kind": "removed", "path": "x", "reason": "r"})
    assert tcgen(capsys, "validate", "--spec-dir", spec_copy).status == 0
    _policy(spec_copy, {"kind": "removed", "path": "", "reason": "r"})
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert (
        run.status == 2 and "diff-policy.json#/accepted/0/path: '' should be non-empty" in run.err
    )


def test_policy_option_names_another_file(
    trees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = trees
    _removal(new)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    policy = _policy(elsewhere, {"kind": "removed", "path": "*", "reason": "All fine."})
    assert diff_json(capsys, old, new)[0] == 1
    assert diff_json(capsys, old, new, "--policy", str(policy))[0] == 0


def test_junit_report(trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = trees
    _removal(new)
    edit_json(new / ACTION, deprecate)
    _policy(new, {"kind": "deprecated", "path": f"{WHERE}", "reason": "Announced."})
    run = tcgen(capsys, "diff", old, new, "--format", "junit")
    assert run.status == 1
    root = ET.fromstring(run.out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("4", "1")
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "live:2018-08-01"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    removed = cases[f"{WHERE} input.AppName: parameter AppName removed"]
    failure = removed.find("failure")
    assert failure is not None and failure.get("type") == "breaking"
    accepted = cases[f"{WHERE}: action DropLiveStream deprecated"]
    assert accepted.find("failure") is None
    assert accepted.findtext("system-out") == "accepted: Announced."
    properties = {p.get("name"): p.get("value") for p in accepted.iter("property")}
    assert properties == {"kind": "deprecated", "level": "compatible", "accepted": "true"}


def test_markdown_report(trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = trees
    _removal(new)
    edit_json(new / ACTION, lambda d: d["output"][0].update(type="Date"))
    run = tcgen(capsys, "diff", old, new, "--format", "markdown")
    assert run.status == 1
    assert run.out.startswith("**2 changes, 1 breaking, 1 warnings, 0 deprecations, 0 accepted")
    assert f"| BREAKING | `{WHERE} input.AppName` | parameter AppName removed | fails |" in run.out
    assert f"| WARNING | `{WHERE} output.DroppedAt` | type Timestamp -> Date" in run.out


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(spec_copy: Path) -> Path:
    """A git repository with the seed spec committed twice (the second drops AppName)."""
    root = spec_copy.parent
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "spec")
    _git(root, "commit", "-q", "-m", "seed")
    _removal(spec_copy)
    _git(root, "commit", "-q", "-am", "drop AppName")
    return root


def test_against_a_git_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = repo / "spec"
    run = tcgen(capsys, "diff", "--against", "HEAD~1", spec, "--format", "json")
    assert run.status == 1, run.err
    report = json.loads(run.out)
    assert [c["detail"] for c in report["changes"]] == ["parameter AppName removed"]
    assert report["old"].endswith("spec@HEAD~1")
    assert tcgen(capsys, "diff", "--against", "HEAD", spec).status == 0
    # the working tree, uncommitted edits included, against HEAD; default SPEC_DIR is ./spec
    edit_json(spec / ACTION, lambda d: d["output"].pop())
    monkeypatch.chdir(repo)
    run = tcgen(capsys, "diff", "--against", "HEAD")
    assert run.status == 1 and "output RequestId removed" in run.out


def test_against_errors(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = repo / "spec"
    run = tcgen(capsys, "diff", "--against", "no-such-ref", spec)
    assert run.status == 2 and "'no-such-ref' is not a git revision" in run.err
    run = tcgen(capsys, "diff", "--against=--output=x", spec)
    assert run.status == 2 and "'--output=x' is not a git revision" in run.err
    outside = tmp_path_factory.mktemp("not-a-checkout") / "spec"
    shutil.copytree(spec, outside)
    run = tcgen(capsys, "diff", "--against", "HEAD", outside)
    assert run.status == 2 and "not in a git checkout" in run.err
    (repo / "later").mkdir()
    run = tcgen(capsys, "diff", "--against", "HEAD", repo / "later")
    assert run.status == 2 and "later/ does not exist at HEAD" in run.err
    run = tcgen(capsys, "diff", spec)
    assert run.status == 2 and "give OLD and NEW spec trees" in run.err
