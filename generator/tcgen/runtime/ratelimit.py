"""The documented rate limit read literally: at most N requests in any one-second window.

Tencent throttles per action (the page's "rate limit", requests per second). The same rule
serves both sides: the mock accepts a request only if fewer than N were accepted in the
second before it (`RateWindows.take`, `RequestLimitExceeded` otherwise), and the client's
opt-in `RateLimiter` waits until sending keeps every one-second window at N or fewer
(`RateWindows.reserve`), which costs less than a `RequestLimitExceeded` round trip.

A sliding log, not a token bucket: a bucket holding one second of burst and refilling
continuously lets up to twice the rate through in the first second. A window is half-open,
`[t, t + 1)`, so requests exactly one second apart never share one. `clock` and `sleep` are
injectable so tests never wait.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

WINDOW = 1.0
"""Seconds of the window a documented rate counts in."""


class SlidingWindow:
    """The send times of the last `rate` requests of one key, oldest first."""

    def __init__(self, rate: int, window: float = WINDOW) -> None:
        if rate < 1:
            raise ValueError(f"rate must be at least 1, got {rate}")
        self.rate = rate
        self.window = window
        self._times: deque[float] = deque(maxlen=rate)

    def earliest(self, now: float) -> float:
        """The earliest time, not before `now` nor before the last request, at which one more
        request keeps every window at `rate` or fewer."""
        if not self._times:
            return now
        start = max(now, self._times[-1])
        if len(self._times) < self.rate:
            return start
        return max(start, self._times[0] + self.window)

    def take(self, now: float) -> bool:
        """Accept a request at `now` if the window allows it (and remember it); else False."""
        if len(self._times) == self.rate and now < self._times[0] + self.window:
            return False
        self._times.append(max(now, self._times[-1]) if self._times else now)
        return True

    def reserve(self, now: float) -> float:
        """Book the earliest allowed send time; returns how long to wait from `now` for it."""
        at = self.earliest(now)
        self._times.append(at)
        return at - now


class RateWindows:
    """A `SlidingWindow` per key (action, or action and SecretId), created on first use."""

    def __init__(self) -> None:
        self._windows: dict[Hashable, SlidingWindow] = {}
        self._lock = threading.Lock()

    def _window(self, key: Hashable, rate: int) -> SlidingWindow:
        window = self._windows.get(key)
        if window is None or window.rate != rate:
            window = self._windows[key] = SlidingWindow(rate)
        return window

    def take(self, key: Hashable, rate: int, now: float) -> bool:
        """Whether a request of `key` arriving at `now` is within its rate (the mock's side)."""
        with self._lock:
            return self._window(key, rate).take(now)

    def reserve(self, key: Hashable, rate: int, now: float) -> float:
        """Seconds to wait before sending a request of `key` (the client's side)."""
        with self._lock:
            return self._window(key, rate).reserve(now)


@dataclass
class RateLimiter:
    """The client's limiter: never more than an action's rate in any one-second window."""

    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    sleep: Callable[[float], object] = field(default=time.sleep, repr=False)
    _windows: RateWindows = field(default_factory=RateWindows, init=False, repr=False)

    def reserve(self, action: str, rate: int | None) -> float:
        """Book `action`'s next send time at `rate` per second; returns the seconds to wait
        for it (the async client awaits them, `acquire` sleeps them)."""
        if not rate:
            return 0.0
        return self._windows.reserve(action, rate, self.clock())

    def acquire(self, action: str, rate: int | None) -> float:
        """Wait until `action` may be sent at `rate` per second; returns the time waited."""
        wait = self.reserve(action, rate)
        if wait > 0:
            self.sleep(wait)
        return wait
