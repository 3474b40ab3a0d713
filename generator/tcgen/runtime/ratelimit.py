"""Client-side token buckets that keep each action under its documented rate limit.

Tencent throttles per action (the page's "rate limit", requests per second); waiting here
costs less than a `RequestLimitExceeded` round trip. Opt-in, one bucket per action, thread-safe.
`clock` and `sleep` are injectable so tests never wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """`rate` tokens per second, holding at most `rate` (one second of burst)."""

    rate: float
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Take one token; returns how long the caller must wait before sending (0 if none)."""
        self.tokens = min(self.rate, self.tokens + (now - self.updated) * self.rate) - 1
        self.updated = now
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


@dataclass
class RateLimiter:
    """Buckets by action name, created on first use at the action's rate."""

    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    _buckets: dict[str, TokenBucket] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def acquire(self, action: str, rate: int | None) -> float:
        """Wait until `action` may be sent at `rate` per second; returns the time waited."""
        if not rate:
            return 0.0
        with self._lock:
            now = self.clock()
            bucket = self._buckets.get(action)
            if bucket is None:
                bucket = self._buckets[action] = TokenBucket(rate, rate, now)
            wait = bucket.take(now)
        if wait:
            self.sleep(wait)
        return wait
