"""Calls to Tencent Cloud hosts, sent to a running `tcgen mock` instead, with no code edited.

Code written for Tencent Cloud (the official SDK's own tests, a user's scripts) names its
hosts itself: `HttpProfile(endpoint="cvm.tencentcloudapi.com")` over https, or the SDK's
default. Pointing each client at the mock means editing that code. `Redirect` catches every
`requests` and `httpx.AsyncClient` call to `*.tencentcloudapi.com` in this process (the
official Python SDK sends through both, as do the generated clients) and forwards it over
plain HTTP to the mock's URL, Host header and body unchanged, so the mock routes it by the
Host's service label and checks the TC3 signature against the host that was signed.

The pytest plugin applies it to a whole run: `pytest --tencent-mock-url http://127.0.0.1:8080`
(or `TCGEN_MOCK_URL`). The Node.js SDK runs in another runtime; it takes the mock's URL as its
endpoint instead (docs/MOCK.md).
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterable
from urllib.parse import quote, urlsplit
from wsgiref.types import StartResponse, WSGIEnvironment

from tcgen.runtime.mock.route import Intercept

TENCENT_DOMAIN = "tencentcloudapi.com"
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}
    | {"proxy-authenticate", "proxy-authorization"}
)
"""Headers that describe one connection, not the message (RFC 9110 7.6.1): not forwarded."""
TIMEOUT_SECONDS = 60.0
"""How long a forwarded call waits for the mock (the official SDK's default timeout)."""


class MockUnreachable(ConnectionError):
    """The mock's URL does not answer: the caller sees a network error, as it would from
    Tencent Cloud, naming the URL."""


def mock_base(url: str) -> tuple[str, int]:
    """(host, port) of a mock URL `http://HOST:PORT`; ValueError naming what is wrong."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"{url!r} is not a mock URL: give http://HOST:PORT")
    if parts.path not in ("", "/") or parts.query:
        raise ValueError(f"{url!r}: give the mock's base URL, http://HOST:PORT, with no path")
    try:
        port = parts.port or 80
    except ValueError:
        raise ValueError(f"{url!r}: the port is not a number from 1 to 65535") from None
    return parts.hostname, port


def is_tencent_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == TENCENT_DOMAIN or host.endswith("." + TENCENT_DOMAIN)


def _request_headers(environ: WSGIEnvironment) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").title(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_") and key[5:].replace("_", "-").lower() not in HOP_BY_HOP
    }
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = str(environ["CONTENT_TYPE"])
    return headers


class Forward:
    """A WSGI application that sends each request on to the mock at `url` over HTTP/1.1
    keep-alive (one connection per thread) and answers with what the mock answered."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.host, self.port = mock_base(url)
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)
            self._local.connection = connection
        return connection

    def _send(
        self, method: str, target: str, body: bytes, headers: dict[str, str]
    ) -> http.client.HTTPResponse:
        """Send once; a kept-alive connection the mock closed meanwhile is opened again."""
        attempts = 2
        while True:
            attempts -= 1
            connection = self._connection()
            try:
                connection.request(method, target, body=body, headers=headers)
                return connection.getresponse()
            except OSError as error:
                connection.close()  # the next request opens it again
                stale = isinstance(error, (ConnectionResetError, BrokenPipeError))
                if not (stale and attempts):
                    raise MockUnreachable(
                        f"tcgen mock at {self.url} did not answer: {error}"
                    ) from None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        target = quote(str(environ.get("PATH_INFO") or "/"))
        if environ.get("QUERY_STRING"):
            target += f"?{environ['QUERY_STRING']}"
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        method = str(environ["REQUEST_METHOD"])
        answer = self._send(method, target, body, _request_headers(environ))
        content = answer.read()
        headers = [
            (name, value) for name, value in answer.getheaders() if name.lower() not in HOP_BY_HOP
        ]
        start_response(f"{answer.status} {answer.reason}", headers)
        return [content]


class Redirect(Intercept):
    """While active, every `requests` / `httpx.AsyncClient` call to a Tencent Cloud host in
    this process goes to the mock at `url`; other hosts are left alone."""

    def __init__(self, url: str) -> None:
        super().__init__(Forward(url), ())

    def matches(self, url: str) -> bool:
        return is_tencent_host(url)


def start(url: str) -> Redirect:
    """The redirect to the mock at `url`, active until its `__exit__`; ValueError naming what
    is wrong with the URL, or that nothing answers there."""
    problem = reachable(url)
    if problem is not None:
        raise ValueError(problem)
    redirect = Redirect(url)
    redirect.__enter__()
    return redirect


def reachable(url: str) -> str | None:
    """None when something answers HTTP at the mock's URL, else why not (ValueError: the URL
    itself is no mock URL)."""
    host, port = mock_base(url)
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", "/_mock/services")
        connection.getresponse().read()
    except OSError as error:
        return f"nothing answers at {url} ({error}): start `tcgen mock` there first"
    finally:
        connection.close()
    return None
