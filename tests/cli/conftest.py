"""Fixtures for CLI tests: the API server, and the CLI (and tccli) run as a user would.

`cli` runs the command line in this process, through the package's `main(argv)` with the
environment, working directory and program name a child process would have; the tests that
loop over every action and parameter use it, since a child `python -m` per case is what made
them slow. `cli_process` runs `python -m generated.live_v20180801` as a child process;
`test_process.py` holds the two to the same output for each kind of command line, and the
tests whose subject is the process (imports, environment, entry points) use `cli_process`.
"""

from __future__ import annotations

import contextlib
import io
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
MAIN = ROOT / "generated" / "live_v20180801" / "__main__.py"
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


_PROXIES = ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")


def env_for(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a command run as a user: HOME at `home`, no credentials or proxies
    of the developer's, and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENCENTCLOUD_", "TCCLI_"))}
    env["TENCENTCLOUD_METADATA_ENDPOINT"] = os.environ["TENCENTCLOUD_METADATA_ENDPOINT"]  # no CVM
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), **extra)
    for name in _PROXIES:
        env.pop(name, None)
    return env


def run_command(command: list[str], home: Path, **env: str) -> Result:
    """Run a command as a user would: from the checkout, with HOME pointing at `home` (and
    `env` added to the environment)."""
    done = subprocess.run(
        command, cwd=ROOT, env=env_for(home, **env), capture_output=True, text=True, timeout=60
    )
    return Result(done.returncode, done.stdout, done.stderr)


def run_inprocess(argv: list[str], home: Path, **env: str) -> Result:
    """`main(argv)` of the package's CLI as `run_command` would run `python -m` with it: the
    same environment (`env_for`), working directory and program name, output captured."""
    from generated.live_v20180801.cli import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        wanted = env_for(home, **env)
        for name in set(os.environ) - set(wanted):
            patch.delenv(name)
        for name, value in wanted.items():
            patch.setenv(name, value)
        patch.chdir(ROOT)
        patch.setattr(sys, "argv", [str(MAIN), *argv])  # prog: `python -m <package>`
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    return Result(status, out.getvalue(), err.getvalue())


def _target(api: FakeAPI) -> list[str]:
    return ["--endpoint", api.url, "--secretId", SECRET_ID, "--secretKey", SECRET_KEY]


@pytest.fixture
def cli(api: FakeAPI, home: Path) -> Any:
    """`cli(*args)`: the CLI with `args` against the server (`call=False`: no endpoint and
    key), in this process."""

    def run(*args: str, call: bool = True) -> Result:
        return run_inprocess([*args, *(_target(api) if call else [])], home)

    return run


@pytest.fixture
def cli_process(api: FakeAPI, home: Path) -> Any:
    """`cli_process(*args)`: the same, as `python -m generated.live_v20180801 *args`."""

    def run(*args: str, call: bool = True) -> Result:
        argv = [*args, *(_target(api) if call else [])]
        return run_command([sys.executable, "-m", PACKAGE, *argv], home)

    return run


@pytest.fixture
def tccli(api: FakeAPI, home: Path) -> Any:
    """`tccli(*args)` runs the official `tccli live *args` against the same server."""

    def run(*args: str) -> Result:
        return run_command([str(TCCLI), "live", *args, *_target(api)], home)

    return run
