"""Every answer agrees with every other, through the official SDK on `tcgen mock`: what a
create answers is what later reads show, values built from others are built (a role's ARN),
terminating an instance detaches its disks, unbinds its EIPs and drops it from load
balancers, deleting a policy detaches it, and a listener lists the targets registered."""

from __future__ import annotations

import re

from tests.scenarios.sdk import Cloud
from tests.scenarios.test_compute_and_network import ZONE, V, network, run_two, settled

CAM, CBS, CLB = "v20190116", "v20170312", "v20180317"


def test_a_user_s_uid_is_the_same_in_every_answer(cloud: Cloud) -> None:
    made = [cloud.call("cam", CAM, "AddUser", Name=name) for name in ("ann", "bob")]
    assert made[0]["Uid"] != made[1]["Uid"] and made[0]["Uin"] != made[1]["Uin"]
    assert made[0]["SecretId"] != made[1]["SecretId"]  # each user's own keys
    got = cloud.call("cam", CAM, "GetUser", Name="ann")
    listed = {one["Name"]: one for one in cloud.call("cam", CAM, "ListUsers")["Data"]}
    for one in made:
        assert (listed[one["Name"]]["Uid"], listed[one["Name"]]["Uin"]) == (one["Uid"], one["Uin"])
    assert (got["Uid"], got["Uin"]) == (made[0]["Uid"], made[0]["Uin"])
    assert got["RecentlyLoginIP"] == ""  # a new user has not logged in (not the example's)


def test_a_role_s_arn_names_the_account_and_the_role(cloud: Cloud) -> None:
    cloud.call("cam", CAM, "CreateRole", RoleName="arn-reader", PolicyDocument="{}")
    arn = cloud.call("cam", CAM, "GetRole", RoleName="arn-reader")["RoleInfo"]["RoleArn"]
    assert re.fullmatch(r"qcs::cam::uin/\d+:roleName/arn-reader", arn)
    listed = cloud.call("cam", CAM, "DescribeRoleList", Page=1, Rp=200)["List"]
    assert [one["RoleArn"] for one in listed if one["RoleName"] == "arn-reader"] == [arn]


def test_deleting_an_attached_policy_detaches_it(cloud: Cloud) -> None:
    cloud.call("cam", CAM, "CreateRole", RoleName="runner", PolicyDocument="{}")
    kept, gone = (
        cloud.call("cam", CAM, "CreatePolicy", PolicyName=name, PolicyDocument="{}")["PolicyId"]
        for name in ("keep-me", "drop-me")
    )
    for policy in (kept, gone):
        cloud.call("cam", CAM, "AttachRolePolicy", AttachRoleName="runner", PolicyId=policy)
    user = cloud.call("cam", CAM, "AddUser", Name="attached-user")["Uin"]
    group = cloud.call("cam", CAM, "CreateGroup", GroupName="attached-group")["GroupId"]
    cloud.call("cam", CAM, "AttachUserPolicy", AttachUin=user, PolicyId=kept)
    cloud.call("cam", CAM, "AttachGroupPolicy", AttachGroupId=group, PolicyId=kept)
    mine = cloud.call("cam", CAM, "ListAttachedUserPolicies", TargetUin=user, Page=1, Rp=20)
    assert [(one["PolicyId"], one["PolicyName"]) for one in mine["List"]] == [(kept, "keep-me")]
    theirs = cloud.call("cam", CAM, "ListAttachedGroupPolicies", TargetGroupId=group)
    assert [one["PolicyId"] for one in theirs["List"]] == [kept]

    def attachments() -> int:
        [listed] = cloud.call("cam", CAM, "ListPolicies", Keyword="keep-me")["List"]
        count: int = listed["Attachments"]
        return count

    assert attachments() == 3  # a role, a user and a group
    cloud.call("cam", CAM, "DeleteUser", Name="attached-user")
    assert attachments() == 2  # the user's attachment went with it
    cloud.call("cam", CAM, "DetachGroupPolicy", DetachGroupId=group, PolicyId=kept)
    assert attachments() == 1
    cloud.call("cam", CAM, "DeletePolicy", PolicyId=[gone])
    attached = cloud.call("cam", CAM, "ListAttachedRolePolicies", RoleName="runner", Page=1, Rp=20)
    assert [one["PolicyId"] for one in attached["List"]] == [kept]
    assert attached["TotalNum"] == 1


def test_load_balancers_answer_a_deal_of_their_own(cloud: Cloud) -> None:
    deals = [
        cloud.call("clb", CLB, "CreateLoadBalancer", LoadBalancerType="OPEN")["DealName"]
        for _ in range(2)
    ]
    assert deals[0] != deals[1] and all(re.fullmatch(r"\d+", deal) for deal in deals)


def _disks(cloud: Cloud, disks: list[str]) -> dict[str, tuple[str, str, bool]]:
    listed = cloud.call("cbs", CBS, "DescribeDisks", DiskIds=disks)["DiskSet"]
    return {one["DiskId"]: (one["DiskState"], one["InstanceId"], one["Attached"]) for one in listed}


def test_terminating_an_instance_releases_its_disks_and_addresses(cloud: Cloud) -> None:
    _, subnet, group = network(cloud, "cascade")
    instance, other = run_two(cloud, subnet, group)
    settled(cloud, [instance, other], "RUNNING")
    kept, dropped, moved = cloud.call(
        "cbs", CBS, "CreateDisks", DiskType="CLOUD_PREMIUM", DiskChargeType="POSTPAID_BY_HOUR",
        DiskSize=50, Placement={"Zone": ZONE}, DiskCount=3,
    )["DiskIdSet"]  # fmt: skip
    cloud.call("cbs", CBS, "AttachDisks", InstanceId=instance, DiskIds=[kept])
    cloud.call(
        "cbs", CBS, "AttachDisks", InstanceId=instance, DiskIds=[dropped], DeleteWithInstance=True
    )
    cloud.call("cbs", CBS, "AttachDisks", InstanceId=other, DiskIds=[moved])
    _disks(cloud, [kept, dropped, moved])  # ATTACHING, once
    assert _disks(cloud, [kept, dropped, moved]) == {
        kept: ("ATTACHED", instance, True),
        dropped: ("ATTACHED", instance, True),
        moved: ("ATTACHED", other, True),
    }
    cloud.call("cbs", CBS, "DetachDisks", DiskIds=[moved])
    _disks(cloud, [moved])  # DETACHING, once
    assert _disks(cloud, [moved]) == {moved: ("UNATTACHED", "", False)}

    [address] = cloud.call("vpc", V, "AllocateAddresses", AddressCount=1)["AddressSet"]
    cloud.call("vpc", V, "DescribeAddresses", AddressIds=[address])  # CREATING, once
    cloud.call("vpc", V, "AssociateAddress", AddressId=address, InstanceId=instance)
    cloud.call("vpc", V, "DescribeAddresses", AddressIds=[address])  # BINDING, once
    [bound] = cloud.call("vpc", V, "DescribeAddresses", AddressIds=[address])["AddressSet"]
    assert (bound["AddressStatus"], bound["InstanceId"]) == ("BIND", instance)
    [shown] = cloud.call("cvm", V, "DescribeInstances", InstanceIds=[instance])["InstanceSet"]
    assert [(d["DiskId"], d["DiskSize"]) for d in shown["DataDisks"]] == [(kept, 50), (dropped, 50)]
    assert shown["PublicIpAddresses"] == [bound["AddressIp"]]  # the EIP bound to it

    cloud.call("cvm", V, "TerminateInstances", InstanceIds=[instance])
    assert _disks(cloud, [kept, dropped]) == {kept: ("UNATTACHED", "", False)}
    [freed] = cloud.call("vpc", V, "DescribeAddresses", AddressIds=[address])["AddressSet"]
    assert (freed["AddressStatus"], freed["InstanceId"]) == ("UNBIND", "")
    cloud.call("vpc", V, "ReleaseAddresses", AddressIds=[address])  # unbound: may go


def test_a_listener_lists_its_registered_targets(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "targets")
    first, second = run_two(cloud, subnet, group)
    balancer = cloud.call(
        "clb", CLB, "CreateLoadBalancer", LoadBalancerType="INTERNAL", VpcId=vpc, SubnetId=subnet
    )["LoadBalancerIds"][0]
    [listener] = cloud.call(
        "clb", CLB, "CreateListener", LoadBalancerId=balancer, Ports=[80], Protocol="TCP"
    )["ListenerIds"]
    targets = [
        {"InstanceId": first, "Port": 8080, "Weight": 20},
        {"InstanceId": second, "Port": 8080},
    ]
    cloud.call(
        "clb", CLB, "RegisterTargets", LoadBalancerId=balancer, ListenerId=listener, Targets=targets
    )
    ips = {
        one["InstanceId"]: one["PrivateIpAddresses"]
        for one in cloud.call("cvm", V, "DescribeInstances", InstanceIds=[first, second])[
            "InstanceSet"
        ]
    }

    def registered() -> list[tuple[str, int, list[str]]]:
        answer = cloud.call("clb", CLB, "DescribeTargets", LoadBalancerId=balancer)
        [shown] = answer["Listeners"]
        assert (shown["ListenerId"], shown["Port"], shown["Protocol"]) == (listener, 80, "TCP")
        return [(t["InstanceId"], t["Port"], t["PrivateIpAddresses"]) for t in shown["Targets"]]

    assert registered() == [(first, 8080, ips[first]), (second, 8080, ips[second])]
    [shown] = cloud.call("clb", CLB, "DescribeTargets", LoadBalancerId=balancer)["Listeners"]
    assert [(t["Weight"], t["Type"]) for t in shown["Targets"]] == [(20, "CVM"), (10, "CVM")]
    assert cloud.fails(
        "clb", CLB, "RegisterTargets", LoadBalancerId=balancer, ListenerId=listener,
        Targets=[{"InstanceId": "ins-notthere", "Port": 8080}],
    ) == "InvalidParameter"  # fmt: skip
    assert cloud.fails(
        "clb", CLB, "RegisterTargets", LoadBalancerId=balancer, ListenerId="lbl-notthere",
        Targets=targets,
    ) == "InvalidParameter.ListenerIdNotFound"  # fmt: skip
    cloud.call(
        "clb", CLB, "DeregisterTargets", LoadBalancerId=balancer, ListenerId=listener,
        Targets=[{"InstanceId": second, "Port": 8080}],
    )  # fmt: skip
    assert registered() == [(first, 8080, ips[first])]
    settled(cloud, [first, second], "RUNNING")
    cloud.call("cvm", V, "TerminateInstances", InstanceIds=[first])
    assert registered() == []
