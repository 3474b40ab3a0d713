"""Fixtures of the one-endpoint tests: a directory holding the committed Live package and a
one-action CVM package generated from `cvm_spec/`, served together by `tcgen mock`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tcgen.emulator.endpoint import EdgeApp, load

from tests.mock.helpers import KEYS

ROOT = Path(__file__).resolve().parents[2]
CVM_SPEC = Path(__file__).with_name("cvm_spec")


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tcgen.commands.main import main

    base = tmp_path_factory.mktemp("edge")
    spec, out = base / "spec", base / "packages"
    shutil.copytree(CVM_SPEC, spec)
    for name in ("schema/tcgen-spec.schema.json", "common-errors.json"):
        (spec / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "spec" / name, spec / name)
    assert main(["generate", "--spec-dir", str(spec), "--out", str(out), "cvm"]) == 0
    shutil.copytree(ROOT / "generated" / "live_v20180801", out / "live_v20180801")
    return out


@pytest.fixture
def edge(packages_dir: Path) -> EdgeApp:
    return load(packages_dir, keys=KEYS)


@pytest.fixture
def edge_server(edge: EdgeApp) -> Iterator[str]:
    """The edge on a free loopback port; yields `http://127.0.0.1:PORT`."""
    from tcgen.runtime.mock.serve import ServerThread

    with ServerThread(edge) as server:
        yield server.endpoint
