"""Options shared by several subcommands, so they are spelled the same everywhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from tcgen.output.render import Templates
from tcgen.packaging.profiles import DEFAULT_PROFILE, PROFILES, Profile, get_profile
from tcgen.spec import paths


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


def add_profile(parser: argparse.ArgumentParser) -> None:
    """--profile: which files of a package to carry (`tcgen.packaging.profiles`)."""
    choices = ", ".join(f"{p.name}: {p.summary}" for p in PROFILES.values())
    parser.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default=DEFAULT_PROFILE,
        help=f"{choices} (default: {DEFAULT_PROFILE})",
    )


def profile(args: argparse.Namespace) -> Profile:
    return get_profile(args.profile)
