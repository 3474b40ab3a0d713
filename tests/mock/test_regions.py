"""Region lists and required regions in the mock: `UnsupportedRegion` when the action lists
its regions and the request's (X-TC-Region for TC3, Region for v1) is another, and
`MissingParameter` naming Region when a region-required action gets none. Exercised with our
client and the official SDK, over loopback and in-process, on a generated variant of the
client tests' demo spec (`regiondemo` 2022-03-04; the committed live spec lists no regions)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.client.variant import generate_variant

from .helpers import KEYS, SECRET_ID, SECRET_KEY

SERVICE, VERSION = "regiondemo", "2022-03-04"
LISTED = ["ap-guangzhou", "ap-shanghai"]
PARAMS: dict[str, Any] = {"Widgets": [{"Name": "w1"}]}


@pytest.fixture(scope="session")
def regiondemo(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generate_variant(
        tmp_path_factory.mktemp("regiondemo"),
        SERVICE,
        VERSION,
        {
            "CreateWidgets": {"region": {"required": True, "regions": LISTED}},
            "CreateGadgets": {"region": {"required": False, "regions": ["ap-beijing"]}},
            "CreateGizmos": {"region": {"required": False}},
        },
    )


def submodule(package: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.{name}")


@pytest.fixture
def mock_app(regiondemo: ModuleType) -> Any:
    return submodule(regiondemo, "mock").create_app(keys=KEYS)


@pytest.fixture
def endpoint(regiondemo: ModuleType, mock_app: Any) -> Iterator[str]:
    with submodule(regiondemo, "mock").ServerThread(mock_app) as running:
        yield running.endpoint


def ours(package: ModuleType, action: str, region: str, endpoint: str | None = None) -> str:
    """ "ok" or the error code our client raised."""
    client = package.RegiondemoClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region=region, endpoint=endpoint
    )
    try:
        client.call(action, PARAMS)
    except submodule(package, "_runtime.exceptions").APIError as exc:
        return str(exc.code)
    return "ok"


def official(action: str, region: str, endpoint: str | None, sign_method: str, method: str) -> str:
    """ "ok" or the error code the official SDK's CommonClient raised."""
    http = HttpProfile(reqMethod=method, endpoint=endpoint, protocol="http" if endpoint else None)
    if endpoint is None:
        http.endpoint = f"{SERVICE}.tencentcloudapi.com"
    profile = ClientProfile(httpProfile=http, signMethod=sign_method)
    cred = credential.Credential(SECRET_ID, SECRET_KEY)
    client = CommonClient(SERVICE, VERSION, cred, region, profile)
    try:
        client.call_json(action, PARAMS)
    except TencentCloudSDKException as exc:
        return str(exc.code)
    return "ok"


# (action, region, expected answer): listed regions, another one, none where one is required
CASES = [
    ("CreateWidgets", "ap-guangzhou", "ok"),
    ("CreateWidgets", "ap-shanghai", "ok"),
    ("CreateWidgets", "ap-beijing", "UnsupportedRegion"),
    ("CreateWidgets", "", "MissingParameter"),
    ("CreateGadgets", "ap-beijing", "ok"),
    ("CreateGadgets", "ap-guangzhou", "UnsupportedRegion"),
    ("CreateGadgets", "", "ok"),
    ("CreateGizmos", "eu-frankfurt", "ok"),
    ("CreateGizmos", "", "ok"),
]


def test_meta_lists_regions_only_where_the_spec_does(regiondemo: ModuleType) -> None:
    meta = submodule(regiondemo, "_meta")
    assert meta.ACTIONS["CreateWidgets"].regions == tuple(LISTED)
    assert meta.ACTIONS["CreateGadgets"].regions == ("ap-beijing",)
    assert meta.ACTIONS["CreateGizmos"].regions == ()
    assert inspect.getsource(meta).count("regions=") == 2


@pytest.mark.parametrize(
    ("sign_method", "method"),
    [("TC3-HMAC-SHA256", "POST"), ("TC3-HMAC-SHA256", "GET"), ("HmacSHA256", "POST")],
)
def test_official_sdk_over_loopback(
    endpoint: str, mock_app: Any, sign_method: str, method: str
) -> None:
    host = endpoint.removeprefix("http://")
    answers = [official(a, r, host, sign_method, method) for a, r, _ in CASES]
    assert answers == [expected for _, _, expected in CASES]
    assert [c.region for c in mock_app.calls()] == [r or None for _, r, _ in CASES]


def test_our_client_over_loopback(regiondemo: ModuleType, endpoint: str) -> None:
    sent = [case for case in CASES if case[1]]  # without a region our client does not send
    answers = [ours(regiondemo, a, r, endpoint) for a, r, _ in sent]
    assert answers == [expected for _, _, expected in sent]


def test_unsupported_region_error_class_and_message(regiondemo: ModuleType, endpoint: str) -> None:
    errors = submodule(regiondemo, "errors")
    client = regiondemo.RegiondemoClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-beijing", endpoint=endpoint
    )
    with pytest.raises(errors.error_class("UnsupportedRegion")) as caught:
        client.call("CreateWidgets", PARAMS)
    assert "ap-beijing" in str(caught.value) and "ap-guangzhou, ap-shanghai" in str(caught.value)


def test_client_validation_and_mock_agree_on_a_missing_region(
    regiondemo: ModuleType, endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TENCENTCLOUD_REGION", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no profile file supplies a region
    client = regiondemo.RegiondemoClient(secret_id=SECRET_ID, secret_key=SECRET_KEY, region="")
    with pytest.raises(submodule(regiondemo, "_runtime.exceptions").ParameterError) as caught:
        client.call("CreateWidgets", PARAMS)
    assert (caught.value.code, caught.value.parameter) == ("MissingParameter", "Region")
    assert official("CreateWidgets", "", endpoint[7:], "TC3-HMAC-SHA256", "POST") == (
        "MissingParameter"
    )


def test_in_process(regiondemo: ModuleType, mock_app: Any) -> None:
    with submodule(regiondemo, "mock").activate(mock_app):
        assert ours(regiondemo, "CreateWidgets", "ap-shanghai") == "ok"
        assert ours(regiondemo, "CreateWidgets", "na-ashburn") == "UnsupportedRegion"
        assert official("CreateWidgets", "na-ashburn", None, "TC3-HMAC-SHA256", "POST") == (
            "UnsupportedRegion"
        )
        assert official("CreateWidgets", "", None, "HmacSHA256", "POST") == "MissingParameter"
    assert [c.error for c in mock_app.calls()] == [
        None,
        "UnsupportedRegion",
        "UnsupportedRegion",
        "MissingParameter",
    ]
