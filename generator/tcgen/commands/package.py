"""Build generated packages as wheels and sdists (`python -m build`), one per service."""

from __future__ import annotations

import argparse
from pathlib import Path

from tcgen.commands import options
from tcgen.packaging.distribution import package
from tcgen.spec import paths


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("services", nargs="+", metavar="SERVICE", help="service or service:version")
    parser.add_argument(
        "--out", type=Path, default=Path("dist"), help="where to write them (default: dist)"
    )
    parser.add_argument(
        "--from",
        dest="generated",
        type=Path,
        default=paths.DEFAULT_OUT_DIR,
        help="generated tree (default: generated)",
    )
    options.add_profile(parser)


def run(args: argparse.Namespace) -> int:
    for service in args.services:
        built = package(args.generated, service, options.profile(args), args.out)
        names = ", ".join(str(p) for p in built.files)
        print(f"built {built.name} {built.version} ({args.profile}): {names}")
    return 0
