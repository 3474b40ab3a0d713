"""The mock's WSGI application: Tencent's request pipeline run over a service's spec tables.

Every answer is HTTP 200, `Content-Type: application/json` and `{"Response": ...}`, whatever
arrives (the official SDK only reads `Response.Error` under exactly that content type), so
clients under test exercise their real error paths instead of crashing on a 500; a call of a
streamed action answers `text/event-stream` instead (`stream`), errors still JSON. Paths under
`/_mock/` are the control surface (`control`); the Python methods here are the same
controls for in-process use.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

from ..events import EVENT_STREAM, encode
from ..meta import ActionMeta, Member
from ..validation import check_params, missing_region, unsupported_region
from . import control, shape
from . import request as incoming
from .auth import authenticate, signature_method
from .durable import DurableStore
from .fault import Fault, envelope, error_body
from .handlers import CallContext, Handlers
from .idcheck import IdChecks
from .jsoncopy import json_copy
from .keystore import KeyStore
from .paging import paged, seeded_items
from .resources import ResourceEngine, ResourceMeta
from .shared import ANY_ACTION
from .state import (
    CALL_LOG,
    REFUSED_PARAMS_KEPT,
    ErrorInjection,
    MockState,
    ReceivedCall,
)
from .stream import Events, streams
from .synth import (
    Example,
    Nullable,
    coherent_totals,
    default_response,
    is_error,
    successes,
)
from .temporary import TOKEN_FAILURE, Registry, answer, lifetime

JSON_TYPE = "application/json"
MAX_LATENCY = 600.0
"""The longest injected delay, in seconds (longer would outlast every client's timeout)."""


@dataclass(frozen=True)
class MockSpec:
    """What a mock knows of its service version, wired up by the generated `mock` package."""

    service: str
    version: str
    actions: Mapping[str, ActionMeta]
    structures: Mapping[str, tuple[Member, ...]]
    examples: Mapping[str, list[Example]]
    error_codes: frozenset[str]
    handlers: Handlers
    resources: Mapping[str, ResourceMeta] = field(default_factory=dict)
    """The spec's `resources` blocks by name, served by `resources.ResourceEngine`."""
    events: Mapping[str, list[tuple[dict[str, Any], list[dict[str, Any]]]]] = field(
        default_factory=dict
    )
    """The streamed examples of streamed actions: (request params, each event's data)."""
    nullable: Nullable = field(default_factory=dict)
    """Structure name -> its members documented as possibly null (`_meta.NULLABLE`)."""


class MockApp:
    """A WSGI application answering one service version like Tencent Cloud would.

    `keys` maps SecretId -> SecretKey; with None any credentials are accepted unverified.
    `clock` (Unix seconds) drives signature expiry and rate limiting, so tests can pin time.
    `id_seed` chooses the ids resources get (the same seed and calls: the same ids).
    `pace` is how long (seconds of `clock`) a resource stays in a transitional state such as
    `PENDING` when nobody looks at it (`resources.ResourceEngine`); 0 settles at once.
    `state_path` keeps the state in that SQLite database (`durable`: committed before each
    answer, shared with other processes on the same file; `durable.check` it first);
    `call_log` caps how many received calls are kept (the newest).
    `credentials` holds the temporary keys issued (`temporary.Registry`); an endpoint serving
    several services gives them one, so keys STS issues sign calls to any of them. Without
    one, the app makes its own, kept in the state database when there is one.
    """

    def __init__(
        self,
        spec: MockSpec,
        *,
        keys: Mapping[str, str] | None = None,
        rate_limit: bool = True,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        id_seed: int = 0,
        pace: float = 1.0,
        state_path: str | Path | None = None,
        call_log: int = CALL_LOG,
        credentials: Registry | None = None,
    ) -> None:
        self.spec = spec
        self.keys = dict(keys) if keys is not None else None
        self.rate_limit = rate_limit
        self.clock = clock
        self.sleep = sleep
        durable = (
            None
            if state_path is None
            else DurableStore(Path(state_path), f"{spec.service} {spec.version}")
        )
        self.state = MockState(durable, call_log)
        self._own_credentials = credentials is None
        if credentials is None:  # with a database, the keys are kept in it too
            credentials = Registry(None if state_path is None else KeyStore(Path(state_path)))
        self.credentials = credentials
        self.resources = ResourceEngine(
            spec.resources,
            spec.actions,
            spec.structures,
            seed=id_seed,
            service=spec.service,
            clock=clock,
            pace=pace,
        )
        self.resources.connect(lambda: self.state.store, self.state.glance)
        self._id_checks = IdChecks(spec.resources, spec.error_codes)

    # -- control surface (also served under /_mock/ by `control`) ---------------------------

    def reset(self) -> None:
        """Forget state, injections, rate-limit windows and received calls (and the temporary
        keys issued, unless the registry is shared: the endpoint clears that one)."""
        self.state.reset()
        if self._own_credentials:
            self.credentials.clear()

    def seed(self, data: Mapping[str, Any]) -> None:
        """Set top-level state entries (for Live: `{"streams": [{"DomainName": ...}, ...]}`);
        ValueError when the engine's own entries have the wrong shape (`shape`)."""
        found = shape.problems(data)
        if found:
            raise ValueError("; ".join(found))
        self.state.seed(data)

    def snapshot(self) -> dict[str, Any]:
        """A copy of the current state."""
        return self.state.snapshot()

    def inject_error(
        self,
        action: str,
        code: str,
        *,
        times: int | None = None,
        rate: float | None = None,
        seed: int | None = None,
        message: str | None = None,
    ) -> None:
        """Fail the next `times` calls (default 1) of `action` (`*`: any), or a `rate` of them.

        `code` must be an error code of the spec; `seed` makes the `rate` draws repeatable.
        """
        self._check_action(action)
        documented = self.faults(action).get(code)
        if code not in self.spec.error_codes and documented is None:
            raise ValueError(f"{code} is not an error code of {self.spec.service}")
        if rate is not None and times is not None:
            raise ValueError("give times or rate, not both")
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        injection = ErrorInjection(
            code=code,
            message=message or documented or f"injected {code}",
            times=None if rate is not None else (times or 1),
            rate=1.0 if rate is None else rate,
            rng=random.Random(seed),
        )
        self.state.add_error(action, injection, seed)

    def faults(self, action: str) -> dict[str, str]:
        """The errors `action`'s documented examples answer (code -> message): never the
        answer to a call, but injectable by their code (`inject_error`)."""
        if action == ANY_ACTION:
            return {}
        return {
            str(body["Error"].get("Code")): str(body["Error"].get("Message", ""))
            for params, body in self.spec.examples.get(action, [])
            if is_error((params, body))
        }

    def inject_latency(self, action: str, seconds: float) -> None:
        """Delay every answer of `action` (`*`: any) by `seconds` (up to `MAX_LATENCY`);
        0 removes the delay."""
        self._check_action(action)
        if not 0 <= seconds <= MAX_LATENCY:  # also refuses NaN
            raise ValueError(f"seconds must be between 0 and {MAX_LATENCY}, got {seconds}")
        self.state.set_latency(action, seconds)

    def calls(self, action: str | None = None) -> list[ReceivedCall]:
        """API requests received so far (all, or one action's), oldest first."""
        return self.state.calls(action)

    def _check_action(self, action: str) -> None:
        if action != ANY_ACTION and action not in self.spec.actions:
            raise ValueError(f"{action} is not an action of {self.spec.service}")

    # -- WSGI ---------------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if str(environ.get("PATH_INFO", "")).startswith(control.PREFIX):
            (status, body), content_type = control.dispatch(self, environ), JSON_TYPE
        else:
            status, (content_type, body) = "200 OK", self.respond(environ)
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]

    def answer(self, environ: WSGIEnvironment) -> bytes:
        """The response body of one API request; records the call."""
        return self.respond(environ)[1]

    def respond(self, environ: WSGIEnvironment) -> tuple[str, bytes]:
        """The content type and body of one API request's answer; records the call. A
        streamed action (`stream.Events`) answers `text/event-stream`, all else JSON."""
        call = ReceivedCall(str(uuid.uuid4()), str(environ.get("REQUEST_METHOD", "")))
        try:
            body = self._pipeline(environ, call)
        except Fault as fault:
            call.error, body = fault.code, error_body(fault)
        except Exception as exc:  # a broken stateful handler must still answer like Tencent
            call.error, body = "InternalError", error_body(Fault("InternalError", repr(exc)))
        if call.error is not None and call.size > REFUSED_PARAMS_KEPT:
            call.params = None
        self.state.record(call)
        if isinstance(body, Events):
            return EVENT_STREAM, encode(body.stamped(call.request_id))
        return JSON_TYPE, envelope(body, call.request_id)

    def _pipeline(self, environ: WSGIEnvironment, call: ReceivedCall) -> dict[str, Any] | Events:
        request = incoming.read(environ)
        call.host, call.signature_method = request.host, signature_method(request)
        call.size = len(request.body)
        meta = self._route(request, call)
        now = call.received_at = self.clock()
        keys = self.credentials.keys_for(request, self.keys)
        call.secret_id = authenticate(request, keys, self.spec.service, now, meta.unsigned)
        refusal = self.credentials.refusal(request, call.secret_id, now) if call.secret_id else None
        if refusal is not None:
            raise Fault(TOKEN_FAILURE, refusal)
        call.region = request.common("Region")
        region_issue = missing_region(meta, call.region) or unsupported_region(meta, call.region)
        if region_issue is not None:
            raise Fault(region_issue.code, region_issue.message)
        if (
            self.rate_limit
            and meta.rate_limit
            and not self.state.take_token(meta.name, call.secret_id, meta.rate_limit, now)
        ):
            raise Fault(
                "RequestLimitExceeded",
                f"{meta.name} allows {meta.rate_limit} requests per second per SecretId",
            )
        params = incoming.params(request, meta.input, self.spec.structures, meta.body)
        call.params = json_copy(params)
        issues = list(check_params(params, meta.input, self.spec.structures))
        if issues:
            raise Fault(issues[0].code, "; ".join(issue.message for issue in issues))
        shape = self._id_checks.malformed(meta, params)
        if shape is not None:
            raise Fault(*shape)
        delay = self.state.latency(meta.name)
        if delay > 0:
            self.sleep(delay)
        injected = self.state.injected_error(meta.name)
        if injected is not None:
            raise Fault(*injected)
        body = self._respond(meta, params, call)
        if streams(meta, params):
            return Events.chosen(self.spec.events.get(meta.name, []), params, body)
        if meta.credentials is None or self.spec.handlers.get(meta.name) is not None:
            return body  # a stateful handler answers as it sees fit
        return answer(body, self.credentials.issue(lifetime(meta.credentials, params), now))

    def _route(self, request: incoming.ApiRequest, call: ReceivedCall) -> ActionMeta:
        call.action, call.version = request.common("Action"), request.common("Version")
        if not call.action:
            raise Fault("MissingParameter", "missing required parameter Action (X-TC-Action)")
        meta = self.spec.actions.get(call.action)
        if meta is None:
            raise Fault("InvalidAction", f"{self.spec.service} has no action {call.action}")
        if not call.version:
            raise Fault("MissingParameter", "missing required parameter Version (X-TC-Version)")
        if call.version != self.spec.version:
            raise Fault(
                "NoSuchVersion",
                f"{self.spec.service} has no version {call.version}; use {self.spec.version}",
            )
        return meta

    def _respond(
        self, meta: ActionMeta, params: dict[str, Any], call: ReceivedCall
    ) -> dict[str, Any]:
        default = partial(
            default_response,
            self.spec.examples.get(meta.name, []),
            params,
            meta.output,
            self.spec.structures,
            self.spec.nullable,
            meta.nullable,
        )
        handler = self.spec.handlers.get(meta.name)
        resource = handler is None and self.resources.handles(meta.name)
        examples = successes(self.spec.examples.get(meta.name, []))
        documented = any(documented == params for documented, _ in examples)
        names = not resource and bool(self.resources.names(meta.name))
        if handler is None and not resource and meta.paging is None:
            if names:
                with self.state.transaction():
                    self.resources.check_named(meta.name, params)
            # an example answers its own request as documented, others agree
            return default() if documented else coherent_totals(default(), meta.output)
        with self.state.transaction(call) as store:  # committed before answering
            if names:  # in the same transaction: one commit per call
                self.resources.check_named(meta.name, params)
            if resource and not seeded_items(store, meta.name):
                return self.resources.answer(meta.name, params, store, default)
            if handler is None and meta.paging is not None:
                return paged(store, meta, params, default(), documented)
            if handler is None:
                return default() if documented else coherent_totals(default(), meta.output)
            context = CallContext(
                meta.name, params, call.secret_id or "", call.region, store, default
            )
            return handler(context)
