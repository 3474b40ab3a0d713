"""Documentation that runs: every `sh` and `python` block of README.md and docs/*.md.

Each document runs top to bottom in a fresh copy of the checkout (the files git tracks), as
a newcomer would run it from a clone, with an empty HOME and no credentials in the
environment, against a `tcgen mock` serving the copy's `generated/` on a free port: blocks
write the mock's address as `127.0.0.1:8080` (what `tcgen mock` answers on by default) and
the test points that at the real port. A block fails the test when it exits non-zero, so an
example that went stale (a renamed option, a file name, an API) fails CI.

A block that must not run says why on the line right before it:

    <!-- docs: no-run (installs into the environment) -->

(`pip install`, servers that run until stopped, the set-up's nox runs). `text`, `json` and
other blocks are never run. Each block is its own process: `sh` blocks by `bash -e -o
pipefail`, `python` blocks by the test's interpreter; files they write stay for the next.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUNNERS = {"sh": ["bash", "-e", "-o", "pipefail", "-c"], "python": [sys.executable, "-c"]}
NO_RUN = re.compile(r"<!-- docs: no-run \((?P<reason>[^)]+)\) -->")
FENCE = re.compile(r"^```(?P<language>[\w-]*)\s*$")
DOC_PORT = "127.0.0.1:8080"


class Block(NamedTuple):
    """One fenced block: where it starts, its language and text, and why not to run it."""

    line: int
    language: str
    text: str
    no_run: str | None


def blocks(document: Path) -> list[Block]:
    """The fenced blocks of a Markdown document, in order."""
    found: list[Block] = []
    lines = document.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opened = FENCE.match(lines[index])
        if opened is None:
            index += 1
            continue
        start = index
        index += 1
        while index < len(lines) and lines[index].strip() != "```":
            index += 1
        marker = NO_RUN.fullmatch(lines[start - 1].strip()) if start else None
        text = "\n".join(lines[start + 1 : index]) + "\n"
        reason = marker["reason"] if marker else None
        found.append(Block(start + 1, opened["language"], text, reason))
        index += 1
    return found


def _workspace(target: Path) -> Path:
    """A copy of the files git tracks: a fresh clone's content, without .git."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _environment(workspace: Path) -> dict[str, str]:
    """A user's shell: this interpreter's tools first on PATH, the copy's tcgen and
    `generated/` importable, an empty HOME, no credentials, no proxy."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TENCENTCLOUD_", "TCCLI_", "PYTHON"))
        and "proxy" not in name.lower()
    }
    home = workspace.parent / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=f"{workspace / 'generator'}{os.pathsep}{workspace}",
        TENCENTCLOUD_METADATA_ENDPOINT=os.environ["TENCENTCLOUD_METADATA_ENDPOINT"],  # no CVM
    )
    return env


@contextmanager
def _mock(workspace: Path, env: dict[str, str]) -> Iterator[str]:
    """`tcgen mock` over the copy's packages on a free port; yields `host:port`."""
    command = [sys.executable, "-m", "tcgen", "mock", "--port", "0"]
    with subprocess.Popen(
        command, cwd=workspace, env=env, stdout=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            yield line.split(" on http://", 1)[1].split()[0]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


def test_every_document_has_blocks_the_runner_understands() -> None:
    """No-run markers give a reason, and every block that would run has a known runner."""
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        assert text.count("```") % 2 == 0, f"{document.name}: an unclosed code fence"
        for marker in re.findall(r"<!-- docs: no-run.*-->", text):
            assert NO_RUN.fullmatch(marker), f"{document.name}: {marker} (give a reason)"


def _runnable(document: Path) -> list[Block]:
    return [b for b in blocks(document) if b.language in RUNNERS and b.no_run is None]


RUNNABLE = [d for d in DOCUMENTS if _runnable(d)]


def test_the_readme_and_the_reference_have_examples_that_run() -> None:
    assert {ROOT / "README.md", ROOT / "docs" / "CLIENT.md", ROOT / "docs" / "MOCK.md"} <= set(
        RUNNABLE
    )


@pytest.mark.parametrize("document", RUNNABLE, ids=[d.name for d in RUNNABLE])
def test_documented_commands_run(document: Path, tmp_path: Path) -> None:
    runnable = _runnable(document)
    workspace = _workspace(tmp_path / "clone")
    env = _environment(workspace)
    with _mock(workspace, env) as address:
        for block in runnable:
            code = block.text.replace(DOC_PORT, address)
            done = subprocess.run(
                [*RUNNERS[block.language], code],
                cwd=workspace, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert done.returncode == 0, (
                f"{document.name}:{block.line}: the {block.language} block exits "
                f"{done.returncode}\n{block.text}\nstdout:\n{done.stdout[-3000:]}\n"
                f"stderr:\n{done.stderr[-3000:]}"
            )
