"""Copy a generated package into another project under a new name (checks it imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tcgen.commands import options
from tcgen.packaging.vendoring import vendor
from tcgen.spec import paths


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("service", metavar="SERVICE", help="service or service:version")
    parser.add_argument("--into", type=Path, required=True, help="directory to copy into")
    parser.add_argument("--package", default=None, help="package name there (default: same)")
    parser.add_argument(
        "--out",
        type=Path,
        default=paths.DEFAULT_OUT_DIR,
        help="generated tree (default: generated)",
    )
    options.add_profile(parser)


def run(args: argparse.Namespace) -> int:
    result = vendor(args.out, args.service, args.into, args.package, options.profile(args))
    print(
        f"vendored {result.source} {result.version} (spec sha256:{result.spec_hash[:12]}, "
        f"{args.profile}) into {result.target}"
    )
    return 0
