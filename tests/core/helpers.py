"""Helpers for core tests: run the tcgen command in-process and capture its output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import black
import pytest
from tcgen.commands.main import main
from tcgen.output.formatting import MODE


@dataclass
class Run:
    status: int
    out: str
    err: str


def tcgen(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


def edit_json(path: Path, change: Any) -> None:
    """Load a JSON file, let `change` mutate it, write it back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def assert_black_style(out: Path) -> None:
    """Every generated module but the static runtime (checked by lint) is as black writes it."""
    for path in sorted(out.rglob("*.py")):
        if "_runtime" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert black.format_str(text, mode=MODE) == text, f"black would change {path}"
