"""Raw-body uploads (the spec's `body` block): cls UploadLog, imported from tccli, takes
`application/octet-stream` with its parameters as `X-CLS-*` headers. The official SDK's
`UploadLog(request, body)` and the generated client's `upload_log(body=...)` reach the mock,
which checks the TC3 signature over the raw bytes (or UNSIGNED-PAYLOAD), the parameters and
the content type."""

from __future__ import annotations

import importlib
import json
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
    assert error["Code"] == "UnsupportedProtocol"
    assert error["Message"] == "this action not support Content-Type=`application/json`"


def test_multipart_to_a_json_action_is_refused_once_signed(keyed_endpoint: str) -> None:
    """The official SDK's `IsMultipart` to an action Tencent serves as JSON (cvm's, as in the
    SDK's own integration test): Tencent's refusal, after the signature over the multipart
    body as sent is checked. Multipart actions read it: tests/protocols/test_multipart.py."""
    http = HttpProfile(endpoint=keyed_endpoint.removeprefix("http://"), protocol="http")
    from tencentcloud.common.common_client import CommonClient

    def refusal(key: str) -> TencentCloudSDKException:
        cred = credential.Credential("AKIDupload", key)
        client = CommonClient(
            "cvm", "2017-03-12", cred, "ap-guangzhou", ClientProfile(httpProfile=http)
        )
        with pytest.raises(TencentCloudSDKException) as raised:
            client.call_json("DescribeZones", {}, options={"IsMultipart": True})
        return raised.value

    refused = refusal("upload-key")
    assert refused.code == "UnsupportedProtocol"
    assert "not support Content-Type=`multipart/form-data`" in refused.message
    assert refusal("wrong").code == "AuthFailure.SignatureFailure"


def run_cli(packages: Path, *args: str | Path) -> Any:
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(packages), "HOME": str(packages)}
    return subprocess.run(
        [sys.executable, "-m", "cls_v20201016", *map(str, args)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


def test_cli_uploads_a_body_file(keyed_endpoint: str, tccli_packages: Path, tmp_path: Path) -> None:
    """`UploadLog --TopicId t --body-file logs.pb`: the file's bytes, signed, as the SDK's."""
    logs = tmp_path / "logs.pb"
    logs.write_bytes(LOGS)
    common = ["--endpoint", keyed_endpoint, "--region", "ap-guangzhou"]
    keys = ["--secretId", "AKIDupload", "--secretKey", "upload-key"]
    done = run_cli(tccli_packages, "UploadLog", "--TopicId", "t-1", "--body-file", logs,
                   *common, *keys)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["RequestId"]
    wrong = ["--secretId", "AKIDupload", "--secretKey", "wrong"]
    done = run_cli(tccli_packages, "UploadLog", "--TopicId", "t-1", "--body-file", logs,
                   *common, *wrong)  # fmt: skip
    assert done.returncode != 0 and "AuthFailure.SignatureFailure" in done.stderr
    done = run_cli(tccli_packages, "UploadLog", "--TopicId", "t-1", *common, *keys)
    assert done.returncode == 2 and "give --body-file PATH" in done.stderr
    done = run_cli(tccli_packages, "DescribeTopics", "--body-file", logs, *common, *keys)
    assert done.returncode == 2 and "DescribeTopics takes no body" in done.stderr
    done = run_cli(tccli_packages, "UploadLog", "--TopicId", "t", "--body-file", tmp_path / "no",
                   *common, *keys)  # fmt: skip
    assert done.returncode == 2 and "--body-file: cannot read" in done.stderr


def test_node_sdk_uploads_and_sends_multipart(keyed_endpoint: str, node_sdk: Path) -> None:
    """The official Node.js SDK (pinned, unchanged): `requestOctetStream` with the `X-CLS-*`
    headers, and a `multipart` request to a JSON action, both signed and checked: the upload is
    read, the form refused as Tencent refuses it; a wrong key is refused first."""
    from tests.nodesdk import NodeCall, node_calls

    topic = {"X-CLS-TopicId": "f6c4fa6f-0000-0000-8289-1ff6f77ed975"}
    upload = NodeCall("UploadLog", {}, "cls", "2020-10-16", body=LOGS, headers=topic)
    # the SDK's form-data appends text only (arrays and objects are its caller's to encode)
    form = NodeCall("DescribeInstances", {"Limit": "2", "Offset": "0"}, "cvm", "2017-03-12",
                    options={"multipart": True})  # fmt: skip
    address = keyed_endpoint.removeprefix("http://")
    good = node_calls(node_sdk, address, [upload, form], secret_id="AKIDupload",
                      secret_key="upload-key")  # fmt: skip
    assert [outcome.result for outcome in good] == ["ok", "UnsupportedProtocol"], good
    bad = node_calls(node_sdk, address, [upload, form], secret_id="AKIDupload", secret_key="x")
    assert [outcome.result for outcome in bad] == ["AuthFailure.SignatureFailure"] * 2
