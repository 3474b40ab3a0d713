"""Options shared by several subcommands, so they are spelled the same everywhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..render import Templates


def add_spec_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--spec-dir", type=Path, default=paths.DEFAULT_SPEC_DIR, help="spec tree (default: spec)"
    )


def add_generation(parser: argparse.ArgumentParser) -> None:
    """--spec-dir, --out, --templates and the optional SERVICE selection."""
    add_spec_dir(parser)
    parser.add_argument(
        "--out", type=Path, default=paths.DEFAULT_OUT_DIR, help="output (default: generated)"
    )
    parser.add_argument(
        "--templates", type=Path, default=None, help="directory overriding individual templates"
    )
    parser.add_argument(
        "services", nargs="*", metavar="SERVICE", help="service or service:version (default: all)"
    )


def templates(args: argparse.Namespace) -> Templates:
    return Templates(override=args.templates)
