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


PAGE_CODES = {
    "DeleteLaunchTemplate": [MALFORMED, NOT_FOUND],
    "DescribeLaunchTemplates": [MALFORMED, NOT_FOUND],
    "CreateLaunchTemplate": [MALFORMED, NOT_FOUND],
    "DescribeLaunchTemplateVersions": [NOT_FOUND],  # documents codes, but no malformed one
}


def _id_checked(work: Path, page_codes: dict[str, list[str]]) -> Path:
    """CVM from tccli (with the official SDK's list of its codes), the codes a page documents
    for some actions added (`page_codes`), its resource blocks inferred (`tcgen
    infer-resources --write`: the launch template's id format `lt-` + 8 is read from the
    examples), generated; returns the packages' directory."""
    import json

    from tests.tccli_tree import tcgen

    spec, _ = import_and_generate(work, ["cvm"])
    actions = spec / "cvm" / "2017-03-12" / "actions"
    for name, codes in page_codes.items():
        path = actions / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["errorCodes"] = [{"code": code, "description": "From the page."} for code in codes]
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tcgen("infer-resources", "cvm", "--spec-dir", spec, "--write")
    out = work / "checked"
    tcgen("generate", "--spec-dir", spec, "--out", out)
    return out


@pytest.fixture(scope="session")
def id_checked_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CVM from tccli, with the error codes a page documents for its launch templates."""
    return _id_checked(tmp_path_factory.mktemp("ids"), PAGE_CODES)


@pytest.fixture(scope="session")
def tccli_cvm_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CVM from tccli alone: `tcgen import-tccli cvm` + `tcgen infer-resources cvm`."""
    return _id_checked(tmp_path_factory.mktemp("tccli-ids"), {})


DOMESTIC_SERVICES = ["cii", "sts", "hunyuan", "cvm"]


@pytest.fixture(scope="session")
def domestic_sdk() -> Path:
    """The `pip --target` directory of the pinned domestic SDK and tccli (installed once)."""
    from tests import domestic

    return domestic.install()


@pytest.fixture(scope="session")
def domestic_packages(tmp_path_factory: pytest.TempPathFactory, domestic_sdk: Path) -> Path:
    """`DOMESTIC_SERVICES` imported from the domestic tccli with its SDK (`--sdk-dir`: error
    codes, multipart and octet-stream actions), cvm's resource blocks inferred, generated."""
    from tests import domestic
    from tests.tccli_tree import tcgen

    work = tmp_path_factory.mktemp("domestic")
    spec, _ = import_and_generate(
        work,
        DOMESTIC_SERVICES,
        tccli_dir=domestic.services(domestic_sdk),
        sdk_dir=domestic.sdk(domestic_sdk),
    )
    tcgen("infer-resources", "cvm", "--spec-dir", spec, "--write")
    out = work / "checked"
    tcgen("generate", "--spec-dir", spec, "--out", out)
    return out


@pytest.fixture
def domestic_edge(domestic_packages: Path, clock: Clock) -> EdgeApp:
    return load(domestic_packages, rate_limit=False, clock=clock)


@pytest.fixture
def domestic_endpoint(domestic_edge: EdgeApp) -> Iterator[str]:
    """The domestic services' `tcgen mock` as `127.0.0.1:PORT` (the driver's form)."""
    with ServerThread(domestic_edge) as server:
        yield server.endpoint.removeprefix("http://")
