"""Injected errors, latency and the call log in the state database, so that every process
serving one state (`--workers N`, or several servers on one `--state`) honours an error or a
delay set through any of them, and the call log shows the calls all of them answered.

Each call reads the service's control counter (one indexed row) when it asks for its
latency, which `MockApp` does first; when another process changed the injections since,
they are read again, and `injected_error` goes by what was read. Firing an injection that
counts down (`times`) or draws (`rate`) is a transaction of its own, so two workers never
both spend the last one; a seeded `rate` draws from the seed and the number of draws so
far, so the sequence is the same whichever worker draws. Each answered call is one row of
`calls`, written in the call's state transaction when it has one; rows beyond the cap (the
newest `call_log` are kept) are deleted every `TRIM_EVERY` calls, and reading the log
returns the newest `call_log` only, so it stays a ring.

Every method runs under `MockState`'s lock, which also guards the connection it shares
with the state's transactions.
"""

from __future__ import annotations

import dataclasses
import json
import random
from typing import Any

from .durable import DurableStore

TRIM_EVERY = 256
ANY_ACTION = "*"
"""Injections for this action name apply to every action."""


@dataclasses.dataclass
class Injection:
    """An injected error as the database holds it (`times=None`: each call with `rate`)."""

    row: int
    code: str
    message: str
    times: int | None
    rate: float
    seed: int | None
    draws: int

    def fires(self) -> bool:
        if self.times is not None:
            return True
        rng = random.Random(f"{self.seed}/{self.draws}") if self.seed is not None else random
        return rng.random() < self.rate


def _text(call: Any) -> str:
    """A call's fields as JSON (a value JSON has no form for, such as an uploaded file's
    bytes, as its text)."""
    return json.dumps(vars(call), default=str)


class SharedControls:
    """One service's injections and call log in the state database of `store`."""

    def __init__(self, store: DurableStore, call_log: int) -> None:
        self._store = store
        self._service = store.service
        self._cap = max(call_log, 0)
        self._seen: int | None = None
        self._actions: set[str] = set()
        self._latency: dict[str, float] = {}
        self._recorded = 0
        self._noted: dict[str, tuple[int, str | None, Any]] = {}
        """Calls `log` wrote, by request id, until `record`: (row, error, parameters); the
        rest of a call is settled before its state transaction."""

    def _refresh(self) -> None:
        """Read the injections again when another process (or this one) changed them."""
        db = self._store.db()
        row = db.execute(
            "SELECT counter FROM controls WHERE service = ?", (self._service,)
        ).fetchone()
        counter = row[0] if row else 0
        if counter == self._seen:
            return
        self._actions = {
            action
            for (action,) in db.execute(
                "SELECT DISTINCT action FROM faults WHERE service = ?", (self._service,)
            )
        }
        self._latency = dict(
            db.execute("SELECT action, seconds FROM latency WHERE service = ?", (self._service,))
        )
        self._seen = counter

    def _changed(self) -> None:
        """Bump the control counter (inside the caller's transaction)."""
        self._store.db().execute(
            "INSERT INTO controls VALUES (?, 1) ON CONFLICT (service) "
            "DO UPDATE SET counter = counter + 1",
            (self._service,),
        )

    def add_error(
        self,
        action: str,
        code: str,
        message: str,
        times: int | None,
        rate: float,
        seed: int | None,
    ) -> None:
        with self._store.writing() as db:
            db.execute(
                "INSERT INTO faults (service, action, code, message, times, rate, seed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._service, action, code, message, times, rate, seed),
            )
            self._changed()
        self._actions.add(action)  # (this process's own calls fire it before a refresh)

    def injected_error(self, action: str) -> tuple[str, str] | None:
        """(code, message) of the first injection for the action (or for every action)
        that fires on this call, spending it; None when none does (or none was set when
        `latency` last read the injections)."""
        if action not in self._actions and ANY_ACTION not in self._actions:
            return None
        with self._store.writing() as db:
            return self._fire(db, action)

    def _fire(self, db: Any, action: str) -> tuple[str, str] | None:
        for key in (action, ANY_ACTION):
            rows = db.execute(
                "SELECT id, code, message, times, rate, seed, draws FROM faults "
                "WHERE service = ? AND action = ? ORDER BY id",
                (self._service, key),
            ).fetchall()
            for injection in (Injection(*row) for row in rows):
                fires = injection.fires()
                if injection.times is None:
                    db.execute("UPDATE faults SET draws = draws + 1 WHERE id = ?", (injection.row,))
                elif injection.times <= 1:
                    db.execute("DELETE FROM faults WHERE id = ?", (injection.row,))
                    self._changed()
                else:
                    db.execute("UPDATE faults SET times = times - 1 WHERE id = ?", (injection.row,))
                if fires:
                    return injection.code, injection.message
        return None

    def set_latency(self, action: str, seconds: float) -> None:
        with self._store.writing() as db:
            if seconds > 0:
                db.execute(
                    "INSERT OR REPLACE INTO latency VALUES (?, ?, ?)",
                    (self._service, action, seconds),
                )
            else:
                db.execute(
                    "DELETE FROM latency WHERE service = ? AND action = ?",
                    (self._service, action),
                )
            self._changed()

    def latency(self, action: str) -> float:
        """The delay of `action`'s answers, after reading the injections again if they
        changed (once per call: `injected_error` goes by what this read)."""
        self._refresh()
        return self._latency.get(action, self._latency.get(ANY_ACTION, 0.0))

    def log(self, call: Any) -> None:
        """Append a call (a `state.ReceivedCall`) to the shared log inside the caller's open
        transaction (the call's own state change): one commit for both. `record` writes it
        again only if it changed before the answer."""
        if self._cap == 0:
            return
        text = _text(call)
        db = self._store.db()
        if call.request_id in self._noted:
            row = self._noted[call.request_id][0]
            db.execute("UPDATE calls SET call = ? WHERE id = ?", (text, row))
        else:
            cursor = db.execute(
                "INSERT INTO calls (service, action, call) VALUES (?, ?, ?)",
                (self._service, call.action, text),
            )
            self._trim(db)
            row = int(cursor.lastrowid or 0)
        self._noted[call.request_id] = (row, call.error, call.params)

    def record(self, call: Any) -> None:
        """The answered call in the shared log: written now, or brought up to date where
        `log` wrote it during the call."""
        if self._cap == 0:
            return
        noted = self._noted.pop(call.request_id, None)
        if noted is not None and noted[1:] == (call.error, call.params):
            return
        text = _text(call)
        with self._store.writing() as db:
            updated = noted is not None and (
                db.execute("UPDATE calls SET call = ? WHERE id = ?", (text, noted[0])).rowcount
            )  # (none when the transaction that logged it was rolled back after all)
            if not updated:
                db.execute(
                    "INSERT INTO calls (service, action, call) VALUES (?, ?, ?)",
                    (self._service, call.action, text),
                )
                self._trim(db)

    def _trim(self, db: Any) -> None:
        """Every `TRIM_EVERY` calls, delete those beyond the newest `call_log`."""
        self._recorded += 1
        if self._recorded % TRIM_EVERY == 0:
            db.execute(
                "DELETE FROM calls WHERE service = ? AND id <= (SELECT id FROM calls WHERE "
                "service = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (self._service, self._service, self._cap),
            )

    def calls(self, action: str | None) -> list[dict[str, Any]]:
        """The newest calls (of `action`, or all) as `ReceivedCall` fields, oldest first."""
        db = self._store.db()
        newest = db.execute(
            "SELECT call, action FROM calls WHERE service = ? ORDER BY id DESC LIMIT ?",
            (self._service, self._cap),
        ).fetchall()
        return [json.loads(call) for call, one in reversed(newest) if action in (None, one)]

    def clear(self) -> None:
        """Forget injections, latency and calls (inside the caller's transaction)."""
        db = self._store.db()
        for table in ("faults", "latency", "calls"):
            db.execute(f"DELETE FROM {table} WHERE service = ?", (self._service,))
        self._changed()
