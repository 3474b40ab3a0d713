"""In-process mode: the official SDK (default international endpoint) and our own transport
answered by the mock without a socket."""

from __future__ import annotations

import pytest
import requests

from generated.live_v20180801 import mock as live_mock
from generated.live_v20180801._runtime import transport
from generated.live_v20180801.errors import error_class

from .helpers import KEYS, SECRET_ID, SECRET_KEY, STREAM, official_client, sdk_call


@pytest.mark.parametrize(
    ("method", "sign_method"),
    [("POST", "TC3-HMAC-SHA256"), ("GET", "TC3-HMAC-SHA256"), ("POST", "HmacSHA256")],
)
def test_official_sdk_in_process(app: live_mock.MockApp, method: str, sign_method: str) -> None:
    with live_mock.activate(app):
        client = official_client(method=method, sign_method=sign_method)
        assert sdk_call(client, "DropLiveStream", STREAM) == "ok"
        assert sdk_call(official_client(secret_key="bad"), "DropLiveStream", STREAM) == (
            "AuthFailure.SignatureFailure"
        )
    assert [c.host for c in app.calls()] == ["live.intl.tencentcloudapi.com"] * 2


def test_decorator_form_and_restoring_requests(app: live_mock.MockApp) -> None:
    original = requests.Session.get_adapter

    @live_mock.activate(app)
    def call() -> str:
        return sdk_call(official_client(), "DropLiveStream", STREAM)

    assert call() == "ok"
    assert requests.Session.get_adapter is original


def test_other_hosts_pass_through(app: live_mock.MockApp) -> None:
    with live_mock.activate(app) as active:
        assert active.matches("https://live.tencentcloudapi.com/")
        assert not active.matches("https://cvm.tencentcloudapi.com/")
        adapter = requests.Session().get_adapter("https://example.com/")
        assert adapter is not active.adapter


def test_our_transport_in_process(app: live_mock.MockApp) -> None:
    sender = transport.Transport(
        service="live",
        version="2018-08-01",
        endpoint=transport.Endpoint.parse("live.tencentcloudapi.com"),
        credentials=transport.Credentials(SECRET_ID, SECRET_KEY),
        clock=app.clock,
    )
    with live_mock.activate(app):
        response = sender.send(sender.prepare("DropLiveStream", STREAM), error_class)
        assert response["RequestId"] == app.calls()[-1].request_id
        app.inject_error("DropLiveStream", "ResourceNotFound.UserNotExist")
        with pytest.raises(error_class("ResourceNotFound.UserNotExist")):
            sender.send(sender.prepare("DropLiveStream", STREAM), error_class)


def test_extra_hosts(app: live_mock.MockApp) -> None:
    with live_mock.activate(app, "127.0.0.1:9"):
        client = official_client("127.0.0.1:9")
        assert sdk_call(client, "DropLiveStream", STREAM) == "ok"
    assert KEYS[app.calls()[0].secret_id or ""] == SECRET_KEY
