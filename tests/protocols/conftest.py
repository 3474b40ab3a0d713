"""Services imported from the installed tccli and generated once per session (STS, CVM, CLS),
served together by one `tcgen mock` endpoint (`emulator.endpoint.load`), as a user runs it:
no handler of the tests' own, no stand-in server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tcgen.emulator.endpoint import EdgeApp, load
from tcgen.runtime.mock.serve import ServerThread

from tests.tccli_tree import import_and_generate

SERVICES = ["sts", "cvm", "cls"]


class Clock:
    """The mock's clock, moved by the test; starts at the real time (SDKs sign with it)."""

    def __init__(self) -> None:
        import time

        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def tccli_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated packages of `SERVICES`, in a temporary tree."""
    _, out = import_and_generate(tmp_path_factory.mktemp("protocols"), SERVICES)
    return out


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def edge(tccli_packages: Path, clock: Clock) -> EdgeApp:
    """`tcgen mock` over the packages, accepting any fixed key pair (no `--secret-id`)."""
    return load(tccli_packages, rate_limit=False, clock=clock)


@pytest.fixture
def endpoint(edge: EdgeApp) -> Iterator[str]:
    """The edge on a free loopback port: `http://127.0.0.1:PORT`."""
    with ServerThread(edge) as server:
        yield server.endpoint


@pytest.fixture(scope="session")
def streamed_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """trtc (TextToSpeechSSE: always streamed) and lkeap (ChatCompletions: with Stream)."""
    _, out = import_and_generate(tmp_path_factory.mktemp("streams"), ["trtc", "lkeap"])
    return out


@pytest.fixture(scope="session")
def stream_endpoint(streamed_packages: Path) -> Iterator[str]:
    with ServerThread(load(streamed_packages, rate_limit=False)) as server:
        yield server.endpoint


MALFORMED = "InvalidParameterValue.LaunchTemplateIdMalformed"
NOT_FOUND = "ResourceNotFound.LaunchTemplate"


@pytest.fixture(scope="session")
def id_checked_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CVM from tccli with the error codes a page documents for its launch templates (tccli
    has none) and its resource blocks inferred (`tcgen infer-resources --write`: the launch
    template's id format `lt-` + 8 is read from the examples)."""
    import json

    from tests.tccli_tree import tcgen

    work = tmp_path_factory.mktemp("ids")
    spec, _ = import_and_generate(work, ["cvm"])
    actions = spec / "cvm" / "2017-03-12" / "actions"
    for name in ("DeleteLaunchTemplate", "DescribeLaunchTemplates", "CreateLaunchTemplate"):
        path = actions / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["errorCodes"] = [
            {"code": MALFORMED, "description": "The launch template ID is malformed."},
            {"code": NOT_FOUND, "description": "The launch template does not exist."},
        ]
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tcgen("infer-resources", "cvm", "--spec-dir", spec, "--write")
    out = work / "checked"
    tcgen("generate", "--spec-dir", spec, "--out", out)
    return out
