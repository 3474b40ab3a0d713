"""Check that the generated tree matches the spec and templates (exit 1 when stale)."""

from __future__ import annotations

import argparse
import sys

from tcgen.commands.options import add_generation, templates
from tcgen.commands.wording import counted
from tcgen.output.writer import stale_files
from tcgen.pipeline import build_packages


def configure(parser: argparse.ArgumentParser) -> None:
    add_generation(parser)


def run(args: argparse.Namespace) -> int:
    packages = build_packages(args.spec_dir, templates(args), args.out, args.services or None)
    stale = stale_files(args.out, packages, complete=not args.services)
    if stale:
        print(f"{args.out} is stale; run `tcgen generate`:", file=sys.stderr)
        for line in stale:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"{args.out} is up to date ({counted(sum(len(p.files) for p in packages), 'file')})")
    return 0
