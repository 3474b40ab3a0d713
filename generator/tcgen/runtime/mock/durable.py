"""A mock's state kept in SQLite, so it survives `kill -9` and is shared by processes.

The handlers and the resource engine work on a plain dict (`MockState.store`) under a lock;
this module makes that dict durable without changing how they use it. The table holds one
row per top-level entry (`streams`, `sequence`, ...), except for the resources: one row per
record (`["resources", <name>, <id or key>]`), plus a row per resource name (so an emptied
one stays), so a write touches the rows of what it changed, however many records exist.
Each call runs inside one SQLite transaction (`BEGIN IMMEDIATE`, so callers in every
process take turns):

1. the service's version counter is read; when another process (or connection) changed the
   service since this one last saw it, the rows changed since (`seq` above what it saw) are
   read into the dict;
2. the call runs on the dict (`tracked.Tracked`: it notes the entries and records a call
   handed out or changed);
3. every row of those whose JSON differs from what the table holds is written with the next
   counter as its `seq` (a removed one is kept as a row without a value, so the others
   learn of it), the counter is bumped, and the transaction commits;

and only then is the answer sent, so an acknowledged change is on disk. The journal is WAL
with `synchronous=NORMAL`: a committed transaction survives the process being killed (the
operating system holds it); only a power loss may take the last ones.

Processes take turns at writing through an exclusive `flock` on `<state>-lock` (where the
system has one) before SQLite's own lock: a process SQLite finds busy sleeps a millisecond
or more before it tries again, which cost two workers more than they gained; a process
waiting on the file lock is woken the moment it is free.

One file holds every service (`service` column: `<service> <version>`), so `tcgen mock` and
any number of `python -m <package>.mock` processes can share it. The injected errors,
latency and call log live in the same file (`shared`), so every worker honours them; rate
windows stay per process.
"""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .tracked import Tracked

FORMAT = "tcgen-mock-state"
VERSION = 2
"""Version 1 kept a whole top-level entry (all of a service's resources) in one row."""
BUSY_TIMEOUT_S = 30.0
"""How long a call waits for another process's transaction before failing."""
SPLIT = "resources"
"""The top-level entry kept as one row per record (`resources.STORE`)."""
CONTAINER = "{}"
"""The value of a resource name's row (and of the `resources` row): an object whose
members are rows of their own."""

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE rows (service TEXT NOT NULL, path TEXT NOT NULL, value TEXT, "
    "seq INTEGER NOT NULL, PRIMARY KEY (service, path))",
    "CREATE INDEX rows_seq ON rows (service, seq)",
    "CREATE TABLE versions (service TEXT PRIMARY KEY, counter INTEGER NOT NULL)",
    "CREATE TABLE faults (id INTEGER PRIMARY KEY, service TEXT NOT NULL, "
    "action TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, times INTEGER, "
    "rate REAL NOT NULL, seed INTEGER, draws INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE latency (service TEXT NOT NULL, action TEXT NOT NULL, seconds REAL NOT NULL, "
    "PRIMARY KEY (service, action))",
    "CREATE TABLE controls (service TEXT PRIMARY KEY, counter INTEGER NOT NULL)",
    "CREATE TABLE calls (id INTEGER PRIMARY KEY, service TEXT NOT NULL, "
    "action TEXT, call TEXT NOT NULL)",  # (no index on service: a page less per call; the
    # log is read newest first and stops at the cap)
)
_TABLES = frozenset({"meta", "rows", "versions", "faults", "latency", "controls", "calls"})
Path_ = tuple[str, ...]


try:
    _fcntl: Any = importlib.import_module("fcntl")
except ImportError:  # Windows: SQLite's own locking only
    _fcntl = None


class StateFileError(Exception):
    """A state path that is not a usable state database; the message names the file."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread
    of the process that opened it."""
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
        connection = connect(path)
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
        elif "meta" not in tables:
            raise StateFileError(f"{where}: is an SQLite database of another kind, not a state")
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT:
            raise StateFileError(f"{where}: is an SQLite database of another kind, not a state")
        if meta.get("version") != str(VERSION):
            raise StateFileError(
                f"{where}: has state format version {meta.get('version')}; this tcgen reads "
                f"version {VERSION} (export the state with the tcgen that wrote it: "
                f"`tcgen mock --state-file`, or start from a new file)"
            )
        if tables and not tables >= _TABLES:
            raise StateFileError(f"{where}: is an SQLite database of another kind, not a state")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _key(path: Path_) -> str:
    return json.dumps(list(path))


def _apply(store: dict[str, Any], rows: Iterable[tuple[str, str | None]]) -> None:
    """Set (or, without a value, remove) each row's value at its path in `store`, parents
    before children; a resource name's row makes a fresh `Tracked` for its records."""
    for path, value in sorted(((json.loads(key), value) for key, value in rows), key=len):
        parent: Any = store
        for part in path[:-1]:
            parent = dict.get(parent, part) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            continue  # (under a parent removed in the same batch)
        if value is None:
            dict.pop(parent, path[-1], None)
        elif len(path) == 2 and path[0] == SPLIT:
            dict.__setitem__(parent, path[-1], Tracked())
        else:
            dict.__setitem__(parent, path[-1], json.loads(value))


def _splittable(value: Any) -> bool:
    """Whether an entry is kept as one row per record: an object of objects."""
    return isinstance(value, dict) and all(isinstance(one, dict) for one in dict.values(value))


class _Rows:
    """The rows one transaction writes: (path, JSON or None for removed)."""

    def __init__(self) -> None:
        self.changed: list[tuple[str, str | None]] = []

    def put(self, path: Path_, text: str | None) -> None:
        self.changed.append((_key(path), text))


class DurableStore:
    """One service's rows in a state database, mirrored in a dict between calls.

    Not thread-safe on its own: `MockState` calls it under its lock. The connection is opened
    on first use and again after a fork, so a server may create its mocks before starting
    worker processes."""

    def __init__(self, path: Path, service: str) -> None:
        self.path = path
        self.service = service
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._seen: int | None = None
        self._top: dict[str, str] = {}
        """Each plain top-level entry's JSON as the table holds it."""
        self._kinds: dict[str, dict[str, str]] | None = None
        """With `resources` kept split: each resource name's records' JSON, by key."""
        self._tracked: dict[str, Tracked] = {}
        """The records object of each resource name that `_kinds` describes (a call that
        put another object there wrote them all)."""
        self._lock_fd: int | None = None
        self._mirror: dict[str, Any] | None = None
        """The dict kept up to date (one store per `DurableStore`; another starts afresh)."""
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._pid == os.getpid():
            if self._connection is not None:
                self._connection.close()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
        self._connection, self._lock_fd = None, None

    def db(self) -> sqlite3.Connection:
        """This process's connection to the database."""
        if self._connection is None or self._pid != os.getpid():
            self._connection = connect(self.path)
            self._lock_fd = self._open_lock() if _fcntl is not None else None
            self._pid = os.getpid()
            self._seen = None
        return self._connection

    def _open_lock(self) -> int | None:
        """This process's own descriptor of the lock file (one inherited over a fork shares
        its lock with the parent); None where it cannot be made: SQLite's locking only."""
        try:
            return os.open(f"{self.path}-lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back when it raises."""
        db = self.db()
        locked = self._lock_fd
        if locked is not None:
            _fcntl.flock(locked, _fcntl.LOCK_EX)
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        finally:
            if locked is not None:
                _fcntl.flock(locked, _fcntl.LOCK_UN)

    def peek(self, key: str) -> Any:
        """One entry as last committed by any process (None when absent), on a connection
        of its own and outside any transaction: with WAL a read never waits on a writer, so
        one mock may look at another's state in the middle of its own call (a reference
        to a subnet another worker made) without either waiting on the other."""
        connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
        whole = _key((key,))
        try:
            rows = connection.execute(
                "SELECT path, value FROM rows WHERE service = ? AND value IS NOT NULL AND "
                "(path = ? OR substr(path, 1, ?) = ?)",
                (self.service, whole, len(whole), whole[:-1] + ","),
            ).fetchall()
        finally:
            connection.close()
        found: dict[str, Any] = {}
        _apply(found, rows)
        return found.get(key)

    @contextmanager
    def transaction(self, store: dict[str, Any]) -> Iterator[None]:
        """Bring `store` up to date, run the block on it, then commit what it changed.

        When the block raises, nothing is written and `store` is reloaded on the next call
        (it may hold half of a change)."""
        with self._lock:
            try:
                with self.writing() as db:
                    row = db.execute(
                        "SELECT counter FROM versions WHERE service = ?", (self.service,)
                    ).fetchone()
                    counter = row[0] if row else 0
                    if store is not self._mirror:  # another dict: it knows nothing yet
                        self._seen, self._mirror = None, store
                    if counter != self._seen:
                        self._load(db, store)
                    self._forget(store)
                    yield
                    rows = self._write(store)
                    if rows.changed:
                        counter += 1
                        db.executemany(
                            "INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?)",
                            [(self.service, path, text, counter) for path, text in rows.changed],
                        )
                        db.execute(
                            "INSERT OR REPLACE INTO versions VALUES (?, ?)",
                            (self.service, counter),
                        )
            except BaseException:
                self._seen = None
                raise
            self._seen = counter

    def _forget(self, store: dict[str, Any]) -> None:
        if isinstance(store, Tracked):
            store.forget()
        for records in self._tracked.values():
            records.forget()

    def _load(self, db: sqlite3.Connection, store: dict[str, Any]) -> None:
        """Read what changed since `_seen` (everything when nothing was seen) into `store`,
        and note it as what the table holds."""
        if self._seen is None:
            rows = db.execute(
                "SELECT path, value FROM rows WHERE service = ? AND value IS NOT NULL",
                (self.service,),
            ).fetchall()
            dict.clear(store)
            self._top, self._kinds, self._tracked = {}, None, {}
        else:
            rows = db.execute(
                "SELECT path, value FROM rows WHERE service = ? AND seq > ?",
                (self.service, self._seen),
            ).fetchall()
        _apply(store, rows)
        for key, value in rows:
            path = json.loads(key)
            if path == [SPLIT]:
                self._top.pop(SPLIT, None)
                self._kinds = {} if value == CONTAINER else None
                if value != CONTAINER and value is not None:
                    self._top[SPLIT] = value
            elif len(path) == 1:
                if value is None:
                    self._top.pop(path[0], None)
                else:
                    self._top[path[0]] = value
        self._note_records(store, rows)

    def _note_records(self, store: dict[str, Any], rows: list[tuple[str, str | None]]) -> None:
        kinds = self._kinds
        if kinds is None:
            self._tracked = {}
            return
        resources = dict.get(store, SPLIT)
        resources = resources if isinstance(resources, dict) else {}
        for key, value in sorted(rows, key=lambda row: len(json.loads(row[0]))):
            path = json.loads(key)
            if len(path) == 2 and path[0] == SPLIT:
                if value is None:
                    kinds.pop(path[1], None)
                else:
                    kinds[path[1]] = {}
            elif len(path) == 3 and path[0] == SPLIT and path[1] in kinds:
                if value is None:
                    kinds[path[1]].pop(path[2], None)
                else:
                    kinds[path[1]][path[2]] = value
        self._tracked = {
            name: records
            for name, records in dict.items(resources)
            if name in kinds and isinstance(records, Tracked)
        }

    def _write(self, store: dict[str, Any]) -> _Rows:
        """The rows of the entries (of those the call touched) that changed."""
        rows = _Rows()
        if isinstance(store, Tracked) and not store.everything:
            keys: Iterable[str] = list(store.touched)
        else:
            keys = set(store) | set(self._top) | ({SPLIT} if self._kinds is not None else set())
        for key in keys:
            present = dict.__contains__(store, key)
            value = dict.__getitem__(store, key) if present else None
            if key == SPLIT and isinstance(value, dict) and _splittable(value):
                self._write_split(value, rows)
                continue
            if key == SPLIT and self._kinds is not None:
                self._unsplit(rows, removed=not present)
            if present:
                text = _text(value)
                if self._top.get(key) != text:
                    rows.put((key,), text)
                    self._top[key] = text
            elif key in self._top:
                rows.put((key,), None)
                del self._top[key]
        return rows

    def _unsplit(self, rows: _Rows, removed: bool) -> None:
        """`resources` is no longer kept split: remove its records' and names' rows."""
        for name, records in (self._kinds or {}).items():
            for key in records:
                rows.put((SPLIT, name, key), None)
            rows.put((SPLIT, name), None)
        if removed:
            rows.put((SPLIT,), None)
        self._kinds, self._tracked = None, {}

    def _write_split(self, resources: dict[str, Any], rows: _Rows) -> None:
        if self._kinds is None:
            self._top.pop(SPLIT, None)
            rows.put((SPLIT,), CONTAINER)
            self._kinds = {}
        kinds = self._kinds
        for name in [name for name in kinds if not dict.__contains__(resources, name)]:
            for key in kinds.pop(name):
                rows.put((SPLIT, name, key), None)
            rows.put((SPLIT, name), None)
            self._tracked.pop(name, None)
        for name, records in list(dict.items(resources)):
            written = kinds.get(name)
            if written is None:
                rows.put((SPLIT, name), CONTAINER)
                written = kinds[name] = {}
            tracked = self._tracked.get(name)
            if records is tracked and tracked is not None and not tracked.everything:
                keys: Iterable[str] = list(tracked.touched)
            else:
                keys = set(dict.keys(records)) | set(written)
                tracked = Tracked()
                dict.update(tracked, dict.items(records))
                dict.__setitem__(resources, name, tracked)
                self._tracked[name] = tracked
            for key in keys:
                if dict.__contains__(records, key):
                    text = _text(dict.__getitem__(records, key))
                    if written.get(key) != text:
                        rows.put((SPLIT, name, key), text)
                        written[key] = text
                elif key in written:
                    rows.put((SPLIT, name, key), None)
                    del written[key]


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
    plain: dict[str, Any] = json.loads(json.dumps(store))  # (the records are `Tracked`)
    return plain
