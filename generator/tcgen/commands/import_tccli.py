"""Import service versions from the official tccli package's API models into the spec tree."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tcgen.commands.options import add_spec_dir
from tcgen.commands.wording import counted
from tcgen.model.service import build_all
from tcgen.sources.tccli.importer import ImportedVersion, import_tccli
from tcgen.spec.tree import load_tree


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "services",
        nargs="+",
        metavar="SERVICE",
        help="tccli service name, with :VERSION (2018-08-01 or v20180801) for one version",
    )
    add_spec_dir(parser)
    parser.add_argument(
        "--tccli-dir",
        type=Path,
        default=None,
        help="tccli's services directory (default: the installed tccli-intl-en package)",
    )
    parser.add_argument(
        "--sdk-dir",
        type=Path,
        default=None,
        help="the official SDK's tencentcloud/ directory, whose <service>/<version>/errorcodes.py "
        "name each version's documented error codes and whose clients name its multipart and "
        "octet-stream actions (default: the installed SDK's, with the installed tccli)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 2) on examples that cannot be read; by default they are Tencent's own "
        "faults, dropped with a warning each",
    )
    # The default since example faults became warnings; still accepted so scripts keep working.
    parser.add_argument("--lenient", action="store_true", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    imported = import_tccli(args.services, args.spec_dir, args.tccli_dir, args.strict, args.sdk_dir)
    # Validate what was written exactly as `tcgen validate` would, so a tccli format change
    # shows up here rather than at the next generation.
    only = [f"{i.directory.parent.name}:{i.directory.name}" for i in imported]
    build_all(load_tree(args.spec_dir, only))
    for version in imported:
        _report(version)
    elapsed = time.perf_counter() - started
    print(f"imported {counted(len(imported), 'service version')} in {elapsed:.2f}s")
    return 0


def _report(version: ImportedVersion) -> None:
    merged = f"; merged with pages: {', '.join(version.merged)}" if version.merged else ""
    removed = f"; removed: {', '.join(version.removed)}" if version.removed else ""
    print(
        f"{version.directory}: {version.actions} actions, {version.types} data types, "
        f"{version.changed} files changed{merged}{removed}"
    )
    for problem in version.skipped:
        print(f"  warning: dropped a faulty example: {problem}", file=sys.stderr)
