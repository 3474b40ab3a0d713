"""Address ranges, addresses and clashes as Tencent Cloud shows them, through the official SDK
on `tcgen mock`: a subnet must lie in its VPC and overlap no other, instances get distinct
private IPs from their subnet, EIPs distinct public IPs, a load balancer's port is taken per
protocol family, and attaching a CAM policy twice changes nothing."""

from __future__ import annotations

import ipaddress

from tests.scenarios.sdk import Cloud
from tests.scenarios.test_compute_and_network import ZONE, V, network, run_two
from tests.scenarios.test_services import CAM, CDB, CLB


def subnet_fails(cloud: Cloud, vpc: str, cidr: str) -> str:
    return cloud.fails(
        "vpc", V, "CreateSubnet", VpcId=vpc, SubnetName="x", CidrBlock=cidr, Zone=ZONE
    )


def test_subnets_lie_in_their_vpc_and_do_not_overlap(cloud: Cloud) -> None:
    vpc, _, _ = network(cloud, "ranges")  # 10.0.0.0/16 with 10.0.1.0/24
    assert subnet_fails(cloud, vpc, "10.1.0.0/24") == "InvalidParameterValue.SubnetRange"
    assert subnet_fails(cloud, vpc, "10.0.1.128/25") == "InvalidParameterValue.SubnetConflict"
    assert subnet_fails(cloud, vpc, "10.0.0.0/8") == "InvalidParameterValue.Malformed"
    assert subnet_fails(cloud, vpc, "10.0.2.0/33") == "InvalidParameterValue.Malformed"
    assert subnet_fails(cloud, vpc, "10.0.2.1/24") == "InvalidParameterValue.Malformed"
    made = cloud.call(
        "vpc", V, "CreateSubnet", VpcId=vpc, SubnetName="next", CidrBlock="10.0.2.0/24",
        Zone=ZONE,
    )["Subnet"]  # fmt: skip
    assert made["CidrBlock"] == "10.0.2.0/24"
    other, _, _ = network(cloud, "ranges-too")  # the same block in another VPC is fine
    assert other != vpc
    for bad in ("not-a-cidr", "10.0.0.0/40", "10.0.0.0/8"):
        assert cloud.fails("vpc", V, "CreateVpc", VpcName="bad", CidrBlock=bad) == (
            "InvalidParameterValue.Malformed"
        )


def test_instances_get_distinct_private_ips_from_their_subnet(cloud: Cloud) -> None:
    _, subnet, group = network(cloud, "ips")
    first = run_two(cloud, subnet, group)
    then = run_two(cloud, subnet, group)
    listed = cloud.call("cvm", V, "DescribeInstances", InstanceIds=first + then)["InstanceSet"]
    addresses = [one["PrivateIpAddresses"] for one in listed]
    assert all(len(one) == 1 for one in addresses)
    flat = [ipaddress.ip_address(one[0]) for one in addresses]
    assert len(set(flat)) == 4
    assert all(one in ipaddress.ip_network("10.0.1.0/24") for one in flat)
    assert min(flat) == ipaddress.ip_address("10.0.1.2")  # .0 and the gateway .1 are kept
    [balancer] = cloud.call(
        "clb", CLB, "CreateLoadBalancer", LoadBalancerType="INTERNAL", LoadBalancerName="ips",
        VpcId=_vpc(cloud, subnet), SubnetId=subnet,
    )["LoadBalancerIds"]  # fmt: skip
    [item] = cloud.call("clb", CLB, "DescribeLoadBalancers", LoadBalancerIds=[balancer])[
        "LoadBalancerSet"
    ]
    vip = ipaddress.ip_address(item["LoadBalancerVips"][0])
    [database] = cloud.call(
        "cdb", CDB, "CreateDBInstanceHour", GoodsNum=1, Memory=1000, Volume=25,
        UniqVpcId=_vpc(cloud, subnet), UniqSubnetId=subnet,
    )["InstanceIds"]  # fmt: skip
    [db] = cloud.call("cdb", CDB, "DescribeDBInstances", InstanceIds=[database])["Items"]
    every = [*flat, vip, ipaddress.ip_address(db["Vip"])]
    assert len(set(every)) == 6  # one subnet hands out each address once
    assert all(one in ipaddress.ip_network("10.0.1.0/24") for one in every)


def test_subnets_with_one_block_in_two_vpcs_hand_out_their_own_addresses(cloud: Cloud) -> None:
    """The same 10.0.1.0/24 in two VPCs: two address ranges, each starting at .2, whatever
    the scenarios before this one took from subnets of the same block."""
    firsts = []
    for name in ("own-a", "own-b"):
        _, subnet, group = network(cloud, name)
        made = run_two(cloud, subnet, group)
        listed = cloud.call("cvm", V, "DescribeInstances", InstanceIds=made)["InstanceSet"]
        firsts.append(sorted(one["PrivateIpAddresses"][0] for one in listed))
    assert firsts == [["10.0.1.2", "10.0.1.3"]] * 2


def _vpc(cloud: Cloud, subnet: str) -> str:
    [found] = cloud.call("vpc", V, "DescribeSubnets", SubnetIds=[subnet])["SubnetSet"]
    return str(found["VpcId"])


def test_eips_and_instances_get_distinct_public_ips(cloud: Cloud) -> None:
    ids = cloud.call("vpc", V, "AllocateAddresses", AddressCount=3)["AddressSet"]
    listed = cloud.call("vpc", V, "DescribeAddresses", AddressIds=ids)["AddressSet"]
    ips = [ipaddress.ip_address(one["AddressIp"]) for one in listed]
    assert len(set(ips)) == 3 and all(one.is_global for one in ips)
    _, subnet, group = network(cloud, "public")
    wired = run_two(
        cloud, subnet, group,
        InternetAccessible={"InternetMaxBandwidthOut": 10, "PublicIpAssigned": True},
    )  # fmt: skip
    private = run_two(cloud, subnet, group)
    shown = cloud.call("cvm", V, "DescribeInstances", InstanceIds=wired + private)["InstanceSet"]
    public = {one["InstanceId"]: one["PublicIpAddresses"] for one in shown}
    assert [public[one] for one in private] == [[], []]  # none asked for
    given = [ipaddress.ip_address(public[one][0]) for one in wired]
    more = cloud.call("vpc", V, "AllocateAddresses", AddressCount=1)["AddressSet"]
    [again] = cloud.call("vpc", V, "DescribeAddresses", AddressIds=more)["AddressSet"]
    every = ips + given + [ipaddress.ip_address(again["AddressIp"])]
    assert len(set(every)) == 6 and all(one.is_global for one in every)


def test_a_listener_port_is_taken_per_protocol_family(cloud: Cloud) -> None:
    vpc, subnet, _ = network(cloud, "ports")
    [balancer] = cloud.call(
        "clb", CLB, "CreateLoadBalancer", LoadBalancerType="INTERNAL", LoadBalancerName="ports",
        VpcId=vpc, SubnetId=subnet,
    )["LoadBalancerIds"]  # fmt: skip
    [item] = cloud.call("clb", CLB, "DescribeLoadBalancers", LoadBalancerIds=[balancer])[
        "LoadBalancerSet"
    ]
    [vip] = item["LoadBalancerVips"]
    assert ipaddress.ip_address(vip) in ipaddress.ip_network("10.0.1.0/24")
    cloud.call("clb", CLB, "CreateListener", LoadBalancerId=balancer, Ports=[80], Protocol="TCP")
    for protocol in ("TCP", "HTTP", "HTTPS"):
        assert cloud.fails(
            "clb", CLB, "CreateListener", LoadBalancerId=balancer, Ports=[80], Protocol=protocol
        ) == "InvalidParameter.PortCheckFailed"  # fmt: skip
    assert cloud.fails(
        "clb", CLB, "CreateListener", LoadBalancerId=balancer, Ports=[81, 81], Protocol="TCP"
    ) == "InvalidParameter.PortCheckFailed"  # fmt: skip
    cloud.call("clb", CLB, "CreateListener", LoadBalancerId=balancer, Ports=[80], Protocol="UDP")
    listed = cloud.call("clb", CLB, "DescribeListeners", LoadBalancerId=balancer)["Listeners"]
    assert sorted((one["Port"], one["Protocol"]) for one in listed) == [(80, "TCP"), (80, "UDP")]
    [public] = cloud.call(
        "clb", CLB, "CreateLoadBalancer", LoadBalancerType="OPEN", LoadBalancerName="edge"
    )["LoadBalancerIds"]
    cloud.call("clb", CLB, "CreateListener", LoadBalancerId=public, Ports=[80], Protocol="TCP")
    [shown] = cloud.call("clb", CLB, "DescribeLoadBalancers", LoadBalancerIds=[public])[
        "LoadBalancerSet"
    ]
    assert ipaddress.ip_address(shown["LoadBalancerVips"][0]).is_global


def test_attaching_a_policy_twice_changes_nothing(cloud: Cloud) -> None:
    trust = '{"version":"2.0","statement":[{"action":"name/sts:AssumeRole","effect":"allow"}]}'
    cloud.call("cam", CAM, "CreateRole", RoleName="twice", PolicyDocument=trust)
    policy = cloud.call("cam", CAM, "CreatePolicy", PolicyName="twice", PolicyDocument=trust)[
        "PolicyId"
    ]
    for _ in range(2):
        cloud.call("cam", CAM, "AttachRolePolicy", PolicyId=policy, AttachRoleName="twice")
    attached = cloud.call("cam", CAM, "ListAttachedRolePolicies", Page=1, Rp=20, RoleName="twice")
    assert attached["TotalNum"] == 1
