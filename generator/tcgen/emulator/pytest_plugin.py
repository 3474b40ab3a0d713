"""pytest plugin (entry point `pytest11`): the `tencent_mock` fixture for generated packages,
and `--tencent-mock-url` for test code written against Tencent Cloud itself.

Tests of code that calls Tencent Cloud get a fresh mock per test, already answering every
`requests` call (and `httpx.AsyncClient` call: the async clients) for the service's endpoints
in-process, with nothing to start or stop.

`pytest --tencent-mock-url http://127.0.0.1:8080` (or `TCGEN_MOCK_URL`) sends every call to
a Tencent Cloud host made during the run to that `tcgen mock` (`redirect.Redirect`), so tests
that name Tencent's hosts themselves (the official SDK's own) run against it unedited.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Protocol

import pytest

if TYPE_CHECKING:
    from tcgen.emulator.redirect import Redirect

URL_OPTION = "--tencent-mock-url"
URL_VARIABLE = "TCGEN_MOCK_URL"
_ACTIVE: pytest.StashKey[Redirect] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("tcgen").addoption(
        URL_OPTION,
        default=os.environ.get(URL_VARIABLE) or None,
        metavar="URL",
        help="send every call to *.tencentcloudapi.com to the `tcgen mock` at URL "
        f"(http://HOST:PORT; default: ${URL_VARIABLE})",
    )


def pytest_configure(config: pytest.Config) -> None:
    url = config.getoption(URL_OPTION)
    if not url:
        return
    from tcgen.emulator.redirect import start  # only when asked for

    try:
        config.stash[_ACTIVE] = start(url)
    except ValueError as error:
        raise pytest.UsageError(f"{URL_OPTION}: {error}") from None


def pytest_unconfigure(config: pytest.Config) -> None:
    active = config.stash.get(_ACTIVE, None)
    if active is not None:
        active.__exit__(None, None, None)
        del config.stash[_ACTIVE]


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
