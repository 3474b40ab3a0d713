"""Fixtures of the contract suite: the package of the case's service, a hermetic environment,
and one loopback mock server per service for the CLI (which calls plain http itself)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import PROXY_VARIABLES, Mocked
from .target import KEYS, TARGET, Case, Generated, generated

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Coverage pauses in the contract tests (pytest-cov's `no_cover`): their subject is a
    generated package, which coverage does not measure (it measures tcgen), and tracing
    hypothesis's engine and the package under them tripled their time for no line of tcgen
    (the report is the same with them and without)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.no_cover)


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No credentials, region, proxy or profile file of the developer reaches a test."""
    ambient = [name for name in os.environ if name.startswith("TENCENTCLOUD_")]
    for name in [*PROXY_VARIABLES, *ambient]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def pkg(case: Case) -> Generated:
    """The generated package of the case's service, from the target output tree."""
    return generated(TARGET.out_dir, case.service)


@pytest.fixture
def mocked(pkg: Generated) -> Iterator[Mocked]:
    """The package's mock answering in-process and a client of the package calling it. Rate
    limiting is off: documented limits are not the contract checked here, and property tests
    call faster than they allow. Resources are off too, and with them the id checks they
    drive: a random id is neither well formed nor names a resource, and the contract is the
    wire shape, not the state (`tests/runtime/mock/test_resources.py`, `tests/protocols` and
    `tests/edge` cover resources and ids)."""
    app = pkg.mock.MockApp(
        dataclasses.replace(pkg.mock.SPEC, resources={}), keys=KEYS, rate_limit=False
    )
    with pkg.mock.activate(app):
        yield Mocked(app, pkg.client())


@pytest.fixture(scope="session")
def served() -> Iterator[Callable[[Generated], Any]]:
    """`served(pkg)` -> a reset MockApp of that package, serving on a loopback port
    (`app.endpoint`); one server per package for the whole session."""
    running: dict[str, tuple[Any, Any]] = {}

    def get(package: Generated) -> Any:
        if package.name not in running:
            app = package.mock.create_app(keys=KEYS, rate_limit=False)
            server = package.mock.ServerThread(app).__enter__()
            app.endpoint = server.endpoint
            running[package.name] = (app, server)
        app = running[package.name][0]
        app.reset()
        return app

    yield get
    for _, server in running.values():
        server.stop()
