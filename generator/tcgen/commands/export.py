"""Export the spec in another ecosystem's format: OpenAPI 3.1, one document per version.

`tcgen export openapi [SERVICE...]` prints the one selected service version's document,
writes it to `--out FILE.json`, or writes one `<service>-<version>.openapi.json` per
selected version into `--out DIR`; `--check` compares instead of writing (exit 1 when a
file is missing or differs), for trees that commit their exports. The document is a pure
function of the spec (`tcgen.output.openapi`), so the same spec gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tcgen.commands.options import add_spec_dir
from tcgen.model.service import Service
from tcgen.output import openapi
from tcgen.output.writer import atomic_write
from tcgen.pipeline import load_services
from tcgen.spec.problems import Problem, ProblemsError

FORMATS = ("openapi",)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=FORMATS, help="the format (openapi: OpenAPI 3.1)")
    parser.add_argument(
        "services", nargs="*", metavar="SERVICE", help="service or service:version (default: all)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="a .json file (one service version) or a directory (default: standard output, "
        "one service version)",
    )
    parser.add_argument(
        "--check", action="store_true", help="compare with --out instead of writing (exit 1)"
    )
    add_spec_dir(parser)


def _targets(services: list[Service], out: Path | None) -> list[tuple[Path | None, Service]]:
    """Where each service version's document goes: None is standard output."""
    single = out is None or out.suffix == ".json"
    if single and len(services) != 1:
        names = ", ".join(f"{s.name}:{s.version}" for s in services)
        target = "standard output" if out is None else str(out)
        raise ProblemsError(
            [
                Problem(
                    "tcgen export",
                    "",
                    f"{target} takes one service version, the selection has {len(services)} "
                    f"({names}): name one, or give --out DIR",
                )
            ]
        )
    if single:
        return [(out, services[0])]
    assert out is not None
    return [(out / openapi.file_name(s), s) for s in services]


def run(args: argparse.Namespace) -> int:
    if args.check and args.out is None:
        raise ProblemsError([Problem("tcgen export", "", "--check needs --out")])
    targets = _targets(load_services(args.spec_dir, args.services or None), args.out)
    stale = []
    for path, service in targets:  # one document in memory at a time (the catalog: 160)
        text = openapi.dumps(openapi.document(service))
        if path is None:
            sys.stdout.write(text)
        elif not _holds(path, text):
            stale.append(str(path))
            if not args.check:
                atomic_write(path, text)
    if args.check:
        for name in stale:
            print(f"stale or missing: {name}", file=sys.stderr)
        if stale:
            print("run `tcgen export openapi` to update", file=sys.stderr)
            return 1
        print(f"{len(targets)} OpenAPI document(s) up to date")
    elif args.out is not None:
        print(
            f"exported {len(targets)} OpenAPI document(s) to {args.out} ({len(stale)} changed)",
            file=sys.stderr,
        )
    return 0


def _holds(path: Path, text: str) -> bool:
    return path.is_file() and path.read_bytes() == text.encode()
