"""What tcgen's commands say and leave behind: counts in the singular when there is one, the
cache in the user's cache directory (never the working directory), a closed pipe is quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tcgen.commands.wording import counted
from tcgen.spec import cache

from .helpers import tcgen

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [(0, "package", "0 packages"), (1, "package", "1 package"), (2, "page", "2 pages")],
)
def test_counted(number: int, noun: str, expected: str) -> None:
    assert counted(number, noun) == expected


def test_generate_counts_one_package_in_the_singular(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = tcgen(capsys, "generate", "--spec-dir", spec_copy, "--out", tmp_path / "out")
    assert run.status == 0 and run.out.startswith("generated 1 package (")


def test_the_cache_is_the_users_not_the_working_directorys(
    spec_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "tcgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: absolute only
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "tcgen"
    monkeypatch.setenv(cache.ENV, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(cache.ENV, "")
    assert cache.cache_dir() is None


def test_a_command_leaves_no_cache_where_it_runs(spec_copy: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != cache.ENV}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), PYTHONPATH=str(ROOT / "generator"))
    command = [sys.executable, "-m", "tcgen", "generate", "--spec-dir", str(spec_copy),
               "--out", str(tmp_path / "out")]  # fmt: skip
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert list(work.iterdir()) == []
    assert any((tmp_path / "xdg" / "tcgen").iterdir())


def test_tcgen_into_a_closed_pipe_exits_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tcgen", "schema", "live", "DropLiveStream"],
            stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=60,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, b"")


def test_json_nested_too_deeply_is_a_located_problem(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hostile or broken JSON file is a problem naming it, as any other syntax error."""
    deep = "[" * 100_000
    (spec_copy / "live" / "2018-08-01" / "actions" / "Deep.json").write_text(deep)
    run = tcgen(capsys, "validate", "--spec-dir", spec_copy)
    assert run.status == 2 and "Traceback" not in run.err
    assert "Deep.json: invalid JSON at line 1: nested too deeply to read" in run.err
    policy = tmp_path / "policy.json"
    policy.write_text('{"accepted": ' + deep)
    run = tcgen(capsys, "diff", spec_copy, spec_copy, "--policy", policy)
    assert run.status == 2 and "policy.json: invalid JSON at line 1: nested too deeply" in run.err


def test_a_state_file_nested_too_deeply_is_a_located_problem(tmp_path: Path) -> None:
    from tcgen.emulator.endpoint import load, restore
    from tcgen.spec.problems import ProblemsError

    state = tmp_path / "state.json"
    state.write_text("[" * 100_000)
    with pytest.raises(ProblemsError, match="state.json: is not a state file: nested too deeply"):
        restore(load(ROOT / "generated"), state)
