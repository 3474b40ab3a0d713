"""The client and the command line of the runtime, against its own mock (in-process and over
HTTP): what a generated package wires up, with a service of the tests' own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from tcgen.runtime.cli.app import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE, main
from tcgen.runtime.client import BaseClient
from tcgen.runtime.credentials import Sources
from tcgen.runtime.exceptions import APIError, ParameterError
from tcgen.runtime.mock.app import MockApp
from tcgen.runtime.mock.route import Intercept, service_hosts
from tcgen.runtime.mock.serve import ServerThread
from tcgen.runtime.model import Model, ResponseModel
from tcgen.runtime.retry import RetryPolicy

from .demo import ACTIONS, ENDPOINT, PROGRAM, SERVICE, SPEC, VERSION

KEYS = {"id": "key"}


class GetRequest(Model):
    _wire_ = (("name", "Name", "String"),)

    def __init__(self, *, name: str) -> None:
        self.name = name


class GetResponse(ResponseModel):
    _wire_ = (("counter", "Counter", "Integer"),)

    def __init__(self, *, counter: int | None = None) -> None:
        self.counter = counter


class DemoTables:
    """What a generated client class sets (sync or async)."""

    SERVICE = SERVICE
    VERSION = VERSION
    ENDPOINT = ENDPOINT
    ACTIONS: ClassVar = {**ACTIONS, "Old": ACTIONS["Get"]._replace(name="Old", deprecated=True)}
    STRUCTURES: ClassVar = {}
    error_class = staticmethod(lambda code: APIError)


class DemoClient(DemoTables, BaseClient):
    pass


@pytest.fixture
def app() -> Iterator[MockApp]:
    mock = MockApp(SPEC, keys=KEYS)
    with Intercept(mock, service_hosts(ENDPOINT)):
        yield mock


def client(tmp_path: Path, **options: Any) -> DemoClient:
    sources = Sources(environ={}, home=tmp_path)
    return DemoClient(secret_id="id", secret_key="key", sources=sources, **options)


def test_client_calls_through_validation_signing_and_the_wire(app: MockApp, tmp_path: Path) -> None:
    demo = client(tmp_path, retry=RetryPolicy(attempts=2), rate_limit=True)
    assert demo.call("Bump", {"By": 2})["Counter"] == 2
    response = demo._invoke("Get", GetRequest(name="a"), GetResponse)
    assert response.counter == 7 and response.request_id
    with pytest.raises(ParameterError, match="Get: missing required parameter Name"):
        demo.call("Get", {})
    with pytest.raises(APIError, match="InvalidParameterValue"):
        demo.call("Bump", {"By": -1})
    assert [call.action for call in app.calls()] == ["Bump", "Get", "Bump"]
    assert client(tmp_path, method="GET").call("Bump", {"By": 1})["Counter"] == 3
    with pytest.raises(ValueError, match="method must be GET or POST"):
        client(tmp_path, method="PUT")


def test_deprecated_actions_warn_at_the_callers_line(app: MockApp, tmp_path: Path) -> None:
    with (
        pytest.warns(DeprecationWarning, match="demo Old is deprecated") as warned,
        pytest.raises(APIError, match="demo has no action Old"),  # the mock's spec lacks it
    ):
        client(tmp_path).call("Old", {"Name": "a"})
    assert warned[0].filename == __file__


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "id")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "key")
    with ServerThread(MockApp(SPEC, keys=KEYS)) as running:
        yield running.endpoint


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(PROGRAM, list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_calls_the_mock_over_http(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo", "Bump", "--by", "2", "--endpoint", server)
    assert status == EXIT_OK and json.loads(out)["Counter"] == 2
    status, out, _ = run(capsys, "Bump", "--endpoint", server, "--filter", "Counter")
    assert (status, out) == (EXIT_OK, "3\n")
    status, out, _ = run(capsys, "Get", "--Name", "a", "--endpoint", server, "--output", "text")
    assert status == EXIT_OK and out.startswith("7\t")
    status, _, err = run(capsys, "Bump", "--By", "-1", "--endpoint", server)
    assert status == EXIT_API_ERROR and json.loads(err)["Code"] == "InvalidParameterValue"
    status, out, _ = run(capsys, "Get", "--Name", "a", "--endpoint", server, "--dry-run")
    assert status == EXIT_OK and out.startswith(f"POST {server}/ HTTP/1.1")
    assert "Signature=***" in out and out.endswith('{"Name": "a"}\n')


def test_cli_help_skeleton_and_usage_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no profile of the machine's
    status, out, _ = run(capsys, "help")
    assert (
        status == EXIT_OK and out.startswith("Demo service\n") and "  Get   Get a counter\n" in out
    )
    status, out, _ = run(capsys, "Bump", "help")
    assert status == EXIT_OK and "--By, --by  (Integer, optional)" in out
    assert "Adds to it" in out and "Error codes" in out
    status, out, _ = run(capsys, "Get", "--generate-cli-skeleton")
    assert (status, json.loads(out)) == (EXIT_OK, {"Name": ""})
    status, _, err = run(capsys, "Gte")
    assert status == EXIT_USAGE and "did you mean Get?" in err
    status, _, err = run(capsys, "Get", "--Name", "a", "--version", "2019-01-01")
    assert status == EXIT_USAGE and "speaks 2020-01-01 only" in err
    status, _, err = run(capsys, "Bump", "--By", "x")
    assert status == EXIT_USAGE and "--By: expected an integer, got 'x'" in err
    keys = ("--secretId", "id", "--secretKey", "key")
    status, _, err = run(capsys, "Get", "--Name", "a", "--timeout", "0", *keys)
    assert status == EXIT_USAGE and "--timeout: expected a positive number" in err
