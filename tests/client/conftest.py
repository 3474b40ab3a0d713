"""Fixtures of the client tests: the generated package importable, fake credentials, a server."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from .support import RecordingServer, recording_server

ROOT = Path(__file__).resolve().parents[2]

SECRET_ID = "AKIDclientTEST0123456789"
SECRET_KEY = "clientTESTsecretKEY0123456789abcd"


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    with recording_server() as running:
        yield running


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never pick up the developer's environment or profile files."""
    for name in (
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_SESSION_TOKEN",
        "TENCENTCLOUD_TOKEN",
        "TENCENTCLOUD_REGION",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """A package generated from spec/ plus `demo_spec/` (nested structures, arrays, every
    scalar kind), imported as the top-level `demo_v20200101`."""
    from tcgen.commands.main import main

    base = tmp_path_factory.mktemp("demo")
    spec, out = base / "spec", base / "out"
    shutil.copytree(ROOT / "spec", spec)
    shutil.copytree(Path(__file__).with_name("demo_spec") / "demo", spec / "demo")
    assert main(["generate", "--spec-dir", str(spec), "--out", str(out), "demo"]) == 0
    sys.path.insert(0, str(out))
    return importlib.import_module("demo_v20200101")
