"""The mock engine over a two-action spec of its own: pipeline, handlers, state, control."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from tcgen.runtime.credentials import Credentials
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.mock.app import MockApp, MockSpec
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.handlers import CallContext, Handlers
from tcgen.runtime.request import Endpoint, prepare_call

NOW = 1_700_000_000
KEYS = {"id": "key"}
COUNTER = ("Counter", "Integer", True)
SPEC_ACTIONS = {
    "Get": ActionMeta("Get", (("Name", "String", True),), (COUNTER,), (), None, False),
    "Bump": ActionMeta("Bump", (("By", "Integer", False),), (COUNTER,), (), 3, False),
}
HANDLERS = Handlers()


@HANDLERS.register("Bump")
def bump(context: CallContext) -> dict[str, Any]:
    by = int(context.params.get("By", 1))
    if by < 0:
        raise Fault("InvalidParameterValue", "By must not be negative")
    context.state["count"] = context.state.get("count", 0) + by
    return {**context.default(), "Counter": context.state["count"]}


SPEC = MockSpec(
    service="demo",
    version="2020-01-01",
    actions=SPEC_ACTIONS,
    structures={},
    examples={"Get": [({"Name": "a"}, {"Counter": 7, "RequestId": "doc"})]},
    error_codes=frozenset({"ResourceNotFound"}),
    handlers=HANDLERS,
)


@pytest.fixture
def app() -> MockApp:
    return MockApp(SPEC, keys=KEYS, clock=lambda: NOW, sleep=lambda seconds: None)


def _environ(method: str, path: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    path, _, query = path.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        environ["CONTENT_TYPE" if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    return environ


def call(app: MockApp, action: str, params: dict[str, Any], *, key: str = "key") -> Any:
    prepared = prepare_call(
        service="demo",
        version="2020-01-01",
        endpoint=Endpoint.parse("demo.tencentcloudapi.com"),
        credentials=Credentials("id", key),
        action=action,
        params=params,
        timestamp=NOW,
    )
    environ = _environ("POST", "/", prepared.body, prepared.headers)
    statuses: list[str] = []
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["200 OK"]
    return json.loads(body)["Response"]


def control(app: MockApp, method: str, path: str, body: Any = None) -> tuple[str, Any]:
    raw = json.dumps(body).encode() if body is not None else b""
    statuses: list[str] = []
    answer = b"".join(app(_environ(method, path, raw, {}), lambda s, h: statuses.append(s)))
    return statuses[0], json.loads(answer)


def test_examples_answer_and_handlers_remember(app: MockApp) -> None:
    assert call(app, "Get", {"Name": "a"})["Counter"] == 7
    assert call(app, "Bump", {"By": 2})["Counter"] == 2
    assert call(app, "Bump", {})["Counter"] == 3
    assert app.snapshot() == {"count": 3}
    assert call(app, "Bump", {"By": -1})["Error"]["Code"] == "InvalidParameterValue"
    assert [c.action for c in app.calls()] == ["Get", "Bump", "Bump", "Bump"]


def test_requests_are_checked_like_tencent_checks_them(app: MockApp) -> None:
    assert call(app, "Get", {})["Error"]["Code"] == "MissingParameter"
    assert call(app, "Get", {"Name": 1})["Error"]["Code"] == "InvalidParameter"
    assert call(app, "Nope", {})["Error"]["Code"] == "InvalidAction"
    assert call(app, "Get", {"Name": "a"}, key="bad")["Error"]["Code"] == (
        "AuthFailure.SignatureFailure"
    )
    assert [call(app, "Bump", {}).get("Counter") for _ in range(4)] == [1, 2, 3, None]
    assert app.calls("Bump")[-1].error == "RequestLimitExceeded"  # 3 per second, clock pinned


def test_injected_errors_and_the_control_surface(app: MockApp) -> None:
    app.inject_error("Get", "ResourceNotFound", times=1)
    assert call(app, "Get", {"Name": "a"})["Error"]["Code"] == "ResourceNotFound"
    assert "Error" not in call(app, "Get", {"Name": "a"})
    with pytest.raises(ValueError, match="not an error code"):
        app.inject_error("Get", "Nope")
    assert control(app, "POST", "/_mock/seed", {"count": 40}) == ("200 OK", {"ok": True})
    assert call(app, "Bump", {})["Counter"] == 41
    status, calls = control(app, "GET", "/_mock/calls?action=Bump")
    assert status == "200 OK" and [c["action"] for c in calls["calls"]] == ["Bump"]
    assert control(app, "POST", "/_mock/errors", {"action": "Get", "code": "Nope"})[0] == (
        "400 Bad Request"
    )
    assert control(app, "GET", "/_mock/nothing")[0] == "404 Not Found"
    control(app, "POST", "/_mock/reset")
    assert app.snapshot() == {} and app.calls() == []


def test_handlers_registry() -> None:
    registry = Handlers()
    assert registry.get("Bump") is None and registry.actions() == []
    registry.register("Bump")(bump)
    assert registry.get("Bump") is bump and registry.actions() == ["Bump"]
