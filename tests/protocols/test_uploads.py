"""Raw-body uploads (the spec's `body` block): cls UploadLog, imported from tccli, takes
`application/octet-stream` with its parameters as `X-CLS-*` headers. The official SDK's
`UploadLog(request, body)` and the generated client's `upload_log(body=...)` reach the mock,
which checks the TC3 signature over the raw bytes (or UNSIGNED-PAYLOAD), the parameters and
the content type."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from tcgen.emulator.endpoint import load
from tcgen.runtime.mock.serve import ServerThread
from tencentcloud.cls.v20201016 import cls_client, models
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

KEYS = {"AKIDupload": "upload-key"}
LOGS = b"\x0a\x10protobuf-log-group\x00\xff"


@pytest.fixture(scope="module")
def keyed_endpoint(tccli_packages: Path) -> Iterator[str]:
    """The endpoint with one key pair, so signatures are verified."""
    with ServerThread(load(tccli_packages, keys=KEYS, rate_limit=False)) as server:
        yield server.endpoint


@pytest.fixture(scope="module")
def cls_package(tccli_packages: Path) -> Iterator[Any]:
    sys.path.insert(0, str(tccli_packages))
    try:
        yield importlib.import_module("cls_v20201016")
    finally:
        sys.path.remove(str(tccli_packages))


def official(endpoint: str, secret_key: str = "upload-key", unsigned: bool = False) -> Any:
    http = HttpProfile(endpoint=endpoint.removeprefix("http://"), protocol="http")
    profile = ClientProfile(httpProfile=http)
    profile.unsignedPayload = unsigned
    cred = credential.Credential("AKIDupload", secret_key)
    return cls_client.ClsClient(cred, "ap-guangzhou", profile)


def upload_request(topic: str = "f6c4fa6f-0000-0000-8289-1ff6f77ed975") -> Any:
    request = models.UploadLogRequest()
    request.TopicId, request.CompressType = topic, "lz4"
    return request


@pytest.mark.parametrize("unsigned", [False, True])
def test_official_sdk_uploads_a_signed_body(keyed_endpoint: str, unsigned: bool) -> None:
    answer = official(keyed_endpoint, unsigned=unsigned).UploadLog(upload_request(), LOGS)
    assert answer.RequestId


def test_wrong_key_over_the_raw_body_is_refused(keyed_endpoint: str) -> None:
    with pytest.raises(TencentCloudSDKException) as raised:
        official(keyed_endpoint, secret_key="wrong").UploadLog(upload_request(), LOGS)
    assert raised.value.code == "AuthFailure.SignatureFailure"


def test_header_parameters_are_validated(keyed_endpoint: str) -> None:
    request = models.UploadLogRequest()
    request.CompressType = "lz4"  # TopicId, required, missing
    with pytest.raises(TencentCloudSDKException) as raised:
        official(keyed_endpoint).UploadLog(request, LOGS)
    assert raised.value.code == "MissingParameter" and "TopicId" in raised.value.message


def test_generated_client_uploads(keyed_endpoint: str, cls_package: Any) -> None:
    client = cls_package.ClsClient(secret_id="AKIDupload", secret_key="upload-key",
                                   endpoint=keyed_endpoint, region="ap-guangzhou")  # fmt: skip
    call = client.transport.prepare(
        "UploadLog", {"TopicId": "t-1", "CompressType": "lz4"}, client._upload("UploadLog", LOGS)
    )
    assert call.headers["Content-Type"] == "application/octet-stream" and call.body == LOGS
    assert (call.headers["X-CLS-TopicId"], call.headers["X-CLS-CompressType"]) == ("t-1", "lz4")
    assert client.upload_log(body=LOGS, topic_id="t-1", compress_type="lz4").request_id


def test_json_body_is_refused_for_an_upload(keyed_endpoint: str, cls_package: Any) -> None:
    client = cls_package.ClsClient(secret_id="AKIDupload", secret_key="upload-key",
                                   endpoint=keyed_endpoint, region="ap-guangzhou")  # fmt: skip
    call = client.transport.prepare("UploadLog", {"TopicId": "t-1"})  # JSON, as other actions
    answer = requests.post(keyed_endpoint, data=call.body, headers=call.headers, timeout=10)
    error = answer.json()["Response"]["Error"]
    assert error["Code"] == "InvalidParameter"
    assert "application/json is not supported by this action" in error["Message"]


def test_multipart_form_data_is_read_and_sign_checked(keyed_endpoint: str) -> None:
    """The official SDK's `IsMultipart` calls: parts typed by the spec, JSON parts decoded,
    the TC3 signature over the multipart body as sent."""
    http = HttpProfile(endpoint=keyed_endpoint.removeprefix("http://"), protocol="http")
    from tencentcloud.common.common_client import CommonClient

    def client(key: str) -> CommonClient:
        cred = credential.Credential("AKIDupload", key)
        return CommonClient(
            "cvm", "2017-03-12", cred, "ap-guangzhou", ClientProfile(httpProfile=http)
        )

    # the SDK writes text parts from strings only (numbers as text), lists and dicts as JSON
    params = {"Limit": "2", "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-6"]}]}
    answer = client("upload-key").call_json(
        "DescribeInstances", params, options={"IsMultipart": True}
    )
    assert "Error" not in answer["Response"]
    with pytest.raises(TencentCloudSDKException) as raised:
        client("wrong").call_json("DescribeInstances", params, options={"IsMultipart": True})
    assert raised.value.code == "AuthFailure.SignatureFailure"
    bad = {"Limit": "many"}
    with pytest.raises(TencentCloudSDKException) as raised:
        client("upload-key").call_json("DescribeInstances", bad, options={"IsMultipart": True})
    assert raised.value.code.startswith("InvalidParameter")
