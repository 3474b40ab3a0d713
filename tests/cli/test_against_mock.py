"""The CLI against the generated mock (which verifies signatures), side by side with tccli.

The mock runs as a server process (one per module); our CLI runs in-process for the loops
over every action and code (`conftest.run_inprocess`) and as a child process beside tccli.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generated.live_v20180801._meta import ACTIONS
from generated.live_v20180801._runtime.mock.resources import store_key
from generated.live_v20180801.mock.resources import RESOURCES

from .conftest import (
    PACKAGE,
    ROOT,
    SECRET_ID,
    SECRET_KEY,
    TCCLI,
    Result,
    env_for,
    run_command,
    run_inprocess,
)
from .mock_server import MockServer
from .samples import ACTION_NAMES, FIRST_ACTION_OF_CODE, every_parameter

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec(f"{PACKAGE}.mock") is None, reason="the generated mock is not there"
)


@pytest.fixture(scope="module")
def _mock() -> Iterator[MockServer]:
    server = MockServer(PACKAGE, ROOT, SECRET_ID, SECRET_KEY)
    yield server
    server.stop()


@pytest.fixture
def mock(_mock: MockServer) -> MockServer:
    _mock.control("reset", {})
    return _mock


def _target(mock: MockServer, key: str = SECRET_KEY) -> list[str]:
    return ["--endpoint", mock.url, "--secretId", SECRET_ID, "--secretKey", key]


def ours(mock: MockServer, home: Path, *args: str, key: str = SECRET_KEY) -> Result:
    return run_inprocess([*args, *_target(mock, key)], home)


def ours_process(mock: MockServer, home: Path, *args: str) -> Result:
    return run_command([sys.executable, "-m", PACKAGE, *args, *_target(mock)], home)


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_every_action_and_parameter_accepted_by_the_mock(
    mock: MockServer, home: Path, action: str
) -> None:
    argv, expected = every_parameter(ACTIONS[action], {})
    mock.control("seed", _existing(action, expected))
    result = ours(mock, home, action, *argv)
    assert result.status == 0, result.err
    (call,) = mock.calls()
    assert (call["action"], call["params"], call["error"]) == (action, expected, None)
    assert result.json["RequestId"] == call["request_id"]


def _existing(action: str, params: dict[str, Any]) -> dict[str, Any]:
    """Mock state in which the resource a Get/Modify/Delete action names exists."""
    for resource in RESOURCES.values():
        named = (resource.get, resource.delete, *resource.modify, *dict(resource.sets))
        if action not in named:
            continue
        if resource.key:
            records = {store_key(resource, params): dict(params)}
        else:
            ids = params.get(resource.filter_member or "") or [params[resource.id_member]]
            records = {str(one): {resource.id_member: one} for one in ids}
        return {"resources": {resource.name: records}}
    return {}


def test_every_error_code_injected_exits_1(mock: MockServer, home: Path) -> None:
    for code, action in sorted(FIRST_ACTION_OF_CODE.items()):
        mock.control("errors", {"action": action, "code": code, "times": 1})
        result = ours(mock, home, action, *every_parameter(ACTIONS[action], {})[0])
        assert result.status == 1, (code, result.err)
        error = json.loads(result.err)
        assert error["Code"] == code and error["RequestId"] == mock.calls()[-1]["request_id"]


def test_wrong_key_is_an_api_error(mock: MockServer, home: Path) -> None:
    argv, _ = every_parameter(ACTIONS["DropLiveStream"], {})
    result = ours(mock, home, "DropLiveStream", *argv, key="wrong")
    assert result.status == 1
    assert json.loads(result.err)["Code"].startswith("AuthFailure")


def test_same_body_and_stdout_as_tccli(mock: MockServer, home: Path) -> None:
    args = [
        "DropLiveStream",
        "--StreamName",
        "stream1",
        "--DomainName",
        "5000.livepush.myqcloud.com",
    ]
    args += ["--AppName", "live"]
    mine = ours_process(mock, home, *args)
    theirs = run_command([str(TCCLI), "live", *args, *_target(mock)], home)
    assert mine.status == theirs.status == 0, theirs.err
    first, second = mock.calls()
    assert first["params"] == second["params"] and first["error"] is second["error"] is None
    assert mine.json == {"RequestId": first["request_id"]}
    assert theirs.json == {"RequestId": second["request_id"]}
    assert mine.out.replace(first["request_id"], "ID") == theirs.out.replace(
        second["request_id"], "ID"
    )


STREAM = ["--DomainName", "5000.livepush.myqcloud.com", "--AppName", "live", "--StreamName", "s1"]
STATE = ["DescribeLiveStreamState", *STREAM]


def _waiter(to: str, **seconds: float) -> list[str]:
    return ["--waiter", json.dumps({"expr": "StreamState", "to": to, **seconds})]


def test_waiter_calls_again_until_the_stream_state_matches(mock: MockServer, home: Path) -> None:
    mock.control("seed", {"streams": [{"DomainName": STREAM[1], "AppName": "live",
                                       "StreamName": "s1"}]})  # fmt: skip
    command = [sys.executable, "-m", PACKAGE, *STATE, *_waiter("inactive", interval=0.2)]
    waiting = subprocess.Popen(
        [*command, *_target(mock)], cwd=ROOT, env=env_for(home), stdout=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while len(mock.calls()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ours(mock, home, "DropLiveStream", *STREAM).status == 0
    out, _ = waiting.communicate(timeout=30)
    assert waiting.returncode == 0
    polls = [c for c in mock.calls() if c["action"] == "DescribeLiveStreamState"]
    lines = out.splitlines()
    assert len(polls) >= 3 and lines[: len(polls) - 1] == ["Inquiry result is active."] * (
        len(polls) - 1
    )
    assert json.loads("\n".join(lines[len(polls) - 1 :])) == {
        "StreamState": "inactive",
        "RequestId": polls[-1]["request_id"],
    }
    assert all(c["error"] is None for c in polls)  # every round freshly signed and accepted


def test_waiter_timeout_reports_like_tccli(mock: MockServer, home: Path) -> None:
    args = [*STATE, *_waiter("active", timeout=0.5, interval=0.2)]
    mine = ours_process(mock, home, *args)
    theirs = run_command([str(TCCLI), "live", *args, *_target(mock)], home)
    message = "Request timeout, wait `StreamState` to `active` timeout, last request is inactive"
    assert (mine.status, theirs.status) == (1, 255)  # tccli exits 255 on every error
    assert mine.err.strip() == message and message in theirs.err
    assert (
        set(mine.out.splitlines())
        == set(theirs.out.splitlines())
        == {"Inquiry result is inactive."}
    )


def test_waiter_settings_of_the_profile_apply(mock: MockServer, home: Path) -> None:
    (home / ".tccli").mkdir()
    (home / ".tccli" / "default.configure").write_text(
        json.dumps({"waiter": {"timeout": 0.3, "interval": 0.1}})
    )
    result = ours(mock, home, *STATE, *_waiter("active"))  # tccli's default would be 180 s
    assert result.status == 1 and "timeout" in result.err
    assert 2 <= len(mock.calls()) <= 10


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("notjson", "invalid JSON"),
        ('["StreamState"]', "expected a JSON object"),
        ('{"to": "active"}', "`expr` must be defined"),
        ('{"expr": "StreamState"}', "`to` must be defined"),
        ('{"expr": "a[", "to": 1}', "invalid JMESPath expression"),
        ('{"expr": "StreamState", "to": 1, "timeout": "soon"}', "`timeout` must be a number"),
    ],
)
def test_bad_waiter_is_a_usage_error_before_sending(
    mock: MockServer, home: Path, value: str, complaint: str
) -> None:
    result = ours(mock, home, *STATE, "--waiter", value)
    assert result.status == 2
    assert "--waiter" in result.err and complaint in result.err
    assert mock.calls() == []
