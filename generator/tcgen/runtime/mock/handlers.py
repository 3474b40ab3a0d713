"""The extension point for stateful behaviour: handlers registered per action name.

Without a handler an action answers its generic response (`synth`); a service registers
handlers (its `mock/handlers.py`, kept with its spec as an extension) when a mock needs to
remember things between calls, such as a live stream that DropLiveStream made inactive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CallContext:
    """What a handler sees of one validated call.

    `state` is the mock's seeded, mutable state; handlers run under the mock's lock, so they
    may read and change it freely. `default` builds the generic response, for handlers that
    only adjust it. Raise `fault.Fault` to answer an error.
    """

    action: str
    params: dict[str, Any]
    secret_id: str
    region: str | None
    state: dict[str, Any]
    default: Callable[[], dict[str, Any]]


Handler = Callable[[CallContext], dict[str, Any]]
"""Returns the response body (without RequestId)."""


class Handlers:
    """Registry of stateful handlers, keyed by action name."""

    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}

    def register(self, action: str) -> Callable[[Handler], Handler]:
        """Decorator: `@handlers.register("DropLiveStream")`; a later registration replaces."""

        def add(handler: Handler) -> Handler:
            self._handlers[action] = handler
            return handler

        return add

    def get(self, action: str) -> Handler | None:
        return self._handlers.get(action)

    def actions(self) -> list[str]:
        return sorted(self._handlers)
