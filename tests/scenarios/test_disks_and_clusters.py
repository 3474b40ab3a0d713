"""CBS disks and snapshots, and a TKE cluster, through the official SDK on `tcgen mock`: a
disk attached to an instance cannot be terminated, a snapshot takes its disk's size, an
unknown instance or VPC answers the documented not-found code."""

from __future__ import annotations

import re

from tests.scenarios.sdk import Cloud
from tests.scenarios.test_compute_and_network import ZONE, network, run_two

CBS, TKE = "v20170312", "v20180525"


def disk_states(cloud: Cloud, disk: str) -> list[str]:
    return [
        one["DiskState"]
        for one in cloud.call("cbs", CBS, "DescribeDisks", DiskIds=[disk])["DiskSet"]
    ]


def test_a_disk_attached_and_snapshotted(cloud: Cloud) -> None:
    _, subnet, group = network(cloud, "disks")
    instance = run_two(cloud, subnet, group)[0]
    [disk] = cloud.call(
        "cbs", CBS, "CreateDisks", DiskType="CLOUD_PREMIUM", DiskChargeType="POSTPAID_BY_HOUR",
        DiskSize=50, DiskName="data", Placement={"Zone": ZONE}, DiskCount=1,
    )["DiskIdSet"]  # fmt: skip
    assert re.fullmatch(r"disk-[a-z0-9]{8}", disk)
    assert disk_states(cloud, disk) == ["UNATTACHED"]
    assert cloud.fails("cbs", CBS, "AttachDisks", InstanceId="ins-notthere", DiskIds=[disk]) == (
        "InvalidInstanceId.NotFound"
    )
    cloud.call("cbs", CBS, "AttachDisks", InstanceId=instance, DiskIds=[disk])
    assert disk_states(cloud, disk) == ["ATTACHING"]
    assert disk_states(cloud, disk) == ["ATTACHED"]
    [shown] = cloud.call("cbs", CBS, "DescribeDisks", DiskIds=[disk])["DiskSet"]
    assert (shown["InstanceId"], shown["DiskName"], shown["Placement"]["Zone"]) == (
        instance,
        "data",
        ZONE,
    )
    assert cloud.fails("cbs", CBS, "TerminateDisks", DiskIds=[disk]) == (
        "ResourceUnavailable.Attached"
    )

    snapshot = cloud.call("cbs", CBS, "CreateSnapshot", DiskId=disk, SnapshotName="nightly")[
        "SnapshotId"
    ]
    assert re.fullmatch(r"snap-[a-z0-9]{8}", snapshot)
    assert cloud.fails("cbs", CBS, "DeleteSnapshots", SnapshotIds=[snapshot]) == (
        "InvalidSnapshot.NotSupported"
    )
    by_disk = [{"Name": "disk-id", "Values": [disk]}]
    [first] = cloud.call("cbs", CBS, "DescribeSnapshots", Filters=by_disk)["SnapshotSet"]
    assert (first["SnapshotId"], first["SnapshotState"], first["DiskSize"]) == (
        snapshot,
        "CREATING",
        50,
    )
    [then] = cloud.call("cbs", CBS, "DescribeSnapshots", SnapshotIds=[snapshot])["SnapshotSet"]
    assert then["SnapshotState"] == "NORMAL"
    cloud.call("cbs", CBS, "DeleteSnapshots", SnapshotIds=[snapshot])
    assert cloud.call("cbs", CBS, "DescribeSnapshots", SnapshotIds=[snapshot])["SnapshotSet"] == []

    cloud.call("cbs", CBS, "DetachDisks", DiskIds=[disk])
    assert disk_states(cloud, disk) == ["DETACHING"]
    assert disk_states(cloud, disk) == ["UNATTACHED"]
    cloud.call("cbs", CBS, "TerminateDisks", DiskIds=[disk])
    assert disk_states(cloud, disk) == []
    assert cloud.fails("cbs", CBS, "TerminateDisks", DiskIds=[disk]) == "InvalidDiskId.NotFound"


def cluster_states(cloud: Cloud, cluster: str) -> list[str]:
    listed = cloud.call("tke", TKE, "DescribeClusters", ClusterIds=[cluster])["Clusters"]
    return [one["ClusterStatus"] for one in listed]


def test_a_cluster_in_a_vpc(cloud: Cloud) -> None:
    vpc, _, _ = network(cloud, "k8s")
    cidr = {"ClusterCIDR": "172.16.0.0/16"}
    basics = {"VpcId": vpc, "ClusterName": "apps", "ClusterOs": "ubuntu22.04x86_64"}
    cluster = cloud.call(
        "tke", TKE, "CreateCluster", ClusterType="MANAGED_CLUSTER", ClusterCIDRSettings=cidr,
        ClusterBasicSettings=basics,
    )["ClusterId"]  # fmt: skip
    assert re.fullmatch(r"cls-[a-z0-9]{8}", cluster)
    assert cluster_states(cloud, cluster) == ["Creating"]
    assert cluster_states(cloud, cluster) == ["Running"]
    in_vpc = [{"Name": "vpc-id", "Values": [vpc]}]
    [item] = cloud.call("tke", TKE, "DescribeClusters", Filters=in_vpc)["Clusters"]
    assert (item["ClusterId"], item["ClusterName"], item["ClusterType"]) == (
        cluster,
        "apps",
        "MANAGED_CLUSTER",
    )
    cloud.call("tke", TKE, "DeleteCluster", ClusterId=cluster, InstanceDeleteMode="terminate")
    assert cluster_states(cloud, cluster) == ["Deleting"]
    assert cluster_states(cloud, cluster) == []
    assert cloud.fails(
        "tke", TKE, "DeleteCluster", ClusterId=cluster, InstanceDeleteMode="terminate"
    ) == "ResourceNotFound.ClusterNotFound"  # fmt: skip
    assert cloud.fails(
        "tke", TKE, "CreateCluster", ClusterType="MANAGED_CLUSTER", ClusterCIDRSettings=cidr,
        ClusterBasicSettings={"VpcId": "vpc-notthere1", "ClusterName": "lost"},
    ) == "FailedOperation.VpcRecodrNotFound"  # fmt: skip
