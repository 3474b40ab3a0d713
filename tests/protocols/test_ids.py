"""Ids checked like Tencent: CVM's launch template block knows its id format (`lt-` + 8) and
its actions document the malformed-id and not-found codes, so a malformed id is refused with
the first, a well-formed unknown one answers the second, and a real one is never refused for
its shape. Through the official Python SDK, against `tcgen mock`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tcgen.emulator.endpoint import load
from tcgen.runtime.mock.serve import ServerThread
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from .conftest import MALFORMED, NOT_FOUND

TEMPLATE = {
    "LaunchTemplateName": "web",
    "Placement": {"Zone": "ap-guangzhou-6"},
    "ImageId": "img-pi0ii46r",
}


@pytest.fixture(scope="module")
def cvm(id_checked_packages: Path) -> Iterator[CommonClient]:
    with ServerThread(load(id_checked_packages, rate_limit=False)) as server:
        http = HttpProfile(endpoint=server.endpoint.removeprefix("http://"), protocol="http")
        cred = credential.Credential("AKIDany", "any-key")
        profile = ClientProfile(httpProfile=http)
        yield CommonClient("cvm", "2017-03-12", cred, "ap-guangzhou", profile)


def code_of(client: CommonClient, action: str, params: dict[str, Any]) -> str:
    with pytest.raises(TencentCloudSDKException) as raised:
        client.call_json(action, params)
    return str(raised.value.code)


@pytest.mark.parametrize("bad", ["", "lt-", "lt-ABCDEFGH", "lt-1234567", "ins-12345678", "x"])
def test_malformed_ids_are_refused_with_the_documented_code(cvm: CommonClient, bad: str) -> None:
    assert code_of(cvm, "DeleteLaunchTemplate", {"LaunchTemplateId": bad}) == MALFORMED
    assert code_of(cvm, "DescribeLaunchTemplates", {"LaunchTemplateIds": [bad]}) == MALFORMED


def test_well_formed_unknown_id_is_not_found(cvm: CommonClient) -> None:
    assert code_of(cvm, "DeleteLaunchTemplate", {"LaunchTemplateId": "lt-0000abcd"}) == NOT_FOUND


def test_a_real_id_is_never_refused_for_its_shape(cvm: CommonClient) -> None:
    created = cvm.call_json("CreateLaunchTemplate", TEMPLATE)["Response"]["LaunchTemplateId"]
    listed = cvm.call_json("DescribeLaunchTemplates", {"LaunchTemplateIds": [created]})
    assert [t["LaunchTemplateId"] for t in listed["Response"]["LaunchTemplateSet"]] == [created]
    assert cvm.call_json("DeleteLaunchTemplate", {"LaunchTemplateId": created})["Response"]


def test_actions_without_the_code_check_no_shape(cvm: CommonClient) -> None:
    """DescribeLaunchTemplateVersions documents codes here, but no malformed-id one: an id is
    not refused for its shape (no MALFORMED), only for not existing (its documented
    not-found code, `spec/infer/notfound.py`), and a real one is answered."""
    assert code_of(cvm, "DescribeLaunchTemplateVersions", {"LaunchTemplateId": "x"}) == NOT_FOUND
    unknown = {"LaunchTemplateId": "lt-0000abcd"}
    assert code_of(cvm, "DescribeLaunchTemplateVersions", unknown) == NOT_FOUND
    created = cvm.call_json("CreateLaunchTemplate", TEMPLATE)["Response"]["LaunchTemplateId"]
    answer = cvm.call_json("DescribeLaunchTemplateVersions", {"LaunchTemplateId": created})
    assert answer["Response"]["RequestId"]


def test_not_found_is_inferred_as_data(id_checked_packages: Path) -> None:
    """`infer-resources` recorded it in the block: a reference listing the action that
    requires the id and documents the code, not the list action filtering by ids (Tencent
    answers it an empty list) nor the Create."""
    service = id_checked_packages.parent / "spec" / "cvm" / "2017-03-12" / "service.json"
    blocks = json.loads(service.read_text(encoding="utf-8"))["resources"]
    (template,) = [block for block in blocks if block["name"] == "LaunchTemplate"]
    assert template["notFound"] == NOT_FOUND
    assert {"input": "LaunchTemplateId", "resource": "LaunchTemplate",
            "actions": ["DescribeLaunchTemplateVersions"]} in template["references"]  # fmt: skip
    listed = {name for one in template["references"] for name in one.get("actions", ())}
    assert not listed & {"DescribeLaunchTemplates", "CreateLaunchTemplate"}


def test_node_sdk_sees_the_same_codes(id_checked_packages: Path, node_sdk: Path) -> None:
    """The official Node.js SDK (pinned, unchanged) gets the same answers."""
    from tests.nodesdk import NodeCall, node_calls

    calls = [
        NodeCall("DeleteLaunchTemplate", {"LaunchTemplateId": bad}, "cvm", "2017-03-12")
        for bad in ("lt-BAD", "lt-0000abcd")
    ]
    with ServerThread(load(id_checked_packages, rate_limit=False)) as server:
        address = server.endpoint.removeprefix("http://")
        outcomes = node_calls(node_sdk, address, calls, secret_id="AKIDany", secret_key="k")
    assert [outcome.result for outcome in outcomes] == [MALFORMED, NOT_FOUND]
