"""A tiny Tencent-shaped API server for CLI tests: records every request, answers what the
test queued (a `Response` body or an error), `{"RequestId": ...}` by default."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def params(self) -> Any:
        return json.loads(self.body)


@dataclass
class FakeAPI:
    """Requests seen, and the answers to give (first in, first out)."""

    received: list[Received] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    def reset(self) -> None:
        self.received.clear()
        self.answers.clear()
        self._ids = itertools.count()

    def answer(self, response: dict[str, Any]) -> None:
        self.answers.append(response)

    def fail(self, code: str, message: str = "injected") -> None:
        self.answers.append({"Error": {"Code": code, "Message": message}})

    def next_response(self) -> dict[str, Any]:
        response = dict(self.answers.pop(0)) if self.answers else {}
        response.setdefault("RequestId", f"req-{next(self._ids)}")
        return {"Response": response}


def serve(api: FakeAPI) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            api.received.append(Received("POST", self.path, dict(self.headers), body))
            out = json.dumps(api.next_response()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
