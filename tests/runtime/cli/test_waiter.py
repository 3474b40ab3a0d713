"""`--waiter`'s loop on a fake clock: how often it calls, what it reports, when it gives up."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.runtime.cli import waiter as waiting
from tcgen.runtime.cli.argv import UsageError


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _run(states: list[str], text: str, settings: dict[str, Any] | None = None) -> Any:
    fake, reports, answers = FakeTime(), [], iter(states)
    spec = waiting.parse(text, settings or {})
    result = waiting.wait(
        lambda: {"StreamState": next(answers)}, spec, reports.append, fake.clock, fake.sleep
    )
    return result, reports, fake.now


def test_calls_until_the_value_matches_reporting_each_miss() -> None:
    text = '{"expr": "StreamState", "to": "inactive", "interval": 2}'
    result, reports, elapsed = _run(["active", "forbid", "inactive"], text)
    assert result == {"StreamState": "inactive"}
    assert reports == ["Inquiry result is active.", "Inquiry result is forbid."]
    assert elapsed == 4.0


def test_gives_up_after_timeout_with_the_last_value() -> None:
    text = '{"expr": "StreamState", "to": "inactive", "timeout": 5, "interval": 2}'
    with pytest.raises(waiting.WaiterTimeout) as caught:
        _run(["active"] * 10, text)
    assert str(caught.value) == (
        "Request timeout, wait `StreamState` to `inactive` timeout, last request is active"
    )


def test_profile_settings_then_tccli_defaults_and_interval_capped_by_timeout() -> None:
    spec = waiting.parse('{"expr": "A", "to": 1}', {})
    assert (spec.timeout, spec.interval) == (180.0, 5.0)
    spec = waiting.parse('{"expr": "A", "to": 1}', {"timeout": 3, "interval": 9})
    assert (spec.timeout, spec.interval) == (3.0, 3.0)
    spec = waiting.parse('{"expr": "A", "to": 1, "timeout": 60}', {"timeout": 3})
    assert spec.timeout == 60.0
    with pytest.raises(UsageError, match="`interval` must be a number"):
        waiting.parse('{"expr": "A", "to": 1, "interval": -1}', {})
