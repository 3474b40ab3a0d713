"""The same story through the official Node.js SDK (pinned, unchanged) on `tcgen mock`: a
network, two instances, their states, a wrong-state refusal and an unknown reference."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.nodesdk import NodeCall, Outcome, node_calls
from tests.scenarios.sdk import SECRET_ID, SECRET_KEY, Cloud

VERSION = "2017-03-12"


def node(sdk: Path, cloud: Cloud, service: str, action: str, **params: Any) -> Outcome:
    [outcome] = node_calls(
        sdk, cloud.endpoint, [NodeCall(action, params, service, VERSION)],
        secret_id=SECRET_ID, secret_key=SECRET_KEY,
    )  # fmt: skip
    return outcome


def test_instances_through_the_node_sdk(node_sdk: Path, cloud: Cloud) -> None:
    vpc = node(node_sdk, cloud, "vpc", "CreateVpc", VpcName="node", CidrBlock="10.1.0.0/16")
    vpc_id = vpc.response["Vpc"]["VpcId"]
    subnet = node(
        node_sdk, cloud, "vpc", "CreateSubnet", VpcId=vpc_id, SubnetName="node",
        CidrBlock="10.1.1.0/24", Zone="ap-guangzhou-4",
    ).response["Subnet"]["SubnetId"]  # fmt: skip
    run = node(
        node_sdk, cloud, "cvm", "RunInstances", InstanceCount=2, ImageId="img-eb30mz89",
        VirtualPrivateCloud={"VpcId": vpc_id, "SubnetId": subnet},
    )  # fmt: skip
    ids = run.response["InstanceIdSet"]
    assert len(ids) == 2 and all(re.fullmatch(r"ins-[a-z0-9]{8}", one) for one in ids)
    [first, then] = node_calls(
        node_sdk, cloud.endpoint,
        [NodeCall("DescribeInstances", {"InstanceIds": ids}, "cvm", VERSION)] * 2,
        secret_id=SECRET_ID, secret_key=SECRET_KEY,
    )  # fmt: skip
    assert [one["InstanceState"] for one in first.response["InstanceSet"]] == ["PENDING"] * 2
    listed = then.response["InstanceSet"]
    assert [one["InstanceState"] for one in listed] == ["RUNNING"] * 2
    assert {one["Placement"]["Zone"] for one in listed} == {"ap-guangzhou-4"}
    assert node(node_sdk, cloud, "cvm", "StartInstances", InstanceIds=ids).code == (
        "UnsupportedOperation.InstanceStateRunning"
    )
    missing = node(
        node_sdk, cloud, "vpc", "CreateSubnet", VpcId="vpc-nowhere1", SubnetName="x",
        CidrBlock="10.1.2.0/24", Zone="ap-guangzhou-4",
    )  # fmt: skip
    assert missing.code == "ResourceNotFound"
    assert node(node_sdk, cloud, "cvm", "TerminateInstances", InstanceIds=ids).ok
