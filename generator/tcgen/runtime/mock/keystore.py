"""The temporary keys a mock issued (`temporary.Registry`), kept in the state database.

With a state path (`--state`, and the temporary database `--workers N` share without one)
the keys STS issues are written to a table of their own in that SQLite file before the answer
is sent, so they survive `kill -9` and every worker process verifies a key another issued.
The table (`credentials`) stands apart from the services' entries (`durable`): it is created
where missing, in a file of any state format version, and nothing else reads it.

Each statement commits on its own (autocommit): an issued key is one row, never changed
after. Keys expired for longer than `temporary.KEEP_EXPIRED` are deleted as new ones are
issued, so a long CI run does not grow the file without bound.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from .durable import BUSY_TIMEOUT_S

Row = tuple[str, str, str, int]
"""(secret_id, secret_key, token, expires): a `temporary.TemporaryKey` as stored."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS credentials (secret_id TEXT PRIMARY KEY, "
    "secret_key TEXT NOT NULL, token TEXT NOT NULL, expires INTEGER NOT NULL)"
)
_COLUMNS = "secret_id, secret_key, token, expires"


class KeyStore:
    """The `credentials` table of one state database; thread-safe, reopened after a fork."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            connection = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(_SCHEMA)
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def add(self, row: Row, prune_before: int) -> None:
        """Store one key (committed on return) and delete those expired before `prune_before`."""
        with self._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    f"INSERT OR REPLACE INTO credentials ({_COLUMNS}) VALUES (?, ?, ?, ?)", row
                )
                db.execute("DELETE FROM credentials WHERE expires < ?", (prune_before,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def find(self, secret_id: str) -> Row | None:
        with self._lock:
            found = (
                self._db()
                .execute(f"SELECT {_COLUMNS} FROM credentials WHERE secret_id = ?", (secret_id,))
                .fetchone()
            )
        return None if found is None else (found[0], found[1], found[2], found[3])

    def rows(self) -> list[Row]:
        with self._lock:
            found = self._db().execute(f"SELECT {_COLUMNS} FROM credentials").fetchall()
        return [(one[0], one[1], one[2], one[3]) for one in found]

    def replace(self, rows: Iterable[Row]) -> None:
        """Make `rows` the whole table (a restore; none: a reset)."""
        with self._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM credentials")
                db.executemany(
                    f"INSERT OR REPLACE INTO credentials ({_COLUMNS}) VALUES (?, ?, ?, ?)", rows
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
