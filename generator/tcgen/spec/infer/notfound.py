"""Which other actions answer a resource's not-found code for a well-formed unknown id.

A block's own actions (Get, Modify, Delete, moves) already answer its `notFound` code when
the id they name does not exist. Other actions name the resource too (cvm's
`DescribeInstancesOperationLimit` takes `InstanceIds`); one is recorded as checking them (a
reference of the block listing it: `{"input": "InstanceIds", "resource": "Instance",
"actions": [...]}`) only where it cannot wrongly refuse:

- the block's id has a known format with a prefix (`ins-` + 8: `idformats`), so the mock
  refuses a malformed one first and a well-formed one is what the documented code is about;
- the action documents the block's not-found code itself (a page's codes; the service-wide
  list the SDK gives says nothing about one action);
- the action requires the member (`<Id>`, or the `<Id>s`/`<Id>Set` list): an optional id
  filter narrows a list, and Tencent answers an empty list for an unknown id there;
- it is not a Create (`Create`, `Run`, ...: a new resource's id does not exist yet) and
  not one of the block's own actions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tcgen.runtime.primitives import ARRAY
from tcgen.spec.infer.resources import CREATE_VERBS
from tcgen.spec.infer.shapes import ActionShape

NEW_VERBS = (*CREATE_VERBS, "Run", "Allocate", "Purchase", "Import")
"""Verbs of actions that make a resource: its id does not exist before."""


def _own(value: Any) -> Iterator[str]:
    """Every string anywhere in a block: its actions among them."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield key
            yield from _own(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _own(inner)


def _takes(shape: ActionShape, member: str) -> str | None:
    """The required request member naming ids of `member`, if the action has one."""
    for name, many in ((member, False), (member + "s", True), (member + "Set", True)):
        found = shape.member("input", name)
        if found is None or not found.required:
            continue
        if found.type == ("String" if not many else ARRAY + "String"):
            return name
    return None


def naming_references(
    block: Mapping[str, Any], actions: Mapping[str, ActionShape]
) -> list[dict[str, Any]]:
    """The references (one per request member) of the actions that answer the block's
    not-found code for its ids; none when the block lacks a prefixed format or the code."""
    ident, code = block.get("id", {}), block.get("notFound")
    member = ident.get("member")
    if not member or not code or not ident.get("format", {}).get("prefix"):
        return []
    own = set(_own(dict(block)))
    named: dict[str, list[str]] = {}
    for name in sorted(actions):
        shape = actions[name]
        if name in own or name.startswith(NEW_VERBS) or code not in shape.errors:
            continue
        taken = _takes(shape, member)
        if taken is not None:
            named.setdefault(taken, []).append(name)
    return [
        {"input": taken, "resource": block["name"], "actions": names}
        for taken, names in sorted(named.items())
    ]


def with_naming(block: Mapping[str, Any], actions: Mapping[str, ActionShape]) -> dict[str, Any]:
    """`block` with the references `naming_references` finds for actions none of its
    references lists yet (a hand-written one stays as written)."""
    listed = {name for one in block.get("references", []) for name in one.get("actions", ())}
    found = []
    for reference in naming_references(block, actions):
        names = [name for name in reference["actions"] if name not in listed]
        if names:
            found.append({**reference, "actions": names})
    if not found:
        return dict(block)
    return {**block, "references": [*block.get("references", []), *found]}
