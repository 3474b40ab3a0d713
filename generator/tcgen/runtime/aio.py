"""The async client: the sync client's call path with `await` where it waits, on httpx.

A generated `Async<Service>Client` adds one `async def` per action whose body is one
`await self._invoke(...)`, as the sync client's is one `self._invoke(...)`. Everything
except the waiting is the sync client's own code (`client.ClientCore`): validation, the
rate limiter's booking, `Transport.prepare` (so a call is signed byte for byte as the sync
client signs it, with the same credentials), `read_answer` (the same response or API error),
the retry policy's decision (`RetryPolicy.pause`), the page loop (`paging.Pager`) and the
waiter's verdict (`Waiter.pending`). Waits are `asyncio.sleep`, so concurrent calls
(`asyncio.gather`) share one rate-limit log and never exceed its rate in any one-second
window.

httpx is the one extra dependency (the package's `async` extra) and is imported only here:
importing the package or the sync client never loads this module. httpx picks where a call
goes (proxies, mounts, the in-process mock); a call it would send straight to the API's host
goes over `aiowire`'s keep-alive connections instead of httpcore's pool, whose CPU per call
grows with the calls in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

from .optional import missing

try:
    import httpx
except ImportError:
    raise missing(__name__, "the async client", "async", "httpx", "sniffio") from None

# httpcore looks sniffio up on every request: when it is missing, each request pays a failed
# import (~0.25 ms of CPU, a third of a call). The `async` extra installs it; loaded once here.
with contextlib.suppress(ImportError):
    import sniffio  # noqa: F401

from . import aiowire
from .backends import Answer, ca_bundle
from .client import ClientCore, _log_report
from .events import streamed
from .exceptions import APIError, TransportError
from .model import Model, ResponseModel
from .paging import Pager
from .request import PreparedCall
from .streaming import async_event_models
from .transport import log_request, read_answer

R = TypeVar("R", bound=ResponseModel)
T = TypeVar("T")


async def pause(seconds: float, sleep: Callable[[float], object]) -> None:
    """Wait `seconds` without blocking the loop: `asyncio.sleep` in place of the default
    `time.sleep`; an injected `sleep` (tests) is called, and awaited if it returns an
    awaitable."""
    if sleep is time.sleep:
        await asyncio.sleep(seconds)
        return
    waited = sleep(seconds)
    if inspect.isawaitable(waited):
        await waited


class AsyncHTTP:
    """Calls over one `httpx.AsyncClient`'s routing (opened at the first call, so that its
    connections belong to the event loop that uses them).

    As with the requests backend, `proxies=None` leaves proxies to the environment (httpx
    reads it once, when the client opens) and the CA bundle named by `REQUESTS_CA_BUNDLE` /
    `CURL_CA_BUNDLE` is used; redirects are not followed (the API never redirects). The
    client picks the transport of a call's URL (`mounts`, proxies, the in-process mock's
    routing). When it picks its own pool, the call goes straight to the origin over
    `aiowire` (keep-alive connections of this class; httpcore's pool costs more CPU per call
    the more calls are in flight); any other transport is handed the call, already built, as
    `RequestsHTTP` hands a prepared request to its session: the client's per-request work
    (merging defaults, cookies, auth, redirect and event-hook handling) is for browsers and
    would double the CPU of a call. Either way the bytes sent are the client's own: its
    default headers (as `AsyncClient.send` spells them), then the call's, encoded once per
    name, laid out as httpx's writer (h11) lays them out.
    """

    def __init__(self, proxies: Mapping[str, str] | None) -> None:
        self.proxies = proxies
        self.client: httpx.AsyncClient | None = None
        self._context: ssl.SSLContext | None = None
        self._origins: dict[tuple[str, str, int | None], aiowire.Origin] = {}
        self._defaults: list[aiowire.Header] = []
        self._names: dict[str, tuple[bytes, bytes]] = {}
        self._url: tuple[str, httpx.URL] | None = None
        self._timeout: tuple[tuple[float, float], dict[str, float | None]] | None = None

    def _open(self) -> httpx.AsyncClient:
        bundle = ca_bundle()
        verify: ssl.SSLContext | bool = True
        if bundle:
            verify = ssl.create_default_context(cafile=bundle)
        trust_env = self.proxies is None
        self._context = httpx.create_ssl_context(verify=verify, trust_env=trust_env)
        mounts: dict[str, httpx.AsyncBaseTransport | None] | None = None
        if self.proxies is not None:
            mounts = {
                _mount_pattern(key): httpx.AsyncHTTPTransport(proxy=url, verify=self._context)
                for key, url in self.proxies.items()
            }
        self.client = httpx.AsyncClient(
            trust_env=trust_env, mounts=mounts, verify=self._context, follow_redirects=False
        )
        self._defaults = [(name, name.lower(), value) for name, value in self.client.headers.raw]
        return self.client

    def _parsed(self, url: str) -> httpx.URL:
        """`url` parsed; the last one is kept (every POST goes to the same URL)."""
        if self._url is None or self._url[0] != url:
            self._url = (url, httpx.URL(url))
        return self._url[1]

    def _headers(self, call: PreparedCall) -> list[aiowire.Header]:
        """The client's default headers, the call's and the body's length, as httpx keeps
        them: (name, lowercased name, value), each name encoded and checked once."""
        names = self._names
        raw = self._defaults.copy()
        for name, value in call.headers.items():
            key = names.get(name) or names.setdefault(name, aiowire.checked_name(name))
            raw.append((*key, value.encode("ascii")))
        if call.body:  # what httpx adds for `content=`, without building the headers twice
            raw.append((b"Content-Length", b"content-length", b"%d" % len(call.body)))
        return raw

    def _request(self, call: PreparedCall, timeout: tuple[float, float]) -> httpx.Request:
        """The httpx request of a call; the timeout is converted once."""
        if self._timeout is None or self._timeout[0] != timeout:
            self._timeout = (timeout, httpx.Timeout(timeout[1], connect=timeout[0]).as_dict())
        return _built(
            call.method,
            self._parsed(call.url),
            self._headers(call),
            call.body,
            {"timeout": self._timeout[1]},
        )

    async def send(
        self, call: PreparedCall, timeout: tuple[float, float], stream: bool = False
    ) -> Answer:
        """One request; network failures raise TransportError (as the sync backends do).
        With `stream`, an event stream's body is left on the wire (`Answer.achunks`)."""
        client = self.client or self._open()
        try:
            url = self._parsed(call.url)
            transport = client._transport_for_url(url)
            if transport is client._transport:
                return await self._direct(call, url, timeout, stream)
            return await self._routed(transport, call, timeout, stream)
        except (httpx.HTTPError, *aiowire.ERRORS) as exc:
            raise TransportError(
                f"{call.method} {call.url}: {str(exc) or type(exc).__name__}"
            ) from exc

    async def _direct(
        self,
        call: PreparedCall,
        url: httpx.URL,
        timeout: tuple[float, float],
        stream: bool = False,
    ) -> Answer:
        """A call over this class's own keep-alive connections to its URL's origin."""
        key = (url.scheme, url.host, url.port)
        origin = self._origins.get(key)
        if origin is None:
            context = self._context if url.scheme == "https" else None
            port = url.port or (443 if context else 80)
            origin = self._origins[key] = aiowire.Origin(url.host, port, context)
        request = aiowire.head(call.method, url.raw_path, self._headers(call)) + call.body
        pieces = None
        if stream:
            status, pairs, content, pieces = await origin.stream(request, timeout)
        else:
            status, pairs, content = await origin.exchange(request, timeout)
        headers = httpx.Headers(pairs)
        if "content-encoding" in headers:  # decoded as httpx decodes (gzip, deflate, ...)
            content = httpx.Response(status, headers=headers, content=content).content
        return Answer(status, headers, content, achunks=pieces)

    async def _routed(
        self,
        transport: httpx.AsyncBaseTransport,
        call: PreparedCall,
        timeout: tuple[float, float],
        stream: bool = False,
    ) -> Answer:
        """A call handed to the httpx transport the client picked (a proxy, the mock); with
        `stream`, an event stream's body is read as the caller iterates."""
        answer = await transport.handle_async_request(self._request(call, timeout))
        if stream and answer.status_code == 200 and streamed(answer.headers):
            return Answer(200, answer.headers, b"", achunks=_body_pieces(answer))
        try:
            content = await answer.aread()
        finally:
            if not answer.is_closed:  # reading it whole closed it
                await answer.aclose()
        return Answer(answer.status_code, answer.headers, content)

    async def aclose(self) -> None:
        """Close the connections (the next call opens a new client)."""
        client, self.client = self.client, None
        origins, self._origins = self._origins, {}
        for origin in origins.values():
            origin.close()
        if client is not None:
            await client.aclose()


async def _body_pieces(answer: httpx.Response) -> AsyncIterator[bytes]:
    """A routed answer's body as it arrives (decoded as httpx decodes it), closed at the end
    or when the loop stops early."""
    try:
        async for piece in answer.aiter_bytes():
            yield piece
    finally:
        await answer.aclose()


def _built(
    method: str,
    url: httpx.URL,
    headers: list[tuple[bytes, bytes, bytes]],
    body: bytes,
    extensions: dict[str, Any],
) -> httpx.Request:
    """The `httpx.Request` that `httpx.Request(method, url, headers=..., stream=...,
    extensions=...)` makes, from headers already encoded as httpx keeps them (name, lowercased
    name, value): set in place rather than normalised again (~3 us of CPU a call). Only when
    this httpx lays requests out so (`_BARE`)."""
    stream = httpx.ByteStream(body)
    if not _BARE:
        pairs = [(name, value) for name, _, value in headers]
        return httpx.Request(method, url, headers=pairs, stream=stream, extensions=extensions)
    request = httpx.Request.__new__(httpx.Request)
    request.method, request.url = method, url
    request.extensions, request.stream = extensions, stream
    request.headers = httpx.Headers()
    request.headers._list = headers
    return request


def _bare_layout() -> bool:
    """Whether httpx's `Request` and `Headers` hold exactly what `_built` sets (httpx 0.28):
    checked once, at import, against the constructors."""
    made = httpx.Request(
        "POST", "http://h/", headers={"A-B": "c"}, stream=httpx.ByteStream(b""), extensions={}
    )
    return set(vars(made)) == {"method", "url", "headers", "extensions", "stream"} and vars(
        made.headers
    ) == {"_list": [(b"A-B", b"a-b", b"c")], "_encoding": None}


_BARE = _bare_layout()


def _mount_pattern(key: str) -> str:
    """A requests-style proxies key (`http`, `https`, `all`, `http://host`) as httpx's."""
    return key if "://" in key else f"{key}://"


class AsyncBaseClient(ClientCore):
    """The async client: `ClientCore`'s configuration and checks, sent with `await` over
    httpx. One client per event loop; `async with` it, or `await client.aclose()`."""

    _http: AsyncHTTP | None = None

    async def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Send wire-format `params` (PascalCase JSON); returns the raw `Response` object
        (the sync client's `call`, awaited)."""
        return (await self._call(action, params, stacklevel=3))[0]

    async def wait(
        self,
        call: Callable[[], Awaitable[R]],
        expr: str,
        to: Any,
        *,
        timeout: float = 180.0,
        interval: float = 5.0,
        report: Callable[[str], None] | None = None,
    ) -> R:
        """Await `call` (`lambda: client.describe_x(...)`) until the JMESPath `expr` over its
        answer's wire form equals `to`: the sync client's `wait`, with `asyncio.sleep`
        between rounds. Returns that answer; raises `WaiterTimeout`."""
        waiter = self._waiter(expr, to, timeout, interval)
        started = time.monotonic()
        while True:
            result = await call()
            report_text = waiter.pending(result, time.monotonic() - started)
            if report_text is None:
                return result
            (report or _log_report)(report_text)
            await asyncio.sleep(waiter.interval)

    async def aclose(self) -> None:
        """Close the connections this client opened (not a `with_options` copy's: those
        share its connections); a later call opens new ones."""
        if self._http is not None and not self._copy:
            await self._http.aclose()

    close = aclose
    """`close` as in the official SDK's async client: a coroutine."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _shared_connections(self) -> dict[str, Any]:
        """A `with_options` copy shares this client's httpx connections."""
        self._connections()
        return {}

    def _connections(self) -> AsyncHTTP:
        if self._http is None:
            self._http = AsyncHTTP(self.transport.proxies)
        return self._http

    async def _invoke(
        self, action: str, request: Model, response: type[R], upload: bytes | None = None
    ) -> R:
        # 3: the typed method (the sync function, `_runtime.awaited`) has returned by the time
        # this coroutine runs; the caller's `await` is next.
        data, answer = await self._call(action, request.to_wire(), stacklevel=3, upload=upload)
        result = response.from_wire(data)
        result._answer = answer
        return result

    async def _stream(self, action: str, request: Model, response: type[R]) -> AsyncIterator[R]:
        """A streamed action's events as response models (`streaming.async_event_models`):
        awaited, the answer's head is read; the async iterator then reads each event from
        the connection as the loop asks for it (`async for`, as the official SDK's)."""
        data, answer = await self._call(action, request.to_wire(), stacklevel=3, stream=True)
        return async_event_models(data, answer, response, self.error_class)

    async def _pages(
        self, action: str, request: Model, response: type[R], max_items: int | None
    ) -> AsyncIterator[R]:
        """The pages of a paginated action, as response models, fetched as the loop asks."""
        paging = self.ACTIONS[action].paging
        assert paging is not None, f"{action} does not page"
        pager = Pager(request.to_wire(), paging, max_items)
        while (params := pager.request()) is not None:
            data, answer = await self._call(action, params, stacklevel=5)
            page = response.from_wire(pager.advance(data))
            page._answer = answer
            yield page

    @staticmethod
    async def _items(
        pages: AsyncIterator[R], items: Callable[[R], list[T] | None]
    ) -> AsyncIterator[T]:
        """The items of `pages`, one after the other (`items` picks a page's list)."""
        async for page in pages:
            for item in items(page) or ():
                yield item

    async def _call(
        self,
        action: str,
        params: Mapping[str, Any],
        stacklevel: int,
        upload: bytes | None = None,
        stream: bool = False,
    ) -> tuple[dict[str, Any], Answer]:
        """The sync `_call` with awaits: checks, rate-limit wait, then tries as the retry
        policy decides, each one freshly signed by `Transport.prepare` (one coroutine for
        all of it: each level of `await` is CPU on every call)."""
        wait = self._admit(action, params, stacklevel + 1)
        if wait > 0 and self.rate_limiter is not None:
            await pause(wait, self.rate_limiter.sleep)
        policy = self.retry
        retry = 0
        while True:
            transport = self.transport
            try:
                call = transport.prepare(action, params, self._upload(action, upload))
                started = log_request(call)
                http = self._http or self._connections()
                answer = await http.send(call, transport.timeout, stream)
                return read_answer(answer, started, self.error_class), answer
            except (TransportError, APIError) as error:
                if retry >= policy.attempts - 1:
                    raise
                await pause(policy.pause(retry, error, self._log_retry), policy.sleep)
            retry += 1
