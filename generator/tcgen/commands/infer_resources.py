"""Infer the `resources` blocks of service.json from action names; report the coverage.

For every Create/Add action: a block when its id, its Describe action and the list holding
it are unambiguous (with Get/Modify/Delete, total, id filter and paging where they are),
else the reason there is none; an id's format from the spec's examples (`idformats`), and
the other actions that answer the block's not-found code for its ids (`notfound`).
`--write` adds the new blocks to service.json (blocks already there are kept as written,
given the format of their ids where they have none), and the blocks tcgen ships for the
service (`spec.infer.shipped`); without it nothing is written. A Create a kept or shipped
block makes is covered by it, not inferred again.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from tcgen.commands.options import add_spec_dir
from tcgen.model.service import Service, action_shape, shape_members
from tcgen.pipeline import load_services
from tcgen.spec.infer.idformats import infer_format
from tcgen.spec.infer.notfound import with_naming
from tcgen.spec.infer.resources import Inference, infer
from tcgen.spec.infer.shipped import applicable, shipped_blocks, with_shipped
from tcgen.spec.tree import load_tree, write_spec_file


def configure(parser: argparse.ArgumentParser) -> None:
    add_spec_dir(parser)
    parser.add_argument(
        "services", nargs="*", metavar="SERVICE", help="service or service:version (default: all)"
    )
    parser.add_argument("--write", action="store_true", help="add the blocks to service.json")
    parser.add_argument("--verbose", action="store_true", help="one line per Create action")


def inferences(service: Service, given: list[dict[str, Any]]) -> list[Inference]:
    actions = {a.name: action_shape(a) for a in service.actions}
    structures = {s.name: shape_members(s.fields) for s in service.structures}
    return infer(actions, structures, given)


def with_format(service: Service, block: dict[str, Any]) -> dict[str, Any]:
    """A kept block, given its id's format from the examples if it has none, and the
    other actions that answer its not-found code (`notfound`)."""
    ident = block["id"]
    actions = {a.name: action_shape(a) for a in service.actions}
    if "member" in ident and "format" not in ident:
        structures = {s.name: shape_members(s.fields) for s in service.structures}
        form = infer_format(block, actions, structures)
        block = {**block, "id": {**ident, "format": form}} if form else block
    return with_naming(block, actions)


def run(args: argparse.Namespace) -> int:
    services = load_services(args.spec_dir, args.services or None)
    specs = {
        (spec.service.data["service"], spec.service.data["version"]): spec
        for spec in load_tree(args.spec_dir, args.services or None).services
    }
    creates = inferred = covered = formatted = handmade = 0
    reasons: Counter[str] = Counter()
    for service in services:
        spec = specs[(service.name, service.version)].service
        shipped = shipped_blocks(service.name, service.version)
        actions = [action.name for action in service.actions]
        given = with_shipped(spec.data.get("resources", []), applicable(shipped, actions))
        claimed = {block["create"] for block in given}
        found = inferences(service, given)
        shapes = {a.name: action_shape(a) for a in service.actions}
        blocks = [
            with_naming(one.block, shapes)
            for one in found
            if one.block is not None and one.create not in claimed
        ]
        served = claimed | {block["create"] for block in blocks}
        creates, inferred = creates + len(found), inferred + len(blocks)
        handmade += sum(one.create in claimed for one in found)
        formatted += sum("format" in block["id"] for block in blocks)
        covered += bool(blocks or given)
        for one in found:
            if one.create not in served:
                reasons[_reason_kind(one.reason)] += 1
            if args.verbose:
                told = "given" if one.create in claimed else one.reason
                print(f"  {service.name} {one.create}: {told}")
        print(
            f"{service.name} {service.version}: "
            f"{sum(one.create in served for one in found)} of {len(found)} Create actions"
        )
        if args.write and (blocks or given):
            kept = [with_format(service, block) for block in given]
            names = {block["name"] for block in kept}
            data = dict(spec.data)
            data["resources"] = kept + [b for b in blocks if b["name"] not in names]
            write_spec_file(spec.path, data)
    share = f"{100 * (inferred + handmade) / creates:.0f}%" if creates else "-"
    print(
        f"resources: {inferred + handmade} of {creates} Create actions ({share}); "
        f"{covered} of {len(services)} services have one; "
        f"{formatted} of {inferred} ids have a format from the examples; "
        f"{handmade} given by hand or shipped with tcgen"
    )
    for reason, count in reasons.most_common():
        print(f"  not inferred, {reason}: {count}")
    return 0


def _reason_kind(reason: str) -> str:
    """Group reasons by their shape (`no DescribeWidgets action` -> `no Describe... action`)."""
    words = reason.split()
    return " ".join("<action>" if word[:1].isupper() else word for word in words)
