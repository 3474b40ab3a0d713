"""The mock's control surface over HTTP: JSON under `/_mock/`, for a mock in another process.

Same operations as `MockApp`'s methods, so a test can drive a `python -m <pkg>.mock` server
the way it drives an in-process mock:

    POST /_mock/reset                                   forget everything
    POST /_mock/seed        {"streams": [...]}          set top-level state entries
    GET  /_mock/state                                   {"state": {...}}
    GET  /_mock/calls[?action=A]                        {"calls": [...]}
    GET  /_mock/faults?action=A                         {"faults": {code: message}}
    POST /_mock/errors      {"action", "code", "times"?, "rate"?, "seed"?, "message"?}
    POST /_mock/latency     {"action", "seconds"}
    POST /_mock/rate-limit  {"enabled": bool}
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qs
from wsgiref.types import WSGIEnvironment

from .fault import Fault
from .request import MAX_DEPTH, check_depth
from .state import ReceivedCall

PREFIX = "/_mock/"
MAX_BODY = 1024 * 1024


class Controlled(Protocol):
    """What the control surface drives: `MockApp`'s Python control API (a protocol, so that
    this module does not import the app that dispatches to it)."""

    rate_limit: bool

    def reset(self) -> None: ...
    def seed(self, data: dict[str, Any]) -> None: ...
    def snapshot(self) -> dict[str, Any]: ...
    def calls(self, action: str | None = None) -> list[ReceivedCall]: ...
    def inject_error(
        self,
        action: str,
        code: str,
        *,
        times: int | None = None,
        rate: float | None = None,
        seed: int | None = None,
        message: str | None = None,
    ) -> None: ...
    def inject_latency(self, action: str, seconds: float) -> None: ...
    def faults(self, action: str) -> dict[str, str]: ...


Operation = Callable[[Controlled, dict[str, Any], dict[str, list[str]]], dict[str, Any]]


def _reset(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    app.reset()
    return {"ok": True}


def _seed(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    app.seed(body)
    return {"ok": True}


def _state(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    return {"state": app.snapshot()}


def _calls(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    action = query.get("action", [None])[0]
    return {"calls": [dataclasses.asdict(call) for call in app.calls(action)]}


def _field(body: dict[str, Any], name: str, kinds: tuple[type, ...], required: bool) -> Any:
    """`body[name]` when it is one of `kinds` (never a bool for a number), else ValueError."""
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(kind.__name__ for kind in kinds)
        raise ValueError(f"{name} must be {names}, got {json.dumps(value)[:80]}")
    return value


def _only(body: dict[str, Any], names: tuple[str, ...]) -> None:
    unknown = sorted(set(body) - set(names))
    if unknown:
        raise ValueError(f"unknown field {unknown[0]}; known: {', '.join(names)}")


def _faults(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    action = query.get("action", [""])[0]
    if not action:
        raise ValueError("name the action: /_mock/faults?action=<Action>")
    return {"faults": app.faults(action)}


def _errors(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    _only(body, ("action", "code", "times", "rate", "seed", "message"))
    app.inject_error(
        _field(body, "action", (str,), True),
        _field(body, "code", (str,), True),
        times=_field(body, "times", (int,), False),
        rate=_field(body, "rate", (int, float), False),
        seed=_field(body, "seed", (int,), False),
        message=_field(body, "message", (str,), False),
    )
    return {"ok": True}


def _latency(app: Controlled, body: dict[str, Any], query: dict[str, list[str]]) -> dict[str, Any]:
    _only(body, ("action", "seconds"))
    seconds = _field(body, "seconds", (int, float), True)
    app.inject_latency(_field(body, "action", (str,), True), float(seconds))
    return {"ok": True}


def _rate_limit(
    app: Controlled, body: dict[str, Any], query: dict[str, list[str]]
) -> dict[str, Any]:
    _only(body, ("enabled",))
    app.rate_limit = _field(body, "enabled", (bool,), True)
    return {"ok": True}


ROUTES: dict[tuple[str, str], Operation] = {
    ("POST", "reset"): _reset,
    ("POST", "seed"): _seed,
    ("GET", "state"): _state,
    ("GET", "calls"): _calls,
    ("GET", "faults"): _faults,
    ("POST", "errors"): _errors,
    ("POST", "latency"): _latency,
    ("POST", "rate-limit"): _rate_limit,
}


def _json_body(environ: WSGIEnvironment, length: int) -> dict[str, Any]:
    if length > MAX_BODY:
        raise ValueError(f"control requests are limited to {MAX_BODY} bytes")
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    try:
        body = json.loads(raw, parse_constant=_no_constant) if raw.strip() else {}
    except RecursionError:
        raise ValueError(f"the body is nested more than {MAX_DEPTH} levels deep") from None
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    try:
        check_depth(body)
    except Fault as fault:
        raise ValueError(fault.message) from None
    return body


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number JSON allows")


def dispatch(app: Controlled, environ: WSGIEnvironment) -> tuple[str, bytes]:
    """(HTTP status, JSON body) of one control request; bad input is a 400, never a 500."""
    name = str(environ.get("PATH_INFO", ""))[len(PREFIX) :]
    operation = ROUTES.get((str(environ.get("REQUEST_METHOD", "")), name))
    if operation is None:
        known = ", ".join(f"{method} {PREFIX}{path}" for method, path in ROUTES)
        return "404 Not Found", _encode({"error": f"unknown control request; known: {known}"})
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "400 Bad Request", _encode({"error": "Content-Length is not a number"})
    try:
        body = _json_body(environ, length)
    except (ValueError, UnicodeDecodeError) as exc:
        return "400 Bad Request", _encode({"error": f"the body is not a JSON object: {exc}"})
    try:
        result = operation(app, body, parse_qs(str(environ.get("QUERY_STRING", ""))))
    except (ValueError, TypeError, KeyError) as exc:
        return "400 Bad Request", _encode({"error": str(exc)})
    return "200 OK", _encode(result)


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
