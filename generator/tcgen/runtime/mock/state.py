"""Everything a mock remembers, behind one lock: state, injections, rate windows, call log.

Waitress serves on several threads and tests poke the mock from their own, so every read
and change goes through `MockState`'s methods, which hold its lock. With a `DurableStore`
(a state path) the store is also kept in SQLite: `transaction` brings it up to date from the
database and commits what the block changed before it returns (`durable`); the injected
errors, latency and call log are kept there too (`shared`), so every process serving the
state honours them. The call log is a ring of `CALL_LOG` entries (oldest dropped), so a
long-running server's memory (or database) stays bounded. Rate windows are per process.
"""

from __future__ import annotations

import copy
import random
import threading
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..ratelimit import RateWindows
from .durable import DurableStore
from .shared import ANY_ACTION, SharedControls
from .tracked import Tracked

CALL_LOG = 10_000
"""Received calls kept by default (the newest); older ones are dropped."""
REFUSED_PARAMS_KEPT = 64 * 1024
"""A refused call's parameters are logged only when its body is at most this many bytes, so
refused multi-megabyte requests do not pile up in memory."""


@dataclass
class ReceivedCall:
    """One API request the mock answered, in arrival order; `error` is the code it answered."""

    request_id: str
    method: str
    action: str | None = None
    version: str | None = None
    host: str | None = None
    signature_method: str | None = None
    secret_id: str | None = None
    region: str | None = None
    params: dict[str, Any] | None = None
    error: str | None = None
    received_at: float | None = None
    """The mock clock's time when the call was checked (signature expiry, rate windows)."""
    size: int = 0
    """Bytes of the request body (the parameters of a large refused call are not kept)."""


@dataclass
class ErrorInjection:
    """Fail the next `times` calls; with `times=None`, each call with probability `rate`."""

    code: str
    message: str
    times: int | None
    rate: float = 1.0
    rng: random.Random = field(default_factory=random.Random)

    def fires(self) -> bool:
        if self.times is None:
            return self.rng.random() < self.rate
        self.times -= 1
        return True

    @property
    def spent(self) -> bool:
        return self.times is not None and self.times <= 0


class MockState:
    """The mutable side of a mock; `reset` returns it to a fresh start."""

    def __init__(self, durable: DurableStore | None = None, call_log: int = CALL_LOG) -> None:
        self.lock = threading.RLock()
        self.store: dict[str, Any] = {} if durable is None else Tracked()
        self.durable = durable
        self._shared = None if durable is None else SharedControls(durable, call_log)
        self._errors: dict[str, list[ErrorInjection]] = {}
        self._latency: dict[str, float] = {}
        self._windows = RateWindows()
        self._calls: deque[ReceivedCall] = deque(maxlen=max(call_log, 0))

    @contextmanager
    def transaction(self, call: ReceivedCall | None = None) -> Iterator[dict[str, Any]]:
        """The store, current and held under the lock; with a database, what the block
        changes is committed when it ends (nothing when it raises), with `call` in the
        shared call log (one commit for both; `record` still follows)."""
        with self.lock:
            if self.durable is None:
                yield self.store
            else:
                with self.durable.transaction(self.store):
                    yield self.store
                    if call is not None and self._shared is not None:
                        self._shared.log(call)

    def glance(self, key: str) -> Any:
        """A top-level entry for another mock to read, without this one's lock: the
        committed one with a database (other workers' changes too), else the live one."""
        if self.durable is None:
            return self.store.get(key)
        return self.durable.peek(key)

    def reset(self) -> None:
        with self.transaction() as store:
            store.clear()
            self._errors.clear()
            self._latency.clear()
            self._windows = RateWindows()
            self._calls.clear()
            if self._shared is not None:
                self._shared.clear()

    def seed(self, data: Mapping[str, Any]) -> None:
        """Replace top-level entries of the state with copies of `data`'s."""
        with self.transaction() as store:
            store.update(copy.deepcopy(dict(data)))

    def snapshot(self) -> dict[str, Any]:
        with self.transaction() as store:
            return copy.deepcopy(store)

    def add_error(self, action: str, injection: ErrorInjection, seed: int | None = None) -> None:
        """Add an injection (`seed`: what its `rng` was made from, for the shared one)."""
        with self.lock:
            if self._shared is not None:
                self._shared.add_error(
                    action, injection.code, injection.message, injection.times, injection.rate, seed
                )
                return
            self._errors.setdefault(action, []).append(injection)

    def injected_error(self, action: str) -> tuple[str, str] | None:
        """(code, message) of the first injection for the action (or for every action) that
        fires on this call."""
        with self.lock:
            if self._shared is not None:
                return self._shared.injected_error(action)
            for key in (action, ANY_ACTION):
                injections = self._errors.get(key, [])
                for injection in injections:
                    if injection.fires():
                        if injection.spent:
                            injections.remove(injection)
                        return injection.code, injection.message
            return None

    def set_latency(self, action: str, seconds: float) -> None:
        with self.lock:
            if self._shared is not None:
                self._shared.set_latency(action, seconds)
            elif seconds > 0:
                self._latency[action] = seconds
            else:
                self._latency.pop(action, None)

    def latency(self, action: str) -> float:
        with self.lock:
            if self._shared is not None:
                return self._shared.latency(action)
            return self._latency.get(action, self._latency.get(ANY_ACTION, 0.0))

    def take_token(self, action: str, secret_id: str, rate: int, now: float) -> bool:
        """Whether this call is within `rate` per one-second window of (action, SecretId)."""
        with self.lock:
            return self._windows.take((action, secret_id), rate, now)

    def record(self, call: ReceivedCall) -> None:
        with self.lock:
            if self._shared is not None:
                self._shared.record(call)
            else:
                self._calls.append(call)

    def calls(self, action: str | None = None) -> list[ReceivedCall]:
        with self.lock:
            if self._shared is not None:
                return [ReceivedCall(**fields) for fields in self._shared.calls(action)]
            return [copy.deepcopy(c) for c in self._calls if action is None or c.action == action]
