"""A database instance and a load balancer with listeners, and the failures a script meets
(an unknown reference, a wrong state, a duplicate name or port, deleting what is in use),
through the official Node.js SDK (pinned, unchanged) on `tcgen mock`, each failure with the
code the action documents. Calls that do not depend on each other go in one `node` run."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Any

from tests.nodesdk import NodeCall, Outcome, node_calls
from tests.scenarios.sdk import SECRET_ID, SECRET_KEY, Cloud

VERSIONS = {"cvm": "2017-03-12", "vpc": "2017-03-12", "cdb": "2017-03-20", "clb": "2018-03-17"}
ZONE = "ap-guangzhou-3"


class Node:
    """Runs batches of `(service, action, params)` through the Node.js SDK's typed clients."""

    def __init__(self, sdk: Path, cloud: Cloud) -> None:
        self.sdk, self.endpoint = sdk, cloud.endpoint

    def run(self, *calls: tuple[str, str, dict[str, Any]]) -> list[Outcome]:
        todo = [
            NodeCall(action, params, service, VERSIONS[service])
            for service, action, params in calls
        ]
        return node_calls(self.sdk, self.endpoint, todo, secret_id=SECRET_ID, secret_key=SECRET_KEY)

    def ok(self, service: str, action: str, **params: Any) -> dict[str, Any]:
        [outcome] = self.run((service, action, params))
        assert outcome.ok, outcome.code
        return outcome.response

    def network(self, name: str, cidr: str) -> tuple[str, str, str]:
        """A VPC of `cidr`, a /24 subnet at its start, and a security group: their ids."""
        vpc = self.ok("vpc", "CreateVpc", VpcName=name, CidrBlock=cidr)["Vpc"]["VpcId"]
        first = str(next(ipaddress.ip_network(cidr).subnets(new_prefix=24)))
        subnet, group = self.run(
            ("vpc", "CreateSubnet", {"VpcId": vpc, "SubnetName": name, "CidrBlock": first,
                                     "Zone": ZONE}),
            ("vpc", "CreateSecurityGroup", {"GroupName": name, "GroupDescription": "node"}),
        )  # fmt: skip
        return (
            vpc,
            subnet.response["Subnet"]["SubnetId"],
            group.response["SecurityGroup"]["SecurityGroupId"],
        )


def codes(outcomes: list[Outcome]) -> list[str]:
    return [one.result for one in outcomes]


def test_a_database_instance_through_the_node_sdk(node_sdk: Path, cloud: Cloud) -> None:
    node = Node(node_sdk, cloud)
    vpc, subnet, group = node.network("node-db", "10.3.0.0/16")
    [instance] = node.ok(
        "cdb", "CreateDBInstanceHour", GoodsNum=1, Memory=1000, Volume=25, UniqVpcId=vpc,
        UniqSubnetId=subnet, SecurityGroup=[group], InstanceName="node-orders",
    )["InstanceIds"]  # fmt: skip
    assert re.fullmatch(r"cdb-[a-z0-9]{8}", instance)
    describe = ("cdb", "DescribeDBInstances", {"InstanceIds": [instance]})
    creating, running, early, in_use = node.run(
        describe,
        describe,
        ("cdb", "OfflineIsolatedInstances", {"InstanceIds": [instance]}),
        ("vpc", "DeleteSubnet", {"SubnetId": subnet}),
    )
    assert [one["Status"] for one in creating.response["Items"]] == [0]
    [item] = running.response["Items"]
    assert (item["Status"], item["InstanceName"], item["UniqVpcId"], item["Zone"]) == (
        1,
        "node-orders",
        vpc,
        ZONE,
    )
    assert codes([early, in_use]) == ["OperationDenied.InstanceStatusError", "ResourceInUse"]
    isolate = ("cdb", "IsolateDBInstance", {"InstanceId": instance})
    outcomes = node.run(
        isolate,
        describe,
        describe,
        ("cdb", "OfflineIsolatedInstances", {"InstanceIds": [instance]}),
        describe,
        isolate,
        ("cdb", "CreateDBInstanceHour", {"GoodsNum": 1, "Memory": 1000, "Volume": 25,
                                         "UniqVpcId": "vpc-notthere1"}),
        ("vpc", "DeleteSubnet", {"SubnetId": subnet}),
    )  # fmt: skip
    isolated, isolating, gone_to_isolated, offline, gone, again, unknown, freed = outcomes
    assert isolated.ok and offline.ok and freed.ok
    assert [one["Status"] for one in isolating.response["Items"]] == [4]
    assert [one["Status"] for one in gone_to_isolated.response["Items"]] == [5]
    assert gone.response["Items"] == [] and gone.response["TotalCount"] == 0
    assert codes([again, unknown]) == [
        "InvalidParameter.InstanceNotFound",
        "InternalError.VpcError",
    ]


def test_a_load_balancer_with_listeners_through_the_node_sdk(node_sdk: Path, cloud: Cloud) -> None:
    node = Node(node_sdk, cloud)
    vpc, subnet, _ = node.network("node-lb", "10.4.0.0/16")
    [balancer] = node.ok(
        "clb", "CreateLoadBalancer", LoadBalancerType="INTERNAL", LoadBalancerName="node-front",
        VpcId=vpc, SubnetId=subnet,
    )["LoadBalancerIds"]  # fmt: skip
    assert re.fullmatch(r"lb-[a-z0-9]{8}", balancer)
    listen = {"LoadBalancerId": balancer, "Protocol": "TCP"}
    made, clash, same_family, other_family, listed, by_port, unknown = node.run(
        ("clb", "CreateListener", {**listen, "Ports": [80, 443], "ListenerNames": ["a", "b"]}),
        ("clb", "CreateListener", {**listen, "Ports": [443]}),
        ("clb", "CreateListener", {**listen, "Protocol": "HTTP", "Ports": [80]}),
        ("clb", "CreateListener", {**listen, "Protocol": "UDP", "Ports": [80]}),
        ("clb", "DescribeListeners", {"LoadBalancerId": balancer}),
        ("clb", "DescribeListeners", {"LoadBalancerId": balancer, "Port": 443}),
        ("clb", "CreateListener", {"LoadBalancerId": "lb-notthere", "Protocol": "TCP",
                                   "Ports": [80]}),
    )  # fmt: skip
    ids = made.response["ListenerIds"]
    assert len(ids) == 2 and all(re.fullmatch(r"lbl-[a-z0-9]{8}", one) for one in ids)
    assert codes([clash, same_family, other_family, unknown]) == [
        "InvalidParameter.PortCheckFailed",
        "InvalidParameter.PortCheckFailed",
        "ok",
        "InvalidParameter.LBIdNotFound",
    ]
    shown = sorted((one["Port"], one["Protocol"]) for one in listed.response["Listeners"])
    assert shown == [(80, "TCP"), (80, "UDP"), (443, "TCP")]
    assert listed.response["TotalCount"] == 3
    assert [one["ListenerId"] for one in by_port.response["Listeners"]] == ids[1:]
    [lb] = node.ok("clb", "DescribeLoadBalancers", LoadBalancerIds=[balancer])["LoadBalancerSet"]
    assert (lb["LoadBalancerName"], lb["VpcId"], lb["SubnetId"]) == ("node-front", vpc, subnet)
    assert ipaddress.ip_address(lb["LoadBalancerVips"][0]) in ipaddress.ip_network("10.4.0.0/24")
    dropped, left, removed, after, missing = node.run(
        ("clb", "DeleteListener", {"LoadBalancerId": balancer, "ListenerId": ids[0]}),
        ("clb", "DescribeListeners", {"LoadBalancerId": balancer, "Protocol": "TCP"}),
        ("clb", "DeleteLoadBalancer", {"LoadBalancerIds": [balancer]}),
        ("clb", "DescribeLoadBalancers", {"LoadBalancerIds": [balancer]}),
        ("clb", "DescribeListeners", {"LoadBalancerId": balancer}),
    )
    assert dropped.ok and removed.ok
    assert [one["ListenerId"] for one in left.response["Listeners"]] == ids[1:]
    assert after.response["TotalCount"] == 0
    assert missing.code == "InvalidParameter.LBIdNotFound"


def test_failures_through_the_node_sdk(node_sdk: Path, cloud: Cloud) -> None:
    node = Node(node_sdk, cloud)
    vpc, subnet, group = node.network("node-fail", "10.5.0.0/16")
    key = {"KeyName": "node-deploy", "ProjectId": 0}
    outcomes = node.run(
        ("vpc", "CreateSubnet", {"VpcId": "vpc-nowhere1", "SubnetName": "x",
                                 "CidrBlock": "10.5.9.0/24", "Zone": ZONE}),
        ("vpc", "CreateSubnet", {"VpcId": vpc, "SubnetName": "x", "CidrBlock": "10.6.0.0/24",
                                 "Zone": ZONE}),
        ("vpc", "CreateSubnet", {"VpcId": vpc, "SubnetName": "x", "CidrBlock": "10.5.0.0/25",
                                 "Zone": ZONE}),
        ("cvm", "RunInstances", {"ImageId": "img-eb30mz89",
                                 "VirtualPrivateCloud": {"VpcId": vpc,
                                                         "SubnetId": "subnet-nowhere1"}}),
        ("cvm", "CreateKeyPair", key),
        ("cvm", "CreateKeyPair", key),
        ("vpc", "DeleteVpc", {"VpcId": vpc}),
    )  # fmt: skip
    assert codes(outcomes) == [
        "ResourceNotFound",
        "InvalidParameterValue.SubnetRange",
        "InvalidParameterValue.SubnetConflict",
        "InvalidParameterValue.SubnetNotExist",
        "ok",
        "InvalidKeyPairName.Duplicate",
        "ResourceInUse",
    ]
    ids = node.ok(
        "cvm", "RunInstances", InstanceCount=2, ImageId="img-eb30mz89",
        VirtualPrivateCloud={"VpcId": vpc, "SubnetId": subnet}, SecurityGroupIds=[group],
    )["InstanceIdSet"]  # fmt: skip
    stop = ("cvm", "StopInstances", {"InstanceIds": ids})
    pending, seen, stopped, in_use = node.run(
        stop,
        ("cvm", "DescribeInstances", {"InstanceIds": ids}),
        stop,
        ("vpc", "DeleteSecurityGroup", {"SecurityGroupId": group}),
    )
    assert pending.code == "UnsupportedOperation.InstanceStatePending"
    ips = [one["PrivateIpAddresses"][0] for one in seen.response["InstanceSet"]]
    assert len(set(ips)) == 2
    assert stopped.ok and in_use.code == "ResourceInUse"
