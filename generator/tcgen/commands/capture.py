"""Capture API pages (browser text, Markdown or HTML) into the spec tree.

Exit 2 with every problem listed (page and line) and nothing written, unless --lenient: then
what could be read is written and the problems are printed as warnings.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tcgen.commands.options import add_spec_dir
from tcgen.commands.wording import counted
from tcgen.sources.capture import capture
from tcgen.spec.problems import display_path


def _service_version(text: str) -> tuple[str, str]:
    service, sep, version = text.partition(":")
    if not sep or not service or not version:
        raise argparse.ArgumentTypeError(f"expected SERVICE:VERSION, got '{text}'")
    return service, version


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE", help="API pages to read")
    add_spec_dir(parser)
    parser.add_argument(
        "--service",
        type=_service_version,
        default=None,
        metavar="SERVICE:VERSION",
        help="where Data Types pages go (default: the service of the API pages captured with them)",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="write what could be read and report problems as warnings (exit 0)",
    )


def run(args: argparse.Namespace) -> int:
    written, warnings = capture(args.pages, args.spec_dir, args.service, args.lenient)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in written:
        print(f"wrote {display_path(path)}")
    print(f"captured {counted(len(args.pages), 'page')} ({counted(len(written), 'file')} changed)")
    return 0
