"""Helpers for capture tests: run `tcgen capture` in-process and read what it wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tcgen.commands.main import main

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
LAYOUTS = ("txt", "md", "html")


def capture(*args: str | Path) -> int:
    """`tcgen capture ARGS...` in-process; returns the exit status."""
    return main(["capture", *(str(arg) for arg in args)])


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory with its bytes, to prove nothing was written."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()
    }


@pytest.fixture
def empty_spec(tmp_path: Path) -> Path:
    """A spec directory with no services yet."""
    spec = tmp_path / "spec"
    spec.mkdir()
    return spec
