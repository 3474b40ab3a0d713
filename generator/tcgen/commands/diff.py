"""Semantic diff of two spec trees; exit 1 when a change breaks users of the client."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..diff import Change, diff_catalogs
from ..snapshot import Snapshot, service_snapshot, snapshot_key
from ..spec_tree import load_tree


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, metavar="OLD", help="spec tree before")
    parser.add_argument("new", type=Path, metavar="NEW", help="spec tree after")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def catalog(spec_dir: Path) -> dict[str, Snapshot]:
    tree = load_tree(spec_dir)
    snapshots = (service_snapshot(tree, service) for service in tree.services)
    return {snapshot_key(s): s for s in snapshots}


def render(changes: list[Change], style: str) -> str:
    breaking = sum(c.breaking for c in changes)
    if style == "json":
        summary = {"breaking": breaking, "changes": [c.as_dict() for c in changes]}
        return json.dumps(summary, indent=2, ensure_ascii=False)
    if style == "markdown":
        lines = [f"**{len(changes)} changes, {breaking} breaking**", ""]
        if changes:
            lines += ["| | where | change |", "| --- | --- | --- |"]
            lines += [
                f"| {'BREAKING' if c.breaking else ''} | `{c.location}` | {c.detail} |"
                for c in changes
            ]
        return "\n".join(lines)
    lines = [
        f"{'BREAKING ' if c.breaking else '         '}{c.location}: {c.detail}" for c in changes
    ]
    return "\n".join([*lines, f"{len(changes)} changes, {breaking} breaking"])


def run(args: argparse.Namespace) -> int:
    changes = diff_catalogs(catalog(args.old), catalog(args.new))
    print(render(changes, args.format))
    return 1 if any(c.breaking for c in changes) else 0
