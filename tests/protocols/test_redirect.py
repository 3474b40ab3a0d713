"""Test code written against Tencent Cloud itself, run unedited against `tcgen mock`:
`pytest --tencent-mock-url URL` (the tcgen pytest plugin) sends every call to a Tencent host
to the mock. The test file below names only Tencent's hosts and the official SDK's defaults
(https, `cvm.tencentcloudapi.com`), as the official SDK's own integration tests do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tcgen.emulator.endpoint import EdgeApp
from tcgen.emulator.redirect import Redirect, is_tencent_host, mock_base, start
from tencentcloud.common import credential
from tencentcloud.cvm.v20170312 import cvm_client, models

from tests.cli.mock_server import free_port

OFFICIAL_STYLE = """
import asyncio
import json

import pytest
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.cvm.v20170312 import cvm_client, cvm_client_async, models as cvm_models
from tencentcloud.sts.v20180813 import sts_client, models as sts_models

ROLE = "qcs::cam::uin/100000000001:roleName/redirected"


def temporary():
    client = sts_client.StsClient(credential.Credential("AKIDlong", "long-key"), "ap-guangzhou")
    request = sts_models.AssumeRoleRequest()
    request.from_json_string(json.dumps({"RoleArn": ROLE, "RoleSessionName": "t"}))
    issued = client.AssumeRole(request).Credentials
    return issued.TmpSecretId, issued.TmpSecretKey, issued.Token


def test_zones_with_the_default_profile():
    client = cvm_client.CvmClient(credential.Credential("AKIDlong", "long-key"), "ap-guangzhou")
    assert client.DescribeZones(cvm_models.DescribeZonesRequest()).TotalCount >= 1


def test_zones_through_the_async_client():
    async def zones():
        key = credential.Credential("AKIDlong", "long-key")
        client = cvm_client_async.CvmClient(key, "ap-guangzhou")
        return await client.DescribeZones(cvm_models.DescribeZonesRequest())

    assert asyncio.run(zones()).TotalCount >= 1


def test_temporary_credentials_work_and_a_wrong_token_is_refused():
    secret_id, secret_key, token = temporary()
    assert secret_id.startswith("AKID") and "***" not in token
    good = cvm_client.CvmClient(credential.Credential(secret_id, secret_key, token), "ap-guangzhou")
    assert good.DescribeZones(cvm_models.DescribeZonesRequest()).RequestId
    bad = credential.Credential(secret_id, secret_key, token + "err")
    request = cvm_models.DescribeInstancesOperationLimitRequest()
    request.from_json_string(json.dumps({"InstanceIds": [""], "Operation": "INSTANCE_DEGRADE"}))
    with pytest.raises(TencentCloudSDKException) as raised:
        cvm_client.CvmClient(bad, "ap-guangzhou").DescribeInstancesOperationLimit(request)
    assert raised.value.code == "AuthFailure.TokenFailure"


def test_a_malformed_id_is_refused():
    client = cvm_client.CvmClient(credential.Credential("AKIDlong", "long-key"), "ap-guangzhou")
    request = cvm_models.DescribeInstancesOperationLimitRequest()
    request.from_json_string(json.dumps({"InstanceIds": [""], "Operation": "INSTANCE_DEGRADE"}))
    with pytest.raises(TencentCloudSDKException) as raised:
        client.DescribeInstancesOperationLimit(request)
    assert raised.value.code == "InvalidParameterValue.InstanceIdMalformed"
"""


def run_pytest(directory: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         *options, str(directory)],
        capture_output=True, text=True, timeout=120, cwd=directory,
    )  # fmt: skip


def test_official_style_tests_pass_unedited(edge: EdgeApp, endpoint: str, tmp_path: Path) -> None:
    (tmp_path / "test_official_style.py").write_text(OFFICIAL_STYLE)
    done = run_pytest(tmp_path, "--tencent-mock-url", endpoint)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "4 passed" in done.stdout
    # the calls reached this mock, under the hosts the SDK signed (its defaults)
    calls = [call for one in edge.mounted if one.loaded for call in one.app.calls()]
    assert {call.action for call in calls} >= {"AssumeRole", "DescribeZones"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://127.0.0.1:1", "is not a mock URL: give http://HOST:PORT"),
        ("http://127.0.0.1:8080/cvm", "with no path"),
        ("http://127.0.0.1:99999", "the port is not a number from 1 to 65535"),
    ],
)
def test_a_bad_url_is_a_usage_error(tmp_path: Path, url: str, message: str) -> None:
    done = run_pytest(tmp_path, "--tencent-mock-url", url)
    assert done.returncode == 4  # pytest's usage error
    assert f"--tencent-mock-url: '{url}'" in done.stderr and message in done.stderr


def test_an_unreachable_mock_is_a_usage_error(tmp_path: Path) -> None:
    unused_port = free_port()
    done = run_pytest(tmp_path, "--tencent-mock-url", f"http://127.0.0.1:{unused_port}")
    assert done.returncode == 4
    assert "start `tcgen mock` there first" in done.stderr


def test_only_tencent_hosts_are_caught() -> None:
    assert is_tencent_host("https://cvm.tencentcloudapi.com/")
    assert is_tencent_host("https://cvm.ap-guangzhou.tencentcloudapi.com/?Action=X")
    assert is_tencent_host("https://sts.intl.tencentcloudapi.com")
    assert not is_tencent_host("https://tencentcloudapi.com.example.org/")
    assert not is_tencent_host("http://127.0.0.1:8080/")
    assert mock_base("http://127.0.0.1:8080/") == ("127.0.0.1", 8080)


def test_a_mock_that_stops_answering_is_a_network_error() -> None:
    import requests

    unused_port = free_port()
    with Redirect(f"http://127.0.0.1:{unused_port}"), pytest.raises(ConnectionError) as raised:
        requests.post("https://cvm.tencentcloudapi.com/", data=b"{}", timeout=5)
    assert f"tcgen mock at http://127.0.0.1:{unused_port} did not answer" in str(raised.value)


def test_in_process_the_redirect_reaches_the_mock_and_stops(edge: EdgeApp, endpoint: str) -> None:
    """What the plugin does for a run, in this process: the official SDK's default profile
    (https, cvm.tencentcloudapi.com) answered by the mock, over kept-alive connections."""
    client = cvm_client.CvmClient(credential.Credential("AKIDlong", "long-key"), "ap-guangzhou")
    redirect = start(endpoint)
    try:
        zones = [client.DescribeZones(models.DescribeZonesRequest()) for _ in range(3)]
    finally:
        redirect.__exit__(None, None, None)
    assert all(answer.TotalCount >= 1 for answer in zones)
    cvm = next(one for one in edge.mounted if one.service == "cvm")
    assert [call.action for call in cvm.app.calls()] == ["DescribeZones"] * 3
    assert not Redirect(endpoint).matches("https://example.org/")


def test_starting_without_a_mock_names_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ValueError, match="start `tcgen mock` there first"):
        start(url)
