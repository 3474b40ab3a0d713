"""In-process mode: route `requests` (and httpx) calls for a mock's hosts to its WSGI app.

Our client and the official SDK both send through `requests.Session`; patching
`Session.get_adapter` catches every session, including ones created before the patch and
the SDK's private one, without a socket, a port or a proxy setting. Other hosts pass through.
The async clients (ours and the official SDK's) send through `httpx.AsyncClient`: when httpx
is installed, `route_async` patches its choice of transport the same way.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Callable, Iterable, Mapping
from contextlib import ContextDecorator
from typing import Any
from urllib.parse import urlsplit
from wsgiref.types import WSGIApplication, WSGIEnvironment

import requests
from requests.adapters import HTTPAdapter
from urllib3 import HTTPHeaderDict, HTTPResponse

from .wsgi import run_app, wsgi_environ

INTL = "intl."


def service_hosts(endpoint: str) -> tuple[str, ...]:
    """An endpoint and its international twin (`live.intl.tencentcloudapi.com`), which the
    international official SDK calls by default."""
    service, _, domain = endpoint.partition(".")
    if domain.startswith(INTL):
        return (endpoint,)
    return (endpoint, f"{service}.{INTL}{domain}")


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes):
        return body
    if hasattr(body, "read"):
        return bytes(body.read())
    return b"".join(bytes(chunk) for chunk in body)


def environ_for(request: requests.PreparedRequest) -> WSGIEnvironment:
    """The WSGI environ a server would build for this request (headers kept as sent)."""
    return wsgi_environ(
        request.method or "GET",
        request.url or "",
        request.headers.items(),
        _body_bytes(request.body),
    )


class WSGIAdapter(HTTPAdapter):
    """A transport adapter that answers from a WSGI application instead of the network."""

    def __init__(self, app: WSGIApplication) -> None:
        super().__init__()
        self.app = app

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        status, headers, body = run_app(self.app, environ_for(request))
        code, _, reason = status.partition(" ")
        raw = HTTPResponse(
            body=io.BytesIO(body),
            headers=HTTPHeaderDict(headers),
            status=int(code),
            reason=reason,
            version=11,
            preload_content=False,
            decode_content=False,
        )
        return self.build_response(request, raw)


class Intercept(ContextDecorator):
    """Context manager / decorator: while active, `requests` calls to `hosts` reach `app`."""

    def __init__(self, app: WSGIApplication, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)
        self.adapter = WSGIAdapter(app)
        self._saved: list[Callable[..., Any]] = []
        self._undo: list[Callable[[], None]] = []

    def matches(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc.lower() in self.hosts or (parts.hostname or "") in self.hosts

    def __enter__(self) -> Intercept:
        original = requests.Session.get_adapter
        self._saved.append(original)

        def get_adapter(session: requests.Session, url: str) -> Any:
            return self.adapter if self.matches(url) else original(session, url)

        # setattr: mypy rejects assigning to a method, which patching the class is
        setattr(requests.Session, "get_adapter", get_adapter)  # noqa: B010
        if importlib.util.find_spec("httpx") is not None:
            from .route_async import intercept_httpx

            self._undo.append(intercept_httpx(self.app, self.matches))
        else:
            self._undo.append(lambda: None)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._undo.pop()()
        setattr(requests.Session, "get_adapter", self._saved.pop())  # noqa: B010
