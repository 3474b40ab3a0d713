"""Retries with capped exponential backoff and full jitter.

Only failures that may succeed on a second try are retried: the request never completed
(`TransportError`) or Tencent throttled it (`RequestLimitExceeded` and its sub-codes). There is
no sleep after the last attempt. `sleep` and `random` are injectable so tests never wait (the
async client awaits `asyncio.sleep` instead of the default `time.sleep`, and awaits an
injected `sleep` that returns an awaitable).
"""

from __future__ import annotations

import random as _random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .exceptions import APIError, TransportError

T = TypeVar("T")

THROTTLED = "RequestLimitExceeded"


def is_retryable(error: Exception) -> bool:
    """Transport failures and throttling (`RequestLimitExceeded`, `RequestLimitExceeded.*`)."""
    if isinstance(error, TransportError):
        return True
    return isinstance(error, APIError) and (
        error.code == THROTTLED or error.code.startswith(THROTTLED + ".")
    )


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` counts the first try: 1 (the default, like the official SDK) never retries."""

    attempts: int = 1
    base_delay: float = 0.5
    max_delay: float = 8.0
    sleep: Callable[[float], object] = field(default=time.sleep, repr=False)
    random: Callable[[], float] = field(default=_random.random, repr=False)

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number `retry` (0-based): uniform in [0, capped 2^n]."""
        return self.random() * min(self.max_delay, self.base_delay * 2.0**retry)

    def pause(
        self,
        retry: int,
        error: Exception,
        on_retry: Callable[[int, float, Exception], None] | None = None,
    ) -> float:
        """The decision after failed try number `retry` (0-based) of a call that has tries
        left: seconds to wait before the next one (reported to `on_retry`), or `error`
        raised again when it is not worth retrying. The sync and the async loops share it."""
        if not is_retryable(error):
            raise error
        pause = self.delay(retry)
        if on_retry is not None:
            on_retry(retry + 1, pause, error)
        return pause

    def run(
        self,
        operation: Callable[[], T],
        on_retry: Callable[[int, float, Exception], None] | None = None,
    ) -> T:
        """Call `operation` until it succeeds, fails for good, or attempts run out."""
        for retry in range(self.attempts - 1):
            try:
                return operation()
            except (TransportError, APIError) as error:
                self.sleep(self.pause(retry, error, on_retry))
        return operation()
