"""Ids checked on a catalog imported from tccli alone (`tcgen import-tccli cvm` + `tcgen
infer-resources cvm`): no page documents an action's codes, so the malformed-id code comes from
the service's documented codes (the official SDK's `errorcodes.py`, recorded by the importer)
and the not-found code from the resource the member names. Through the official Python SDK,
against `tcgen mock`."""

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

MALFORMED = "InvalidParameterValue.InstanceIdMalformed"
NOT_FOUND = "InvalidInstanceId.NotFound"
LIMIT = "DescribeInstancesOperationLimit"


@pytest.fixture(scope="module")
def cvm(tccli_cvm_packages: Path) -> Iterator[CommonClient]:
    with ServerThread(load(tccli_cvm_packages, rate_limit=False)) as server:
        http = HttpProfile(endpoint=server.endpoint.removeprefix("http://"), protocol="http")
        cred = credential.Credential("AKIDany", "any-key")
        yield CommonClient(
            "cvm", "2017-03-12", cred, "ap-guangzhou", ClientProfile(httpProfile=http)
        )


def code_of(client: CommonClient, action: str, params: dict[str, Any]) -> str:
    with pytest.raises(TencentCloudSDKException) as raised:
        client.call_json(action, params)
    return str(raised.value.code)


def limit_params(*ids: str) -> dict[str, Any]:
    return {"InstanceIds": list(ids), "Operation": "INSTANCE_DEGRADE"}


def run_instance(client: CommonClient) -> str:
    answer = client.call_json(
        "RunInstances", {"Placement": {"Zone": "ap-guangzhou-6"}, "ImageId": "img-pi0ii46r"}
    )
    ids: list[str] = answer["Response"]["InstanceIdSet"]
    return ids[0]


def test_the_import_records_the_sdk_codes(tccli_cvm_packages: Path) -> None:
    """The generated package knows the SDK's codes as exception classes, though no action
    of the tccli model documents one."""
    errors = (tccli_cvm_packages / "cvm_v20170312" / "errors.py").read_text(encoding="utf-8")
    assert f'"{MALFORMED}"' in errors and f'"{NOT_FOUND}"' in errors
    spec = tccli_cvm_packages.parent / "spec" / "cvm" / "2017-03-12"
    action = json.loads((spec / "actions" / f"{LIMIT}.json").read_text(encoding="utf-8"))
    assert action["errorCodes"] == []


@pytest.mark.parametrize("bad", ["", "ins-", "ins-ABCDEFGH", "ins-1234567", "lt-12345678"])
def test_malformed_instance_ids_answer_the_services_code(cvm: CommonClient, bad: str) -> None:
    assert code_of(cvm, LIMIT, limit_params(bad)) == MALFORMED
    assert code_of(cvm, "DescribeInstances", {"InstanceIds": [bad]}) == MALFORMED
    assert code_of(cvm, "StopInstances", {"InstanceIds": [bad]}) == MALFORMED


def test_well_formed_unknown_ids_are_not_found(cvm: CommonClient) -> None:
    """Also for DescribeInstancesOperationLimit, not the engine's own: the Instance block's
    reference says its InstanceIds name instances."""
    assert code_of(cvm, LIMIT, limit_params("ins-0000abcd")) == NOT_FOUND
    assert code_of(cvm, "StopInstances", {"InstanceIds": ["ins-0000abcd"]}) == NOT_FOUND


def test_a_real_id_is_never_refused_for_its_shape(cvm: CommonClient) -> None:
    made = run_instance(cvm)
    answer = cvm.call_json(LIMIT, limit_params(made))["Response"]
    assert answer["RequestId"]
    listed = cvm.call_json("DescribeInstances", {"InstanceIds": [made]})["Response"]
    assert [one["InstanceId"] for one in listed["InstanceSet"]] == [made]
    assert code_of(cvm, LIMIT, limit_params(made, "ins-0000abcd")) == NOT_FOUND
