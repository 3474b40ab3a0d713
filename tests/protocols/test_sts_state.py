"""Issued temporary keys in the state database (`--state`, `runtime/mock/keystore.py`): a key
one `tcgen mock` process issued is verified by another on the same file (as `--workers N`
share one), survives `kill -9`, and expired keys are pruned. Real servers on free loopback
ports, the official Python SDK as the client."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tcgen.runtime.mock.keystore import KeyStore
from tcgen.runtime.mock.temporary import KEEP_EXPIRED, Registry

from tests import servers

from .test_sts import assume_role, refused, regions, temporary


@contextmanager
def serving(packages: Path, state: Path, *extra: str) -> Iterator[str]:
    """`tcgen mock --state STATE` on a free port; yields `http://127.0.0.1:PORT`, then
    kills it with SIGKILL (nothing may depend on a clean stop)."""
    command = servers.tcgen_mock(packages, "--state", str(state), "--no-rate-limit", *extra)
    with servers.serving(command, stop=signal.SIGKILL) as endpoint:
        yield "http://" + endpoint


def test_a_key_issued_by_one_process_is_verified_by_another_and_survives_kill_9(
    tccli_packages: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.db"
    with serving(tccli_packages, state) as first, serving(tccli_packages, state) as second:
        issued = assume_role(first)
        assert regions(second, temporary(issued)).RequestId
        assert refused(second, temporary(issued, token="wrong")).startswith(
            "AuthFailure.TokenFailure"
        )
    with serving(tccli_packages, state, "--workers", "2") as restarted:
        for _ in range(4):  # whichever worker answers
            assert regions(restarted, temporary(issued)).RequestId
        assert refused(restarted, temporary(issued, token=None)).startswith(
            "AuthFailure.TokenFailure"
        )


def test_expired_keys_are_pruned_from_the_database(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "state.db")
    registry = Registry(store)
    old = registry.issue(60, now=1_000_000)
    kept = registry.issue(60, now=1_000_000 + KEEP_EXPIRED)  # old expired < KEEP_EXPIRED ago
    assert {row[0] for row in store.rows()} == {old.secret_id, kept.secret_id}
    fresh = registry.issue(60, now=1_000_000 + 60 + KEEP_EXPIRED + 1)
    other = Registry(KeyStore(tmp_path / "state.db"))  # another process's view
    assert other.get(old.secret_id) is None and registry.get(old.secret_id) is None
    assert other.get(fresh.secret_id) == fresh and other.get(kept.secret_id) == kept
    other.clear()
    assert registry.snapshot() == []
