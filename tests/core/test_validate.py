"""`tcgen validate`: the committed tree is valid; bad trees get every problem, located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .helpers import edit_json, tcgen

ACTION = Path("live/2018-08-01/actions/DropLiveStream.json")


def test_committed_spec_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    run = tcgen(capsys, "validate", "--spec-dir", Path(__file__).parents[2] / "spec")
    assert run.status == 0, run.err
    assert "valid (" in run.out


def test_every_problem_is_reported_with_file_and_pointer(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def break_action(data: dict[str, Any]) -> None:
        data["input"][0]["type"] = 123
        del data["input"][1]["required"]
        data["rateLimit"] = 0
        data["surprise"] = True

    edit_json(spec_copy / ACTION, break_action)
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2
    assert "4 problems" in run.err
    for pointer in ("#/input/0/type", "#/input/1:", "#/rateLimit", "DropLiveStream.json:"):
        assert pointer in run.err, pointer
    assert "'required' is a required property" in run.err
    assert "Traceback" not in run.err


def test_invalid_json_names_the_line(spec_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = spec_copy / ACTION
    lines = path.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if '"rateLimit": 100,' in text)
    path.write_text(path.read_text().replace('"rateLimit": 100,', '"rateLimit": 100,,'))
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2
    assert f"DropLiveStream.json: invalid JSON at line {line}" in run.err


def test_unresolved_structure_names_action_parameter_and_type(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def add_param(data: dict[str, Any]) -> None:
        data["input"].append(
            {"name": "Layout", "type": "Array of MixLayout", "required": False, "description": ""}
        )

    edit_json(spec_copy / ACTION, add_param)
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2
    assert "#/input/3/type" in run.err
    assert "action DropLiveStream parameter Layout: unresolved type 'MixLayout'" in run.err


def test_file_name_must_match_action(spec_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_json(spec_copy / ACTION, lambda d: d.update(action="ResumeLiveStream"))
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2
    assert "does not match the file name 'DropLiveStream.json'" in run.err


def test_duplicate_parameter_is_reported(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_json(spec_copy / ACTION, lambda d: d["input"].append(dict(d["input"][0])))
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2
    assert "#/input/3/name: duplicate name 'StreamName'" in run.err


def test_missing_spec_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = tcgen(capsys, "validate", "--spec-dir", tmp_path / "nowhere")
    assert run.status == 2
    assert "spec directory not found" in run.err


def test_unknown_service_selection(capsys: pytest.CaptureFixture[str], spec_copy: Path) -> None:
    run = tcgen(capsys, "schema", "cvm", "DescribeInstances", "--spec-dir", spec_copy)
    assert run.status == 2
    assert "no service 'cvm'" in run.err
