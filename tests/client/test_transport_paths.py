"""`Transport.send`'s two ways over the wire (requests, and http.client with `stdlib_http`
for the CLI) send the same signed request and map every answer and failure alike."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from generated.live_v20180801 import errors
from generated.live_v20180801._runtime.backends import RequestsHTTP, StdlibHTTP
from generated.live_v20180801._runtime.credentials import Credentials
from generated.live_v20180801._runtime.exceptions import (
    APIError,
    MalformedResponseError,
    TransportError,
)
from generated.live_v20180801._runtime.request import Endpoint
from generated.live_v20180801._runtime.transport import Transport

from .conftest import SECRET_ID, SECRET_KEY
from .support import OK_REPLY, RecordingServer, api_error

PARAMS = {"StreamName": "s", "DomainName": "d", "AppName": "live"}
WAYS = pytest.mark.parametrize("stdlib_http", [False, True], ids=["requests", "http.client"])
# http.client's transport headers are not requests' (the only difference between the ways)
TRANSPORT_HEADERS = {"user-agent", "accept", "accept-encoding", "connection"}


def transport(endpoint: str, stdlib_http: bool, **options: Any) -> Transport:
    return Transport(
        "live",
        "2018-08-01",
        Endpoint.parse(endpoint),
        Credentials(SECRET_ID, SECRET_KEY),
        region="ap-guangzhou",
        clock=lambda: 1_700_000_000,
        stdlib_http=stdlib_http,
        **options,
    )


def outcome(sender: Transport, method: str = "POST") -> Any:
    """What a call ends in: the response, or the exception's type and attributes."""
    sender.method = method
    try:
        return sender.send(sender.prepare("DropLiveStream", PARAMS), errors.error_class)
    except APIError as exc:
        return type(exc), exc.code, exc.message, exc.request_id
    except MalformedResponseError as exc:
        return type(exc), exc.status, exc.body, str(exc)
    except TransportError as exc:
        return type(exc), str(exc).split(":")[:2]


REPLIES = [
    OK_REPLY,
    api_error("ResourceNotFound.UserNotExist", "gone", "req-1"),
    (500, "application/json", api_error("InternalError")[2]),
    (200, "application/json", b"not json"),
    (502, "text/html", b"<html>Bad Gateway</html>"),
    (503, "application/json", b'{"Response": {"RequestId": "x"}}'),
]


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_both_ways_send_the_same_request_and_map_answers_alike(
    server: RecordingServer, method: str
) -> None:
    results = {}
    for stdlib_http in (False, True):
        server.replies += REPLIES
        sender = transport(server.endpoint, stdlib_http)
        results[stdlib_http] = [outcome(sender, method) for _ in REPLIES]
        sender.close()
    assert results[False] == results[True]
    assert results[True][0] == {"RequestId": "req-ok"}
    assert results[True][1][0] is errors.ResourceNotFoundUserNotExistError
    assert results[True][2][0] is errors.InternalError
    assert {result[0] for result in results[True][3:]} == {MalformedResponseError}
    by_requests, by_stdlib = server.requests[: len(REPLIES)], server.requests[len(REPLIES) :]
    for sent_by_requests, sent_by_stdlib in zip(by_requests, by_stdlib, strict=True):
        requests_way, stdlib_way = sent_by_requests.comparable(), sent_by_stdlib.comparable()
        assert requests_way[0:2] == stdlib_way[0:2]  # method, path and query
        assert requests_way[3] == stdlib_way[3]  # body
        assert {k: v for k, v in requests_way[2].items() if k not in TRANSPORT_HEADERS} == {
            k: v for k, v in stdlib_way[2].items() if k not in TRANSPORT_HEADERS
        }


@WAYS
def test_connection_refused_is_a_transport_error_on_both_ways(
    stdlib_http: bool, refused_endpoint: str
) -> None:
    result = outcome(transport(refused_endpoint, stdlib_http))
    assert result == (TransportError, ["POST http", "//127.0.0.1"])


def test_stdlib_way_keeps_the_connection_alive_and_never_imports_requests(
    server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = transport(server.endpoint, True)
    monkeypatch.setattr(RequestsHTTP, "send", None)  # would fail if used
    assert outcome(sender) == outcome(sender) == {"RequestId": "req-ok"}
    backend = sender._backend
    assert isinstance(backend, StdlibHTTP)
    (idle,) = backend.idle
    assert outcome(sender) == {"RequestId": "req-ok"} and backend.idle == [idle]
    idle.sock.shutdown(socket.SHUT_RDWR)  # as if the server dropped it
    assert outcome(sender) == {"RequestId": "req-ok"}
    assert backend.idle != [idle] and len(server.requests) == 4
    sender.close()
    assert backend.idle == []


@pytest.mark.parametrize(
    ("endpoint", "proxies", "env", "stdlib"),
    [
        ("http://127.0.0.1:1", None, {}, True),
        ("http://127.0.0.1:1", {}, {"HTTP_PROXY": "http://p:1"}, True),
        ("http://127.0.0.1:1", {"https": "http://p:1"}, {}, True),
        ("http://127.0.0.1:1", {"http": "http://p:1"}, {}, False),
        ("http://127.0.0.1:1", {"all://127.0.0.1": "http://p:1"}, {}, False),
        ("http://127.0.0.1:1", None, {"http_proxy": "http://p:1"}, False),
        ("http://127.0.0.1:1", None, {"ALL_PROXY": "http://p:1"}, False),
        ("https://127.0.0.1:1", None, {}, False),
    ],
)
def test_which_calls_take_the_stdlib_way(
    monkeypatch: pytest.MonkeyPatch,
    endpoint: str,
    proxies: dict[str, str] | None,
    env: dict[str, str],
    stdlib: bool,
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert transport(endpoint, True, proxies=proxies)._plain_http() is stdlib
    assert transport(endpoint, False, proxies=proxies)._plain_http() is False
