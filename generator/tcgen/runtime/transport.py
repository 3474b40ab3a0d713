"""The one path of a call, for the client and the CLI: prepare (sign) it, send it, read the answer.

`Transport` holds one service version's settings and connections; the work is done by
`request` (build and sign, byte-identical to the official SDK), `backends` (the two ways over
the wire) and `response` (the `Response` object, or the API error raised).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .backends import Answer, RequestsHTTP, StdlibHTTP, stdlib_allowed
from .credentials import CredentialProvider, Credentials
from .events import streamed
from .exceptions import APIError
from .meta import Body
from .request import USER_AGENT, Endpoint, PreparedCall, flatten, prepare_call
from .response import parse_response

__all__ = [
    "Answer",
    "Credentials",
    "Endpoint",
    "PreparedCall",
    "Transport",
    "flatten",
    "parse_response",
]

logger = logging.getLogger(__name__.rsplit(".", 2)[0])  # the generated package's name


@dataclass
class Transport:
    """Signs and sends calls for one service version over keep-alive connections.

    `proxies=None` reads the proxy environment (`HTTPS_PROXY`, `NO_PROXY`, ...) once, at the
    first call: requests would otherwise re-read it on every call. `stdlib_http=True` (the
    CLI) sends plain-http calls with no proxy over `http.client` instead of requests.
    `headers` are sent with every call besides the signed ones (`with_headers` checks them).
    `credentials` is static `Credentials` or a refreshing provider (`providers.py`): `prepare`,
    the one place calls are signed (sync and async clients, CLI), asks it at signing time.
    """

    service: str
    version: str
    endpoint: Endpoint
    credentials: CredentialProvider
    region: str | None = None
    language: str | None = None
    method: str = "POST"
    timeout: tuple[float, float] = (5.0, 60.0)
    clock: Callable[[], float] = time.time
    session: Any = field(default=None, repr=False)
    proxies: Mapping[str, str] | None = None
    request_client: str = USER_AGENT
    stdlib_http: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)
    _owns_session: bool = field(default=False, init=False, repr=False)
    _backend: StdlibHTTP | RequestsHTTP | None = field(default=None, init=False, repr=False)

    def prepare(
        self, action: str, params: Mapping[str, Any], upload: tuple[Body, bytes] | None = None
    ) -> PreparedCall:
        """Sign a call; POST sends JSON, GET sends the flattened parameters in the query, an
        `upload` its bytes (`request.prepare_call`)."""
        call = prepare_call(
            service=self.service,
            version=self.version,
            endpoint=self.endpoint,
            credentials=self.credentials.get_credentials(),
            action=action,
            params=params,
            timestamp=int(self.clock()),
            method=self.method,
            region=self.region,
            language=self.language,
            request_client=self.request_client,
            upload=upload,
        )
        if self.headers:
            call.headers.update(self.headers)
        return call

    def send(
        self, call: PreparedCall, error_class: Callable[[str], type[APIError]]
    ) -> dict[str, Any]:
        """Send a prepared call; returns the `Response` object or raises its API error."""
        return self.exchange(call, error_class)[0]

    def exchange(
        self, call: PreparedCall, error_class: Callable[[str], type[APIError]]
    ) -> tuple[dict[str, Any], Answer]:
        """`send`, also returning what came over the wire (status and headers for
        `response.http`; the body, already parsed, too).

        One path for the client and the CLI; the way over the wire (`backends`) is chosen at
        the first call: with `stdlib_http`, plain-http calls with no proxy and no caller's
        session (local mocks) skip requests; everything else goes over the requests session.
        Both end in the same `parse_response` and raise the same TransportError.
        """
        started = log_request(call)
        answer = (self._backend or self._connect()).send(call)
        return read_answer(answer, started, error_class), answer

    def _plain_http(self) -> bool:
        """Whether calls skip requests: `stdlib_http`, no session given, and plain http with
        no proxy for it (`backends.stdlib_allowed`)."""
        return (
            self.stdlib_http
            and self.session is None
            and stdlib_allowed(self.endpoint.url, self.proxies)
        )

    def _connect(self) -> StdlibHTTP | RequestsHTTP:
        """Choose the way over the wire, once; the environment is read here, not per call."""
        if self._plain_http():
            self._backend = StdlibHTTP(self.endpoint.host, self.timeout)
        else:
            self.shared_session()
            self._backend = RequestsHTTP(
                self.session, self.endpoint.url, self.proxies, self.timeout
            )
        return self._backend

    def shared_session(self) -> Any:
        """The requests session, made now if need be (and then closed by `close`)."""
        if self.session is None:
            self.session = RequestsHTTP.new_session()
            self._owns_session = True
        return self.session

    def close(self) -> None:
        """Close the idle connections, and the requests session if this transport made it
        (the next call opens new ones)."""
        if self._backend is not None:
            self._backend.close()
        if self._owns_session and self.session is not None:
            self.session.close()


def log_request(call: PreparedCall) -> float:
    """Log a call about to go out (at DEBUG, secrets masked); returns when it started."""
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s headers=%s body=%d bytes",
            call.method, call.url, call.safe_headers(), len(call.body),
        )  # fmt: skip
    return time.perf_counter()


def read_answer(
    answer: Answer, started: float, error_class: Callable[[str], type[APIError]]
) -> dict[str, Any]:
    """The `Response` object of an answer (logged at DEBUG), or its API error raised: the
    end of the sync and the async call paths alike."""
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "HTTP %d, %d bytes in %.1f ms",
            answer.status, len(answer.content), (time.perf_counter() - started) * 1000,
        )  # fmt: skip
    if answer.status == 200 and streamed(answer.headers):
        return {}  # the events are the answer's content, read by the caller (`event_models`)
    return parse_response(answer.status, answer.content, error_class)
