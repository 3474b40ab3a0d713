"""The client's `wait`, on the CLI's waiter engine, against the runtime's own mock in
process: it calls again until the expression holds, gives up on time, and says what it needs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tcgen.runtime.mock.app import MockApp
from tcgen.runtime.mock.route import Intercept, service_hosts
from tcgen.runtime.model import Model
from tcgen.runtime.waiter import WaiterTimeout

from .demo import ENDPOINT, SPEC
from .test_client_cli import KEYS, GetResponse, client


class BumpRequest(Model):
    _wire_ = (("by", "By", "Integer"),)

    def __init__(self, *, by: int | None = None) -> None:
        self.by = by


@pytest.fixture
def app() -> Iterator[MockApp]:
    mock = MockApp(SPEC, keys=KEYS)
    with Intercept(mock, service_hosts(ENDPOINT)):
        yield mock


def test_wait_calls_again_until_the_expression_holds(app: MockApp, tmp_path: Path) -> None:
    demo = client(tmp_path)
    reports: list[str] = []
    bump = lambda: demo._invoke("Bump", BumpRequest(by=1), GetResponse)  # noqa: E731
    answer = demo.wait(bump, "Counter", 3, interval=0, report=reports.append)
    assert answer.counter == 3 and isinstance(answer, GetResponse)
    assert reports == ["Inquiry result is 1.", "Inquiry result is 2."]
    assert len(app.calls("Bump")) == 3


def test_wait_gives_up_on_time_and_checks_what_it_is_given(app: MockApp, tmp_path: Path) -> None:
    demo = client(tmp_path)
    bump = lambda: demo._invoke("Bump", BumpRequest(by=1), GetResponse)  # noqa: E731
    with pytest.raises(WaiterTimeout, match="wait `Counter` to `99` timeout, last request is 1"):
        demo.wait(bump, "Counter", 99, timeout=0)
    with pytest.raises(ValueError, match="invalid JMESPath expression"):
        demo.wait(bump, "Counter[", 1)
    with pytest.raises(ValueError, match="must not be negative"):
        demo.wait(bump, "Counter", 1, interval=-1)
    assert len(app.calls("Bump")) == 1  # nothing sent for a waiter that cannot work


def test_wait_says_clearly_that_it_needs_jmespath(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jmespath", None)  # as if not installed
    with pytest.raises(ImportError, match="needs the jmespath package: pip install jmespath"):
        client(tmp_path).wait(lambda: GetResponse(), "Counter", 1)
