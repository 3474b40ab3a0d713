"""Injected errors, latency and the call log kept in the state database (`mock/shared.py`):
two mocks on one file are what two workers of `--workers 2` are. Over the tests' own spec
(tests/runtime/demo.py); tests/mock/test_durable_state.py does the same through Live and
real server processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tcgen.runtime.mock import durable
from tcgen.runtime.mock.app import MockApp

from ..demo import SPEC
from .test_app import KEYS, NOW, call, control


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[MockApp, MockApp, list[float]]]:
    path = tmp_path / "state.sqlite"
    durable.check(path)
    slept: list[float] = []
    apps = [
        MockApp(SPEC, keys=KEYS, clock=lambda: NOW, sleep=slept.append, rate_limit=False,
                state_path=path, call_log=4)
        for _ in range(2)
    ]  # fmt: skip
    yield apps[0], apps[1], slept
    for app in apps:
        assert app.state.durable is not None
        app.state.durable.close()


def codes(app: MockApp, times: int) -> list[str | None]:
    return [call(app, "Get", {"Name": "a"}).get("Error", {}).get("Code") for _ in range(times)]


def test_a_counted_error_is_spent_once_across_mocks(
    pair: tuple[MockApp, MockApp, list[float]],
) -> None:
    first, second, _ = pair
    first.inject_error("Get", "ResourceNotFound", times=2)
    assert codes(second, 1) + codes(first, 1) + codes(second, 1) == [
        "ResourceNotFound", "ResourceNotFound", None,
    ]  # fmt: skip


def test_a_seeded_rate_draws_the_same_sequence_whichever_mock_draws(
    pair: tuple[MockApp, MockApp, list[float]],
) -> None:
    first, second, _ = pair
    first.inject_error("*", "ResourceNotFound", rate=0.5, seed=7)
    alternating = [codes(first if n % 2 else second, 1)[0] for n in range(12)]
    first.reset()
    first.inject_error("*", "ResourceNotFound", rate=0.5, seed=7)
    assert codes(second, 12) == alternating
    assert {None, "ResourceNotFound"} == set(alternating)


def test_latency_and_the_call_log_are_shared_and_the_log_is_a_ring(
    pair: tuple[MockApp, MockApp, list[float]],
) -> None:
    first, second, slept = pair
    second.inject_latency("Get", 0.5)
    codes(first, 3)
    codes(second, 3)
    assert slept == [0.5] * 6
    assert len(first.calls()) == 4  # the newest of the six, whoever answered them
    assert [c.request_id for c in first.calls()] == [c.request_id for c in second.calls()]
    assert control(second, "GET", "/_mock/calls?action=Get")[1]["calls"][-1]["action"] == "Get"
    second.inject_latency("Get", 0)
    codes(first, 1)
    assert len(slept) == 6
    first.reset()
    assert second.calls() == []
