"""Validate the spec tree against the meta-schema and resolve every type reference.

The tree's diff policy (`diff-policy.json`), when there is one, is validated too."""

from __future__ import annotations

import argparse

from tcgen.commands.options import add_spec_dir
from tcgen.diff.policy import tree_policy
from tcgen.pipeline import load_services


def configure(parser: argparse.ArgumentParser) -> None:
    add_spec_dir(parser)


def run(args: argparse.Namespace) -> int:
    services = load_services(args.spec_dir)
    tree_policy(args.spec_dir)
    actions = sum(len(s.actions) for s in services)
    structures = sum(len(s.structures) for s in services)
    print(
        f"{args.spec_dir}: valid ({len(services)} service versions, {actions} actions, "
        f"{structures} data types)"
    )
    return 0
