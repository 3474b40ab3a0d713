"""`python -m generated.live_v20180801.mock` as a real server process (waitress)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from .helpers import SECRET_ID, SECRET_KEY, STREAM, official_client, sdk_call

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def served() -> Iterator[str]:
    # The banner comes once the port is bound. A parallel worker may take the probed port
    # first (the child then dies with a traceback instead): try another one.
    for _ in range(3):
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "generated.live_v20180801.mock", "--port", str(port),
             "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY, "--no-rate-limit"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            banner = process.stdout.readline()
            if "Address already in use" in banner or banner.startswith("Traceback"):
                continue
            assert f"serving on http://127.0.0.1:{port}" in banner, banner
            yield f"127.0.0.1:{port}"
            return
        finally:
            process.terminate()
            process.wait(timeout=10)
    pytest.fail("the mock server did not start on a free port")


def test_server_process_answers_and_verifies_keys(served: str) -> None:
    assert sdk_call(official_client(served), "DropLiveStream", STREAM) == "ok"
    assert sdk_call(official_client(served, secret_key="x"), "DropLiveStream", STREAM) == (
        "AuthFailure.SignatureFailure"
    )
    calls = requests.get(f"http://{served}/_mock/calls").json()["calls"]
    assert [c["error"] for c in calls] == [None, "AuthFailure.SignatureFailure"]


def test_secret_id_needs_a_key() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generated.live_v20180801.mock", "--secret-id", "x"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and "go together" in result.stderr
