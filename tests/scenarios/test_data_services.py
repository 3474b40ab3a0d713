"""Redis, MongoDB and PostgreSQL instances through the official SDK on `tcgen mock`: made
into a network, seen settling to running, refused in the wrong state, isolated and released,
and an unknown VPC answering each service's documented code."""

from __future__ import annotations

import re
from typing import Any

from tests.scenarios.sdk import Cloud
from tests.scenarios.test_compute_and_network import ZONE, network

REDIS, MONGO, PG = "v20180412", "v20190725", "v20170312"


def redis_states(cloud: Cloud, instance: str) -> list[int]:
    listed = cloud.call("redis", REDIS, "DescribeInstances", InstanceIds=[instance])
    return [one["Status"] for one in listed["InstanceSet"]]


def test_a_redis_instance(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "cache")
    made = cloud.call(
        "redis", REDIS, "CreateInstances", TypeId=15, MemSize=1024, GoodsNum=2, Period=1,
        BillingMode=0, ZoneId=100003, VpcId=vpc, SubnetId=subnet,
        SecurityGroupIdList=[group], InstanceName="sessions",
    )["InstanceIds"]  # fmt: skip
    assert len(set(made)) == 2 and all(re.fullmatch(r"crs-[a-z0-9]{8}", one) for one in made)
    first = made[0]
    assert redis_states(cloud, first) == [1]  # being created, once
    assert redis_states(cloud, first) == [2]  # running
    [item] = cloud.call("redis", REDIS, "DescribeInstances", InstanceIds=[first])["InstanceSet"]
    assert (item["InstanceName"], item["UniqVpcId"], item["UniqSubnetId"]) == (
        "sessions",
        vpc,
        subnet,
    )
    named = cloud.call("redis", REDIS, "DescribeInstances", UniqVpcIds=[vpc])
    assert sorted(one["InstanceId"] for one in named["InstanceSet"]) == sorted(made)

    assert cloud.fails("redis", REDIS, "CleanUpInstance", InstanceId=first) == (
        "ResourceUnavailable.InstanceStatusError"
    )
    cloud.call("redis", REDIS, "DestroyPostpaidInstance", InstanceId=first)
    assert redis_states(cloud, first) == [-2]  # isolated
    cloud.call("redis", REDIS, "CleanUpInstance", InstanceId=first)
    assert redis_states(cloud, first) == []
    assert cloud.fails("redis", REDIS, "DestroyPostpaidInstance", InstanceId=first) == (
        "ResourceNotFound.InstanceNotExists"
    )
    assert cloud.fails(
        "redis", REDIS, "CreateInstances", TypeId=15, MemSize=1024, GoodsNum=1, Period=1,
        BillingMode=0, ZoneId=100003, VpcId="vpc-notthere1",
    ) == "InvalidParameterValue.UnVpcIdNotExists"  # fmt: skip


def mongo_states(cloud: Cloud, instance: str) -> list[Any]:
    listed = cloud.call("mongodb", MONGO, "DescribeDBInstances", InstanceIds=[instance])
    return [one["Status"] for one in listed["InstanceDetails"]]


def test_a_mongodb_instance(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "docs")
    [instance] = cloud.call(
        "mongodb", MONGO, "CreateDBInstanceHour", Memory=4, Volume=100, ReplicateSetNum=1,
        NodeNum=3, MongoVersion="MONGO_44_WT", MachineCode="HIO10G", GoodsNum=1, Zone=ZONE,
        ClusterType="REPLSET", VpcId=vpc, SubnetId=subnet, SecurityGroup=[group],
        InstanceName="catalog",
    )["InstanceIds"]  # fmt: skip
    assert re.fullmatch(r"cmgo-[a-z0-9]{8}", instance)
    assert mongo_states(cloud, instance) == [0]  # creating, once
    assert mongo_states(cloud, instance) == [2]  # running
    [item] = cloud.call("mongodb", MONGO, "DescribeDBInstances", VpcId=vpc, SubnetId=subnet)[
        "InstanceDetails"
    ]
    assert (item["InstanceId"], item["InstanceName"], item["VpcId"]) == (instance, "catalog", vpc)

    assert cloud.fails("mongodb", MONGO, "OfflineIsolatedDBInstance", InstanceId=instance) == (
        "InvalidParameterValue.IllegalStatusToOffline"
    )
    cloud.call("mongodb", MONGO, "IsolateDBInstance", InstanceId=instance)
    assert mongo_states(cloud, instance) == [-2]
    assert cloud.fails("mongodb", MONGO, "IsolateDBInstance", InstanceId=instance) == (
        "InvalidParameterValue.IllegalInstanceStatus"
    )
    cloud.call("mongodb", MONGO, "OfflineIsolatedDBInstance", InstanceId=instance)
    assert mongo_states(cloud, instance) == []
    assert cloud.fails(
        "mongodb", MONGO, "CreateDBInstanceHour", Memory=4, Volume=100, ReplicateSetNum=1,
        NodeNum=3, MongoVersion="MONGO_44_WT", MachineCode="HIO10G", GoodsNum=1, Zone=ZONE,
        ClusterType="REPLSET", VpcId="vpc-notthere1", SubnetId=subnet,
    ) == "InvalidParameterValue.VpcIdOrSubnetIdNotFound"  # fmt: skip


def pg_states(cloud: Cloud, instance: str) -> list[str]:
    filters = [{"Name": "db-instance-id", "Values": [instance]}]
    listed = cloud.call("postgres", PG, "DescribeDBInstances", Filters=filters)
    return [one["DBInstanceStatus"] for one in listed["DBInstanceSet"]]


def test_a_postgresql_instance(cloud: Cloud) -> None:
    vpc, subnet, group = network(cloud, "pg")
    made = cloud.call(
        "postgres", PG, "CreateInstances", SpecCode="pg.it.medium4", Storage=100,
        InstanceCount=1, Period=1, Charset="UTF8", Zone=ZONE, DBMajorVersion="15",
        AdminName="dbadmin", AdminPassword="Secret-123", InstanceChargeType="POSTPAID_BY_HOUR",
        VpcId=vpc, SubnetId=subnet, SecurityGroupIds=[group], Name="ledger",
    )["DBInstanceIdSet"]  # fmt: skip
    [instance] = made
    assert re.fullmatch(r"postgres-[a-z0-9]{8}", instance)
    assert pg_states(cloud, instance) == ["initing"]
    assert pg_states(cloud, instance) == ["running"]
    by_name = [{"Name": "db-instance-name", "Values": ["ledger"]}]
    [item] = cloud.call("postgres", PG, "DescribeDBInstances", Filters=by_name)["DBInstanceSet"]
    assert (item["DBInstanceId"], item["VpcId"], item["SubnetId"], item["Zone"]) == (
        instance,
        vpc,
        subnet,
        ZONE,
    )
    assert cloud.fails("postgres", PG, "DestroyDBInstance", DBInstanceId=instance) == (
        "OperationDenied.InstanceStatusLimitOpError"
    )
    cloud.call("postgres", PG, "IsolateDBInstances", DBInstanceIdSet=[instance])
    assert pg_states(cloud, instance) == ["isolating"]
    assert pg_states(cloud, instance) == ["isolated"]
    cloud.call("postgres", PG, "DestroyDBInstance", DBInstanceId=instance)
    assert pg_states(cloud, instance) == []
    assert cloud.fails("postgres", PG, "DestroyDBInstance", DBInstanceId=instance) == (
        "ResourceNotFound.InstanceNotFoundError"
    )
    assert cloud.fails(
        "postgres", PG, "CreateInstances", SpecCode="pg.it.medium4", Storage=100,
        InstanceCount=1, Period=1, Charset="UTF8", Zone=ZONE, DBMajorVersion="15",
        AdminName="dbadmin", AdminPassword="Secret-123", InstanceChargeType="POSTPAID_BY_HOUR",
        VpcId="vpc-notthere1", SubnetId=subnet,
    ) == "InvalidParameter.VpcNotFoundError"  # fmt: skip
