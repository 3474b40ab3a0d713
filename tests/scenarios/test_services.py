"""A database instance, a load balancer with a listener, an SCF namespace and a CAM role with
a policy attached, through the official SDK on `tcgen mock`: each step as Tencent shows it."""

from __future__ import annotations

import re

from tests.scenarios.sdk import Cloud
from tests.scenarios.test_compute_and_network import ZONE, V, network

CDB, CLB, SCF, CAM = "v20170320", "v20180317", "v20180416", "v20190116"


def cdb_status(cloud: Cloud, instance: str) -> list[int]:
    items = cloud.call("cdb", CDB, "DescribeDBInstances", InstanceIds=[instance])["Items"]
    return [one["Status"] for one in items]


def test_a_database_instance_is_created_isolated_and_released(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "db")
    answer = cloud.call(
        "cdb", CDB, "CreateDBInstanceHour", GoodsNum=1, Memory=1000, Volume=25,
        UniqVpcId=vpc, UniqSubnetId=subnet, SecurityGroup=[group], InstanceName="orders",
    )  # fmt: skip
    [instance] = answer["InstanceIds"]
    assert re.fullmatch(r"cdb-[a-z0-9]{8}", instance)
    assert cdb_status(cloud, instance) == [0]  # creating, once
    [item] = cloud.call("cdb", CDB, "DescribeDBInstances", InstanceIds=[instance])["Items"]
    assert item["Status"] == 1 and item["InstanceName"] == "orders"
    assert (item["UniqVpcId"], item["UniqSubnetId"], item["Zone"]) == (vpc, subnet, ZONE)
    named = cloud.call("cdb", CDB, "DescribeDBInstances", InstanceNames=["orders"])
    assert [one["InstanceId"] for one in named["Items"]] == [instance]

    assert cloud.fails("cdb", CDB, "OfflineIsolatedInstances", InstanceIds=[instance]) == (
        "OperationDenied.InstanceStatusError"
    )
    assert cloud.fails("vpc", V, "DeleteSubnet", SubnetId=subnet) == "ResourceInUse"
    cloud.call("cdb", CDB, "IsolateDBInstance", InstanceId=instance)
    assert cdb_status(cloud, instance) == [4]  # isolating
    assert cdb_status(cloud, instance) == [5]  # isolated
    cloud.call("cdb", CDB, "OfflineIsolatedInstances", InstanceIds=[instance])
    assert cdb_status(cloud, instance) == []
    assert cloud.fails("cdb", CDB, "IsolateDBInstance", InstanceId=instance) == (
        "InvalidParameter.InstanceNotFound"
    )
    # CreateDBInstanceHour documents no not-found code; its "VPC or subnet error" is this one
    assert cloud.fails(
        "cdb", CDB, "CreateDBInstanceHour", GoodsNum=1, Memory=1000, Volume=25,
        UniqVpcId="vpc-notthere1",
    ) == "InternalError.VpcError"  # fmt: skip
    assert cloud.fails(
        "cdb", CDB, "CreateDBInstanceHour", GoodsNum=1, Memory=1000, Volume=25,
        UniqVpcId=vpc, UniqSubnetId=subnet, SecurityGroup=["sg-notthere1"],
    ) == "InternalError.DfwError"  # fmt: skip


def test_a_load_balancer_with_a_listener(cloud: Cloud) -> None:
    vpc, subnet, _ = network(cloud, "lb")
    answer = cloud.call(
        "clb", CLB, "CreateLoadBalancer", LoadBalancerType="INTERNAL", LoadBalancerName="front",
        VpcId=vpc, SubnetId=subnet,
    )  # fmt: skip
    [balancer] = answer["LoadBalancerIds"]
    assert re.fullmatch(r"lb-[a-z0-9]{8}", balancer)
    listed = cloud.call("clb", CLB, "DescribeLoadBalancers", LoadBalancerIds=[balancer])
    [item] = listed["LoadBalancerSet"]
    assert (item["LoadBalancerName"], item["VpcId"], item["SubnetId"]) == ("front", vpc, subnet)

    made = cloud.call(
        "clb", CLB, "CreateListener", LoadBalancerId=balancer, Ports=[80, 443],
        Protocol="TCP", ListenerNames=["http", "https"],
    )["ListenerIds"]  # fmt: skip
    assert len(made) == 2 and all(re.fullmatch(r"lbl-[a-z0-9]{8}", one) for one in made)
    listeners = cloud.call("clb", CLB, "DescribeListeners", LoadBalancerId=balancer)
    assert listeners["TotalCount"] == 2
    shown = {one["ListenerId"]: (one["Port"], one["ListenerName"], one["Protocol"])
             for one in listeners["Listeners"]}  # fmt: skip
    assert shown == {made[0]: (80, "http", "TCP"), made[1]: (443, "https", "TCP")}
    https = cloud.call("clb", CLB, "DescribeListeners", LoadBalancerId=balancer, Port=443)
    assert [one["ListenerId"] for one in https["Listeners"]] == made[1:]

    cloud.call("clb", CLB, "DeleteListener", LoadBalancerId=balancer, ListenerId=made[0])
    left = cloud.call("clb", CLB, "DescribeListeners", LoadBalancerId=balancer)["Listeners"]
    assert [one["ListenerId"] for one in left] == made[1:]
    assert cloud.fails("clb", CLB, "DescribeListeners", LoadBalancerId="lb-notthere") == (
        "InvalidParameter.LBIdNotFound"
    )
    assert cloud.fails(
        "clb", CLB, "CreateListener", LoadBalancerId="lb-notthere", Ports=[80], Protocol="TCP"
    ) == "InvalidParameter.LBIdNotFound"  # fmt: skip
    cloud.call("clb", CLB, "DeleteLoadBalancer", LoadBalancerIds=[balancer])
    gone = cloud.call("clb", CLB, "DescribeLoadBalancers", LoadBalancerIds=[balancer])
    assert gone["TotalCount"] == 0


def test_a_function_namespace(cloud: Cloud) -> None:
    cloud.call("scf", SCF, "CreateNamespace", Namespace="jobs", Description="batch")
    names = cloud.call("scf", SCF, "ListNamespaces")["Namespaces"]
    assert [(one["Name"], one["Description"]) for one in names] == [("jobs", "batch")]
    assert cloud.fails("scf", SCF, "CreateNamespace", Namespace="jobs") == (
        "ResourceInUse.Namespace"
    )
    cloud.call("scf", SCF, "DeleteNamespace", Namespace="jobs")
    assert cloud.call("scf", SCF, "ListNamespaces")["Namespaces"] == []
    assert cloud.fails("scf", SCF, "DeleteNamespace", Namespace="jobs") == (
        "ResourceNotFound.Namespace"
    )


def test_a_role_with_a_policy_attached(cloud: Cloud) -> None:
    trust = '{"version":"2.0","statement":[{"action":"name/sts:AssumeRole","effect":"allow"}]}'
    role = cloud.call("cam", CAM, "CreateRole", RoleName="deployer", PolicyDocument=trust)
    assert re.fullmatch(r"\d{19}", role["RoleId"])
    assert cloud.fails("cam", CAM, "CreateRole", RoleName="deployer", PolicyDocument=trust) == (
        "InvalidParameter.RoleNameInUse"
    )
    info = cloud.call("cam", CAM, "GetRole", RoleName="deployer")["RoleInfo"]
    assert (info["RoleId"], info["PolicyDocument"]) == (role["RoleId"], trust)
    policy = cloud.call("cam", CAM, "CreatePolicy", PolicyName="read-cvm", PolicyDocument=trust)[
        "PolicyId"
    ]
    cloud.call("cam", CAM, "AttachRolePolicy", PolicyId=policy, AttachRoleName="deployer")
    attached = cloud.call(
        "cam", CAM, "ListAttachedRolePolicies", Page=1, Rp=20, RoleId=role["RoleId"]
    )
    assert attached["TotalNum"] == 1
    assert [(p["PolicyId"], p["PolicyName"]) for p in attached["List"]] == [(policy, "read-cvm")]
    assert cloud.fails(
        "cam", CAM, "AttachRolePolicy", PolicyId=policy, AttachRoleName="nobody"
    ) == "InvalidParameter.RoleNotExist"  # fmt: skip
    cloud.call("cam", CAM, "DetachRolePolicy", PolicyId=policy, DetachRoleName="deployer")
    empty = cloud.call("cam", CAM, "ListAttachedRolePolicies", Page=1, Rp=20, RoleName="deployer")
    assert empty["TotalNum"] == 0
    roles = cloud.call("cam", CAM, "DescribeRoleList", Page=1, Rp=20)["List"]
    assert "deployer" in [one["RoleName"] for one in roles]
    cloud.call("cam", CAM, "DeleteRole", RoleName="deployer")
    assert cloud.fails("cam", CAM, "GetRole", RoleName="deployer") == (
        "InvalidParameter.RoleNotExist"
    )


def test_a_user_and_a_group(cloud: Cloud) -> None:
    user = cloud.call("cam", CAM, "AddUser", Name="alice", Remark="ops")
    assert user["Name"] == "alice" and isinstance(user["Uin"], int)
    assert cloud.fails("cam", CAM, "AddUser", Name="alice") == "InvalidParameter.SubUserNameInUse"
    got = cloud.call("cam", CAM, "GetUser", Name="alice")
    assert (got["Uin"], got["Remark"]) == (user["Uin"], "ops")
    assert "alice" in [one["Name"] for one in cloud.call("cam", CAM, "ListUsers")["Data"]]
    group = cloud.call("cam", CAM, "CreateGroup", GroupName="admins")["GroupId"]
    assert cloud.call("cam", CAM, "GetGroup", GroupId=group)["GroupName"] == "admins"
    cloud.call("cam", CAM, "DeleteUser", Name="alice")
    cloud.call("cam", CAM, "DeleteGroup", GroupId=group)
    assert cloud.fails("cam", CAM, "GetUser", Name="alice") == "ResourceNotFound.UserNotExist"
