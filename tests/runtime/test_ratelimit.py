"""The documented rate read literally, with injected time: never more than N in any second."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tcgen.runtime.ratelimit import RateLimiter, RateWindows, SlidingWindow

from tests.windows import busiest_window


def arrivals(test: Callable[[int, list[float]], None]) -> Callable[[], None]:
    """Run `test(rate, gaps)` on rates and gaps between arrivals: bursts (0.0) and pauses."""
    strategies = given(
        rate=st.integers(min_value=1, max_value=20),
        gaps=st.lists(st.floats(min_value=0.0, max_value=0.3), min_size=1, max_size=200),
    )
    run: Callable[[], None] = settings(max_examples=200, deadline=None)(strategies(test))
    return run


SECOND = 1.0 - 1e-9
"""A window a hair short of a second: `now + wait` may round just under the booked time."""


def test_busiest_window_counts_half_open_seconds() -> None:
    assert busiest_window([]) == 0
    assert busiest_window([0.0, 0.5, 0.999, 1.0, 1.5]) == 3
    assert busiest_window([0.0, 1.0, 2.0]) == 1


def test_the_mock_side_accepts_n_then_refuses_until_the_oldest_leaves() -> None:
    window = SlidingWindow(100)
    assert sum(window.take(0.0) for _ in range(150)) == 100
    assert not window.take(0.5)  # a token bucket would have refilled 50 by now
    assert not window.take(0.999)
    assert sum(window.take(1.0) for _ in range(150)) == 100  # [0, 1) is over


def test_the_mock_side_slides_rather_than_resetting_each_second() -> None:
    window = SlidingWindow(2)
    assert [window.take(0.0), window.take(0.9), window.take(1.1)] == [True, True, True]
    assert not window.take(1.5)  # 0.9 and 1.1 are in [0.9, 1.9)
    assert window.take(1.9)


@arrivals
def test_no_window_ever_accepts_more_than_the_rate(rate: int, gaps: list[float]) -> None:
    window, now, accepted = SlidingWindow(rate), 0.0, []
    for gap in gaps:
        now += gap
        if window.take(now):
            accepted.append(now)
    assert busiest_window(accepted) <= rate
    # and nothing is refused that the window had room for
    assert len(accepted) >= min(rate, len(gaps))


@arrivals
def test_reserved_sends_never_exceed_the_rate(rate: int, gaps: list[float]) -> None:
    window, now, sends = SlidingWindow(rate), 0.0, []
    for gap in gaps:
        now += gap
        wait = window.reserve(now)
        assert wait >= 0
        sends.append(now + wait)
    assert busiest_window(sends, SECOND) <= rate
    assert all(b > a - 1e-9 for a, b in zip(sends, sends[1:], strict=False))  # FIFO


class FakeTime:
    def __init__(self) -> None:
        self.now = 50.0
        self.slept: list[float] = []
        self.sent: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_client_limiter_waits_for_the_window_not_for_a_refill() -> None:
    fake = FakeTime()
    limiter = RateLimiter(clock=lambda: fake.now, sleep=fake.sleep)
    for _ in range(250):
        limiter.acquire("DropLiveStream", 100)
        fake.sent.append(fake.now)
    assert busiest_window(fake.sent, SECOND) == 100
    assert fake.slept == pytest.approx([1.0, 1.0])  # two full windows, never partial refills
    assert limiter.acquire("Other", 100) == 0  # windows are per action
    assert limiter.acquire("Unlimited", None) == 0


def test_the_client_limiter_with_random_arrivals() -> None:
    fake, rng = FakeTime(), random.Random(7)
    limiter = RateLimiter(clock=lambda: fake.now, sleep=fake.sleep)
    for _ in range(1000):
        fake.now += rng.expovariate(300)  # three times the rate
        limiter.acquire("A", 100)
        fake.sent.append(fake.now)
    assert busiest_window(fake.sent, SECOND) == 100


def test_keys_are_independent_and_a_new_rate_starts_afresh() -> None:
    windows = RateWindows()
    assert windows.take(("A", "id1"), 1, 0.0) and not windows.take(("A", "id1"), 1, 0.5)
    assert windows.take(("A", "id2"), 1, 0.5)
    assert windows.take(("A", "id1"), 2, 0.5)


def test_a_rate_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        SlidingWindow(0)
