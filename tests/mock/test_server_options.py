"""Both servers' options: out-of-range values and a busy port are one line and exit 2."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVERS = {
    "one-service": [sys.executable, "-m", "generated.live_v20180801.mock"],
    "tcgen mock": [sys.executable, "-m", "tcgen", "mock"],
}


def _run(server: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SERVERS[server], *options], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--port", "99999"], "--port must be between 0 and 65535, got 99999"),
        (["--port", "-1"], "--port must be between 0 and 65535"),
        (["--threads", "0"], "--threads must be between 1 and 256, got 0"),
        (["--workers", "0"], "--workers must be between 1 and 64, got 0"),
        (["--call-log", "-5"], "--call-log must be between 0"),
        (["--connection-limit", "0"], "--connection-limit must be between 1"),
    ],
)
def test_an_option_out_of_range_exits_2(server: str, options: list[str], message: str) -> None:
    done = _run(server, *options)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("server", SERVERS)
def test_a_port_in_use_is_one_line(server: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _run(server, "--port", str(port))
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2  # tcgen's "1 problem" header + the line
