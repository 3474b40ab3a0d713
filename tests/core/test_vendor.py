"""`tcgen vendor`: a generated package copied under another name works on its own there."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import tcgen

PACKAGE = "live_v20180801"


@pytest.fixture
def generated(spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "generated"
    assert tcgen(capsys, "generate", "--spec-dir", spec_copy, "--out", out).status == 0
    return out


def test_vendored_copy_imports_under_its_new_name(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    run = tcgen(
        capsys, "vendor", "live", "--into", project, "--package", "tclive", "--out", generated
    )
    assert run.status == 0, run.err
    record = json.loads((project / "tclive" / "VENDORED.json").read_text())
    manifest = json.loads((generated / ".tcgen-manifest.json").read_text())
    assert record["source"] == PACKAGE
    assert record["version"] == "1.0.0"
    assert record["specHash"] == manifest["packages"][PACKAGE]["specHash"]
    absolute_import = re.compile(rf"^\s*(from|import)\s+(generated\.)?{PACKAGE}\b", re.M)
    for path in (project / "tclive").rglob("*.py"):
        assert not absolute_import.search(path.read_text()), path
    script = (
        "import tclive.models as m, tclive.errors as e\n"
        "r = m.DropLiveStreamRequest(stream_name='s', domain_name='d', app_name='a')\n"
        "print(r.to_wire(), e.error_class('ResourceNotFound.Nope').__name__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("} ")[1].strip() == "ResourceNotFoundError"


def test_vendor_refuses_foreign_directories_and_unknown_services(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "project" / "mine").mkdir(parents=True)
    run = tcgen(
        capsys,
        "vendor",
        "live",
        "--into",
        tmp_path / "project",
        "--package",
        "mine",
        "--out",
        generated,
    )
    assert run.status == 2
    assert "was not vendored by tcgen; refusing to overwrite it" in run.err
    run = tcgen(capsys, "vendor", "cvm", "--into", tmp_path / "project", "--out", generated)
    assert run.status == 2
    assert "service 'cvm' is not generated" in run.err
    run = tcgen(
        capsys,
        "vendor",
        "live",
        "--into",
        tmp_path / "project",
        "--package",
        "not-valid",
        "--out",
        generated,
    )
    assert run.status == 2
    assert "must be a Python identifier" in run.err


def test_revendoring_replaces_the_previous_copy(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    for _ in range(2):
        run = tcgen(capsys, "vendor", "live:2018-08-01", "--into", project, "--out", generated)
        assert run.status == 0, run.err
    assert sorted(p.name for p in project.iterdir()) == [PACKAGE]
