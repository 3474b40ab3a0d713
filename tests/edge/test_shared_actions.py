"""An action+version two services share (cvm and postgres `DescribeRegions` 2017-03-12 here,
like `DescribeZones` in the catalog) is reachable through the service's path, also for a
client that cannot name the service in its scope or Host (the Node.js SDK)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from tcgen.emulator.endpoint import load
from tcgen.runtime.mock.serve import ServerThread

from tests.mock.helpers import KEYS, SECRET_ID, SECRET_KEY, tc3_headers
from tests.nodesdk import NodeCall, node_calls

from .conftest import CVM_SPEC, ROOT


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Packages cvm and postgres, both with DescribeRegions 2017-03-12."""
    from tcgen.commands.main import main

    base = tmp_path_factory.mktemp("twins")
    spec, out = base / "spec", base / "packages"
    shutil.copytree(CVM_SPEC, spec)
    shutil.copytree(spec / "cvm", spec / "postgres")
    service = spec / "postgres" / "2017-03-12" / "service.json"
    document = json.loads(service.read_text())
    document.update(service="postgres", endpoint="postgres.tencentcloudapi.com")
    service.write_text(json.dumps(document))
    for name in ("schema/tcgen-spec.schema.json", "common-errors.json"):
        (spec / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "spec" / name, spec / name)
    assert main(["generate", "--spec-dir", str(spec), "--out", str(out)]) == 0
    return out


@pytest.fixture
def endpoint(twins: Path) -> Iterator[str]:
    with ServerThread(load(twins, keys=KEYS)) as server:
        yield server.endpoint


def _raw(endpoint: str, path: str, service: str) -> str:
    host = endpoint.removeprefix("http://")
    headers = tc3_headers(host, b"{}", action="DescribeRegions", version="2017-03-12",
                          service=service)  # fmt: skip
    headers["X-TC-Region"] = "ap-guangzhou"
    answer = requests.post(endpoint + path, data=b"{}", headers=headers, timeout=10)
    error = answer.json()["Response"].get("Error")
    return "ok" if error is None else f"{error['Code']}: {error['Message']}"


def _called(endpoint: str, service: str) -> list[str]:
    calls = requests.get(f"{endpoint}/_mock/{service}/calls", timeout=10).json()["calls"]
    return [call["action"] for call in calls if call["error"] is None]


def test_without_a_name_the_shared_pair_is_ambiguous(endpoint: str) -> None:
    answer = _raw(endpoint, "/", "127")
    assert answer.startswith("InvalidAction") and "cvm 2017-03-12, postgres 2017-03-12" in answer
    assert "http://127.0.0.1:PORT/<service>/" in answer


@pytest.mark.parametrize("service", ["cvm", "postgres"])
@pytest.mark.parametrize("path", ["/{}/", "/{}"])
def test_the_path_names_the_service(endpoint: str, service: str, path: str) -> None:
    assert _raw(endpoint, path.format(service), "127") == "ok"
    assert _called(endpoint, service) == ["DescribeRegions"]
    other = "postgres" if service == "cvm" else "cvm"
    assert _called(endpoint, other) == []


@pytest.mark.parametrize("sign_method", ["TC3-HMAC-SHA256", "HmacSHA256"])
@pytest.mark.parametrize("method", ["POST", "GET"])
def test_the_node_sdk_reaches_both_through_their_paths(
    node_sdk: Path, endpoint: str, method: str, sign_method: str
) -> None:
    address = endpoint.removeprefix("http://")
    for service in ("cvm", "postgres"):
        [outcome] = node_calls(
            node_sdk,
            f"{address}/{service}",
            [NodeCall("DescribeRegions", {}, service=service, version="2017-03-12")],
            secret_id=SECRET_ID, secret_key=SECRET_KEY, method=method, sign_method=sign_method,
        )  # fmt: skip
        assert outcome.result == "ok", outcome
        assert _called(endpoint, service) == ["DescribeRegions"]


@pytest.mark.parametrize("sign_method", ["TC3-HMAC-SHA256", "HmacSHA256"])
def test_the_python_sdk_reaches_both_through_their_paths(endpoint: str, sign_method: str) -> None:
    from tencentcloud.common import credential
    from tencentcloud.common.common_client import CommonClient
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile

    for service in ("cvm", "postgres"):
        address = f"{endpoint.removeprefix('http://')}/{service}"
        profile = ClientProfile(
            httpProfile=HttpProfile(endpoint=address, protocol="http"), signMethod=sign_method
        )
        client = CommonClient(
            service, "2017-03-12", credential.Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou",
            profile,
        )  # fmt: skip
        assert "Error" not in client.call_json("DescribeRegions", {})["Response"]
        assert _called(endpoint, service) == ["DescribeRegions"]
