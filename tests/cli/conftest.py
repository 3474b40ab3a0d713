"""Fixtures for CLI tests: the API server, and the CLI (and tccli) run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .fake_api import FakeAPI, serve

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "generated.live_v20180801"
TCCLI = Path(sys.executable).with_name("tccli")
SECRET_ID, SECRET_KEY = "AKIDtest", "test-secret-key"


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(scope="session")
def _server() -> Iterator[FakeAPI]:
    api = FakeAPI()
    server, thread = serve(api)
    yield api
    server.shutdown()
    thread.join()


@pytest.fixture
def api(_server: FakeAPI) -> FakeAPI:
    """The server, with no requests recorded and no answers queued."""
    _server.reset()
    return _server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty HOME, so no profile file of the developer's leaks into a test."""
    target = tmp_path / "home"
    target.mkdir()
    return target


def env_for(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a command run as a user: HOME at `home`, no credentials or proxies
    of the developer's, and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENCENTCLOUD_", "TCCLI_"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), **extra)
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    return env


def run_command(command: list[str], home: Path, **env: str) -> Result:
    """Run a command as a user would: from the checkout, with HOME pointing at `home` (and
    `env` added to the environment)."""
    done = subprocess.run(
        command, cwd=ROOT, env=env_for(home, **env), capture_output=True, text=True, timeout=60
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(api: FakeAPI, home: Path) -> Any:
    """`cli(*args)` runs `python -m generated.live_v20180801 *args` against the server."""

    def run(*args: str, call: bool = True) -> Result:
        target = ["--endpoint", api.url, "--secretId", SECRET_ID, "--secretKey", SECRET_KEY]
        return run_command([sys.executable, "-m", PACKAGE, *args, *(target if call else [])], home)

    return run


@pytest.fixture
def tccli(api: FakeAPI, home: Path) -> Any:
    """`tccli(*args)` runs the official `tccli live *args` against the same server."""

    def run(*args: str) -> Result:
        target = ["--endpoint", api.url, "--secretId", SECRET_ID, "--secretKey", SECRET_KEY]
        return run_command([str(TCCLI), "live", *args, *target], home)

    return run
