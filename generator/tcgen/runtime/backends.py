"""The two ways a prepared call goes over the wire; both return an `Answer` (HTTP status,
headers, body bytes).

- `RequestsHTTP`: a keep-alive requests session (TLS with requests' CA handling, proxies,
  the in-process mock's routing); its requests equal the official SDK's byte for byte,
  transport headers included (`User-Agent`, `Accept-Encoding`, ...);
- `StdlibHTTP`: keep-alive `http.client` connections, for plain-http calls with no proxy and
  no caller's session (local mocks, from the CLI): importing requests costs about 100 ms, two
  thirds of a CLI run. The signed request is the same; the transport headers are
  http.client's.

Both raise the same TransportError on network failures.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from .events import streamed
from .exceptions import TransportError
from .request import PreparedCall


class Answer(NamedTuple):
    """What came back over the wire; `headers` is case-insensitive with requests.

    A call sent with `stream=True` that is answered an event stream has no `content`: its
    body is `chunks`, read from the connection as the caller iterates (and the connection
    given back, or closed, at their end)."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    chunks: Iterator[bytes] | None = None
    achunks: AsyncIterator[bytes] | None = None
    """`chunks` for the async client: the event stream's body, read by `await`."""


_PROXY_ENV = ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")


def stdlib_allowed(url: str, proxies: Mapping[str, str] | None) -> bool:
    """Whether a call to `url` may skip requests: plain http and no proxy for it (`proxies`
    given without an http entry, or none in the environment)."""
    if url[:7] != "http://":
        return False
    if proxies is not None:
        return not any(key.split("://")[0] in ("http", "all") for key in proxies)
    return not any(os.environ.get(name) for name in _PROXY_ENV)


def ca_bundle() -> str | None:
    """The CA bundle the environment names (`REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`), if any:
    read by the requests and the httpx backends alike."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None


class StdlibHTTP:
    """Plain-http calls over idle keep-alive connections to one host."""

    def __init__(self, host: str, timeout: tuple[float, float]) -> None:
        self.host = host
        self.timeout = timeout
        self.idle: list[Any] = []

    def send(self, call: PreparedCall, stream: bool = False) -> Answer:
        """One request over an idle keep-alive connection (or a new one); a connection goes
        back to the idle list only after its answer was read whole (with `stream`, an event
        stream is read as its `chunks` are iterated)."""
        import http.client

        connection = None
        try:
            connection = self._idle_connection()
            url = urlsplit(call.url)
            target = url.path + (f"?{url.query}" if url.query else "")
            connection.request(call.method, target, call.body or None, call.headers)
            answer = connection.getresponse()
            if stream and streamed(answer.headers):
                chunks = self._chunks(call, connection, answer)
                return Answer(answer.status, answer.headers, b"", chunks)
            status, headers, content = answer.status, answer.headers, answer.read()
        except (OSError, http.client.HTTPException) as exc:
            if connection is not None:
                connection.close()
            raise TransportError(f"{call.method} {call.url}: {exc}") from exc
        self._release(connection, answer)
        return Answer(status, headers, content)

    def _release(self, connection: Any, answer: Any) -> None:
        if answer.will_close:
            connection.close()
        else:
            self.idle.append(connection)

    def _chunks(self, call: PreparedCall, connection: Any, answer: Any) -> Iterator[bytes]:
        """The body as it arrives; the connection is kept only when it was read to its end."""
        import http.client

        done = False
        try:
            while chunk := answer.read1(65536):
                yield chunk
            done = True
        except (OSError, http.client.HTTPException) as exc:
            raise TransportError(f"{call.method} {call.url}: {exc}") from exc
        finally:
            if done:
                self._release(connection, answer)
            else:
                connection.close()

    def _idle_connection(self) -> Any:
        """An idle connection the server has not closed meanwhile (checked like urllib3
        does, so a request is never written into a dropped connection), or a new one."""
        import http.client
        import select

        while self.idle:
            try:
                connection = self.idle.pop()
            except IndexError:  # another thread took the last one
                break
            if connection.sock is not None and not select.select([connection.sock], [], [], 0)[0]:
                return connection
            connection.close()  # readable while idle: closed by the server (or garbage)
        connect, read = self.timeout
        connection = http.client.HTTPConnection(self.host, timeout=connect)
        connection.connect()
        connection.sock.settimeout(read)
        return connection

    def close(self) -> None:
        """Close the idle connections (the next call opens a new one)."""
        while self.idle:
            self.idle.pop().close()


class RequestsHTTP:
    """Calls over a requests session, handed over already prepared: `Session.request` would
    re-merge session settings and re-parse the URL on every call.

    The environment's proxy and CA settings are read once, here; the session's `trust_env`
    is off so that requests does not look them up again on every call.
    """

    def __init__(
        self,
        session: Any,
        url: str,
        proxies: Mapping[str, str] | None,
        timeout: tuple[float, float],
    ) -> None:
        import requests  # deferred: keeps `import` of the package (and the CLI) fast

        self.session = session
        if proxies is None:
            proxies = requests.utils.get_environ_proxies(url)
        verify = ca_bundle() or True
        self.headers = dict(session.headers)
        self.options = {
            "timeout": timeout,
            "proxies": dict(proxies),
            "verify": verify,
            "allow_redirects": False,  # the API never redirects; a redirect is malformed
        }

    @staticmethod
    def new_session() -> Any:
        """A session that leaves the environment to us (no per-call proxy/netrc/CA lookups)."""
        import requests

        session = requests.Session()
        session.trust_env = False
        return session

    def send(self, call: PreparedCall, stream: bool = False) -> Answer:
        """One request; with `stream`, an event stream's body is left on the connection
        and read as its `chunks` are iterated."""
        import requests

        request = requests.PreparedRequest()
        request.method = call.method
        request.url = call.url
        request.headers = requests.structures.CaseInsensitiveDict(self.headers)
        request.headers.update(call.headers)
        if call.body:
            request.headers["Content-Length"] = str(len(call.body))
            request.body = call.body
        try:
            answer = self.session.send(request, stream=stream, **self.options)
            if stream and streamed(answer.headers):
                return Answer(answer.status_code, answer.headers, b"", _chunks(call, answer))
            return Answer(answer.status_code, answer.headers, answer.content)
        except requests.RequestException as exc:
            raise TransportError(f"{call.method} {call.url}: {exc}") from exc

    def close(self) -> None:
        """Nothing to do: the session belongs to the transport (or to its caller)."""


def _chunks(call: PreparedCall, answer: Any) -> Iterator[bytes]:
    """A requests answer's body as it arrives; its connection goes back to the pool at the
    end (or is dropped when the loop stops early)."""
    import requests

    read1 = getattr(answer.raw, "read1", None)  # urllib3 >= 2.3: what one socket read gave
    try:
        if read1 is None:  # reads a body without chunked encoding to its end at once
            yield from answer.iter_content(chunk_size=None)
        else:
            while chunk := read1(65536, decode_content=True):
                yield chunk
    except requests.RequestException as exc:
        raise TransportError(f"{call.method} {call.url}: {exc}") from exc
    finally:
        answer.close()
