"""A network, two instances in it, their whole life, and the failures a script meets, as the
official SDK sees them on `tcgen mock` (the services imported from tccli)."""

from __future__ import annotations

import re
from typing import Any

from tests.scenarios.sdk import Cloud

V = "v20170312"
ZONE = "ap-guangzhou-3"


def network(cloud: Cloud, name: str) -> tuple[str, str, str]:
    """A VPC, a subnet in it and a security group: their ids."""
    vpc = cloud.call("vpc", V, "CreateVpc", VpcName=name, CidrBlock="10.0.0.0/16")["Vpc"]
    subnet = cloud.call(
        "vpc", V, "CreateSubnet", VpcId=vpc["VpcId"], SubnetName=name,
        CidrBlock="10.0.1.0/24", Zone=ZONE,
    )["Subnet"]  # fmt: skip
    group = cloud.call(
        "vpc", V, "CreateSecurityGroup", GroupName=name, GroupDescription="scenario"
    )["SecurityGroup"]
    return vpc["VpcId"], subnet["SubnetId"], group["SecurityGroupId"]


def run_two(cloud: Cloud, subnet: str, group: str, **more: Any) -> list[str]:
    answer = cloud.call(
        "cvm", V, "RunInstances", InstanceCount=2, ImageId="img-eb30mz89",
        InstanceType="S5.MEDIUM2", InstanceName="web",
        VirtualPrivateCloud={"VpcId": more.pop("vpc", None) or _vpc_of(cloud, subnet),
                             "SubnetId": subnet},
        SecurityGroupIds=[group], **more,
    )  # fmt: skip
    ids: list[str] = answer["InstanceIdSet"]
    return ids


def _vpc_of(cloud: Cloud, subnet: str) -> str:
    found = cloud.call("vpc", V, "DescribeSubnets", SubnetIds=[subnet])["SubnetSet"]
    vpc: str = found[0]["VpcId"]
    return vpc


def states(cloud: Cloud, ids: list[str]) -> dict[str, str]:
    listed = cloud.call("cvm", V, "DescribeInstances", InstanceIds=ids)["InstanceSet"]
    return {one["InstanceId"]: one["InstanceState"] for one in listed}


def settled(cloud: Cloud, ids: list[str], wanted: str) -> list[dict[str, str]]:
    """Describe until every instance is `wanted` (a script's wait loop); the answers seen."""
    seen = [states(cloud, ids)]
    while set(seen[-1].values()) != {wanted}:
        assert len(seen) < 5, seen
        seen.append(states(cloud, ids))
    return seen


def test_two_instances_live_their_whole_life_in_a_network(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "life")
    assert re.fullmatch(r"vpc-[a-z0-9]{8}", vpc) and re.fullmatch(r"subnet-[a-z0-9]{8}", subnet)
    assert re.fullmatch(r"sg-[a-z0-9]{8}", group)
    ids = run_two(cloud, subnet, group, vpc=vpc)
    assert len(set(ids)) == 2 and all(re.fullmatch(r"ins-[a-z0-9]{8}", one) for one in ids)

    seen = settled(cloud, ids, "RUNNING")
    assert seen[0] == dict.fromkeys(ids, "PENDING") and len(seen) == 2
    listed = cloud.call("cvm", V, "DescribeInstances", InstanceIds=ids)["InstanceSet"]
    for one in listed:
        assert one["VirtualPrivateCloud"]["VpcId"] == vpc
        assert one["VirtualPrivateCloud"]["SubnetId"] == subnet
        assert one["Placement"]["Zone"] == ZONE  # from the subnet: the request named none
        assert one["SecurityGroupIds"] == [group] and one["InstanceName"] == "web"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", one["CreatedTime"])

    cloud.call("cvm", V, "StopInstances", InstanceIds=ids)
    status = cloud.call("cvm", V, "DescribeInstancesStatus", InstanceIds=ids)
    assert {one["InstanceId"]: one["InstanceState"] for one in status["InstanceStatusSet"]} == (
        dict.fromkeys(ids, "STOPPING")
    )
    assert status["TotalCount"] == 2
    assert settled(cloud, ids, "STOPPED")[0] == dict.fromkeys(ids, "STOPPED")
    cloud.call("cvm", V, "StartInstances", InstanceIds=ids)
    assert settled(cloud, ids, "RUNNING")[0] == dict.fromkeys(ids, "STARTING")

    cloud.call("cvm", V, "TerminateInstances", InstanceIds=ids[:1])
    assert states(cloud, ids) == {ids[0]: "SHUTDOWN", ids[1]: "RUNNING"}
    assert states(cloud, ids) == {ids[1]: "RUNNING"}  # then gone
    cloud.call("cvm", V, "TerminateInstances", InstanceIds=ids[1:])
    settled(cloud, ids[1:], "SHUTDOWN")
    assert states(cloud, ids) == {}


def test_describe_filters_and_pages_instances(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "filters")
    ids = run_two(cloud, subnet, group, vpc=vpc)
    settled(cloud, ids, "RUNNING")
    cloud.call("cvm", V, "StopInstances", InstanceIds=ids[1:])
    in_vpc = [{"Name": "vpc-id", "Values": [vpc]}]
    answer = cloud.call("cvm", V, "DescribeInstances", Filters=in_vpc, Limit=1)
    assert answer["TotalCount"] == 2 and len(answer["InstanceSet"]) == 1
    second = cloud.call("cvm", V, "DescribeInstances", Filters=in_vpc, Offset=1, Limit=1)
    assert {answer["InstanceSet"][0]["InstanceId"], second["InstanceSet"][0]["InstanceId"]} == set(
        ids
    )
    running = in_vpc + [{"Name": "instance-state", "Values": ["RUNNING"]}]
    only = cloud.call("cvm", V, "DescribeInstances", Filters=running)["InstanceSet"]
    assert [one["InstanceId"] for one in only] == ids[:1]
    unknown = [{"Name": "colour", "Values": ["blue"]}]
    assert cloud.fails("cvm", V, "DescribeInstances", Filters=unknown) == "InvalidFilter"
    subnets = cloud.call(
        "vpc", V, "DescribeSubnets", Filters=[{"Name": "vpc-id", "Values": [vpc]}]
    )["SubnetSet"]
    assert [one["SubnetId"] for one in subnets] == [subnet]


def test_unknown_references_answer_the_documented_codes(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "refs")
    code = cloud.fails(
        "vpc", V, "CreateSubnet", VpcId="vpc-doesnotx", SubnetName="x",
        CidrBlock="10.0.2.0/24", Zone=ZONE,
    )  # fmt: skip
    assert code == "ResourceNotFound"
    assert cloud.fails(
        "cvm", V, "RunInstances", ImageId="img-eb30mz89",
        VirtualPrivateCloud={"VpcId": vpc, "SubnetId": "subnet-notthere"},
    ) == "InvalidParameterValue.SubnetNotExist"  # fmt: skip
    assert cloud.fails(
        "cvm", V, "RunInstances", ImageId="img-eb30mz89", SecurityGroupIds=["sg-notthere"],
        VirtualPrivateCloud={"VpcId": vpc, "SubnetId": subnet},
    ) == "InvalidSecurityGroupId.NotFound"  # fmt: skip
    assert cloud.fails("cvm", V, "StopInstances", InstanceIds=["ins-notthere"]) == (
        "InvalidInstanceId.NotFound"
    )
    assert cloud.call("cvm", V, "DescribeInstances", Filters=[
        {"Name": "subnet-id", "Values": [subnet]}])["TotalCount"] == 0  # fmt: skip


def test_wrong_state_duplicate_name_and_delete_in_use(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "refusals")
    ids = run_two(cloud, subnet, group, vpc=vpc)
    assert cloud.fails("cvm", V, "StopInstances", InstanceIds=ids) == (
        "UnsupportedOperation.InstanceStatePending"
    )
    settled(cloud, ids, "RUNNING")
    assert cloud.fails("cvm", V, "StartInstances", InstanceIds=ids) == (
        "UnsupportedOperation.InstanceStateRunning"
    )
    cloud.call("cvm", V, "StopInstances", InstanceIds=ids)
    settled(cloud, ids, "STOPPED")
    assert cloud.fails("cvm", V, "StopInstances", InstanceIds=ids) == (
        "UnsupportedOperation.InstanceStateStopped"
    )

    key = cloud.call("cvm", V, "CreateKeyPair", KeyName="deploy", ProjectId=0)["KeyPair"]
    assert re.fullmatch(r"skey-[a-z0-9]{8}", key["KeyId"]) and key["KeyName"] == "deploy"
    assert cloud.fails("cvm", V, "CreateKeyPair", KeyName="deploy", ProjectId=0) == (
        "InvalidKeyPairName.Duplicate"
    )

    assert cloud.fails("vpc", V, "DeleteSecurityGroup", SecurityGroupId=group) == "ResourceInUse"
    assert cloud.fails("vpc", V, "DeleteSubnet", SubnetId=subnet) == "ResourceInUse"
    assert cloud.fails("vpc", V, "DeleteVpc", VpcId=vpc) == "ResourceInUse"
    cloud.call("cvm", V, "TerminateInstances", InstanceIds=ids)
    settled(cloud, ids, "SHUTDOWN")
    assert states(cloud, ids) == {}
    cloud.call("vpc", V, "DeleteSecurityGroup", SecurityGroupId=group)
    cloud.call("vpc", V, "DeleteSubnet", SubnetId=subnet)
    cloud.call("vpc", V, "DeleteVpc", VpcId=vpc)
    assert cloud.call("vpc", V, "DescribeVpcs", VpcIds=[vpc])["TotalCount"] == 0


def test_security_group_policies_add_up(cloud: Cloud) -> None:
    _, _, group = network(cloud, "policies")
    empty = cloud.call("vpc", V, "DescribeSecurityGroupPolicies", SecurityGroupId=group)
    assert empty["SecurityGroupPolicySet"]["Ingress"] == []
    for port in ("22", "443"):
        rule = {"Protocol": "TCP", "Port": port, "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}
        cloud.call(
            "vpc", V, "CreateSecurityGroupPolicies", SecurityGroupId=group,
            SecurityGroupPolicySet={"Ingress": [rule]},
        )  # fmt: skip
    policies = cloud.call("vpc", V, "DescribeSecurityGroupPolicies", SecurityGroupId=group)
    assert [p["Port"] for p in policies["SecurityGroupPolicySet"]["Ingress"]] == ["22", "443"]
