"""Call again until a JMESPath expression over the answer equals a target value.

The one engine of the client's `wait` and the CLI's `--waiter` (`cli/waiter.py` parses the
flag): each round is a new, freshly signed call; between rounds the current value is
reported; when `timeout` seconds pass first, `WaiterTimeout` says what was awaited and what
was last seen. jmespath is optional (the package needs requests only): it is imported when
a waiter is built, with a clear message when missing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from .exceptions import TencentCloudError

T = TypeVar("T")


class WaiterTimeout(TencentCloudError):
    """The expression did not reach its value in time (tccli's message)."""


class Waiter(NamedTuple):
    expression: str
    search: Callable[[Any], Any]
    target: Any
    timeout: float
    interval: float

    def pending(self, result: Any, elapsed: float) -> str | None:
        """One round's verdict on `result`, `elapsed` seconds after the first call: None
        when the expression holds; else what to report before the next round (WaiterTimeout
        raised once `timeout` has passed). The sync and the async loops share it."""
        found = self.search(result)
        if found == self.target:
            return None
        if elapsed >= self.timeout:
            raise WaiterTimeout(
                f"Request timeout, wait `{self.expression}` to `{self.target}` timeout, "
                f"last request is {found}"
            )
        return f"Inquiry result is {found}."


def compile_expression(expression: str) -> Callable[[Any], Any]:
    """A JMESPath search function; ImportError without jmespath, ValueError when invalid."""
    try:
        import jmespath  # type: ignore[import-untyped]  # optional: the package needs requests only
    except ImportError:
        raise ImportError("waiting needs the jmespath package: pip install jmespath") from None
    try:
        compiled = jmespath.compile(expression)
    except jmespath.exceptions.JMESPathError as exc:
        raise ValueError(f"invalid JMESPath expression: {exc}") from None
    return compiled.search  # type: ignore[no-any-return]


def wait(
    call: Callable[[], T],
    waiter: Waiter,
    report: Callable[[str], None] = print,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """The first result of `call()` whose `expr` equals `to`; raises WaiterTimeout."""
    started = clock()
    while True:
        result = call()
        report_text = waiter.pending(result, clock() - started)
        if report_text is None:
            return result
        report(report_text)
        sleep(waiter.interval)
