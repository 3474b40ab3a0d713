"""The regeneration workflow as a maintainer runs it, on temporary copies of the trees.

tcgen's commands run in-process (`tests.core.helpers.tcgen`); the contract suite runs as a
child pytest pointed at the temporary trees through its environment variables, exactly as a
whole-catalog session would run it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.contract.target import ENV_ACTIONS, ENV_OUT, ENV_SPEC, ENV_VECTORS
from tests.core.helpers import tcgen

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "fixtures" / "pages" / "DropLiveStream.txt"
PACKAGE = "live_v20180801"
ACTION = "DropLiveStream"


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """Apply exact replacements, each of which must match exactly once (no silent no-ops)."""
    for old, new in replacements:
        assert text.count(old) == 1, f"expected exactly one {old!r} in the page"
        text = text.replace(old, new)
    return text


@dataclass
class Workspace:
    """Copies of spec/ and generated/ (the previous release) that a scenario updates."""

    root: Path
    spec: Path
    out: Path
    capsys: pytest.CaptureFixture[str]

    @classmethod
    def create(cls, root: Path, capsys: pytest.CaptureFixture[str]) -> Workspace:
        shutil.copytree(ROOT / "spec", root / "spec")
        shutil.copytree(ROOT / "generated", root / "out")
        return cls(root, root / "spec", root / "out", capsys)

    def snapshot(self, name: str) -> Path:
        """A copy of the spec tree as it is now, to diff against later."""
        return Path(shutil.copytree(self.spec, self.root / name))

    def capture(self, page_text: str) -> None:
        page = self.root / "pages" / PAGE.name
        page.parent.mkdir(exist_ok=True)
        page.write_text(page_text, encoding="utf-8")
        run = tcgen(self.capsys, "capture", page, "--spec-dir", self.spec)
        assert run.status == 0, run.err

    def diff(self, old: Path) -> tuple[int, dict[str, Any]]:
        """(exit status, JSON report) of `tcgen diff OLD <this spec>`."""
        run = tcgen(self.capsys, "diff", old, self.spec, "--format", "json")
        assert run.status in (0, 1), run.err
        return run.status, json.loads(run.out)

    def generate(self) -> dict[str, Any]:
        """Regenerate; returns the package's new `_release.json`."""
        run = tcgen(self.capsys, "generate", "--spec-dir", self.spec, "--out", self.out)
        assert run.status == 0, run.err
        release: dict[str, Any] = json.loads((self.out / PACKAGE / "_release.json").read_text())
        return release

    @property
    def changelog(self) -> str:
        return (self.out / PACKAGE / "CHANGELOG.md").read_text(encoding="utf-8")

    def record_vectors(self, actions: Iterable[str] = (ACTION,)) -> Path:
        """Golden vectors of `actions`, recorded from the official SDK into the workspace."""
        from tests.contract.record_vectors import main

        vectors = self.root / "vectors"
        argv = ["--spec-dir", str(self.spec), "--out", str(vectors), "--actions", ",".join(actions)]
        assert main(argv) == 0
        self.capsys.readouterr()
        return vectors


def changes(report: dict[str, Any]) -> set[tuple[str, str, bool]]:
    """(location, detail, breaking) of each change in a `tcgen diff --format json` report."""
    return {(c["location"], c["detail"], c["breaking"]) for c in report["changes"]}


@dataclass(frozen=True)
class SuiteRun:
    status: int
    output: str

    @property
    def failed_files(self) -> set[str]:
        """Test modules with a failure, from pytest's `-ra` summary."""
        return set(re.findall(r"^(?:FAILED|ERROR) tests/contract/(\w+)\.py", self.output, re.M))


def run_contract(
    spec: Path,
    out: Path,
    vectors: Path | None = None,
    tests: str = "tests/contract",
    actions: Iterable[str] = (ACTION,),
) -> SuiteRun:
    """`pytest tests/contract` (or part of it) in a child process against the given trees.

    Only `actions` are checked (and their packages): a workflow run changes one action, and
    checking every other one again would only make the run grow with the spec.
    """
    env = dict(os.environ, **{ENV_SPEC: str(spec), ENV_OUT: str(out)})
    env[ENV_ACTIONS] = ",".join(actions)
    if vectors is not None:
        env[ENV_VECTORS] = str(vectors)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", tests, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return SuiteRun(done.returncode, done.stdout + done.stderr)
