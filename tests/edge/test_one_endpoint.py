"""Two services (Live and a one-action CVM) on one port, through the official Python SDK, the
official Node.js SDK and tccli, each unchanged; routing, the control surface, `tcgen mock`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from tcgen.emulator.endpoint import EdgeApp
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.cvm.v20170312 import cvm_client
from tencentcloud.cvm.v20170312 import models as cvm_models

from tests.mock.helpers import SECRET_ID, SECRET_KEY, STREAM, official_client, sdk_call, tc3_headers
from tests.nodesdk import NodeCall, node_calls

TCCLI = Path(sys.executable).with_name("tccli")
REGIONS = NodeCall("DescribeRegions", {}, service="cvm", version="2017-03-12")


def _calls(edge: EdgeApp, service: str) -> list[str]:
    [one] = [one for one in edge.mounted if one.service == service]
    return [f"{call.action}:{call.error or 'ok'}" for call in one.app.calls()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("sign_method", ["TC3-HMAC-SHA256", "HmacSHA256", "HmacSHA1"])
def test_official_python_sdk_reaches_both(
    edge: EdgeApp, edge_server: str, sign_method: str
) -> None:
    address = edge_server.removeprefix("http://")
    live = official_client(address, sign_method=sign_method)
    assert sdk_call(live, "DropLiveStream", STREAM) == "ok"
    http = HttpProfile(endpoint=address, protocol="http")
    cvm = cvm_client.CvmClient(
        credential.Credential(SECRET_ID, SECRET_KEY),
        "ap-guangzhou",
        ClientProfile(httpProfile=http, signMethod=sign_method),
    )
    answer = cvm.DescribeRegions(cvm_models.DescribeRegionsRequest())
    assert answer.TotalCount == 1 and answer.RegionSet[0].Region == "ap-guangzhou"
    assert _calls(edge, "live") == ["DropLiveStream:ok"]
    assert _calls(edge, "cvm") == ["DescribeRegions:ok"]


@pytest.mark.parametrize(
    ("method", "sign_method"),
    [("POST", "TC3-HMAC-SHA256"), ("GET", "TC3-HMAC-SHA256"), ("POST", "HmacSHA1")],
)
def test_official_node_sdk_reaches_both(
    node_sdk: Path, edge: EdgeApp, edge_server: str, method: str, sign_method: str
) -> None:
    outcomes = node_calls(
        node_sdk, edge_server.removeprefix("http://"),
        [NodeCall("DropLiveStream", STREAM), REGIONS],
        secret_id=SECRET_ID, secret_key=SECRET_KEY, method=method, sign_method=sign_method,
    )  # fmt: skip
    assert [outcome.result for outcome in outcomes] == ["ok", "ok"]
    assert outcomes[1].response["RegionSet"][0]["Region"] == "ap-guangzhou"
    assert _calls(edge, "live") == ["DropLiveStream:ok"]
    assert _calls(edge, "cvm") == ["DescribeRegions:ok"]


def _tccli(endpoint: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TCCLI), *args, "--endpoint", endpoint, "--secretId", SECRET_ID,
         "--secretKey", SECRET_KEY, "--region", "ap-guangzhou"],
        capture_output=True, text=True, timeout=60,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_tccli_reaches_both(edge: EdgeApp, edge_server: str, tmp_path: Path) -> None:
    stream = [f"--{name}={value}" for name, value in STREAM.items()]
    live = _tccli(edge_server, tmp_path, "live", "DropLiveStream", *stream)
    assert live.returncode == 0, live.stderr
    cvm = _tccli(edge_server, tmp_path, "cvm", "DescribeRegions")
    assert cvm.returncode == 0, cvm.stderr
    assert json.loads(cvm.stdout)["TotalCount"] == 1
    assert _calls(edge, "live") == ["DropLiveStream:ok"]
    assert _calls(edge, "cvm") == ["DescribeRegions:ok"]


def _raw(endpoint: str, host: str, action: str, version: str, service: str) -> str:
    body = b"{}" if action == "DescribeRegions" else json.dumps(STREAM).encode()
    headers = tc3_headers(host, body, action=action, version=version, service=service)
    headers["X-TC-Region"] = "ap-guangzhou"
    answer = requests.post(endpoint, data=body, headers=headers, timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/json"
    error = answer.json()["Response"].get("Error")
    return "ok" if error is None else str(error["Code"])


@pytest.mark.parametrize(
    ("host", "action", "version", "service", "expected"),
    [
        # the scope picks the service: another service's action is not found there
        ("127.0.0.1:{port}", "DropLiveStream", "2018-08-01", "cvm", "InvalidAction"),
        ("127.0.0.1:{port}", "DescribeRegions", "2017-03-12", "live", "InvalidAction"),
        # the Host's first label picks it when the scope names no service here
        ("live.localhost:{port}", "DropLiveStream", "2018-08-01", "live", "ok"),
        ("cvm.tencentcloudapi.com", "DescribeRegions", "2017-03-12", "cvm", "ok"),
        # otherwise the action and version
        ("127.0.0.1:{port}", "DescribeRegions", "2017-03-12", "127", "ok"),
        ("127.0.0.1:{port}", "DropLiveStream", "2017-03-12", "127", "NoSuchVersion"),
        ("127.0.0.1:{port}", "RunInstances", "2017-03-12", "127", "InvalidAction"),
        # a scope naming a service this endpoint lacks is still another Tencent service
        ("127.0.0.1:{port}", "DropLiveStream", "2018-08-01", "vpc", "AuthFailure.SignatureFailure"),
    ],
)
def test_routing(
    edge_server: str, host: str, action: str, version: str, service: str, expected: str
) -> None:
    port = edge_server.rsplit(":", 1)[1]
    assert _raw(edge_server, host.format(port=port), action, version, service) == expected


def test_control_surface_per_service(edge: EdgeApp, edge_server: str) -> None:
    address = edge_server.removeprefix("http://")
    assert sdk_call(official_client(address), "DropLiveStream", STREAM) == "ok"
    services = requests.get(f"{edge_server}/_mock/services", timeout=10).json()["services"]
    assert [(one["service"], one["version"]) for one in services] == [
        ("cvm", "2017-03-12"),
        ("live", "2018-08-01"),
    ]
    calls = requests.get(f"{edge_server}/_mock/live/calls", timeout=10).json()["calls"]
    assert [call["action"] for call in calls] == ["DropLiveStream"]
    assert requests.get(f"{edge_server}/_mock/cvm/calls", timeout=10).json() == {"calls": []}
    injected = {"action": "DropLiveStream", "code": "FailedOperation"}
    assert requests.post(f"{edge_server}/_mock/live/errors", json=injected, timeout=10).ok
    assert sdk_call(official_client(address), "DropLiveStream", STREAM) == "FailedOperation"
    assert requests.post(f"{edge_server}/_mock/reset", timeout=10).json() == {"ok": True}
    assert _calls(edge, "live") == []
    unknown = requests.get(f"{edge_server}/_mock/nosuch/calls", timeout=10)
    assert unknown.status_code == 404 and "live" in unknown.json()["error"]


def test_tcgen_mock_command_serves_a_directory(packages_dir: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "tcgen", "mock", "--dir", str(packages_dir),
               "--port", "0", "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert "cvm 2017-03-12, live 2018-08-01" in line and f"SecretId {SECRET_ID}" in line
            endpoint = line.split(" on ", 1)[1].split()[0]
            address = endpoint.removeprefix("http://")
            assert sdk_call(official_client(address), "DropLiveStream", STREAM) == "ok"
            wrong = official_client(address, secret_key="wrong")
            assert sdk_call(wrong, "DropLiveStream", STREAM) == "AuthFailure.SignatureFailure"
            cvm = _tccli(endpoint, tmp_path, "cvm", "DescribeRegions")
            assert cvm.returncode == 0, cvm.stderr
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dir", "{tmp}/missing"], "is not a directory of generated packages"),
        (["--dir", "{tmp}"], "holds no generated package with a mock"),
        (["--secret-id", "x"], "--secret-id and --secret-key go together"),
    ],
)
def test_tcgen_mock_bad_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    from tcgen.commands.main import main

    assert main(["mock", *[arg.format(tmp=tmp_path) for arg in args]]) == 2
    assert message in capsys.readouterr().err
