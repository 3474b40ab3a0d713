"""Generate the client, CLI and mock packages from the spec into the output directory."""

from __future__ import annotations

import argparse
import time

from tcgen.commands.options import add_generation, templates
from tcgen.commands.wording import counted
from tcgen.pipeline import generate


def configure(parser: argparse.ArgumentParser) -> None:
    add_generation(parser)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    packages, changed = generate(args.spec_dir, templates(args), args.out, args.services or None)
    files = sum(len(p.files) for p in packages)
    elapsed = time.perf_counter() - started
    print(
        f"generated {counted(len(packages), 'package')} ({counted(files, 'file')}, "
        f"{len(changed)} changed) "
        f"into {args.out} in {elapsed:.2f}s"
    )
    return 0
