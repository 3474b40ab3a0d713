"""Retry backoff and the token-bucket rate limiter, with injected clocks (no real sleeping)."""

from __future__ import annotations

import pytest

from generated.live_v20180801 import LiveClient
from generated.live_v20180801._runtime.exceptions import APIError, TransportError
from generated.live_v20180801._runtime.ratelimit import RateLimiter
from generated.live_v20180801._runtime.retry import RetryPolicy, is_retryable

from .support import RecordingServer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0, random=lambda: 0.5)
    assert [policy.delay(n) for n in range(5)] == [0.5, 1.0, 2.0, 2.5, 2.5]


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (TransportError("refused"), True),
        (APIError("RequestLimitExceeded", "", ""), True),
        (APIError("RequestLimitExceeded.IPLimitExceeded", "", ""), True),
        (APIError("RequestLimitExceededX", "", ""), False),
        (APIError("InternalError", "", ""), False),
    ],
)
def test_what_is_retried(error: Exception, retryable: bool) -> None:
    assert is_retryable(error) is retryable


def test_limiter_allows_the_rate_then_waits_for_the_window() -> None:
    fake = FakeTime()
    limiter = RateLimiter(clock=lambda: fake.now, sleep=fake.sleep)
    waits = [limiter.acquire("A", 4) for _ in range(6)]
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4:] == pytest.approx([1.0, 0])  # never 5 in one second
    assert limiter.acquire("B", 4) == 0  # buckets are per action
    assert limiter.acquire("C", None) == 0  # no documented limit, no limiting


def test_client_rate_limit_uses_the_action_limit(server: RecordingServer) -> None:
    fake = FakeTime()
    client = LiveClient(
        secret_id="a", secret_key="b", endpoint=server.endpoint,
        rate_limit=RateLimiter(clock=lambda: fake.now, sleep=fake.sleep),
    )  # fmt: skip
    for _ in range(101):  # DropLiveStream: 100 requests per second
        client.drop_live_stream(stream_name="s", domain_name="d", app_name="a")
    assert fake.slept == pytest.approx([1.0])
    assert len(server.requests) == 101
