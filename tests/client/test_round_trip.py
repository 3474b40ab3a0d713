"""What goes over the wire: our raw request equals the official SDK's, and answers map right.

Both clients call the same loopback server with the clock frozen at the same second; the
server records method, path + query, headers and body bytes. Only the headers in
`support.DIFFERING_HEADERS` may differ (X-TC-RequestClient names the client, X-TC-TraceId is a
random per-call id only the SDK sends). User-Agent, Accept*, Connection, Content-Length: equal.
"""

from __future__ import annotations

from typing import Any

import pytest
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.live.v20180801 import live_client, models

from generated.live_v20180801 import LiveClient, errors
from generated.live_v20180801._runtime.exceptions import (
    MalformedResponseError,
    ParameterError,
    TransportError,
)
from generated.live_v20180801._runtime.retry import RetryPolicy

from .conftest import SECRET_ID, SECRET_KEY
from .support import RecordingServer, api_error, frozen_sdk_clock, official_client

TIMESTAMP = 1_700_000_000
DROP = {"stream_name": "stream1", "domain_name": "5000.livepush.myqcloud.com", "app_name": "live"}


def our_client(server: RecordingServer, **options: Any) -> LiveClient:
    settings: dict[str, Any] = {
        "secret_id": SECRET_ID,
        "secret_key": SECRET_KEY,
        "region": "ap-guangzhou",
        "endpoint": server.endpoint,
        "clock": lambda: TIMESTAMP,
    }
    return LiveClient(**{**settings, **options})


def official_live(server: RecordingServer, method: str, token: str | None) -> Any:
    profile = ClientProfile(
        httpProfile=HttpProfile(
            endpoint=f"127.0.0.1:{server.port}", reqMethod=method, protocol="http"
        )
    )
    cred = credential.Credential(SECRET_ID, SECRET_KEY, token)
    return live_client.LiveClient(cred, "ap-guangzhou", profile)


@pytest.mark.parametrize("method", ["POST", "GET"])
@pytest.mark.parametrize("token", [None, "session-token-1"])
def test_typed_call_sends_what_the_official_sdk_sends(
    server: RecordingServer, method: str, token: str | None
) -> None:
    response = our_client(server, method=method, token=token).drop_live_stream(**DROP)
    request = models.DropLiveStreamRequest()
    request.StreamName, request.DomainName, request.AppName = DROP.values()
    with frozen_sdk_clock(lambda: TIMESTAMP):
        official_live(server, method, token).DropLiveStream(request)

    ours, theirs = server.requests
    assert ours.comparable() == theirs.comparable()
    assert ours.headers["x-tc-timestamp"] == str(TIMESTAMP)
    assert response.request_id == "req-ok"


NESTED = {
    "Filters": [{"Name": "état", "Values": ["直播", "a b&c=d", ""]}, {"Name": "n", "Values": []}],
    "Limit": 10,
    "Ratio": 0.25,
    "Enabled": True,
    "Skipped": None,
    "Inner": {"Deep": {"List": [1, 2, {"X": False}]}},
}


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_raw_call_with_nested_params_matches_official_sdk(
    server: RecordingServer, method: str
) -> None:
    our_client(server, method=method, language="zh-CN").call("DescribeThings", NESTED)
    sdk = official_client(
        "live", "2018-08-01", endpoint=f"127.0.0.1:{server.port}", method=method,
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-guangzhou", language="zh-CN",
        scheme="http",
    )  # fmt: skip
    with frozen_sdk_clock(lambda: TIMESTAMP):
        sdk.call("DescribeThings", NESTED)
    ours, theirs = server.requests
    assert ours.comparable() == theirs.comparable()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ResourceNotFound.UserNotExist", errors.ResourceNotFoundUserNotExistError),
        ("ResourceNotFound.SomethingNew", errors.ResourceNotFoundError),
        ("InternalError.Brand.New", errors.InternalError),
        ("AuthFailure.SignatureExpire", errors.AuthFailureSignatureExpireError),
        ("TotallyUnknown", errors.APIError),
    ],
)
def test_api_errors_raise_their_class(
    server: RecordingServer, code: str, expected: type[errors.APIError]
) -> None:
    server.replies.append(api_error(code, "it failed", "req-42"))
    with pytest.raises(expected) as raised:
        our_client(server).drop_live_stream(**DROP)
    assert type(raised.value) is expected
    error = raised.value
    assert (error.code, error.message, error.request_id) == (code, "it failed", "req-42")


@pytest.mark.parametrize(
    "reply",
    [
        (200, "application/json", b"not json"),
        (200, "application/json", b'{"NoResponse": {}}'),
        (200, "application/json", b'{"Response": ["x"]}'),
        (200, "application/json", b'{"Response": {"Error": "boom"}}'),
        (502, "text/html", b"<html><body>Bad Gateway</body></html>"),
        (500, "text/plain", b"\xff\xfe garbage"),
        (503, "application/json", b'{"Response": {"RequestId": "x"}}'),
    ],
)
def test_malformed_responses(server: RecordingServer, reply: tuple[int, str, bytes]) -> None:
    server.replies.append(reply)
    with pytest.raises(MalformedResponseError) as raised:
        our_client(server).drop_live_stream(**DROP)
    assert raised.value.status == reply[0]
    assert raised.value.body == reply[2]


def test_error_answered_with_a_failure_status_is_still_the_api_error(
    server: RecordingServer,
) -> None:
    server.replies.append((500, "application/json", api_error("InternalError")[2]))
    with pytest.raises(errors.InternalError):
        our_client(server).drop_live_stream(**DROP)


class FakeSleep:
    def __init__(self) -> None:
        self.pauses: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.pauses.append(seconds)


def test_connection_refused_is_a_transport_error_without_retries(refused_endpoint: str) -> None:
    client = LiveClient(secret_id="a", secret_key="b", endpoint=refused_endpoint)
    with pytest.raises(TransportError, match="127.0.0.1"):
        client.drop_live_stream(**DROP)


def test_connection_refused_is_retried_with_backoff_and_no_final_sleep(
    refused_endpoint: str,
) -> None:
    sleep = FakeSleep()
    retry = RetryPolicy(attempts=4, base_delay=0.5, max_delay=1.5, sleep=sleep, random=lambda: 1.0)
    client = LiveClient(secret_id="a", secret_key="b", endpoint=refused_endpoint, retry=retry)
    with pytest.raises(TransportError):
        client.drop_live_stream(**DROP)
    assert sleep.pauses == [0.5, 1.0, 1.5]  # 3 pauses for 4 attempts, capped at max_delay


def test_throttling_is_retried_until_success(server: RecordingServer) -> None:
    server.replies += [
        api_error("RequestLimitExceeded"),
        api_error("RequestLimitExceeded.UinLimitExceeded"),
    ]
    sleep = FakeSleep()
    retry = RetryPolicy(attempts=3, sleep=sleep, random=lambda: 0.5)
    assert our_client(server, retry=retry).drop_live_stream(**DROP).request_id == "req-ok"
    assert len(server.requests) == 3
    assert sleep.pauses == [0.25, 0.5]


def test_non_retryable_errors_are_not_retried(server: RecordingServer) -> None:
    server.replies.append(api_error("InvalidParameterValue"))
    sleep = FakeSleep()
    client = our_client(server, retry=RetryPolicy(attempts=5, sleep=sleep))
    with pytest.raises(errors.InvalidParameterValueError):
        client.drop_live_stream(**DROP)
    assert len(server.requests) == 1
    assert sleep.pauses == []


VALID = {"StreamName": "s", "DomainName": "d", "AppName": "a"}
MISSING, INVALID = "MissingParameter", "InvalidParameter"


@pytest.mark.parametrize(
    ("call", "code", "parameter"),
    [
        (lambda c: c.drop_live_stream(**{**DROP, "app_name": None}), MISSING, "AppName"),
        (lambda c: c.drop_live_stream(**{**DROP, "stream_name": 5}), INVALID, "StreamName"),
        (lambda c: c.call("DropLiveStream", {**VALID, "AppName": None}), MISSING, "AppName"),
        (lambda c: c.call("DropLiveStream", {**VALID, "Bogus": 1}), "UnknownParameter", "Bogus"),
    ],
)  # fmt: skip
def test_invalid_calls_fail_before_anything_is_sent(
    server: RecordingServer, call: Any, code: str, parameter: str
) -> None:
    with pytest.raises(ParameterError) as raised:
        call(our_client(server))
    assert (raised.value.code, raised.value.parameter) == (code, parameter)
    assert parameter in str(raised.value)
    assert server.requests == []


def test_proxy_environment_is_honoured_and_read_once(
    server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.endpoint)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    client = LiveClient(secret_id="a", secret_key="b", endpoint="http://live.example.invalid")
    client.drop_live_stream(**DROP)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # would fail if re-read
    client.drop_live_stream(**DROP)
    assert [r.path for r in server.requests] == ["http://live.example.invalid/"] * 2
