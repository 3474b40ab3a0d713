"""Serve the mocks of every generated package of a directory on one port (an emulator)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tcgen.commands.wording import counted
from tcgen.emulator.endpoint import EdgeApp, describe, keyed, load, restore, save
from tcgen.runtime.mock.durable import StateFileError
from tcgen.runtime.mock.serve import (
    add_server_options,
    listen,
    option_problems,
    require_waitress,
    state_database,
)
from tcgen.runtime.mock.serve import run as serve
from tcgen.spec import paths
from tcgen.spec.problems import Problem, ProblemsError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        type=Path,
        default=paths.DEFAULT_OUT_DIR,
        help="directory of generated packages (default: generated)",
    )
    add_server_options(parser)
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="how long a resource stays in a transitional state (PENDING, STOPPING) unless "
        "a Describe shows it first (default: 1; 0: at once)",
    )
    parser.add_argument(
        "--eager",
        action="store_true",
        help="import every package at start (slower; a broken package fails the start) "
        "instead of on its service's first request",
    )
    parser.add_argument(
        "--state-file",
        type=Path,
        default=None,
        help="JSON state imported at start and exported at stop (and on POST /_mock/save); "
        "with --state it is imported into the database",
    )


def _problem(message: str) -> ProblemsError:
    return ProblemsError([Problem("tcgen mock", "", message)])


def run(args: argparse.Namespace) -> int:
    problems = option_problems(args)
    if args.pace < 0:
        problems.append("--pace must not be negative")
    if problems:
        raise ProblemsError([Problem("tcgen mock", "", problem) for problem in problems])
    require_waitress()
    with tempfile.TemporaryDirectory(prefix="tcgen-mock-") as scratch:
        try:
            state = state_database(args, Path(scratch))
        except StateFileError as exc:
            raise _problem(str(exc)) from None
        keys = keyed(args.secret_id, args.secret_key)
        edge = load(
            args.dir,
            eager=args.eager,
            keys=keys,
            rate_limit=not args.no_rate_limit,
            state_path=state,
            call_log=args.call_log,
            pace=args.pace,
        )
        edge.state_file = args.state_file
        restored = _restored(edge, args.state_file) if args.state_file is not None else ""
        try:
            sock = listen(args.host, args.port)
        except OSError as exc:
            raise _problem(f"cannot listen on {args.host}:{args.port}: {exc}") from None
        host, port = sock.getsockname()[:2]
        checked = f"SecretId {args.secret_id}" if keys else "any credentials"
        print(
            f"tcgen mock: serving {describe(edge)} on http://{host}:{port} ({checked})", flush=True
        )
        if restored:
            print(restored, flush=True)  # after the serving line, which scripts read first
        try:
            serve(
                edge,
                sock,
                args.threads,
                args.workers,
                args.connection_limit,
                database=state is not None,
            )
        finally:
            if args.state_file is not None:
                save(edge, args.state_file)
                saved = counted(len(edge.mounted), "service")
                print(f"tcgen mock: saved the state of {saved} to {args.state_file}", flush=True)
    return 0


def _restored(edge: EdgeApp, path: Path) -> str:
    """Restore the state from `path`, saying what was restored (or that it starts empty)."""
    if not path.exists():
        return f"tcgen mock: {path} does not exist yet: starting empty; the state is saved there"
    restored = counted(restore(edge, path), "service")
    return f"tcgen mock: restored the state of {restored} from {path}"
