"""A corpus of malformed requests over loopback: never a 5xx, always a Tencent-shaped error.

Each case is raw bytes on a socket, so nothing between the test and the server tidies the
request up; every answer must be HTTP 200, `Content-Type: application/json` exactly and
`{"Response": {"Error": {"Code": ...}, "RequestId": ...}}` with the expected code.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import urlencode

import pytest

from generated.live_v20180801 import mock as live_mock

from .helpers import SECRET_ID, STREAM, parse_http, raw_exchange, tc3_headers

Build = Callable[[str], bytes]
MB = 1024 * 1024
BODY = json.dumps(STREAM).encode()


def http(method: str, headers: dict[str, str], body: bytes = b"", target: str = "/") -> bytes:
    lines = [f"{method} {target} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def signed_post(body: bytes, content_type: str = "application/json", **overrides: str) -> Build:
    def build(host: str) -> bytes:
        headers = tc3_headers(host, body, content_type=content_type)
        headers.update(overrides)
        return http("POST", {k: v for k, v in headers.items() if v != "-"}, body)

    return build


def signed_get(query: str, **overrides: str) -> Build:
    def build(host: str) -> bytes:
        headers = tc3_headers(
            host, method="GET", query=query, content_type="application/x-www-form-urlencoded"
        )
        headers.update(overrides)
        return http("GET", headers, target=f"/?{query}" if query else "/")

    return build


def v1(method: str, fields: dict[str, str]) -> Build:
    """An unsigned-but-shaped v1 request (the signature check is not what these cases test)."""
    common = {"Action": "DropLiveStream", "Version": "2018-08-01", "SecretId": SECRET_ID}

    def build(host: str) -> bytes:  # stamped when sent: collection may be minutes earlier
        form = urlencode({**common, "Timestamp": str(int(time.time())), **fields})
        headers = {"Host": host, "Content-Type": "application/x-www-form-urlencoded"}
        if method == "GET":
            return http("GET", headers, target=f"/?{form}")
        return http("POST", headers, form.encode())

    return build


def plain(method: str, body: bytes = b"", target: str = "/", **headers: str) -> Build:
    return lambda host: http(method, {"Host": host, **headers}, body, target)


AUTH = "AuthFailure.InvalidAuthorization"
GOOD_AUTH = "TC3-HMAC-SHA256 Credential=AKIDmockTEST/2024-01-01/live/tc3_request"
CORPUS: dict[str, tuple[Build, str]] = {
    "bad json": (signed_post(b'{"StreamName": '), "InvalidParameter"),
    "json array": (signed_post(b"[1, 2]"), "InvalidParameter"),
    "json string": (signed_post(b'"x"'), "InvalidParameter"),
    "empty body": (signed_post(b""), "InvalidParameter"),
    "whitespace body": (signed_post(b"  \n"), "InvalidParameter"),
    "binary garbage": (signed_post(bytes(range(256)) * 4), "InvalidParameter"),
    "latin-1 body": (signed_post('{"StreamName": "é"}'.encode("latin-1")), "InvalidParameter"),
    "deeply nested json": (signed_post(b"[" * 100_000 + b"]" * 100_000), "InvalidParameter"),
    "wrong content type": (signed_post(BODY, content_type="text/plain"), "UnsupportedProtocol"),
    "multipart content type": (  # DropLiveStream takes JSON: refused before its body is read
        signed_post(BODY, content_type="multipart/form-data; boundary=x"),
        "UnsupportedProtocol",
    ),
    "garbage unsigned": (
        plain("POST", b"\x00\xff" * 50, **{"Content-Type": "a/b"}),
        "MissingParameter",
    ),
    "garbage unsigned for an action": (
        plain(
            "POST",
            b"\x00\xff" * 50,
            **{"X-TC-Action": "DropLiveStream", "X-TC-Version": "2018-08-01"},
        ),
        AUTH,
    ),
    "put": (plain("PUT", BODY), "UnsupportedProtocol"),
    "delete": (plain("DELETE"), "UnsupportedProtocol"),
    "patch": (plain("PATCH", BODY), "UnsupportedProtocol"),
    "options": (plain("OPTIONS"), "UnsupportedProtocol"),
    "made-up method": (plain("BREW"), "UnsupportedProtocol"),
    "post over 10 MB": (signed_post(b" " * (10 * MB + 1)), "RequestSizeLimitExceeded"),
    "v1 form over 1 MB": (v1("POST", {"Pad": "x" * MB}), "RequestSizeLimitExceeded"),
    "get over 32 KB": (signed_get("StreamName=" + "x" * 33_000), "RequestSizeLimitExceeded"),
    "missing action": (signed_post(BODY, **{"X-TC-Action": "-"}), "MissingParameter"),
    "missing version": (signed_post(BODY, **{"X-TC-Version": "-"}), "MissingParameter"),
    "missing timestamp": (signed_post(BODY, **{"X-TC-Timestamp": "-"}), "MissingParameter"),
    "timestamp not a number": (
        signed_post(BODY, **{"X-TC-Timestamp": "yesterday"}),
        "InvalidParameterValue",
    ),
    "missing authorization": (signed_post(BODY, Authorization="-"), AUTH),
    "empty authorization": (signed_post(BODY, Authorization=""), AUTH),
    "bearer authorization": (signed_post(BODY, Authorization="Bearer abc"), AUTH),
    "algorithm only": (signed_post(BODY, Authorization="TC3-HMAC-SHA256"), AUTH),
    "no signature": (signed_post(BODY, Authorization=GOOD_AUTH), AUTH),
    "signature not hex": (
        signed_post(
            BODY, Authorization=GOOD_AUTH + ", SignedHeaders=content-type;host, Signature=zz"
        ),
        AUTH,
    ),
    "other signed headers": (
        signed_post(
            BODY,
            Authorization=GOOD_AUTH + ", SignedHeaders=host, Signature=" + "0" * 64,
        ),
        AUTH,
    ),
    "wrong version": (signed_post(BODY, **{"X-TC-Version": "2017-01-01"}), "NoSuchVersion"),
    "unknown action": (signed_post(BODY, **{"X-TC-Action": "LaunchRocket"}), "InvalidAction"),
    "lowercase action": (signed_post(BODY, **{"X-TC-Action": "droplivestream"}), "InvalidAction"),
    "get without params": (plain("GET"), "MissingParameter"),
    "http/1.0 without host": (lambda host: b"GET / HTTP/1.0\r\n\r\n", "MissingParameter"),
    "get signed without params": (signed_get(""), "MissingParameter"),
    "get repeated param": (
        signed_get("AppName=a&AppName=b&DomainName=d&StreamName=s"),
        "InvalidParameter",
    ),
    "get value and members": (
        signed_get("AppName=a&DomainName=d&StreamName=s&StreamName.0=t"),
        "InvalidParameter",
    ),
    "get unknown param": (
        signed_get("AppName=a&DomainName=d&StreamName=s&Colour=red"),
        "UnknownParameter",
    ),
    "wrong type": (signed_post(json.dumps({**STREAM, "AppName": 7}).encode()), "InvalidParameter"),
    "null required": (
        signed_post(json.dumps({**STREAM, "AppName": None}).encode()),
        "MissingParameter",
    ),
    "unknown parameter": (signed_post(json.dumps({**STREAM, "X": 1}).encode()), "UnknownParameter"),
    "v1 without signature": (v1("GET", {"Nonce": "1"}), AUTH),
    "v1 bad signature method": (
        v1("GET", {"Nonce": "1", "Signature": "x", "SignatureMethod": "MD5"}),
        AUTH,
    ),
    "v1 without nonce": (v1("POST", {"Signature": "x"}), "MissingParameter"),
    "v1 wrong signature": (
        v1("POST", {"Nonce": "1", "Signature": "AAAA", **STREAM}),
        "AuthFailure.SignatureFailure",
    ),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_malformed_request_gets_a_tencent_error(
    server: live_mock.ServerThread, app: live_mock.MockApp, case: str
) -> None:
    build, code = CORPUS[case]
    host = server.endpoint.removeprefix("http://")
    answer = parse_http(raw_exchange(server.server.effective_port, build(host)))
    assert answer.status == 200
    assert answer.content_type == "application/json"
    response = answer.body["Response"]
    assert response["Error"]["Code"] == code, response
    assert response["RequestId"] == app.calls()[-1].request_id


def test_error_messages_name_the_parameter(server: live_mock.ServerThread) -> None:
    host = server.endpoint.removeprefix("http://")
    for params, name in [
        ({"StreamName": "s", "DomainName": "d"}, "AppName"),
        ({**STREAM, "Colour": 1}, "Colour"),
    ]:
        reply = raw_exchange(
            server.server.effective_port, signed_post(json.dumps(params).encode())(host)
        )
        assert name in parse_http(reply).body["Response"]["Error"]["Message"]


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
    ],
)
def test_non_http_bytes_never_get_a_5xx(
    server: live_mock.ServerThread, request_bytes: bytes
) -> None:
    reply = raw_exchange(server.server.effective_port, request_bytes)
    assert not reply.startswith(b"HTTP/1.1 5") and not reply.startswith(b"HTTP/1.0 5")


def test_chunked_and_get_requests_succeed(server: live_mock.ServerThread) -> None:
    host = server.endpoint.removeprefix("http://")
    query = urlencode(sorted(STREAM.items()))
    answer = parse_http(raw_exchange(server.server.effective_port, signed_get(query)(host)))
    assert "Error" not in answer.body["Response"]
    headers = tc3_headers(host, BODY)
    head = http("POST", {**headers, "Transfer-Encoding": "chunked"}).replace(
        b"Content-Length: 0\r\n", b""
    )
    chunked = head + f"{len(BODY):x}\r\n".encode() + BODY + b"\r\n0\r\n\r\n"
    answer = parse_http(raw_exchange(server.server.effective_port, chunked))
    assert "Error" not in answer.body["Response"], answer.body
