"""What a new resource may not be, and the addresses it is given, as data.

Tencent Cloud refuses a create that clashes with what exists, with a documented code, and
hands out addresses nobody else holds. A block says so without service code:

- `Unique`: members whose values (together) no two resources share, compared through
  `classes` where values of a member count as one (a CLB listener's port is taken per load
  balancer and protocol family: TCP, HTTP, HTTPS and TCP_SSL share one, UDP and QUIC
  another);
- `Cidr`: a member holding an IPv4 CIDR block must be one (of a prefix length in range,
  else `malformed`), lie `within` the block of the resource a reference names (a subnet in
  its VPC: `InvalidParameterValue.SubnetRange`), and overlap no other resource's block in
  the same scope (`InvalidParameterValue.SubnetConflict`);
- `Allocator`: an address member a create fills when the request gives none, the lowest
  free host address of the CIDR block of the resource a reference names (an instance's
  private IP from its subnet), else of a fixed `pool` (an EIP's public IP; a public load
  balancer's VIP), only `when` the request asks for one (an instance's public IP): distinct
  among the resource's records and those of every resource drawing from the same source or
  pool (instances and load balancers in one subnet; EIPs and instances' public IPs).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .fault import Fault
from .paths import has_path, set_path, values_at

MALFORMED = "InvalidParameterValue"
"""The code of a block that is not a CIDR block when the block's data names none."""
EXHAUSTED = "ResourceInsufficient"
"""The common code of an address range with no free address left."""
RESERVED_LOW = 2
"""Host addresses at the start of a range a cloud keeps (the network and its gateway)."""


class Unique(NamedTuple):
    """`members` (dotted paths) whose values together no two resources share; `classes`
    (member, ((value, class), ...)) compares a member by class; `code` (None: the block's
    `exists`)."""

    members: tuple[str, ...]
    classes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    code: str | None = None


class Cidr(NamedTuple):
    """An IPv4 CIDR member of a new resource and what it must satisfy (each check with its
    code; an empty code: not checked)."""

    member: str
    shortest: int = 0
    longest: int = 32
    malformed: str = MALFORMED
    within: str = ""
    """The reference input naming the resource whose block contains this one (`VpcId`)."""
    within_member: str = ""
    """That resource's member holding its block (`CidrBlock`)."""
    outside: str = ""
    """Code of a block not within it."""
    scope: tuple[str, ...] = ()
    """Members two resources share when their blocks must not overlap (`VpcId`)."""
    overlap: str = ""
    """Code of a block overlapping another's in the same scope."""


class Allocator(NamedTuple):
    """An address `member` a create fills: from the CIDR block in `source_member` of the
    resource the reference input `source` names, else (none named) from `pool`, else not at
    all; `many`: the member is a list (CVM's `PrivateIpAddresses`)."""

    member: str
    source: str = ""
    source_member: str = ""
    pool: str = ""
    many: bool = False
    when: str = ""
    """A path of the new record that must hold a true value for it to get an address
    (RunInstances' `InternetAccessible.PublicIpAssigned`); "": always."""


def _values(record: Mapping[str, Any], unique: Unique) -> tuple[str, ...] | None:
    """The compared values of `record` (None when it lacks one or it is empty: nothing to
    clash with)."""
    classes = {member: dict(table) for member, table in unique.classes}
    found = []
    for member in unique.members:
        values = values_at(record, member)
        if not values or values[0] == "":
            return None
        text = str(values[0])
        found.append(classes.get(member, {}).get(text, text))
    return tuple(found)


def check_unique(
    uniques: Sequence[Unique],
    made: list[dict[str, Any]],
    others: Iterable[Mapping[str, Any]],
    exists: str,
) -> None:
    """Every new record (`made`) clashes neither with a stored one nor with another new one,
    else the constraint's code (or `exists`)."""
    if not uniques:
        return
    stored = list(others)
    for unique in uniques:
        taken = {values for values in (_values(one, unique) for one in stored) if values}
        for record in made:
            values = _values(record, unique)
            if values is None:
                continue
            if values in taken:
                shown = ", ".join(f"{m}={v}" for m, v in zip(unique.members, values, strict=True))
                raise Fault(unique.code or exists, f"{shown} is taken")
            taken.add(values)


def _network(value: Any, cidr: Cidr) -> ipaddress.IPv4Network:
    """`value` as an IPv4 network of an allowed prefix length, else the `malformed` code."""
    try:
        network = ipaddress.IPv4Network(str(value), strict=True)
    except ValueError:
        raise Fault(cidr.malformed, f"{cidr.member} {value!r} is not a CIDR block") from None
    if not cidr.shortest <= network.prefixlen <= cidr.longest:
        raise Fault(
            cidr.malformed,
            f"{cidr.member} {value} must have a mask of /{cidr.shortest} to /{cidr.longest}",
        )
    return network


def check_cidrs(
    cidrs: Sequence[Cidr],
    record: Mapping[str, Any],
    named: Mapping[str, Mapping[str, Any]],
    others: Iterable[Mapping[str, Any]],
) -> None:
    """`record`'s CIDR blocks are well formed, within the block of the resource each names
    (`named`: reference input -> the referenced resource's stored values) and overlap no
    other's in their scope."""
    if not cidrs:
        return  # (the stored ones unread: a create stays as cheap with 10,000 of them)
    stored = list(others)
    for cidr in cidrs:
        given = values_at(record, cidr.member)
        if not given:
            continue
        network = _network(given[0], cidr)
        parent = named.get(cidr.within)
        outer = values_at(parent, cidr.within_member) if parent and cidr.outside else []
        if outer and not _inside(network, outer[0]):
            raise Fault(cidr.outside, f"{network} is not within {outer[0]}")
        if not cidr.overlap:
            continue
        for other in stored:
            if any(
                values_at(other, member)[:1] != values_at(record, member)[:1]
                for member in cidr.scope
            ):
                continue
            for block in values_at(other, cidr.member)[:1]:
                if _overlaps(network, block):
                    raise Fault(cidr.overlap, f"{network} overlaps {block}")


def _inside(network: ipaddress.IPv4Network, outer: Any) -> bool:
    try:
        return network.subnet_of(ipaddress.IPv4Network(str(outer), strict=False))
    except ValueError:
        return True  # a stored block that is not one (seeded by hand) cannot refuse


def _overlaps(network: ipaddress.IPv4Network, block: Any) -> bool:
    try:
        return network.overlaps(ipaddress.IPv4Network(str(block), strict=False))
    except ValueError:
        return False


def allocate(
    allocators: Iterable[Allocator],
    made: list[dict[str, Any]],
    named: Mapping[str, Mapping[str, Any]],
    taken: Callable[[Allocator, bool, str | None], set[str]],
) -> None:
    """Give each new record that has none the lowest free address of its range; `taken`:
    the addresses already held from the allocator's range (its pool's when the second
    argument is true, else those of the source resource whose id is the third, the subnet
    `subnet-...`: by this resource and by every other drawing from the same one, a load
    balancer's VIP in an instance's subnet)."""
    for allocator in allocators:
        source = named.get(allocator.source) if allocator.source else None
        blocks = values_at(source, allocator.source_member) if source else []
        pooled = not blocks
        blocks = blocks or [allocator.pool]
        if not blocks[0]:
            continue  # nothing to allocate from (no subnet named): the defaults stand
        try:
            network = ipaddress.IPv4Network(str(blocks[0]), strict=False)
        except ValueError:
            continue
        named_id = None if pooled else next(iter(values_at(made[0], allocator.source)), None)
        used = taken(allocator, pooled, None if named_id is None else str(named_id)) | {
            str(value) for one in made for value in values_at(one, allocator.member)
        }
        for record in made:
            wanted = not allocator.when or any(values_at(record, allocator.when))
            if has_path(record, allocator.member) or not wanted:
                continue
            address = _free(network, used)
            used.add(address)
            set_path(record, allocator.member, [address] if allocator.many else address)


def _free(network: ipaddress.IPv4Network, used: set[str]) -> str:
    """The lowest host address of `network` past the reserved ones that is not `used`."""
    last = network.num_addresses - 1  # the broadcast address
    for offset in range(min(RESERVED_LOW, last), last):
        address = str(network.network_address + offset)
        if address not in used:
            return address
    raise Fault(EXHAUSTED, f"no free address left in {network}")
