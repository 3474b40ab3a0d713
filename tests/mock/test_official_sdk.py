"""The official tencentcloud-sdk-python calling the mock over loopback, in every signing mode."""

from __future__ import annotations

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from generated.live_v20180801 import mock as live_mock

from .helpers import SECRET_ID, SECRET_KEY, STREAM, FakeClock, official_client, sdk_call

MODES = [
    ("POST", "TC3-HMAC-SHA256"),
    ("GET", "TC3-HMAC-SHA256"),
    ("POST", "HmacSHA256"),
    ("GET", "HmacSHA256"),
    ("POST", "HmacSHA1"),
]


def _endpoint(server: live_mock.ServerThread) -> str:
    return server.endpoint.removeprefix("http://")


@pytest.mark.parametrize(("method", "sign_method"), MODES)
def test_right_keys_succeed(
    server: live_mock.ServerThread, app: live_mock.MockApp, method: str, sign_method: str
) -> None:
    client = official_client(_endpoint(server), method=method, sign_method=sign_method)
    assert sdk_call(client, "DropLiveStream", STREAM) == "ok"
    [call] = app.calls()
    assert (call.method, call.signature_method, call.secret_id) == (method, sign_method, SECRET_ID)
    assert call.params == STREAM and call.region == "ap-guangzhou" and call.error is None


@pytest.mark.parametrize(("method", "sign_method"), MODES)
@pytest.mark.parametrize(
    ("secret_id", "secret_key", "code"),
    [
        (SECRET_ID, "not-the-key", "AuthFailure.SignatureFailure"),
        ("AKIDunknown", SECRET_KEY, "AuthFailure.SecretIdNotFound"),
    ],
)
def test_wrong_keys_get_the_auth_failure(
    server: live_mock.ServerThread,
    method: str,
    sign_method: str,
    secret_id: str,
    secret_key: str,
    code: str,
) -> None:
    client = official_client(
        _endpoint(server), secret_id, secret_key, method=method, sign_method=sign_method
    )
    assert sdk_call(client, "DropLiveStream", STREAM) == code


@pytest.mark.parametrize(("method", "sign_method"), MODES)
@pytest.mark.parametrize(("skew", "expired"), [(330, True), (-330, True), (270, False)])
def test_timestamps_far_off_expire(
    server: live_mock.ServerThread,
    clock: FakeClock,
    method: str,
    sign_method: str,
    skew: int,
    expired: bool,
) -> None:
    clock.now += skew
    client = official_client(_endpoint(server), method=method, sign_method=sign_method)
    expected = "AuthFailure.SignatureExpire" if expired else "ok"
    assert sdk_call(client, "DropLiveStream", STREAM) == expected


def test_missing_parameter_is_named(server: live_mock.ServerThread) -> None:
    client = official_client(_endpoint(server))
    assert sdk_call(client, "DropLiveStream", {"StreamName": "s"}) == "MissingParameter"


def test_unsigned_payload_is_verified(server: live_mock.ServerThread) -> None:
    client = official_client(_endpoint(server))
    client.profile.unsignedPayload = True
    assert sdk_call(client, "DropLiveStream", STREAM) == "ok"


def test_action_outside_the_spec_is_invalid(server: live_mock.ServerThread) -> None:
    client = official_client(_endpoint(server))
    with pytest.raises(TencentCloudSDKException) as raised:
        client.call_json("DescribeInstances", {})
    assert raised.value.code == "InvalidAction"
