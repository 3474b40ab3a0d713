"""In-process mode for httpx: `AsyncClient` calls for a mock's hosts answered by its WSGI app.

`route.Intercept` calls `intercept_httpx` when httpx is installed. It patches
`httpx.AsyncClient._transport_for_url` (pinned httpx 0.28), the one place an async client
picks the transport of a request, so every client is caught, including ones made before the
patch and the official SDK's async client, with no socket and no port; other hosts pass
through. The app runs inline: the mock is CPU only and answers in well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from wsgiref.types import WSGIApplication

import httpx

from .wsgi import run_app, wsgi_environ


class AsyncWSGITransport(httpx.AsyncBaseTransport):
    """An httpx async transport that answers from a WSGI application instead of the network."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        environ = wsgi_environ(request.method, str(request.url), request.headers.items(), body)
        status, headers, content = run_app(self.app, environ)
        return httpx.Response(int(status.partition(" ")[0]), headers=headers, content=content)


def intercept_httpx(app: WSGIApplication, matches: Callable[[str], bool]) -> Callable[[], None]:
    """Route every `httpx.AsyncClient` call whose URL `matches` to `app`; returns the undo."""
    original = httpx.AsyncClient._transport_for_url
    transport = AsyncWSGITransport(app)

    def transport_for_url(client: httpx.AsyncClient, url: httpx.URL) -> Any:
        return transport if matches(str(url)) else original(client, url)

    setattr(httpx.AsyncClient, "_transport_for_url", transport_for_url)  # noqa: B010

    def undo() -> None:
        setattr(httpx.AsyncClient, "_transport_for_url", original)  # noqa: B010

    return undo
