"""The service-independent half of a generated client: one path every action goes through.

A generated `<Service>Client` only adds one typed method per action, whose body is one call
to `_invoke`. Here a call is validated against `_meta` (nothing is sent when it is wrong),
rate-limited, signed, sent and retried, and its answer becomes a response model.
`ClientCore` is what the sync `BaseClient` and the async one (`aio.AsyncBaseClient`) share:
configuration, `with_options`, validation and the rate limiter's booking.
"""

from __future__ import annotations

import copy
import dataclasses
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from .chain import resolve_provider
from .credentials import CredentialProvider, Sources, resolve_region
from .exceptions import APIError, ParameterError
from .meta import ActionMeta, Body, Member
from .model import Model, ResponseModel
from .paging import iterate
from .ratelimit import RateLimiter
from .request import Endpoint
from .retry import RetryPolicy
from .streaming import event_models
from .transport import Answer, Transport, logger
from .validation import check_params, missing_region

if TYPE_CHECKING:
    from .waiter import Waiter

R = TypeVar("R", bound=ResponseModel)
T = TypeVar("T")


class ClientCore:
    """Configuration and the checks before a call, for the sync and the async client;
    subclasses fill in the class variables below."""

    SERVICE: ClassVar[str]
    VERSION: ClassVar[str]
    ENDPOINT: ClassVar[str]
    ACTIONS: ClassVar[Mapping[str, ActionMeta]]
    STRUCTURES: ClassVar[Mapping[str, tuple[Member, ...]]]
    error_class: ClassVar[staticmethod[[str], type[APIError]]]

    def __init__(
        self,
        *,
        secret_id: str | None = None,
        secret_key: str | None = None,
        token: str | None = None,
        credentials: CredentialProvider | None = None,
        region: str | None = None,
        profile: str = "default",
        endpoint: str | None = None,
        method: str = "POST",
        language: str | None = "en-US",
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        proxies: Mapping[str, str] | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: bool | RateLimiter = False,
        clock: Callable[[], float] = time.time,
        sources: Sources | None = None,
    ) -> None:
        """Credentials and region not given here come from the environment or profile files.

        `credentials` is a provider asked at every signing: static `Credentials`, or one of
        `_runtime.providers` (`CVMRoleProvider`, `AssumeRoleProvider`, `WebIdentityProvider`),
        which renew temporary credentials before they expire. Without it and without
        `secret_id`/`secret_key`, the chain of `_runtime.credentials` is searched (environment,
        profile files, then the CVM role and TKE OIDC).

        `endpoint` overrides the service host (`http://127.0.0.1:8080` for a mock); `method`
        is POST (JSON) or GET (query); `proxies=None` uses the proxy environment, read once.
        `retry` is off unless given; `rate_limit=True` keeps each action under its documented
        rate. `clock` (signing timestamps) and `sources` (where credentials live) are seams.
        """
        if method.upper() not in ("GET", "POST"):
            raise ValueError(
                f"method must be GET or POST (the only ones the API accepts): {method}"
            )
        if credentials is not None and (secret_id or secret_key or token):
            raise ValueError("give credentials= or secret_id/secret_key/token, not both")
        sources = sources or Sources(profile=profile)
        self.transport = Transport(
            service=self.SERVICE,
            version=self.VERSION,
            endpoint=Endpoint.parse(endpoint or self.ENDPOINT),
            credentials=credentials or resolve_provider(secret_id, secret_key, token, sources),
            region=resolve_region(region, sources),
            language=language,
            method=method.upper(),
            timeout=(connect_timeout, read_timeout),
            clock=clock,
            proxies=proxies,
        )
        self.retry = retry or RetryPolicy()
        self.rate_limiter = RateLimiter() if rate_limit is True else (rate_limit or None)

    def with_options(
        self,
        *,
        timeout: float | tuple[float, float] | None = None,
        headers: Mapping[str, str] | None = None,
        region: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> Self:
        """A copy of this client for some calls: `client.with_options(timeout=5).describe_x()`.

        `timeout` (seconds, or (connect, read)), `region` and `retry` replace this client's;
        `headers` are sent besides the signed ones (which they cannot replace). The copy
        shares the connections, credentials and rate limiter, so it is cheap; closing it
        leaves them open (close the client it came from).
        """
        transport = self.transport
        changes: dict[str, Any] = self._shared_connections()
        if timeout is not None:
            changes["timeout"] = _timeouts(timeout)
        if headers is not None:
            changes["headers"] = {**transport.headers, **_extra_headers(headers)}
        if region is not None:
            changes["region"] = region
        other = copy.copy(self)
        other.transport = dataclasses.replace(transport, **changes)
        other._copy = True
        if retry is not None:
            other.retry = retry
        return other

    _copy = False
    """Whether this client came from `with_options` (and so leaves the connections open)."""

    def _shared_connections(self) -> dict[str, Any]:
        """What `with_options` copies share (the transport fields to carry over)."""
        return {"session": self.transport.shared_session()}

    def _waiter(self, expr: str, to: Any, timeout: float, interval: float) -> Waiter:
        """The waiter of `wait` (the engine and defaults of tccli's `--waiter`)."""
        from .waiter import Waiter, compile_expression

        search = compile_expression(expr)
        if not (timeout >= 0 and interval >= 0):
            raise ValueError(f"timeout and interval must not be negative: {timeout}, {interval}")
        return Waiter(expr, lambda answer: search(answer.raw), to, timeout, interval)

    def _upload(self, action: str, data: bytes | None) -> tuple[Body, bytes] | None:
        """What `Transport.prepare` sends of an action with a `body` block: its body (an
        empty one when none was given; the service refuses it); None for a JSON action."""
        body = self.ACTIONS[action].body if action in self.ACTIONS else None
        if body is None:
            if data is not None:
                raise ParameterError("InvalidParameter", "body", f"{action} takes no body")
            return None
        return body, data or b""

    def _admit(self, action: str, params: Mapping[str, Any], stacklevel: int) -> float:
        """Checks before a call of `action` (unknown actions, newer than the spec, pass):
        warns when it is deprecated, raises ParameterError when `params` are wrong, books
        its rate-limit slot; returns the seconds to wait for that slot. `stacklevel` makes
        the DeprecationWarning point at the user's line."""
        meta = self.ACTIONS.get(action)
        if meta is None:
            return 0.0
        if meta.deprecated:
            warnings.warn(f"{self.SERVICE} {action} is deprecated", DeprecationWarning, stacklevel)
        self._validate(meta, params)
        if self.rate_limiter is None:
            return 0.0
        return self.rate_limiter.reserve(action, meta.rate_limit)

    def _validate(self, meta: ActionMeta, params: Mapping[str, Any]) -> None:
        issues = list(check_params(params, meta.input, self.STRUCTURES))
        region_issue = missing_region(meta, self.transport.region)
        if region_issue is not None:
            issues.append(region_issue)
        if issues:
            first = issues[0]
            message = f"{meta.name}: " + "; ".join(issue.message for issue in issues)
            raise ParameterError(first.code, first.parameter, message)

    @staticmethod
    def _log_retry(retry: int, pause: float, error: Exception) -> None:
        logger.warning("retry %d in %.2f s after %s", retry, pause, error)


class BaseClient(ClientCore):
    """The sync client: the call path over `Transport` (requests)."""

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Send wire-format `params` (PascalCase JSON); returns the raw `Response` object.

        The escape hatch under every typed method. Actions this package knows are validated
        first; unknown ones (newer than the spec) are sent as they are.
        """
        return self._call(action, params, stacklevel=3)[0]

    def wait(
        self,
        call: Callable[[], R],
        expr: str,
        to: Any,
        *,
        timeout: float = 180.0,
        interval: float = 5.0,
        report: Callable[[str], None] | None = None,
    ) -> R:
        """Call `call` (`lambda: client.describe_x(...)`) until the JMESPath `expr` over its
        answer's wire form (`raw`: `"StreamState"`, `"Items[0].Status"`) equals `to`; the
        engine and defaults of tccli's `--waiter`. Returns that answer; raises `WaiterTimeout`
        when `timeout` seconds pass first. Needs jmespath (ImportError says so).
        """
        from .waiter import wait

        waiter = self._waiter(expr, to, timeout, interval)
        return wait(call, waiter, report or _log_report)

    def close(self) -> None:
        """Close the connections this client opened; a later call opens new ones."""
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _invoke(
        self, action: str, request: Model, response: type[R], upload: bytes | None = None
    ) -> R:
        data, answer = self._call(action, request.to_wire(), stacklevel=4, upload=upload)
        result = response.from_wire(data)
        result._answer = answer
        return result

    def _stream(self, action: str, request: Model, response: type[R]) -> Iterator[R]:
        """A streamed action's events as response models (`stream.event_models`); called
        now, read as the loop asks."""
        data, answer = self._call(action, request.to_wire(), stacklevel=4)
        return event_models(data, answer, response, self.error_class)

    def _pages(
        self, action: str, request: Model, response: type[R], max_items: int | None
    ) -> Iterator[R]:
        """The pages of a paginated action (its `_meta` `paging`), as response models."""
        paging = self.ACTIONS[action].paging
        assert paging is not None, f"{action} does not page"
        answers: list[Answer] = []

        def send(params: Mapping[str, Any]) -> dict[str, Any]:
            data, answer = self._call(action, params, stacklevel=5)
            answers.append(answer)
            return data

        for wire in iterate(send, request.to_wire(), paging, max_items):
            page = response.from_wire(wire)
            page._answer = answers.pop()
            yield page

    @staticmethod
    def _items(pages: Iterable[R], items: Callable[[R], list[T] | None]) -> Iterator[T]:
        """The items of `pages`, one after the other (`items` picks a page's list)."""
        for page in pages:
            yield from items(page) or ()

    def _call(
        self, action: str, params: Mapping[str, Any], stacklevel: int, upload: bytes | None = None
    ) -> tuple[dict[str, Any], Answer]:
        """The one call path; `stacklevel` makes a DeprecationWarning point at the user's
        line (3 from `call`, 4 from a typed method through `_invoke`); `upload`: the bytes of
        an action with a `body` block."""
        pause = self._admit(action, params, stacklevel + 1)
        if pause > 0 and self.rate_limiter is not None:
            self.rate_limiter.sleep(pause)
        transport, sent = self.transport, self._upload(action, upload)
        return self.retry.run(
            lambda: transport.exchange(transport.prepare(action, params, sent), self.error_class),
            self._log_retry,
        )


SIGNED_HEADERS = frozenset({"authorization", "host", "content-type"})


def _log_report(text: str) -> None:
    """Where a waiter's rounds go unless `wait` is given `report`."""
    logger.info("%s", text)


def _extra_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers a caller adds; the signature's own (and every `X-TC-*`) stay the signer's."""
    for name in headers:
        if name.lower() in SIGNED_HEADERS or name.lower().startswith("x-tc-"):
            raise ValueError(f"headers: {name} is set by signing and cannot be replaced")
    return dict(headers)


def _timeouts(timeout: float | tuple[float, float]) -> tuple[float, float]:
    """(connect, read) seconds from one number for both, or the pair; both must be positive."""
    pair = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    if not all(seconds > 0 for seconds in pair):
        raise ValueError(f"timeout must be positive seconds: {timeout}")
    return (float(pair[0]), float(pair[1]))
