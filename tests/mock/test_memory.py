"""A server's memory stays flat under refused multi-megabyte requests (Linux: /proc)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from .helpers import SECRET_ID, SECRET_KEY, STREAM, tc3_headers

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def _rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_refused_9_mb_requests_leave_memory_flat() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "generated.live_v20180801.mock", "--port", "0",
         "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY, "--no-rate-limit"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        host = process.stdout.readline().split("http://", 1)[1].split()[0]
        body = json.dumps({**STREAM, "Unknown": "x" * (9 * MB)}).encode()
        session = requests.Session()

        def refused() -> str:
            answer = session.post(
                f"http://{host}", data=body, headers=tc3_headers(host, body), timeout=60
            )
            return str(answer.json()["Response"]["Error"]["Code"])

        assert refused() == "UnknownParameter"
        start = _rss_mb(process.pid)
        for _ in range(100):
            assert refused() == "UnknownParameter"
        assert _rss_mb(process.pid) - start < 50
    finally:
        process.terminate()
        process.wait(timeout=10)
