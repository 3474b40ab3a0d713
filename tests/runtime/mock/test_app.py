"""The mock engine over a two-action spec of its own: pipeline, handlers, state, control."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from tcgen.runtime.credentials import Credentials
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.mock import v1signing
from tcgen.runtime.mock.app import MockApp
from tcgen.runtime.mock.handlers import Handlers
from tcgen.runtime.request import Endpoint, prepare_call

from ..demo import SPEC, bump

NOW = 1_700_000_000
KEYS = {"id": "key"}


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


def call(
    app: MockApp, action: str, params: dict[str, Any], *, key: str = "key", secret_id: str = "id"
) -> Any:
    prepared = prepare_call(
        service="demo",
        version="2020-01-01",
        endpoint=Endpoint.parse("demo.tencentcloudapi.com"),
        credentials=Credentials(secret_id, key),
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
    unknown = call(app, "Get", {"Name": "a"}, secret_id="who")
    assert unknown["Error"]["Code"] == "AuthFailure.SecretIdNotFound"
    assert [call(app, "Bump", {}).get("Counter") for _ in range(4)] == [1, 2, 3, None]
    assert app.calls("Bump")[-1].error == "RequestLimitExceeded"  # 3 per second, clock pinned


def _answer(app: MockApp, environ: dict[str, Any]) -> Any:
    return json.loads(b"".join(app(environ, lambda status, headers: None)))["Response"]


@pytest.mark.parametrize("method", ["HmacSHA1", "HmacSHA256"])
def test_legacy_v1_signatures_over_get_and_form_post(app: MockApp, method: str) -> None:
    fields = {
        "Action": "Bump", "Version": "2020-01-01", "By": "2", "Nonce": "7",
        "Timestamp": str(NOW), "SecretId": "id", "SignatureMethod": method,
    }  # fmt: skip
    text = v1signing.string_to_sign("GET", "demo.tencentcloudapi.com", "/", fields)
    signed = {**fields, "Signature": v1signing.signature("key", text, method)}
    host = {"Host": "demo.tencentcloudapi.com"}
    answer = _answer(app, _environ("GET", "/?" + urlencode(signed), b"", host))
    assert answer["Counter"] == 2 and app.calls()[-1].signature_method == method
    text = v1signing.string_to_sign("POST", "demo.tencentcloudapi.com", "/", fields)
    body = urlencode({**fields, "Signature": v1signing.signature("key", text, method)}).encode()
    form = {**host, "Content-Type": "application/x-www-form-urlencoded"}
    assert _answer(app, _environ("POST", "/", body, form))["Counter"] == 4
    forged = urlencode({**fields, "Signature": "AAAA"})
    answer = _answer(app, _environ("GET", "/?" + forged, b"", host))
    assert answer["Error"]["Code"] == "AuthFailure.SignatureFailure"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"X-TC-Timestamp": str(NOW - 301)}, "AuthFailure.SignatureExpire"),
        ({"X-TC-Timestamp": "soon"}, "InvalidParameterValue"),
        ({"Authorization": "Basic abc"}, "AuthFailure.InvalidAuthorization"),
        ({"X-TC-Version": "2019-01-01"}, "NoSuchVersion"),
        ({"X-TC-Action": ""}, "MissingParameter"),
    ],
)
def test_tc3_envelope_faults(app: MockApp, change: dict[str, str], code: str) -> None:
    prepared = prepare_call(
        service="demo",
        version="2020-01-01",
        endpoint=Endpoint.parse("demo.tencentcloudapi.com"),
        credentials=Credentials("id", "key"),
        action="Get",
        params={"Name": "a"},
        timestamp=NOW,
    )
    environ = _environ("POST", "/", prepared.body, {**prepared.headers, **change})
    assert _answer(app, environ)["Error"]["Code"] == code


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


def test_an_example_answered_for_other_parameters_counts_its_list() -> None:
    """The documented request gets the documented answer; any other request answered from
    that example gets a total that agrees with the list it is shown next to."""
    listing = ActionMeta(
        "List",
        (("Name", "String", False),),
        (("TotalCount", "Integer", True), ("Items", "Array of String", True)),
        (),
        None,
        False,
    )
    spec = dataclasses.replace(
        SPEC,
        actions={**SPEC.actions, "List": listing},
        examples={"List": [({"Name": "a"}, {"TotalCount": 5, "Items": ["x"]})]},
    )
    app = MockApp(spec, keys=KEYS, clock=lambda: NOW)
    assert call(app, "List", {"Name": "a"})["TotalCount"] == 5  # as documented
    other = call(app, "List", {"Name": "b"})
    assert (other["TotalCount"], other["Items"]) == (1, ["x"])
