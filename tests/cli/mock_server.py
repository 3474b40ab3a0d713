"""The generated mock (`python -m generated.live_v20180801.mock`) in a child process, driven
through its `/_mock/` control surface."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class MockServer:
    """Starts the mock with the test credentials; `stop()` ends that one process."""

    def __init__(self, package: str, root: Path, secret_id: str, secret_key: str) -> None:
        # The port is free when probed; a parallel worker may take it before the child binds
        # it, and then the child exits at once: try another port.
        for _ in range(3):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            self.process = subprocess.Popen(
                [sys.executable, "-m", f"{package}.mock", "--host", "127.0.0.1", "--port",
                 str(port), "--secret-id", secret_id, "--secret-key", secret_key,
                 "--no-rate-limit"],
                cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            if self._wait_until_listening(port):
                return
        raise RuntimeError("the mock did not start")

    def _wait_until_listening(self, port: int) -> bool:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return True
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    return False
                time.sleep(0.05)

    def control(self, operation: str, body: dict[str, Any] | None = None) -> Any:
        """POST (with a body) or GET `/_mock/<operation>`; the decoded JSON answer."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/_mock/{operation}", data=data)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def calls(self) -> list[dict[str, Any]]:
        calls: list[dict[str, Any]] = self.control("calls")["calls"]
        return calls

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
