"""Build, sign and send one API call; map the answer to a result or an exception.

Everything action-specific arrives as data (action name, wire parameters), so the client,
the CLI and `--dry-run` share this one path. Requests are built the way the official SDK
builds them (same JSON body, same GET query), so their signatures are byte-identical.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

from . import signing
from .credentials import Credentials
from .exceptions import APIError, MalformedResponseError, TransportError

__all__ = [
    "Credentials",
    "Endpoint",
    "PreparedCall",
    "Transport",
    "flatten",
    "parse_response",
]

USER_AGENT = "tcgen-python"
JSON_CONTENT = "application/json"
FORM_CONTENT = "application/x-www-form-urlencoded"

logger = logging.getLogger(__name__.rsplit(".", 2)[0])  # the generated package's name

_SIGNATURE = re.compile(r"Signature=\w+")
_PROXY_ENV = ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")


@dataclass(frozen=True)
class PreparedCall:
    """A fully signed request, ready to send (or to print for `--dry-run`)."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes

    def safe_headers(self) -> dict[str, str]:
        """Headers fit for logs: the signature and the session token are masked."""
        safe = dict(self.headers)
        safe["Authorization"] = _SIGNATURE.sub("Signature=***", safe["Authorization"])
        if "X-TC-Token" in safe:
            safe["X-TC-Token"] = "***"
        return safe


@dataclass
class Endpoint:
    """Where calls go: scheme + host (+ port); `Host` is sent and signed as the host part."""

    url: str

    @classmethod
    def parse(cls, endpoint: str) -> Endpoint:
        """`live.tencentcloudapi.com` or `http://127.0.0.1:8080` (scheme optional)."""
        url = endpoint if "://" in endpoint else f"https://{endpoint}"
        return cls(url.rstrip("/") + "/")

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


@dataclass
class Transport:
    """Signs and sends calls for one service version over keep-alive connections.

    `proxies=None` reads the proxy environment (`HTTPS_PROXY`, `NO_PROXY`, ...) once, at the
    first call: requests would otherwise re-read it on every call. `stdlib_http=True` (the
    CLI) sends plain-http calls with no proxy over `http.client` instead of requests.
    """

    service: str
    version: str
    endpoint: Endpoint
    credentials: Credentials
    region: str | None = None
    language: str | None = None
    method: str = "POST"
    timeout: tuple[float, float] = (5.0, 60.0)
    clock: Callable[[], float] = time.time
    session: Any = field(default=None, repr=False)
    proxies: Mapping[str, str] | None = None
    request_client: str = USER_AGENT
    stdlib_http: bool = False
    _connection: _Connection | None = field(default=None, init=False, repr=False)
    _plain: bool | None = field(default=None, init=False, repr=False)
    _idle: list[Any] = field(default_factory=list, init=False, repr=False)

    def prepare(self, action: str, params: Mapping[str, Any]) -> PreparedCall:
        """Sign a call; POST sends JSON, GET sends the flattened parameters in the query."""
        timestamp = int(self.clock())
        if self.method == "GET":
            content_type = FORM_CONTENT
            query = urlencode(list(flatten(params).items()))
            body = b""
        else:
            content_type = JSON_CONTENT
            query = ""
            body = json.dumps(params).encode("utf-8")  # the SDK's exact bytes (ASCII, ", ")
        host = self.endpoint.host
        parts = signing.sign(
            secret_id=self.credentials.secret_id,
            secret_key=self.credentials.secret_key,
            service=self.service,
            host=host,
            method=self.method,
            query=query,
            content_type=content_type,
            payload=body,
            timestamp=timestamp,
        )
        headers = {
            "Authorization": parts.authorization,
            "Content-Type": content_type,
            "Host": host,
            "X-TC-Action": action,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": self.version,
            "X-TC-RequestClient": self.request_client,
        }
        if self.region:
            headers["X-TC-Region"] = self.region
        if self.credentials.token:
            headers["X-TC-Token"] = self.credentials.token
        if self.language:
            headers["X-TC-Language"] = self.language
        url = self.endpoint.url + (f"?{query}" if query else "")
        return PreparedCall(self.method, url, headers, body)

    def send(
        self, call: PreparedCall, error_class: Callable[[str], type[APIError]]
    ) -> dict[str, Any]:
        """Send a prepared call; returns the `Response` object or raises its API error.

        One path for the client and the CLI, two ways over the wire that end in the same
        `parse_response` and raise the same TransportError on network failures:

        - the requests session (keep-alive; TLS with requests' CA handling, proxies, the
          in-process mock's routing): its requests equal the official SDK's byte for byte,
          transport headers included (`User-Agent`, `Accept-Encoding`, ...);
        - with `stdlib_http`, plain-http calls with no proxy and no caller's session (local
          mocks) go over stdlib keep-alive connections, as importing requests costs about
          100 ms, two thirds of a CLI run. The signed request is the same; the transport
          headers are http.client's.
        """
        debug = logger.isEnabledFor(logging.DEBUG)
        if debug:
            logger.debug(
                "%s %s headers=%s body=%d bytes",
                call.method, call.url, call.safe_headers(), len(call.body),
            )  # fmt: skip
        started = time.perf_counter()
        plain = self._plain
        if plain is None:
            plain = self._plain = self._plain_http()
        if plain:
            status, content = self._send_plain(call)
        else:
            status, content = self._send_requests(call)
        if debug:
            logger.debug(
                "HTTP %d, %d bytes in %.1f ms",
                status, len(content), (time.perf_counter() - started) * 1000,
            )  # fmt: skip
        return parse_response(status, content, error_class)

    def _plain_http(self) -> bool:
        """Whether calls skip requests: `stdlib_http`, plain http, no session given, no
        proxy for it (`proxies` given without an http entry, or none in the environment)."""
        if not self.stdlib_http or self.session is not None or self.endpoint.url[:7] != "http://":
            return False
        if self.proxies is not None:
            return not any(key.split("://")[0] in ("http", "all") for key in self.proxies)
        return not any(os.environ.get(name) for name in _PROXY_ENV)

    def _send_plain(self, call: PreparedCall) -> tuple[int, bytes]:
        """One request over an idle keep-alive connection of this transport (or a new one);
        a connection goes back to the idle list only after its answer was read whole."""
        import http.client

        connection = None
        try:
            connection = self._idle_connection()
            url = urlsplit(call.url)
            target = url.path + (f"?{url.query}" if url.query else "")
            connection.request(call.method, target, call.body or None, call.headers)
            answer = connection.getresponse()
            status, content = answer.status, answer.read()
        except (OSError, http.client.HTTPException) as exc:
            if connection is not None:
                connection.close()
            raise TransportError(f"{call.method} {call.url}: {exc}") from exc
        if answer.will_close:
            connection.close()
        else:
            self._idle.append(connection)
        return status, content

    def _idle_connection(self) -> Any:
        """An idle connection the server has not closed meanwhile (checked like urllib3
        does, so a request is never written into a dropped connection), or a new one."""
        import http.client
        import select

        while self._idle:
            try:
                connection = self._idle.pop()
            except IndexError:  # another thread took the last one
                break
            if connection.sock is not None and not select.select([connection.sock], [], [], 0)[0]:
                return connection
            connection.close()  # readable while idle: closed by the server (or garbage)
        connect, read = self.timeout
        connection = http.client.HTTPConnection(self.endpoint.host, timeout=connect)
        connection.connect()
        connection.sock.settimeout(read)
        return connection

    def _send_requests(self, call: PreparedCall) -> tuple[int, bytes]:
        """The call over the requests session, handed over already prepared:
        `Session.request` would re-merge session settings and re-parse the URL every call."""
        import requests  # deferred: keeps `import` of the package (and the CLI) fast

        connection = self._connection or self._connect()
        request = requests.PreparedRequest()
        request.method = call.method
        request.url = call.url
        request.headers = requests.structures.CaseInsensitiveDict(connection.headers)
        request.headers.update(call.headers)
        if call.body:
            request.headers["Content-Length"] = str(len(call.body))
            request.body = call.body
        try:
            answer = connection.session.send(request, **connection.options)
            return answer.status_code, answer.content
        except requests.RequestException as exc:
            raise TransportError(f"{call.method} {call.url}: {exc}") from exc

    def close(self) -> None:
        """Close the idle plain-http connections (the next call opens a new one)."""
        while self._idle:
            self._idle.pop().close()

    def _connect(self) -> _Connection:
        """Create the session and read the environment's proxy and CA settings, once."""
        import requests

        if self.session is None:
            self.session = requests.Session()
            self.session.trust_env = False  # no per-call proxy/netrc/CA lookups
        proxies = self.proxies
        if proxies is None:
            proxies = requests.utils.get_environ_proxies(self.endpoint.url)
        verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        self._connection = _Connection(
            self.session,
            dict(self.session.headers),
            {
                "timeout": self.timeout,
                "proxies": dict(proxies),
                "verify": verify,
                "allow_redirects": False,  # the API never redirects; a redirect is malformed
            },
        )
        return self._connection


class _Connection(NamedTuple):
    """What every call reuses: the keep-alive session, its default headers, send options."""

    session: Any
    headers: dict[str, str]
    options: dict[str, Any]


def parse_response(
    status: int, content: bytes, error_class: Callable[[str], type[APIError]]
) -> dict[str, Any]:
    """The `Response` object of a Tencent answer, or the matching APIError raised.

    A well-formed `Response.Error` is the API's answer whatever the HTTP status; anything
    else that is not HTTP 200 with a `Response` object (HTML error pages, proxies' plain text,
    truncated JSON) is a MalformedResponseError carrying the status and body.
    """
    try:
        document = json.loads(content)
        response = document["Response"]
    except (ValueError, KeyError, TypeError):
        raise MalformedResponseError(
            f"HTTP {status}: not a Tencent Cloud API response: {content[:200]!r}", status, content
        ) from None
    if not isinstance(response, dict):
        raise MalformedResponseError(f"HTTP {status}: 'Response' is not an object", status, content)
    error = response.get("Error")
    if error is not None:
        if not isinstance(error, dict) or "Code" not in error:
            raise MalformedResponseError(f"HTTP {status}: malformed 'Error'", status, content)
        code = str(error["Code"])
        request_id = str(response.get("RequestId", ""))
        raise error_class(code)(code, str(error.get("Message", "")), request_id)
    if status != 200:
        raise MalformedResponseError(
            f"HTTP {status}: a 'Response' without 'Error' on a failed request", status, content
        )
    return response


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Tencent's GET form as the official SDK builds it: `{"A": [{"B": 1}]}` -> `{"A.0.B": "1"}`.

    Order is kept and None values are dropped; values are `str()`-ed like `urlencode` does, so
    booleans travel as `True`/`False`, exactly what the official SDK and tccli send and sign.
    """
    if value is None:
        return {}
    if isinstance(value, Mapping):
        items: dict[str, str] = {}
        for key, inner in value.items():
            items.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return items
    if isinstance(value, (list, tuple)):
        items = {}
        for index, inner in enumerate(value):
            items.update(flatten(inner, f"{prefix}.{index}" if prefix else str(index)))
        return items
    return {prefix: str(value)}
