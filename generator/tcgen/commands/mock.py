"""Serve the mocks of every generated package of a directory on one port (an emulator)."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path

from tcgen.commands.wording import counted
from tcgen.emulator.endpoint import EdgeApp, describe, keyed, load, restore, save
from tcgen.runtime.mock.serve import LOOPBACK, create_server
from tcgen.spec import paths
from tcgen.spec.problems import Problem, ProblemsError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        type=Path,
        default=paths.DEFAULT_OUT_DIR,
        help="directory of generated packages (default: generated)",
    )
    parser.add_argument("--host", default=LOOPBACK, help=f"address to bind (default: {LOOPBACK})")
    parser.add_argument("--port", type=int, default=8080, help="port (default: 8080; 0: any)")
    parser.add_argument("--secret-id", help="accept only this SecretId (with --secret-key)")
    parser.add_argument("--secret-key")
    parser.add_argument("--no-rate-limit", action="store_true", help="ignore documented limits")
    parser.add_argument("--threads", type=int, default=8)
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
        help="JSON file the state is restored from at start and saved to at stop "
        "(and on POST /_mock/save)",
    )


def run(args: argparse.Namespace) -> int:
    if bool(args.secret_id) != bool(args.secret_key):
        raise ProblemsError([Problem("tcgen mock", "", "--secret-id and --secret-key go together")])
    keys = keyed(args.secret_id, args.secret_key)
    edge = load(args.dir, eager=args.eager, keys=keys, rate_limit=not args.no_rate_limit)
    edge.state_file = args.state_file
    restored = _restored(edge, args.state_file) if args.state_file is not None else ""
    try:
        server = create_server(edge, args.host, args.port, args.threads)
    except OSError as exc:
        raise ProblemsError(
            [Problem("tcgen mock", "", f"cannot listen on {args.host}:{args.port}: {exc}")]
        ) from None
    checked = f"SecretId {args.secret_id}" if keys else "any credentials"
    print(
        f"tcgen mock: serving {describe(edge)} on "
        f"http://{server.effective_host}:{server.effective_port} ({checked})",
        flush=True,
    )
    if restored:
        print(restored, flush=True)  # after the serving line, which scripts read first
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.run()  # returns when interrupted
    except KeyboardInterrupt:
        pass
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


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops like Ctrl+C, so the state is saved on the way out."""
    raise KeyboardInterrupt
