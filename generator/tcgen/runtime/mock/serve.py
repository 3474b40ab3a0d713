"""Serve a mock over HTTP with waitress: the `python -m <package>.mock` command and a
loopback server for tests.

waitress is imported only here and only when serving (it is a development dependency), so
importing a generated package, or using its mock in-process, never needs it.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import threading
from collections.abc import Callable, Sequence
from typing import Any
from wsgiref.types import WSGIApplication

from ..optional import missing

LOOPBACK = "127.0.0.1"


def create_server(app: WSGIApplication, host: str, port: int, threads: int) -> Any:
    """A bound, not yet running waitress server; port 0 picks a free port."""
    try:
        server = importlib.import_module("waitress.server")
    except ImportError:
        raise missing(__name__, "the mock server", "mock", "waitress") from None
    return server.create_server(app, host=host, port=port, threads=threads, ident="tcgen-mock")


class ServerThread:
    """A waitress server running in a daemon thread; a context manager that stops it on exit."""

    def __init__(
        self, app: WSGIApplication, host: str = LOOPBACK, port: int = 0, threads: int = 4
    ) -> None:
        self.server = create_server(app, host, port, threads)
        self.thread = threading.Thread(target=self.server.run, name="tcgen-mock", daemon=True)
        self._stopped = False

    @property
    def endpoint(self) -> str:
        """`http://host:port`, what tccli's `--endpoint` and our client accept."""
        return f"http://{self.server.effective_host}:{self.server.effective_port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Close every socket from the server's own loop thread, then wait for it to end.

        Idempotent. When the loop is not running (never started, or already ended), the
        sockets are closed from this thread instead, since no loop would run the thunk.
        """
        if self._stopped:
            return
        self._stopped = True
        wasyncore = importlib.import_module("waitress.wasyncore")
        close_all = functools.partial(wasyncore.close_all, self.server._map, True)
        if self.thread.is_alive():
            try:
                self.server.trigger.pull_trigger(close_all)
            except OSError:  # the trigger is closed already: close from here instead
                close_all()
            self.thread.join(timeout=10)
        else:
            close_all()
        self.server.task_dispatcher.shutdown()


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Serve the mock over HTTP.")
    parser.add_argument("--host", default=LOOPBACK)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--secret-id", help="accept only this SecretId (with --secret-key)")
    parser.add_argument("--secret-key")
    parser.add_argument("--no-rate-limit", action="store_true", help="ignore documented limits")
    parser.add_argument("--threads", type=int, default=8)
    return parser


def main(
    factory: Callable[..., WSGIApplication], prog: str, argv: Sequence[str] | None = None
) -> int:
    """Serve `factory(keys=..., rate_limit=...)` until interrupted."""
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if bool(args.secret_id) != bool(args.secret_key):
        parser.error("--secret-id and --secret-key go together")
    keys = {args.secret_id: args.secret_key} if args.secret_id else None
    app = factory(keys=keys, rate_limit=not args.no_rate_limit)
    server = create_server(app, args.host, args.port, args.threads)
    checked = f"SecretId {args.secret_id}" if keys else "any credentials"
    print(f"{prog}: serving on http://{args.host}:{args.port} ({checked})", flush=True)
    server.run()  # returns when interrupted (Ctrl+C)
    return 0
