"""Stand-ins for the sources of role credentials, all on 127.0.0.1 with a free port:

- `metadata`: a CVM instance metadata service (`http.server`) that names a role and hands
  out its temporary credentials, counting the requests;
- `sts`: the generated STS 2018-08-13 mock (imported from the installed tccli, generated
  once per session into a temporary tree) served over HTTP. Its AssumeRole and
  AssumeRoleWithWebIdentity issue fresh temporary keys with an expiry themselves (the
  spec's `credentials` blocks), which the mock then accepts with their token.
  AssumeRoleWithWebIdentity is `unsigned` in the spec (tccli's `skip_sign`), so the mock
  takes its `Authorization: SKIP`.
"""

from __future__ import annotations

import http.server
import importlib
import json
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest
from tcgen.runtime.mock.temporary import TemporaryKey

from tests.tccli_tree import import_and_generate

SOURCE_ID, SOURCE_KEY = "AKIDsource", "source-key"
ROLE_ARN = "qcs::cam::uin/100000000001:roleName/test-role"


class Clock:
    """A clock the test moves; starts at the real time, as servers check real timestamps."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


# -- the instance metadata stand-in ----------------------------------------------------------


@dataclass
class Metadata:
    """What the stand-in serves: one role, whose credentials change when `rotate` is called."""

    role: str = "test-role"
    lifetime: float = 7200.0
    delay: float = 0.0
    status: int = 200
    generation: int = 0
    expired_time: int = 0
    requests: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def rotate(self) -> None:
        with self.lock:
            self.generation += 1
            self.expired_time = int(time.time() + self.lifetime)

    def credential_requests(self) -> int:
        return sum(1 for path in self.requests if path.endswith("/" + self.role))

    def answer(self, path: str) -> tuple[int, bytes]:
        with self.lock:
            self.requests.append(path)
        time.sleep(self.delay)
        prefix = "/latest/meta-data/cam/security-credentials/"
        if self.status != 200:
            return self.status, b"unavailable"
        if path == prefix:
            return 200, self.role.encode()
        if path == prefix + self.role:
            with self.lock:
                number, expired = self.generation, self.expired_time
            body = {
                "TmpSecretId": f"AKIDcvm{number}",
                "TmpSecretKey": f"cvm-key-{number}",
                "Token": f"cvm-token-{number}",
                "ExpiredTime": expired,
                "Expiration": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expired)),
                "Code": "Success",
            }
            return 200, json.dumps(body).encode()
        return 404, b"not found"


@pytest.fixture
def metadata() -> Iterator[Metadata]:
    state = Metadata()
    state.rotate()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, body = state.answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/latest/meta-data/"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- the STS mock ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sts_package(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """`sts_v20180813`, imported from the installed tccli and generated into a temp tree."""
    _, out = import_and_generate(tmp_path_factory.mktemp("sts"), ["sts"])
    sys.path.insert(0, str(out))
    return importlib.import_module("sts_v20180813")


class TokenLog:
    """WSGI middleware recording the X-TC-Token of every request (the mock does not)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.tokens: list[tuple[str, str | None]] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.tokens.append((environ.get("HTTP_X_TC_ACTION", ""), environ.get("HTTP_X_TC_TOKEN")))
        return self.app(environ, start_response)


@dataclass
class STS:
    """The served STS mock: `app` (MockApp: `calls`, `keys`, `credentials`), `url`, and the
    X-TC-Token each request carried."""

    app: Any
    url: str
    middleware: TokenLog

    def tokens(self, action: str) -> list[str | None]:
        return [token for name, token in self.middleware.tokens if name == action]

    def issued(self, number: int) -> Any:
        """The `number`th (from 0) temporary key pair the mock issued since the test began."""
        return TemporaryKey(**self.app.credentials.snapshot()[number])


@pytest.fixture(scope="session")
def _sts_server(sts_package: ModuleType) -> Iterator[STS]:
    mock = importlib.import_module("sts_v20180813.mock")
    app = mock.create_app(keys={SOURCE_ID: SOURCE_KEY}, rate_limit=False)
    middleware = TokenLog(app)
    with mock.ServerThread(middleware, threads=8) as server:
        yield STS(app, server.endpoint, middleware)


@pytest.fixture
def sts(_sts_server: STS) -> STS:
    """The STS mock with no calls recorded and no temporary keys issued."""
    _sts_server.app.reset()
    _sts_server.middleware.tokens.clear()
    return _sts_server
