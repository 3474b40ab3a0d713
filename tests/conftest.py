"""Shared fixtures: a copy of the committed spec tree to mutate, and a generated tree."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from tcgen.spec.tree import canonical_dumps

if sys.dont_write_bytecode:
    # PYTHONDONTWRITEBYTECODE is set: keep bytecode out of the tree, but not out of reach.
    # Without a cache every interpreter the suite starts (xdist workers, `python -m` CLI runs,
    # the contract suite's child pytest sessions) compiles and assertion-rewrites its modules
    # again, about a second each; with one under the temp dir they compile once.
    PYCACHE = Path(tempfile.gettempdir()) / f"tcgen-tests-pycache-{os.getuid()}"
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    sys.dont_write_bytecode, sys.pycache_prefix = False, str(PYCACHE)

# No per-example deadline: property tests run beside other workers (pytest-xdist), under
# coverage and on shared machines, where a 200 ms deadline measures the load, not the code.
# The default run keeps hypothesis' 100 examples per property; `nox -s properties` runs every
# property test with the `thorough` profile's 2,000 (`--hypothesis-profile thorough`).
settings.register_profile("tcgen", deadline=None)
settings.register_profile("thorough", deadline=None, max_examples=2000)
settings.load_profile("tcgen")

HEAVY_SETUP_GROUPS = ("scenarios", "protocols")
"""Test directories whose session fixtures import and generate many services: each runs on
one pytest-xdist worker (`--dist loadgroup`), so its fixtures are built once, not per worker."""


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    for item in items:
        top = item.path.relative_to(tests).parts[0] if item.path.is_relative_to(tests) else ""
        if top in HEAVY_SETUP_GROUPS:
            item.add_marker(pytest.mark.xdist_group(top))


ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"


SEED_FILES = (
    "schema/tcgen-spec.schema.json",
    "common-errors.json",
    "live/2018-08-01/service.json",
    "live/2018-08-01/actions/DropLiveStream.json",
)


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    """A private copy of the committed seed (common errors, live service, DropLiveStream).

    The whole committed live service takes seconds to generate; tests that change and
    regenerate a tree only need the seed action, and stay fast as the spec grows.
    """
    target = tmp_path / "spec"
    for name in SEED_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SPEC / name, target / name)
    # Live's resource blocks name actions the seed lacks (templates): the seed serves none.
    manifest = target / "live/2018-08-01/service.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if data.pop("resources", None) is not None:
        manifest.write_text(canonical_dumps(data), encoding="utf-8")
    return target


@pytest.fixture
def refused_endpoint() -> Iterator[str]:
    """`http://127.0.0.1:PORT` where connections are refused: the port is bound but not
    listening for the whole test, so no server of a parallel worker can take it meanwhile."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(scope="session", autouse=True)
def _no_instance_metadata() -> Iterator[None]:
    """Without static keys the credential chain asks the CVM instance metadata service
    (169.254.0.23); in tests it asks a loopback port that refuses, unless a test points
    `TENCENTCLOUD_METADATA_ENDPOINT` at its own stand-in."""
    name = "TENCENTCLOUD_METADATA_ENDPOINT"
    saved = os.environ.get(name)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        os.environ[name] = f"http://127.0.0.1:{sock.getsockname()[1]}/latest/meta-data/"
        yield
    if saved is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = saved


@pytest.fixture(autouse=True)
def _isolated_black_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never share or pollute the developer's black cache."""
    monkeypatch.setenv("TCGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "black-cache"))


@pytest.fixture(scope="session")
def node_sdk() -> Path:
    """The install prefix of the pinned official Node.js SDK (installed once, then cached)."""
    from tests.nodesdk import install

    return install()
