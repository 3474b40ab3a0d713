"""The official Node.js SDK (pinned, unchanged) calling the mock server in every signing mode.

The SDK derives the TC3 scope's service from the first label of the endpoint it is given
(`127.0.0.1:PORT` -> `127`, `localhost:PORT` -> `localhost:PORT`) and signs the hostname
without the port; the mock accepts exactly that for local addresses and nothing more.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from generated.live_v20180801 import mock as live_mock
from tests.nodesdk import NodeCall, node_calls

from .helpers import SECRET_ID, SECRET_KEY, STREAM, tc3_headers

MODES = [
    ("POST", "TC3-HMAC-SHA256"),
    ("GET", "TC3-HMAC-SHA256"),
    ("POST", "HmacSHA1"),
    ("GET", "HmacSHA1"),
    ("POST", "HmacSHA256"),
    ("GET", "HmacSHA256"),
]


def _address(server: live_mock.ServerThread, host: str = "127.0.0.1") -> str:
    return f"{host}:{server.endpoint.rsplit(':', 1)[1]}"


@pytest.mark.parametrize(("method", "sign_method"), MODES)
def test_every_signing_mode_succeeds(
    node_sdk: Path,
    server: live_mock.ServerThread,
    app: live_mock.MockApp,
    method: str,
    sign_method: str,
) -> None:
    [outcome] = node_calls(
        node_sdk, _address(server), [NodeCall("DropLiveStream", STREAM)],
        secret_id=SECRET_ID, secret_key=SECRET_KEY, method=method, sign_method=sign_method,
    )  # fmt: skip
    assert outcome.result == "ok", outcome
    [call] = app.calls()
    assert outcome.response["RequestId"] == call.request_id
    assert (call.method, call.signature_method, call.secret_id) == (method, sign_method, SECRET_ID)
    assert call.params == STREAM and call.region == "ap-guangzhou"


def test_localhost_endpoint_succeeds(node_sdk: Path, server: live_mock.ServerThread) -> None:
    [outcome] = node_calls(
        node_sdk, _address(server, "localhost"), [NodeCall("DropLiveStream", STREAM)],
        secret_id=SECRET_ID, secret_key=SECRET_KEY,
    )  # fmt: skip
    assert outcome.result == "ok", outcome


@pytest.mark.parametrize("sign_method", ["TC3-HMAC-SHA256", "HmacSHA256"])
def test_wrong_key_still_fails(
    node_sdk: Path, server: live_mock.ServerThread, sign_method: str
) -> None:
    outcomes = node_calls(
        node_sdk, _address(server),
        [NodeCall("DropLiveStream", STREAM), NodeCall("DropLiveStream", {"StreamName": "s"})],
        secret_id=SECRET_ID, secret_key="wrong", sign_method=sign_method,
    )  # fmt: skip
    assert [outcome.result for outcome in outcomes] == ["AuthFailure.SignatureFailure"] * 2


def test_validation_errors_reach_the_sdk(node_sdk: Path, server: live_mock.ServerThread) -> None:
    [outcome] = node_calls(
        node_sdk, _address(server), [NodeCall("DropLiveStream", {"StreamName": "s"})],
        secret_id=SECRET_ID, secret_key=SECRET_KEY,
    )  # fmt: skip
    assert outcome.result == "MissingParameter"


def _raw(server: live_mock.ServerThread, host: str, service: str) -> str:
    body = json.dumps(STREAM).encode()
    headers = tc3_headers(host, body, service=service)
    headers["X-TC-Region"] = "ap-guangzhou"
    answer = requests.post(server.endpoint, data=body, headers=headers, timeout=10)
    error = answer.json()["Response"].get("Error")
    return "ok" if error is None else str(error["Code"])


@pytest.mark.parametrize(
    ("host", "service", "expected"),
    [
        ("127.0.0.1:{port}", "live", "ok"),
        ("127.0.0.1:{port}", "127", "ok"),
        ("127.0.0.1", "127", "ok"),
        ("localhost:{port}", "localhost:{port}", "ok"),
        ("localhost", "localhost", "ok"),
        ("live.tencentcloudapi.com", "live", "ok"),
        # another Tencent service's scope is refused, whatever the address
        ("127.0.0.1:{port}", "cvm", "AuthFailure.SignatureFailure"),
        ("localhost:{port}", "cvm", "AuthFailure.SignatureFailure"),
        # a local-looking scope only counts when the address really is local
        ("live.tencentcloudapi.com", "live.tencentcloudapi", "AuthFailure.SignatureFailure"),
        ("live.tencentcloudapi.com", "127", "AuthFailure.SignatureFailure"),
        ("127.0.0.1:{port}", "10", "AuthFailure.SignatureFailure"),
        ("localhost:{port}", "localhost", "AuthFailure.SignatureFailure"),
    ],
)
def test_the_credential_scope_rule(
    server: live_mock.ServerThread, host: str, service: str, expected: str
) -> None:
    port = server.endpoint.rsplit(":", 1)[1]
    assert _raw(server, host.format(port=port), service.format(port=port)) == expected
