"""Counting requests per one-second window, to check the documented rate read literally."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


def busiest_window(times: Iterable[float], window: float = 1.0) -> int:
    """The most `times` inside any half-open window `[t, t + window)`.

    The busiest window can always be slid to start at one of the times, so checking those
    windows covers all of them.
    """
    ordered = sorted(times)
    return max(
        (bisect.bisect_left(ordered, start + window) - i for i, start in enumerate(ordered)),
        default=0,
    )
