"""pytest plugin (entry point `pytest11`): the `tencent_mock` fixture for generated packages.

Tests of code that calls Tencent Cloud get a fresh mock per test, already answering every
`requests` call (and `httpx.AsyncClient` call: the async clients) for the service's endpoints
in-process, with nothing to start or stop.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any, Protocol

import pytest


class MockFactory(Protocol):
    """`tencent_mock("generated.live_v20180801", keys={...})` -> the package's MockApp."""

    def __call__(self, package: str, *hosts: str, **options: Any) -> Any: ...


@pytest.fixture
def tencent_mock() -> Iterator[MockFactory]:
    """Factory of in-process mocks: `package` is a generated package's import name, `hosts`
    extra hosts to route (default: the service endpoints), `options` go to `create_app`
    (keys, rate_limit, clock). Every mock is deactivated when the test ends."""
    with ExitStack() as stack:

        def start(package: str, *hosts: str, **options: Any) -> Any:
            mock = importlib.import_module(f"{package}.mock")
            app = mock.create_app(**options)
            stack.enter_context(mock.activate(app, *hosts))
            return app

        yield start
