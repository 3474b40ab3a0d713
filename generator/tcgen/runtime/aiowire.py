"""HTTP/1.1 keep-alive over asyncio streams: the async client's wire for direct calls.

httpx's connection pool (httpcore 1.0) is what made the async client slower with more calls
in flight: each request it places walks every queued request and every connection, asking
each connection whether its socket is readable (`getpeername` and `poll` through anyio), so
a call's CPU grows with the number in flight (profile in `bench/README.md`). A call is one
request and one small answer, so this module does just that: an idle connection of the
origin (newest first) or a new one, the request written at once, the answer's head read at
once, its body by `Content-Length`, chunks or end of stream. `AsyncHTTP` (`aio.py`) sends
here only the calls httpx would send straight to the origin (no proxy, not the in-process
mock's routing); the request bytes are the ones httpx would write (`head`), and the answer's
headers and decoding are httpx's (`Answer`).

Like httpx's defaults: at most `LIMIT` connections per origin (more calls wait for one),
idle ones are reused for `EXPIRY` seconds. Errors are `OSError`, `TimeoutError` or
`WireError`; the caller reports them as `TransportError`.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import time
from collections.abc import AsyncIterator, Iterable

LIMIT = 100
"""Connections per origin at once (httpx's `max_connections`)."""
EXPIRY = 5.0
"""Seconds an idle connection is reused (httpx's `keepalive_expiry`)."""
PIECE = 65536
"""The most an event stream's read takes at once (it answers what has arrived)."""

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_NO_BODY = frozenset({204, 304})

Header = tuple[bytes, bytes, bytes]
"""A header as httpx keeps it: (name as sent, name lowercased, value)."""
Reply = tuple[int, list[tuple[bytes, bytes]], bytes]
"""An answer off the wire: status, headers (as sent), body (still encoded)."""


class WireError(Exception):
    """A request that cannot be written or an answer that is not HTTP/1.1."""


ERRORS = (OSError, TimeoutError, EOFError, asyncio.LimitOverrunError, WireError)
"""What an exchange raises when the network or the server fails it (`EOFError`: the
connection closed before the answer was in)."""


def checked_name(name: str) -> tuple[bytes, bytes]:
    """A header name (as sent, lowercased), checked once: h11 refuses what is not a token."""
    raw = name.encode("ascii")
    if not _TOKEN.fullmatch(raw):
        raise WireError(f"invalid header name {name!r}")
    return raw, raw.lower()


def head(method: str, target: bytes, headers: Iterable[Header]) -> bytes:
    """The request line and headers as h11 (httpx's writer) lays them out: `Host` first,
    then the others in order. As h11 does, a value holding CR, LF or NUL is refused: then
    the text has more of them than its line ends."""
    lines = [b"%s %s HTTP/1.1\r\n" % (method.encode("ascii"), target)]
    later: list[bytes] = []
    for name, lower, value in headers:
        (lines if lower == b"host" else later).append(b"%s: %s\r\n" % (name, value))
    lines += later
    lines.append(b"\r\n")
    text = b"".join(lines)
    if text.count(b"\n") != len(lines) or text.count(b"\r") != len(lines) or b"\0" in text:
        raise WireError("a header value holds CR, LF or NUL")
    return text


class Origin:
    """Keep-alive connections to one scheme://host:port, used by one event loop."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext | None) -> None:
        self.host, self.port, self.context = host, port, context
        self.idle: list[tuple[float, asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.slots = asyncio.Semaphore(LIMIT)
        self.closed = False

    async def exchange(self, request: bytes, timeout: tuple[float, float]) -> Reply:
        """Send `request` (head and body) and read the answer; `timeout` is (connect, rest
        of the exchange) in seconds. The connection goes back to the idle list only when
        the answer was read whole and the server keeps it open."""
        async with self.slots:
            reader, writer = self._reusable() or await self._connect(timeout[0])
            try:
                async with asyncio.timeout(timeout[1]):
                    writer.write(request)
                    await writer.drain()
                    status, headers, body, keep = await _answer(reader, request)
            except BaseException:
                writer.close()
                raise
            self._done(reader, writer, keep)
            return status, headers, body

    async def stream(
        self, request: bytes, timeout: tuple[float, float]
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, AsyncIterator[bytes] | None]:
        """`exchange`, but an event stream's body (`text/event-stream`, status 200, not
        content-encoded) is left on the connection: the last item reads it piece by piece
        as they arrive (each read within `timeout[1]`), and gives the connection back (or
        closes it, when the loop stops early) at its end; otherwise that item is None."""
        await self.slots.acquire()
        try:
            reader, writer = self._reusable() or await self._connect(timeout[0])
        except BaseException:
            self.slots.release()
            raise
        try:
            async with asyncio.timeout(timeout[1]):
                writer.write(request)
                await writer.drain()
                status, headers, framing, keep = await _head(reader, request)
                if not (status == 200 and _event_stream(headers)):
                    body = await _body(reader, framing)
                    self._done(reader, writer, keep and framing is not False)
                    self.slots.release()
                    return status, headers, body, None
        except BaseException:
            writer.close()
            self.slots.release()
            raise
        return status, headers, b"", self._pieces(reader, writer, framing, keep, timeout[1])

    async def _pieces(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        framing: Framing,
        keep: bool,
        timeout: float,
    ) -> AsyncIterator[bytes]:
        finished = False
        try:
            pieces = _pieces(reader, framing)
            while True:
                async with asyncio.timeout(timeout):
                    piece = await anext(pieces, None)
                if piece is None:
                    break
                yield piece
            finished = True
        finally:
            if finished:
                self._done(reader, writer, keep and framing is not False)
            else:
                writer.close()
            self.slots.release()

    def _done(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, keep: bool) -> None:
        """A connection whose answer was read whole: idle again, or closed."""
        if keep and not self.closed:
            self.idle.append((time.monotonic() + EXPIRY, reader, writer))
        else:
            writer.close()

    def _reusable(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        """The newest idle connection the server has not closed and that has not expired
        (when the newest has expired, all have)."""
        now = time.monotonic()
        while self.idle:
            expires, reader, writer = self.idle.pop()
            if expires < now:
                writer.close()
                self._drop_idle()
                return None
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer
            writer.close()
        return None

    async def _connect(self, timeout: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        async with asyncio.timeout(timeout):
            if self.context is None:
                return await asyncio.open_connection(self.host, self.port)
            return await asyncio.open_connection(
                self.host, self.port, ssl=self.context, server_hostname=self.host
            )

    def close(self) -> None:
        """Close the idle connections; busy ones close when their answer is in."""
        self.closed = True
        self._drop_idle()

    def _drop_idle(self) -> None:
        for _, _, writer in self.idle:
            writer.close()
        self.idle.clear()


Framing = int | bool | None
"""How an answer's body ends: its `Content-Length`, True (chunked), False (at the end of the
stream) or None (it has none)."""


async def _answer(
    reader: asyncio.StreamReader, request: bytes
) -> tuple[int, list[tuple[bytes, bytes]], bytes, bool]:
    """(status, headers, body, whether the connection may be reused) of the answer to
    `request`; informational (1xx) answers are skipped."""
    status, headers, framing, keep = await _head(reader, request)
    return status, headers, await _body(reader, framing), keep and framing is not False


async def _head(
    reader: asyncio.StreamReader, request: bytes
) -> tuple[int, list[tuple[bytes, bytes]], Framing, bool]:
    """(status, headers, how the body ends, whether the server keeps the connection)."""
    while True:
        lines = (await reader.readuntil(b"\r\n\r\n"))[:-4].split(b"\r\n")
        version, _, rest = lines[0].partition(b" ")
        code = rest[:3]
        if version[:5] != b"HTTP/" or not code.isdigit():
            raise WireError(f"not an HTTP answer: {lines[0][:40]!r}")
        status = int(code)
        if status >= 200:
            break
    headers: list[tuple[bytes, bytes]] = []
    length = chunked = None
    keep = version == b"HTTP/1.1"
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            raise WireError(f"malformed header line: {line[:40]!r}")
        value = value.strip()
        headers.append((name, value))
        lower = name.lower()
        if lower == b"content-length":
            length = value
        elif lower == b"transfer-encoding":
            chunked = value.lower() == b"chunked"
        elif lower == b"connection":
            keep = value.lower() != b"close" if keep else value.lower() == b"keep-alive"
    if status in _NO_BODY or request.startswith(b"HEAD "):
        return status, headers, None, keep
    if chunked:
        return status, headers, True, keep
    if length is not None:
        if not length.isdigit():
            raise WireError(f"bad Content-Length: {length[:40]!r}")
        return status, headers, int(length), keep
    return status, headers, False, keep


async def _body(reader: asyncio.StreamReader, framing: Framing) -> bytes:
    if framing is None:
        return b""
    if framing is True:
        return await _chunks(reader)
    if framing is False:
        return await reader.read()
    return await reader.readexactly(framing)


async def _pieces(reader: asyncio.StreamReader, framing: Framing) -> AsyncIterator[bytes]:
    """A body as its pieces arrive: each chunk of a chunked one, else what the socket has."""
    if framing is True:
        while (size := await _chunk_size(reader)) > 0:
            yield (await reader.readexactly(size + 2))[:-2]
        await _trailers(reader)
        return
    left = -1 if framing is False else (framing or 0)
    while left:
        piece = await reader.read(PIECE if left < 0 else min(left, PIECE))
        if not piece:
            if left > 0:
                raise EOFError("the connection closed inside the answer's body")
            return
        left = left - len(piece) if left > 0 else left
        yield piece


def _event_stream(headers: list[tuple[bytes, bytes]]) -> bool:
    """An event stream's head, whose body can be read as it comes (not content-encoded)."""
    kinds = {name.lower(): value for name, value in headers}
    kind = kinds.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
    return kind == b"text/event-stream" and b"content-encoding" not in kinds


async def _chunks(reader: asyncio.StreamReader) -> bytes:
    """A chunked body, its trailers read and dropped."""
    parts: list[bytes] = []
    while (size := await _chunk_size(reader)) > 0:
        parts.append((await reader.readexactly(size + 2))[:-2])
    await _trailers(reader)
    return b"".join(parts)


async def _chunk_size(reader: asyncio.StreamReader) -> int:
    size_line = await reader.readuntil(b"\r\n")
    try:
        size = int(size_line.split(b";", 1)[0], 16)
    except ValueError:
        size = -1
    if size < 0:
        raise WireError(f"bad chunk size: {size_line[:40]!r}")
    return size


async def _trailers(reader: asyncio.StreamReader) -> None:
    while await reader.readuntil(b"\r\n") != b"\r\n":
        pass
