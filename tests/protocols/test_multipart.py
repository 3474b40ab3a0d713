"""Actions Tencent serves as `multipart/form-data` (the spec's `body` block with that content
type): the generated client (sync and async) sends their parameters as the form's parts,
signed over the multipart body as sent, and the mock reads and types them; a JSON body is
refused. live's DescribeLiveDomains and DescribeLiveTranscodeRules are marked multipart in a
copy of the committed spec."""

from __future__ import annotations

import asyncio
import importlib
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from tcgen.emulator.endpoint import EdgeApp, load
from tcgen.runtime.mock.serve import ServerThread
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.tccli_tree import ROOT, tcgen

KEYS = {"AKIDform": "form-key"}
MARKED = ("DescribeLiveDomains", "DescribeLiveTranscodeRules")


@pytest.fixture(scope="module")
def multipart_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("multipart")
    spec = work / "spec"
    shutil.copytree(ROOT / "spec", spec, ignore=shutil.ignore_patterns("resources"))
    actions = spec / "live" / "2018-08-01" / "actions"
    for name in MARKED:
        path = actions / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["body"] = {"contentType": "multipart/form-data"}
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tcgen("generate", "--spec-dir", spec, "--out", work / "out")
    return work / "out"


@pytest.fixture(scope="module")
def edge(multipart_packages: Path) -> EdgeApp:
    return load(multipart_packages, keys=KEYS, rate_limit=False)


def _forget(package: str) -> dict[str, Any]:
    """Take `package` and its modules out of `sys.modules` (another test of this worker may
    have imported a package of that name from elsewhere); what was there, to put back."""
    taken = {n: m for n, m in sys.modules.items() if n == package or n.startswith(f"{package}.")}
    for name in taken:
        del sys.modules[name]
    return taken


@pytest.fixture(scope="module")
def served(edge: EdgeApp, multipart_packages: Path) -> Iterator[tuple[str, Any]]:
    earlier = _forget("live_v20180801")
    sys.path.insert(0, str(multipart_packages))
    try:
        with ServerThread(edge) as server:
            yield server.endpoint, importlib.import_module("live_v20180801")
    finally:
        sys.path.remove(str(multipart_packages))
        _forget("live_v20180801")
        sys.modules.update(earlier)


def settings(endpoint: str, key: str = "form-key") -> dict[str, Any]:
    return {"secret_id": "AKIDform", "secret_key": key, "endpoint": endpoint,
            "region": "ap-guangzhou"}  # fmt: skip


def received(edge: EdgeApp, action: str) -> dict[str, Any]:
    (mounted,) = [one for one in edge.mounted if one.service == "live"]
    params = mounted.app.calls(action)[-1].params
    assert params is not None
    return params


def test_client_sends_the_parameters_as_parts(served: tuple[str, Any], edge: EdgeApp) -> None:
    endpoint, live = served
    client = live.LiveClient(**settings(endpoint))
    call = client.transport.prepare(
        "DescribeLiveTranscodeRules", {"TemplateIds": [1, 2], "DomainNames": ["a.com"]},
        client._upload("DescribeLiveTranscodeRules", None),
    )  # fmt: skip
    assert call.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="TemplateIds"\r\nContent-Type: application/json\r\n\r\n[1, 2]' in call.body
    answer = client.describe_live_transcode_rules(template_ids=[7, 8], domain_names=["a.com"])
    assert answer.request_id
    assert received(edge, "DescribeLiveTranscodeRules") == {
        "TemplateIds": [7, 8], "DomainNames": ["a.com"]
    }  # fmt: skip
    assert client.describe_live_domains(page_size=10, domain_status=1).request_id
    assert received(edge, "DescribeLiveDomains") == {"PageSize": 10, "DomainStatus": 1}

    async def called() -> str:
        async with live.AsyncLiveClient(**settings(endpoint)) as aclient:
            return str((await aclient.describe_live_domains(page_num=2)).request_id)

    assert asyncio.run(called())
    assert received(edge, "DescribeLiveDomains") == {"PageNum": 2}


def test_the_multipart_signature_is_checked(served: tuple[str, Any]) -> None:
    endpoint, live = served
    client = live.LiveClient(**settings(endpoint, key="wrong"))
    with pytest.raises(live.errors.APIError) as raised:
        client.describe_live_domains(page_size=10)
    assert raised.value.code == "AuthFailure.SignatureFailure"


def test_a_json_body_is_refused(served: tuple[str, Any]) -> None:
    endpoint, live = served
    client = live.LiveClient(**settings(endpoint))
    call = client.transport.prepare("DescribeLiveDomains", {"PageSize": 10})  # JSON
    answer = requests.post(endpoint, data=call.body, headers=call.headers, timeout=10)
    error = answer.json()["Response"]["Error"]
    assert error == {
        "Code": "UnsupportedProtocol",
        "Message": "this action not support Content-Type=`application/json`",
    }


def test_multipart_is_refused_where_tencent_refuses_it(served: tuple[str, Any]) -> None:
    """The official SDK's own integration test sends cvm-style `IsMultipart` to an action that
    takes JSON (DescribeZones) and expects Tencent's refusal; here live's
    DescribeLiveStreamOnlineList, which takes JSON, through the official SDK."""
    from tencentcloud.common.common_client import CommonClient

    endpoint, _ = served
    http = HttpProfile(endpoint=endpoint.removeprefix("http://"), protocol="http")
    client = CommonClient("live", "2018-08-01", credential.Credential("AKIDform", "form-key"),
                          "ap-guangzhou", ClientProfile(httpProfile=http))  # fmt: skip
    with pytest.raises(TencentCloudSDKException) as raised:
        client.call_json("DescribeLiveStreamOnlineList", {}, options={"IsMultipart": True})
    assert raised.value.code == "UnsupportedProtocol"
    assert "not support Content-Type=`multipart/form-data`" in raised.value.message


def test_cli_sends_multipart(
    served: tuple[str, Any], edge: EdgeApp, multipart_packages: Path
) -> None:
    import os
    import subprocess

    endpoint, _ = served
    env = {**os.environ, "PYTHONPATH": str(multipart_packages), "HOME": str(multipart_packages)}
    done = subprocess.run(
        [sys.executable, "-m", "live_v20180801", "DescribeLiveTranscodeRules",
         "--TemplateIds", "[3]", "--DomainNames", '["b.com"]', "--endpoint", endpoint,
         "--secretId", "AKIDform", "--secretKey", "form-key"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["RequestId"]
    assert received(edge, "DescribeLiveTranscodeRules") == {
        "TemplateIds": [3], "DomainNames": ["b.com"]
    }  # fmt: skip


def test_node_sdk_multipart(served: tuple[str, Any], edge: EdgeApp, node_sdk: Path) -> None:
    """The official Node.js SDK (pinned, unchanged) with `multipart`: read and typed; its
    JSON request to the same action is refused."""
    from tests.nodesdk import NodeCall, node_calls

    endpoint, _ = served
    calls = [
        NodeCall("DescribeLiveDomains", {"PageSize": 10}, options={}),
        NodeCall("DescribeLiveDomains", {"PageSize": "10"}, options={"multipart": True}),
    ]
    address = endpoint.removeprefix("http://")
    plain, form = node_calls(node_sdk, address, calls, secret_id="AKIDform", secret_key="form-key")
    assert form.result == "ok" and plain.result == "UnsupportedProtocol"
    assert received(edge, "DescribeLiveDomains") == {"PageSize": 10}


def test_an_unreadable_multipart_body_answers_tencents_common_code(
    served: tuple[str, Any],
) -> None:
    """A signed multipart body without its parts (no closing boundary) answers the common
    code Tencent documents for it, `InvalidRequest`, with its documented description."""
    import time

    from tcgen.runtime import signing

    endpoint, _ = served
    host = endpoint.removeprefix("http://")
    content_type, body = "multipart/form-data; boundary=b0", b"no parts here"
    now = int(time.time())
    signed = signing.sign(
        secret_id="AKIDform", secret_key="form-key", service="live", host=host, method="POST",
        query="", content_type=content_type, payload=body, timestamp=now,
    )  # fmt: skip
    headers = {"Authorization": signed.authorization, "Content-Type": content_type,
               "Host": host, "X-TC-Action": "DescribeLiveDomains", "X-TC-Timestamp": str(now),
               "X-TC-Version": "2018-08-01", "X-TC-Region": "ap-guangzhou"}  # fmt: skip
    answer = requests.post(endpoint, data=body, headers=headers, timeout=10)
    error = answer.json()["Response"]["Error"]
    message = "The multipart format of the request body is incorrect."
    assert error == {"Code": "InvalidRequest", "Message": message}
