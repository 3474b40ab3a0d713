"""Calls through the CLI, run as a user would, against the API server over loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generated.live_v20180801._meta import ACTIONS, STRUCTURES
from generated.live_v20180801._runtime.cli.output import shape
from generated.live_v20180801.cli import ALIASES

from .conftest import PACKAGE, ROOT, SECRET_ID, SECRET_KEY, run_command
from .fake_api import FakeAPI
from .samples import ACTION_NAMES, FIRST_ACTION_OF_CODE, every_parameter


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_every_action_and_parameter_reaches_the_server(cli: Any, api: FakeAPI, action: str) -> None:
    argv, expected = every_parameter(ACTIONS[action], ALIASES[action])
    api.answer({"Extra": 1})
    result = cli(action, *argv)
    assert result.status == 0, result.err
    (request,) = api.received
    assert request.headers["X-TC-Action"] == action
    assert request.headers["X-TC-Version"] == "2018-08-01"
    assert request.params == expected
    response = {"Extra": 1, "RequestId": "req-0"}
    assert result.json == shape(response, ACTIONS[action].output, STRUCTURES)
    assert list(result.json)[-1] == "RequestId"


@pytest.mark.parametrize(("code", "action"), sorted(FIRST_ACTION_OF_CODE.items()))
def test_every_error_code_is_printed_with_exit_1(
    cli: Any, api: FakeAPI, code: str, action: str
) -> None:
    argv, _ = every_parameter(ACTIONS[action], {})
    api.fail(code, f"message of {code}")
    result = cli(action, *argv)
    assert result.status == 1
    assert result.out == ""
    assert json.loads(result.err) == {
        "Code": code,
        "Message": f"message of {code}",
        "RequestId": "req-0",
    }


def test_skeleton_round_trips_through_cli_input_json(
    cli: Any, api: FakeAPI, tmp_path: Path
) -> None:
    for action in ACTION_NAMES:
        skeleton = cli(action, "--generate-cli-skeleton", call=False)
        assert skeleton.status == 0, skeleton.err
        assert list(skeleton.json) == [name for name, _, _ in ACTIONS[action].input]
        source = tmp_path / f"{action}.json"
        source.write_text(skeleton.out, encoding="utf-8")
        for form in (f"file://{source}", str(source), skeleton.out):
            api.received.clear()
            result = cli(action, "--cli-input-json", form)
            assert result.status == 0, result.err
            assert [r.params for r in api.received] == [skeleton.json]


def test_flags_override_cli_input_json(cli: Any, api: FakeAPI) -> None:
    given = {"StreamName": "from-json", "DomainName": "d", "AppName": "live"}
    result = cli("DropLiveStream", "--cli-input-json", json.dumps(given), "--StreamName", "flag")
    assert result.status == 0, result.err
    assert api.received[0].params == {**given, "StreamName": "flag"}


def _dry_run_request(text: str) -> tuple[str, str, dict[str, str], bytes]:
    head, _, body = text.partition("\n\n")
    request_line, *header_lines = head.splitlines()
    method, url, _ = request_line.split(" ")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return method, url, headers, body.rstrip("\n").encode()


def test_dry_run_prints_what_is_sent(cli: Any, api: FakeAPI) -> None:
    args = ["DropLiveStream", "--StreamName", "s1", "--DomainName", "d", "--AppName", "live"]
    dry = cli(*args, "--dry-run", "--region", "ap-guangzhou", "--token", "tok")
    assert dry.status == 0, dry.err
    assert api.received == []
    method, url, printed, body = _dry_run_request(dry.out)
    assert "Signature=***" in printed["Authorization"] and printed["X-TC-Token"] == "***"
    assert "test-secret-key" not in dry.out and "tok" not in dry.out.replace("X-TC-Token", "")
    sent = cli(*args, "--region", "ap-guangzhou", "--token", "tok")
    assert sent.status == 0, sent.err
    (request,) = api.received
    assert (method, url, body) == (request.method, api.url + request.path, request.body)
    varying = {"Authorization", "X-TC-Timestamp", "X-TC-Token"}
    for name, value in printed.items():
        if name not in varying:
            assert request.headers[name] == value, name
    assert request.headers["Authorization"].startswith(f"TC3-HMAC-SHA256 Credential={SECRET_ID}/")
    assert request.headers["X-TC-Token"] == "tok"


def test_output_formats_and_filter(cli: Any, api: FakeAPI) -> None:
    args = ["DropLiveStream", "--StreamName", "s", "--DomainName", "d", "--AppName", "live"]
    api.answer({"RequestId": "r-1"})
    assert cli(*args, "--output", "text").out == "r-1\n"
    api.answer({"RequestId": "r-2"})
    table = cli(*args, "--output", "table").out
    assert "| RequestId | r-2 |" in table.splitlines()
    api.answer({"RequestId": "r-3"})
    assert cli(*args, "--filter", "RequestId").json == "r-3"


def test_plain_http_call_does_not_import_requests(api: FakeAPI, home: Path) -> None:
    args = ["DropLiveStream", "--StreamName", "s", "--DomainName", "d", "--AppName", "live"]
    target = ["--endpoint", api.url, "--secretId", SECRET_ID, "--secretKey", SECRET_KEY]
    result = run_command([sys.executable, "-X", "importtime", "-m", PACKAGE, *args, *target], home)
    assert result.status == 0, result.err
    assert len(api.received) == 1
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.err.splitlines()}
    assert "http.client" in imported and "requests" not in imported


def test_proxy_environment_sends_the_call_through_requests(api: FakeAPI, home: Path) -> None:
    args = ["DropLiveStream", "--StreamName", "s", "--DomainName", "d", "--AppName", "live"]
    target = ["--endpoint", "http://live.example.invalid", "--secretId", "a", "--secretKey", "b"]
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), HTTP_PROXY=api.url)
    done = subprocess.run(
        [sys.executable, "-m", PACKAGE, *args, *target],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [request.path for request in api.received] == ["http://live.example.invalid/"]


def test_refused_connection_exits_1_naming_the_endpoint(home: Path, refused_endpoint: str) -> None:
    url = refused_endpoint
    args = ["DropLiveStream", "--StreamName", "s", "--DomainName", "d", "--AppName", "live"]
    target = ["--endpoint", url, "--secretId", "a", "--secretKey", "b"]
    result = run_command([sys.executable, "-m", PACKAGE, *args, *target], home)
    assert result.status == 1 and result.out == ""
    assert f"error: POST {url}/: " in result.err
