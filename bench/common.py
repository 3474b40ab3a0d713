"""What every benchmark shares: the call under test, credentials, timing and local servers.

All traffic stays on 127.0.0.1 and every server is started and stopped by the benchmark.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SECRET_ID, SECRET_KEY = "AKIDbenchTEST0123456789", "benchTESTsecretKEY0123456789abcd"
REGION = "ap-guangzhou"
ACTION = "DropLiveStream"
STREAM = {"DomainName": "5000.livepush.myqcloud.com", "AppName": "live", "StreamName": "bench"}


def clean_env(**extra: str) -> dict[str, str]:
    """A subprocess environment without user profiles or proxies (HOME is a fresh temp dir)."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "TMPDIR"}}
    return {**keep, "PYTHONPATH": str(ROOT), **extra}


def wall(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    """Seconds one subprocess takes; raises with its stderr when it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=1800)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def mock_app() -> Any:
    """The generated Live mock, accepting the bench credentials, without rate limits."""
    from generated.live_v20180801 import mock

    return mock.create_app(keys={SECRET_ID: SECRET_KEY}, rate_limit=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(kind: str = "mock") -> Iterator[str]:
    """Run `bench.serve` (the mock, or the trivial app) in its own process; yields its URL."""
    port = free_port()
    server = subprocess.Popen([PYTHON, "-m", "bench.serve", kind, str(port)], env=clean_env())
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"bench server {kind} did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
