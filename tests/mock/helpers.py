"""Helpers for mock tests: an injectable clock, official-SDK clients, raw signed requests."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.live.v20180801 import live_client, models

from generated.live_v20180801._runtime import signing

SECRET_ID, SECRET_KEY = "AKIDmockTEST", "mock-secret-key"
KEYS = {SECRET_ID: SECRET_KEY}
STREAM = {"DomainName": "5000.livepush.myqcloud.com", "AppName": "live", "StreamName": "stream1"}


class FakeClock:
    """A clock that only moves when told to, starting at the real time (signatures use it)."""

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now


def official_client(
    endpoint: str | None = None,
    secret_id: str = SECRET_ID,
    secret_key: str = SECRET_KEY,
    *,
    method: str = "POST",
    sign_method: str = "TC3-HMAC-SHA256",
) -> live_client.LiveClient:
    """The official SDK's Live client; `endpoint` `127.0.0.1:PORT` means plain HTTP there."""
    http = HttpProfile(reqMethod=method, endpoint=endpoint, protocol="http" if endpoint else None)
    profile = ClientProfile(httpProfile=http, signMethod=sign_method)
    return live_client.LiveClient(
        credential.Credential(secret_id, secret_key), "ap-guangzhou", profile
    )


def sdk_call(client: live_client.LiveClient, action: str, params: dict[str, Any]) -> str:
    """ "ok" or the error code the official SDK raised."""
    request = getattr(models, f"{action}Request")()
    request.from_json_string(json.dumps(params))
    try:
        getattr(client, action)(request)
    except TencentCloudSDKException as exc:
        return str(exc.code)
    return "ok"


@dataclass
class Raw:
    status: int
    content_type: str
    body: dict[str, Any]


def tc3_headers(
    host: str,
    body: bytes = b"",
    *,
    action: str = "DropLiveStream",
    version: str = "2018-08-01",
    method: str = "POST",
    query: str = "",
    content_type: str = "application/json",
    timestamp: int | None = None,
    secret_key: str = SECRET_KEY,
    service: str = "live",
) -> dict[str, str]:
    """Headers of a correctly TC3-signed request (override pieces to break it on purpose)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    parts = signing.sign(
        secret_id=SECRET_ID,
        secret_key=secret_key,
        service=service,
        host=host,
        method=method,
        query=query,
        content_type=content_type,
        payload=body,
        timestamp=timestamp,
    )
    return {
        "Host": host,
        "Content-Type": content_type,
        "Authorization": parts.authorization,
        "X-TC-Action": action,
        "X-TC-Version": version,
        "X-TC-Timestamp": str(timestamp),
    }


def signed_get_query(params: dict[str, str]) -> str:
    return urlencode(sorted(params.items()))


def raw_exchange(port: int, data: bytes, timeout: float = 10.0) -> bytes:
    """Send bytes on a fresh loopback connection and read the reply until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def parse_http(reply: bytes) -> Raw:
    """Status, Content-Type and JSON body of one raw HTTP/1.1 reply."""
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return Raw(status, headers.get("Content-Type", ""), json.loads(body) if body else {})
