"""A resource block's `unique`, `cidrs` and `allocate`, checked and turned into the runtime's
records (`runtime/mock/constraints.py`).

They are written by hand (inference proposes none): each names members of the create's
request or of the listed items, and references of the block, which `read` checks so that a
misspelt name is a located problem, not a constraint that never fires.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from tcgen.runtime.mock.constraints import MALFORMED, Allocator, Cidr, Unique

ARRAY = "Array of "

Problem = Callable[[str, str], None]
"""(key under the block, message) of a problem."""


class Constraints(NamedTuple):
    unique: tuple[Unique, ...] = ()
    cidrs: tuple[Cidr, ...] = ()
    allocate: tuple[Allocator, ...] = ()


def read(
    block: Mapping[str, Any],
    known: Callable[[str], bool],
    listed: Mapping[str, str],
    problem: Problem,
) -> Constraints:
    """The block's constraints; `known(path)`: whether a path's first member is stored or
    listed; `listed`: the list element's member -> its type (an allocated list member is
    written as a list)."""
    inputs = {one["input"] for one in block.get("references", [])}
    unique = []
    for i, one in enumerate(block.get("unique", [])):
        given: Mapping[str, Any] = {"members": [one]} if isinstance(one, str) else one
        pointer = f"unique/{i}"
        for member in given["members"]:
            if not known(member):
                problem(pointer, f"{member} is neither stored nor listed")
        for member in given.get("classes", {}):
            if member not in given["members"]:
                problem(f"{pointer}/classes/{member}", f"{member} is not one of its members")
        unique.append(
            Unique(
                members=tuple(given["members"]),
                classes=tuple(
                    (member, tuple(table.items()))
                    for member, table in given.get("classes", {}).items()
                ),
                code=given.get("code"),
            )
        )
    cidrs = []
    for i, one in enumerate(block.get("cidrs", [])):
        pointer = f"cidrs/{i}"
        if not known(one["member"]):
            problem(f"{pointer}/member", f"{one['member']} is neither stored nor listed")
        within = one.get("within", {})
        if within and within["input"] not in inputs:
            problem(f"{pointer}/within/input", f"{within['input']} is not a reference's input")
        disjoint = one.get("disjoint", {})
        for member in disjoint.get("scope", []):
            if not known(member):
                problem(f"{pointer}/disjoint/scope", f"{member} is neither stored nor listed")
        shortest, longest = one.get("prefix", [0, 32])
        cidrs.append(
            Cidr(
                member=one["member"],
                shortest=shortest,
                longest=longest,
                malformed=one.get("malformed", MALFORMED),
                within=within.get("input", ""),
                within_member=within.get("member", ""),
                outside=within.get("code", ""),
                scope=tuple(disjoint.get("scope", ())),
                overlap=disjoint.get("code", ""),
            )
        )
    allocators = []
    for i, one in enumerate(block.get("allocate", [])):
        pointer = f"allocate/{i}"
        if not known(one["member"]):
            problem(f"{pointer}/member", f"{one['member']} is neither stored nor listed")
        if "when" in one and not known(one["when"]):
            problem(f"{pointer}/when", f"{one['when']} is neither stored nor listed")
        source = one.get("from", {})
        if source and source["input"] not in inputs:
            problem(f"{pointer}/from/input", f"{source['input']} is not a reference's input")
        allocators.append(
            Allocator(
                member=one["member"],
                source=source.get("input", ""),
                source_member=source.get("member", ""),
                pool=one.get("pool", ""),
                many=listed.get(one["member"], "").startswith(ARRAY),
                when=one.get("when", ""),
            )
        )
    return Constraints(tuple(unique), tuple(cidrs), tuple(allocators))
