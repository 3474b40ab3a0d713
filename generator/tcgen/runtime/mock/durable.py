"""A mock's state kept in SQLite, so it survives `kill -9` and is shared by processes.

The handlers and the resource engine work on a plain dict (`MockState.store`) under a lock;
this module makes that dict durable without changing how they use it. Each call runs inside
one SQLite transaction (`BEGIN IMMEDIATE`, so callers in every process take turns):

1. the service's version counter is read; when another process (or connection) changed the
   service since this one last saw it, the dict is reloaded from the table;
2. the call runs on the dict;
3. every top-level entry whose JSON differs from what the table holds is written back (and
   removed entries deleted), the counter is bumped, and the transaction commits;

and only then is the answer sent, so an acknowledged change is on disk. The journal is WAL
with `synchronous=NORMAL`: a committed transaction survives the process being killed (the
operating system holds it); only a power loss may take the last ones.

One file holds every service (`service` column: `<service> <version>`), so `tcgen mock` and
any number of `python -m <package>.mock` processes can share it. Injected errors, latency,
rate windows and the call log stay per process: they describe one server's behaviour.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FORMAT = "tcgen-mock-state"
VERSION = 1
BUSY_TIMEOUT_S = 30.0
"""How long a call waits for another process's transaction before failing."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entries (service TEXT NOT NULL, key TEXT NOT NULL, "
    "value TEXT NOT NULL, PRIMARY KEY (service, key))",
    "CREATE TABLE IF NOT EXISTS versions (service TEXT PRIMARY KEY, counter INTEGER NOT NULL)",
)


class StateFileError(Exception):
    """A state path that is not a usable state database; the message names the file."""


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def check(path: Path) -> None:
    """Create the database at `path`, or make sure the one there is ours and current.

    Raises `StateFileError` naming the file for anything else: another SQLite schema, another
    format version, a file that is not SQLite at all, a directory, no permission."""
    where = str(path)
    if path.is_dir():
        raise StateFileError(f"{where}: is a directory, not a state database")
    try:
        connection = _connect(path)
        try:
            _initialise(connection, where)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise StateFileError(f"{where}: is not a tcgen mock state database ({exc})") from None
    except OSError as exc:
        raise StateFileError(f"{where}: cannot be opened ({exc})") from None


def _initialise(connection: sqlite3.Connection, where: str) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not tables:
            for statement in _SCHEMA:
                connection.execute(statement)
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("version", str(VERSION))]
            )
        elif "meta" not in tables or not {"entries", "versions"} <= tables:
            raise StateFileError(f"{where}: is an SQLite database of another kind, not a state")
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT:
            raise StateFileError(f"{where}: is an SQLite database of another kind, not a state")
        if meta.get("version") != str(VERSION):
            raise StateFileError(
                f"{where}: has state format version {meta.get('version')}; this tcgen reads "
                f"version {VERSION}"
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


class Touched(dict[str, Any]):
    """The store as a call sees it: a dict noting which top-level entries it handed out or
    changed, so a transaction compares and writes back only those (a call that reads the
    streams does not serialize a thousand resource records). Whatever hands out every value
    at once (`items`, `values`, `update`, ...) marks all."""

    def __init__(self) -> None:
        super().__init__()
        self.touched: set[str] = set()
        self.everything = False

    def forget(self) -> None:
        self.touched.clear()
        self.everything = False

    def __getitem__(self, key: str) -> Any:
        self.touched.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.touched.add(key)
        return super().get(key, default)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.touched.add(key)
        return super().setdefault(key, default)

    def __setitem__(self, key: str, value: Any) -> None:
        self.touched.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.touched.add(key)
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self.touched.add(key)
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, Any]:
        self.everything = True
        return super().popitem()

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.everything = True
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self.everything = True
        super().clear()

    def values(self) -> Any:
        self.everything = True
        return super().values()

    def items(self) -> Any:
        self.everything = True
        return super().items()

    def copy(self) -> dict[str, Any]:
        self.everything = True
        return dict(super().items())

    def __reduce_ex__(self, protocol: Any) -> Any:
        self.everything = True  # copy.deepcopy and pickle reach every value through this
        return super().__reduce_ex__(protocol)


class DurableStore:
    """One service's entries in a state database, mirrored in a dict between calls.

    Not thread-safe on its own: `MockState` calls it under its lock. The connection is opened
    on first use and again after a fork, so a server may create its mocks before starting
    worker processes."""

    def __init__(self, path: Path, service: str) -> None:
        self.path = path
        self.service = service
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._seen: int | None = None
        self._written: dict[str, str] = {}
        """Each entry's JSON as the table holds it (after our last load or write)."""
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            self._connection = _connect(self.path)
            self._pid = os.getpid()
            self._seen = None
        return self._connection

    def peek(self, key: str) -> Any:
        """One entry as last committed by any process (None when absent), on a connection
        of its own and outside any transaction: with WAL a read never waits on a writer, so
        one mock may look at another's state in the middle of its own call (a reference
        to a subnet another worker made) without either waiting on the other."""
        connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
        try:
            row = connection.execute(
                "SELECT value FROM entries WHERE service = ? AND key = ?", (self.service, key)
            ).fetchone()
        finally:
            connection.close()
        return None if row is None else json.loads(row[0])

    @contextmanager
    def transaction(self, store: dict[str, Any]) -> Iterator[None]:
        """Bring `store` up to date, run the block on it, then commit what it changed.

        When the block raises, nothing is written and `store` is reloaded on the next call
        (it may hold half of a change)."""
        with self._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT counter FROM versions WHERE service = ?", (self.service,)
                ).fetchone()
                counter = row[0] if row else 0
                if counter != self._seen:
                    self._load(db, store)
                if isinstance(store, Touched):
                    store.forget()
                yield
                if self._write(db, store):
                    counter += 1
                    db.execute(
                        "INSERT OR REPLACE INTO versions VALUES (?, ?)", (self.service, counter)
                    )
                db.execute("COMMIT")
                self._seen = counter
            except BaseException:
                db.execute("ROLLBACK")
                self._seen = None
                raise

    def _load(self, db: sqlite3.Connection, store: dict[str, Any]) -> None:
        rows = db.execute(
            "SELECT key, value FROM entries WHERE service = ?", (self.service,)
        ).fetchall()
        self._written = dict(rows)
        store.clear()
        store.update({key: json.loads(value) for key, value in rows})

    def _write(self, db: sqlite3.Connection, store: dict[str, Any]) -> bool:
        """Write the changed entries (of those the call touched); whether anything changed."""
        plain = dict(store)  # (a dict's own copy: no entry is marked touched by reading it)
        if isinstance(store, Touched) and not store.everything:
            keys = [key for key in store.touched if key in plain]
        else:
            keys = list(plain)
        current = {key: json.dumps(plain[key], sort_keys=True) for key in keys}
        changed = [(key, text) for key, text in current.items() if self._written.get(key) != text]
        removed = [key for key in self._written if key not in plain]
        if changed:
            db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                [(self.service, key, text) for key, text in changed],
            )
        if removed:
            db.executemany(
                "DELETE FROM entries WHERE service = ? AND key = ?",
                [(self.service, key) for key in removed],
            )
        for key in removed:
            del self._written[key]
        self._written.update(current)
        return bool(changed or removed)


def replace(path: Path, service: str, state: Mapping[str, Any]) -> None:
    """Set one service's whole state in the database (importing a JSON state file)."""
    store: dict[str, Any] = {}
    durable = DurableStore(path, service)
    try:
        with durable.transaction(store):
            store.clear()
            store.update(json.loads(json.dumps(dict(state))))
    finally:
        durable.close()


def read(path: Path, service: str) -> dict[str, Any]:
    """One service's state as the database holds it (exporting a JSON state file)."""
    store: dict[str, Any] = {}
    durable = DurableStore(path, service)
    try:
        with durable.transaction(store):
            pass
    finally:
        durable.close()
    return store
