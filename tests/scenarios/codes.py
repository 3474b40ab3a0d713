"""The error codes a resource block names, each with the actions that answer it, and those an
action does not document.

A block's codes are Tencent's words for what went wrong (an unknown id, a taken name, a wrong
state, a subnet outside its VPC); a code the action never answers would teach a script to
catch something Tencent Cloud never sends. `undocumented` holds a block to what the spec
documents: the action's own codes where the spec lists them (an imported page), else the
service version's (`errorCodes`, from the official SDK's `errorcodes.py`) and the common ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple


class Named(NamedTuple):
    pointer: str
    """Where the block names it (`/states/errors/STOPPED`)."""
    code: str
    actions: tuple[str, ...]
    """The actions that answer it."""


def codes_named(block: Mapping[str, Any]) -> Iterator[Named]:
    """Every code in `block` with the actions whose answer it is."""
    create = (block["create"],)
    reads = (block["describe"], *block.get("reads", ()))
    states = block.get("states", {})
    moves = tuple(states.get("actions", {}))
    naming = tuple(
        name
        for name in (block.get("get"), block.get("delete"), *block.get("modify", ()))
        if name is not None
    ) + (*block.get("set", {}), *block.get("extend", ()), *moves)
    for key, actions in (
        ("notFound", naming),
        ("exists", create),
        ("inUse", (block["delete"],) if "delete" in block else ()),
        ("badFilter", reads),
    ):
        if key in block:
            yield Named(f"/{key}", block[key], actions)
    for state, code in states.get("errors", {}).items():
        yield Named(f"/states/errors/{state}", code, moves)
    for action, move in states.get("actions", {}).items():
        if "error" in move:
            yield Named(f"/states/actions/{action}/error", move["error"], (action,))
    for i, reference in enumerate(block.get("references", ())):
        if "notFound" in reference:
            applies = tuple(reference.get("actions", ())) or create
            yield Named(f"/references/{i}/notFound", reference["notFound"], applies)
    for i, unique in enumerate(block.get("unique", ())):
        if isinstance(unique, Mapping) and "code" in unique:
            yield Named(f"/unique/{i}/code", unique["code"], create)
    for i, cidr in enumerate(block.get("cidrs", ())):
        for path, code in (
            ("malformed", cidr.get("malformed")),
            ("within/code", cidr.get("within", {}).get("code")),
            ("disjoint/code", cidr.get("disjoint", {}).get("code")),
        ):
            if code is not None:
                yield Named(f"/cidrs/{i}/{path}", code, create)


def undocumented(
    block: Mapping[str, Any],
    action_codes: Mapping[str, frozenset[str]],
    service_codes: frozenset[str],
) -> list[tuple[Named, str]]:
    """(code, action) pairs where the action does not document the code: not among its own
    codes (`action_codes`, where it has any), else not among the service's."""
    return [
        (named, action)
        for named in codes_named(block)
        for action in named.actions
        if named.code not in (action_codes.get(action) or service_codes)
    ]
