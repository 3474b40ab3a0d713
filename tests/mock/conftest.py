"""Fixtures of the mock tests: a fresh mock with a pinned clock, served on a loopback port."""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generated.live_v20180801 import mock as live_mock

from .helpers import KEYS, FakeClock

ROOT = Path(__file__).resolve().parents[2]

EXTRA_ACTIONS = Path(__file__).with_name("extra_actions")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(clock: FakeClock) -> live_mock.MockApp:
    return live_mock.create_app(keys=KEYS, clock=clock)


@pytest.fixture
def server(app: live_mock.MockApp) -> Iterator[live_mock.ServerThread]:
    with live_mock.ServerThread(app) as running:
        yield running


@pytest.fixture(scope="session")
def full_live(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The mock of a Live spec with the whole stream lifecycle (Resume/Forbid/Describe...),
    generated from a temporary copy of spec/ plus the action files in extra_actions/."""
    from tcgen.commands.main import main

    base = tmp_path_factory.mktemp("full-live")
    spec, out = base / "spec", base / "out"
    shutil.copytree(ROOT / "spec", spec)
    version_dir = spec / "live" / "2018-08-01"
    for source in sorted(EXTRA_ACTIONS.glob("*.json")):
        kind = "types" if "members" in json.loads(source.read_text()) else "actions"
        (version_dir / kind).mkdir(exist_ok=True)
        shutil.copy(source, version_dir / kind / source.name)
    assert main(["generate", "--spec-dir", str(spec), "--out", str(out)]) == 0
    sys.path.insert(0, str(out))
    return importlib.import_module("live_v20180801.mock")
