"""The CLI against the generated mock (which verifies signatures), side by side with tccli."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generated.live_v20180801._meta import ACTIONS

from .conftest import PACKAGE, ROOT, SECRET_ID, SECRET_KEY, TCCLI, Result, run_command
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
    return run_command([sys.executable, "-m", PACKAGE, *args, *_target(mock, key)], home)


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_every_action_and_parameter_accepted_by_the_mock(
    mock: MockServer, home: Path, action: str
) -> None:
    argv, expected = every_parameter(ACTIONS[action], {})
    result = ours(mock, home, action, *argv)
    assert result.status == 0, result.err
    (call,) = mock.calls()
    assert (call["action"], call["params"], call["error"]) == (action, expected, None)
    assert result.json["RequestId"] == call["request_id"]


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
    mine = ours(mock, home, *args)
    theirs = run_command([str(TCCLI), "live", *args, *_target(mock)], home)
    assert mine.status == theirs.status == 0, theirs.err
    first, second = mock.calls()
    assert first["params"] == second["params"] and first["error"] is second["error"] is None
    assert mine.json == {"RequestId": first["request_id"]}
    assert theirs.json == {"RequestId": second["request_id"]}
    assert mine.out.replace(first["request_id"], "ID") == theirs.out.replace(
        second["request_id"], "ID"
    )
