"""Test doubles for the client tests: a recording HTTP server and the official SDK as oracle."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any

import pytest
from tencentcloud.common import abstract_client, credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

# Headers that legitimately differ between our client and the official SDK: the client's
# self-identification, and the SDK's random per-call trace id.
DIFFERING_HEADERS = {"x-tc-requestclient", "x-tc-traceid"}


@dataclass(frozen=True)
class Recorded:
    """One raw request as it arrived on the wire."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def comparable(self) -> tuple[str, str, dict[str, str], bytes]:
        headers = {k: v for k, v in self.headers.items() if k not in DIFFERING_HEADERS}
        return self.method, self.path, headers, self.body


Reply = tuple[int, str, bytes]
"""(status, content type, body) the server answers with."""

OK_REPLY: Reply = (200, "application/json", b'{"Response": {"RequestId": "req-ok"}}')


def api_error(code: str, message: str = "no", request_id: str = "req-err") -> Reply:
    body = {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}
    return 200, "application/json", json.dumps(body).encode()


@dataclass
class RecordingServer:
    """A loopback HTTP/1.1 server that records every request and answers from a script."""

    replies: list[Reply] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    port: int = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else OK_REPLY


def _handler(server: RecordingServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without TCP_NODELAY each keep-alive
        # request waits ~40 ms for the client's delayed ACK (Nagle).
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.requests.append(Recorded(self.command, self.path, headers, body))
            status, content_type, payload = server.next_reply()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

    return Handler


@contextmanager
def recording_server() -> Iterator[RecordingServer]:
    """Serve on 127.0.0.1 with a free port in a thread; shut down afterwards."""
    state = RecordingServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@contextmanager
def frozen_sdk_clock(timestamp: Callable[[], int]) -> Iterator[None]:
    """The official SDK reads `time.time()` through its module; freeze that seam only."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(abstract_client, "time", SimpleNamespace(time=timestamp))
        yield


def official_client(
    service: str,
    version: str,
    *,
    endpoint: str,
    method: str,
    secret_id: str,
    secret_key: str,
    token: str | None = None,
    region: str = "",
    language: str = "en-US",
    scheme: str = "https",
) -> CommonClient:
    """The official SDK's generic client for the same service, key and endpoint."""
    profile = ClientProfile(
        httpProfile=HttpProfile(endpoint=endpoint, reqMethod=method, protocol=scheme),
        language=language,
    )
    return CommonClient(
        service, version, credential.Credential(secret_id, secret_key, token), region, profile
    )


def capture_official(client: CommonClient, action: str, params: dict[str, Any]) -> Any:
    """What the official SDK would send for one call (its `RequestInternal`), without sending."""
    captured: list[Any] = []

    def send_request(request: Any) -> Any:
        captured.append(request)
        return SimpleNamespace(
            status_code=200,
            headers={"Content-Type": "application/json"},
            content=OK_REPLY[2],
        )

    client.request.send_request = send_request  # type: ignore[method-assign]
    client.call(action, params)
    return captured[0]
