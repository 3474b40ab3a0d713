"""The constraints of resource blocks on their own: clashes by member and class, CIDR blocks
checked against their parent and siblings, and addresses handed out once."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.runtime.mock.constraints import (
    Allocator,
    Cidr,
    Unique,
    allocate,
    check_cidrs,
    check_unique,
)
from tcgen.runtime.mock.fault import Fault

FAMILY = Unique(
    members=("LoadBalancerId", "Port", "Protocol"),
    classes=(("Protocol", (("TCP", "tcp"), ("HTTP", "tcp"), ("UDP", "udp"))),),
    code="InvalidParameter.PortCheckFailed",
)
SUBNET = Cidr(
    member="CidrBlock", shortest=16, longest=28, malformed="Bad", within="VpcId",
    within_member="CidrBlock", outside="Outside", scope=("VpcId",), overlap="Overlap",
)  # fmt: skip


def code(call: Any, *args: Any) -> str | None:
    try:
        call(*args)
    except Fault as fault:
        return fault.code
    return None


def listener(port: int, protocol: str, balancer: str = "lb-1") -> dict[str, Any]:
    return {"LoadBalancerId": balancer, "Port": port, "Protocol": protocol}


@pytest.mark.parametrize(
    ("new", "clash"),
    [
        (listener(80, "HTTP"), True),  # HTTP shares TCP's ports
        (listener(80, "UDP"), False),
        (listener(80, "TCP", "lb-2"), False),  # another load balancer
        (listener(81, "TCP"), False),
        ({"LoadBalancerId": "lb-1", "Protocol": "TCP"}, False),  # no port: nothing to clash
    ],
)
def test_a_unique_constraint_compares_members_by_class(new: dict[str, Any], clash: bool) -> None:
    found = code(check_unique, [FAMILY], [new], [listener(80, "TCP")], "Exists")
    assert found == ("InvalidParameter.PortCheckFailed" if clash else None)


def test_new_records_clash_with_each_other_and_a_plain_member_uses_exists() -> None:
    assert code(check_unique, [FAMILY], [listener(81, "TCP"), listener(81, "HTTP")], [], "E")
    named = Unique(("Name",))
    assert code(check_unique, [named], [{"Name": "a"}], [{"Name": "a"}], "Exists") == "Exists"
    assert code(check_unique, [named], [{"Name": ""}], [{"Name": ""}], "Exists") is None


VPC = {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("10.0.2.0/24", None),
        ("10.0.1.128/25", "Overlap"),  # inside the sibling 10.0.1.0/24
        ("10.0.0.0/16", "Overlap"),  # the whole VPC holds the sibling
        ("10.1.0.0/24", "Outside"),
        ("10.0.0.0/8", "Bad"),  # a shorter mask than allowed
        ("10.0.2.0/29", "Bad"),
        ("10.0.2.1/24", "Bad"),  # host bits set
        ("ten", "Bad"),
    ],
)
def test_a_cidr_lies_in_its_parent_and_overlaps_no_sibling(block: str, expected: str) -> None:
    sibling = {"VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}
    record = {"VpcId": "vpc-1", "CidrBlock": block}
    assert code(check_cidrs, [SUBNET], record, {"VpcId": VPC}, [sibling]) == expected


def test_siblings_of_another_scope_do_not_overlap() -> None:
    elsewhere = {"VpcId": "vpc-2", "CidrBlock": "10.0.1.0/24"}
    record = {"VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}
    check_cidrs([SUBNET], record, {"VpcId": VPC}, [elsewhere])


PRIVATE = Allocator("PrivateIpAddresses", "SubnetId", "CidrBlock", many=True)


def test_addresses_come_from_the_named_range_once_each() -> None:
    made: list[dict[str, Any]] = [{}, {}, {"PrivateIpAddresses": ["10.0.1.9"]}]
    subnet = {"SubnetId": {"CidrBlock": "10.0.1.0/24"}}
    allocate([PRIVATE], made, subnet, lambda *_: {"10.0.1.2"})
    assert [one["PrivateIpAddresses"] for one in made] == [
        ["10.0.1.3"],
        ["10.0.1.4"],
        ["10.0.1.9"],  # given by the request: kept
    ]


def test_a_pool_serves_when_no_source_is_named_and_nothing_without_either() -> None:
    vip = Allocator("Vip", "SubnetId", "CidrBlock", pool="43.0.0.0/30")
    made: list[dict[str, Any]] = [{}]
    allocate([vip], made, {}, lambda *_: set())
    assert made == [{"Vip": "43.0.0.2"}]
    assert code(allocate, [vip], [{}], {}, lambda *_: {"43.0.0.2"}) == "ResourceInsufficient"
    bare: list[dict[str, Any]] = [{}]
    allocate([PRIVATE], bare, {}, lambda *_: set())
    assert bare == [{}]


def test_an_address_only_when_the_request_asks_for_one() -> None:
    public = Allocator("PublicIpAddresses", pool="43.0.0.0/24", many=True, when="Wants.Ip")
    made: list[dict[str, Any]] = [{"Wants": {"Ip": True}}, {"Wants": {"Ip": False}}, {}]
    seen: list[bool] = []
    allocate([public], made, {}, lambda _, pooled, __: seen.append(pooled) or set())
    assert [one.get("PublicIpAddresses") for one in made] == [["43.0.0.2"], None, None]
    assert seen == [True]  # the pool's addresses were asked for
