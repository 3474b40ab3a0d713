"""Request building and signing, response parsing and the choice of HTTP backend, on their own."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from tcgen.runtime import signing
from tcgen.runtime.backends import stdlib_allowed
from tcgen.runtime.credentials import Credentials
from tcgen.runtime.exceptions import APIError, MalformedResponseError
from tcgen.runtime.request import Endpoint, flatten, prepare_call
from tcgen.runtime.response import parse_response
from tcgen.runtime.transport import Transport

ENDPOINT = Endpoint.parse("live.tencentcloudapi.com")
PARAMS: dict[str, Any] = {"Names": ["a", "b"], "Filter": {"On": True, "Skip": None}, "N": 1}


def _call(method: str, **options: Any) -> Any:
    return prepare_call(
        service="live",
        version="2018-08-01",
        endpoint=ENDPOINT,
        credentials=Credentials("id", "key", options.pop("token", None)),
        action="DescribeThings",
        params=PARAMS,
        timestamp=1700000000,
        method=method,
        **options,
    )


def test_endpoints_take_a_host_or_a_url() -> None:
    assert ENDPOINT.url == "https://live.tencentcloudapi.com/"
    local = Endpoint.parse("http://127.0.0.1:8080/")
    assert (local.url, local.host) == ("http://127.0.0.1:8080/", "127.0.0.1:8080")


def test_post_sends_the_sdk_json_and_a_tc3_signature() -> None:
    call = _call("POST", region="ap-guangzhou", language="en-US", token="tok")
    assert call.body == json.dumps(PARAMS).encode() and call.url == ENDPOINT.url
    expected = signing.sign(
        secret_id="id",
        secret_key="key",
        service="live",
        host="live.tencentcloudapi.com",
        method="POST",
        query="",
        content_type="application/json",
        payload=call.body,
        timestamp=1700000000,
    )
    assert call.headers["Authorization"] == expected.authorization
    assert call.headers["X-TC-Region"] == "ap-guangzhou" and call.headers["X-TC-Token"] == "tok"
    assert call.headers["X-TC-Language"] == "en-US"
    safe = call.safe_headers()
    assert safe["X-TC-Token"] == "***" and safe["Authorization"].endswith("Signature=***")


@pytest.mark.parametrize(
    "timestamp", [0, 86399, 86400, -1, -86400, -86401, 951868799, 951868800, 1700000000]
)
def test_the_signing_date_is_the_utc_day_of_the_timestamp(timestamp: int) -> None:
    """Formatted once per day (cached by day number), the same date `gmtime` gives, either
    side of midnight and of the epoch."""
    assert signing.utc_date(timestamp) == time.strftime("%Y-%m-%d", time.gmtime(timestamp))


def test_get_sends_the_flattened_query_and_no_optional_headers() -> None:
    call = _call("GET")
    assert call.body == b""
    assert call.url == ENDPOINT.url + "?Names.0=a&Names.1=b&Filter.On=True&N=1"
    assert call.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert not {"X-TC-Region", "X-TC-Token", "X-TC-Language"} & set(call.headers)


def test_flatten_keeps_order_drops_none_and_stringifies() -> None:
    assert flatten(PARAMS) == {"Names.0": "a", "Names.1": "b", "Filter.On": "True", "N": "1"}
    assert flatten(None) == {} and flatten([1, (2,)]) == {"0": "1", "1.0": "2"}


def test_transport_prepare_is_prepare_call_with_its_settings() -> None:
    transport = Transport(
        "live", "2018-08-01", ENDPOINT, Credentials("id", "key"), method="GET", clock=lambda: 1.7e9
    )
    prepared = transport.prepare("DescribeThings", PARAMS)
    assert prepared == prepare_call(
        service="live",
        version="2018-08-01",
        endpoint=ENDPOINT,
        credentials=Credentials("id", "key"),
        action="DescribeThings",
        params=PARAMS,
        timestamp=1700000000,
        method="GET",
    )


def _error_class(code: str) -> type[APIError]:
    return type(code.replace(".", "_"), (APIError,), {})


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        (200, {"Response": {"RequestId": "r", "X": 1}}, {"RequestId": "r", "X": 1}),
        (400, {"Response": {"Error": {"Code": "A.B", "Message": "m"}, "RequestId": "r"}}, "A_B"),
        (500, {"Response": {"RequestId": "r"}}, MalformedResponseError),
        (200, {"Response": []}, MalformedResponseError),
        (200, {"Response": {"Error": {"Message": "no code"}}}, MalformedResponseError),
        (502, "<html>bad gateway</html>", MalformedResponseError),
    ],
)
def test_parse_response(status: int, body: Any, outcome: Any) -> None:
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    if isinstance(outcome, dict):
        assert parse_response(status, content, _error_class) == outcome
        return
    with pytest.raises((APIError, MalformedResponseError)) as caught:
        parse_response(status, content, _error_class)
    if isinstance(outcome, str):
        assert type(caught.value).__name__ == outcome and caught.value.request_id == "r"
    else:
        assert isinstance(caught.value, outcome) and caught.value.status == status


def test_stdlib_backend_only_for_plain_http_without_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)
    assert stdlib_allowed("http://127.0.0.1:1/", None)
    assert not stdlib_allowed("https://127.0.0.1:1/", None)
    assert not stdlib_allowed("http://127.0.0.1:1/", {"http": "http://proxy:1"})
    monkeypatch.setenv("HTTP_PROXY", "http://proxy:1")
    assert not stdlib_allowed("http://127.0.0.1:1/", None)
    assert stdlib_allowed("http://127.0.0.1:1/", {"https": "http://proxy:1"})
