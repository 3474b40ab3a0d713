"""`--waiter '{"expr": ..., "to": ..., "timeout": 180, "interval": 5}'`: call again until a
JMESPath expression over the response equals `to`, as tccli does (the loop is the client's,
`_runtime/waiter.py`).

Each round is a new, freshly signed call. Between rounds the current value is reported
(`Inquiry result is X.`, tccli's words); when `timeout` seconds pass first, `WaiterTimeout`
says what was awaited and what was last seen. `timeout` and `interval` default to the
profile's `waiter` settings in `~/.tccli/<profile>.configure`, then to tccli's 180 and 5.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..waiter import Waiter, WaiterTimeout, wait
from .argv import UsageError, json_object
from .output import compile_filter

__all__ = ["Waiter", "WaiterTimeout", "parse", "wait"]

FLAG = "--waiter"
DEFAULTS = {"timeout": 180.0, "interval": 5.0}


def parse(text: str, settings: Mapping[str, Any]) -> Waiter:
    """The `--waiter` JSON, checked before anything is sent; `settings` is the profile's."""
    given = json_object(text, FLAG, "a JSON object with `expr` and `to`")
    for key in ("expr", "to"):
        if key not in given:
            raise UsageError(f"{FLAG}: `{key}` must be defined")
    if not isinstance(given["expr"], str):
        raise UsageError(f"{FLAG}: `expr` must be a JMESPath expression (a string)")
    seconds = {key: _seconds(given, settings, key) for key in DEFAULTS}
    return Waiter(
        given["expr"],
        compile_filter(given["expr"], FLAG),
        given["to"],
        seconds["timeout"],
        min(seconds["interval"], seconds["timeout"]),
    )


def _seconds(given: Mapping[str, Any], settings: Mapping[str, Any], key: str) -> float:
    value = given.get(key, settings.get(key, DEFAULTS[key]))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise UsageError(f"{FLAG}: `{key}` must be a number of seconds, got {value!r}")
    return float(value)
