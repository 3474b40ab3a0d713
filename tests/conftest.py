"""Shared fixtures: a copy of the committed spec tree to mutate, and a generated tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    """A private copy of the committed spec tree that a test may change."""
    target = tmp_path / "spec"
    shutil.copytree(SPEC, target)
    return target


@pytest.fixture(autouse=True)
def _isolated_black_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never share or pollute the developer's black cache."""
    monkeypatch.setenv("TCGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "black-cache"))
