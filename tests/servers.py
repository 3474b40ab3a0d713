"""Mock servers the tests start as users do, each in its own process on a free loopback port
(`--port 0`), read from the banner it prints when it serves."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

BANNER = " on http://"


def tcgen_mock(packages: Path, *options: str) -> list[str]:
    """The command of `tcgen mock` over the generated packages in `packages`."""
    return [sys.executable, "-m", "tcgen", "mock", "--dir", str(packages), "--port", "0", *options]


@contextmanager
def serving(
    command: Sequence[str],
    *,
    stop: int = signal.SIGTERM,
    clean_exit: bool = False,
    cwd: Path | None = None,
) -> Iterator[str]:
    """Run a server `command` (which listens on port 0) and yield its `127.0.0.1:PORT`; at the
    end send it `stop` and wait for it (`clean_exit`: it must exit 0, having saved its state)."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=cwd) as process:
        try:
            assert process.stdout is not None
            banner = process.stdout.readline()
            assert BANNER in banner, banner
            yield banner.split(BANNER, 1)[1].split()[0]
        finally:
            process.send_signal(stop)
            code = process.wait(timeout=30)
    assert code == 0 or not clean_exit, f"the server exited {code}"
