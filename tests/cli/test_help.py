"""Help is generated from the spec, and stays cheap: no requests, json or models import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generated.live_v20180801._docs import DOCS
from generated.live_v20180801._meta import ACTIONS

from .conftest import PACKAGE, ROOT
from .samples import ACTION_NAMES


@pytest.mark.parametrize("form", [["help"], ["--help"], ["-h"], ["live", "help"]])
def test_top_level_help_lists_every_action(cli: Any, form: list[str]) -> None:
    result = cli(*form, call=False)
    assert result.status == 0, result.err
    listed = [
        line.split()[0] for line in result.out.split("Actions:\n")[1].split("\n\n")[0].splitlines()
    ]
    assert listed == list(ACTIONS)
    assert "--cli-input-json" in result.out and "--dry-run" in result.out


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_action_help_documents_parameters_output_and_errors(cli: Any, action: str) -> None:
    result = cli(action, "help", call=False)
    assert result.status == 0, result.err
    assert cli(action, "--help", call=False).out == result.out
    meta, doc = ACTIONS[action], DOCS.actions[action]
    assert doc.description.split()[0] in result.out
    for name, type_, required in meta.input:
        assert f"--{name}" in result.out
        assert f"({type_}, {'required' if required else 'optional'})" in result.out
    output = result.out.split("Output (fields of the JSON response):\n")[1]
    for name, type_, _ in meta.output:
        assert f"  {name} ({type_})" in output
    errors = result.out.split("Error codes")[1]
    for code in meta.errors:
        assert f"  {code}\n" in errors


def test_help_and_usage_errors_import_only_what_they_need() -> None:
    heavy = {"requests", "urllib3", "json", "http.client", f"{PACKAGE}.models", f"{PACKAGE}.errors"}
    for argv in (["help"], ["DropLiveStream", "help"], ["DropLiveStream", "--StreamName", "x"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", PACKAGE, *argv],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
        assert not heavy & imported, argv


def test_console_script_runs_from_any_directory(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("tcgen-live")
    if not script.exists():
        pytest.skip("tcgen-live not installed (pip install -e .)")
    done = subprocess.run([str(script), "help"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "tcgen-live ACTION help" in done.stdout and all(a in done.stdout for a in ACTIONS)
