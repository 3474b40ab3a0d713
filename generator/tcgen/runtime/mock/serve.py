"""Serve a mock over HTTP with waitress: the `python -m <package>.mock` command, the server
behind `tcgen mock`, and a loopback server for tests.

Real CI runs one official SDK client per service, each keeping its connection alive, and
some callers are slow. So the server never hangs a caller:

- it keeps up to `CONNECTION_LIMIT` connections open (waitress's default, 100, made the
  hundred-and-first keep-alive client wait for a minute), polling them with `poll()` (not
  `select()`, which stops at 1,024 descriptors) and raising the process's open-file limit
  to fit;
- a connection idle for `CHANNEL_TIMEOUT` seconds is closed, so slow or stuck clients free
  their place;
- beyond the limit, a new connection is answered at once with HTTP 503 and closed, instead
  of waiting unaccepted in the listen queue;
- freed request bodies go back to the system (`_return_large_blocks`), so refused
  multi-megabyte requests leave the server's memory where it was.

`--workers N` serves one port from N processes (forked after the socket is bound; the kernel
spreads the connections); they share the state through its SQLite database (`durable`).

waitress is imported only here and only when serving (it is a development dependency), so
importing a generated package, or using its mock in-process, never needs it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from wsgiref.types import WSGIApplication

from ..optional import missing
from .durable import StateFileError, check
from .state import CALL_LOG

LOOPBACK = "127.0.0.1"
CONNECTION_LIMIT = 2000
CHANNEL_TIMEOUT = 30
"""Seconds a connection may stay idle (no byte in or out) before the server closes it."""
BACKLOG = 1024
SWITCH_INTERVAL = 0.0005
"""Seconds a thread may hold the GIL while another waits (Python's default: 0.005), with a
state database. A call on SQLite state releases the GIL inside sqlite3 while it holds the
state's lock; getting the GIL back took up to the default interval while other threads
parsed and verified requests, so the lock was held for milliseconds: four clients got a
third of the in-memory rate. A shorter interval keeps them within 10%. In memory nothing
is held across a release, and the tenfold GIL hand-overs cost the server a third more CPU
per request (~480 vs ~300 us of a Live call over HTTP), so the default stays."""
MAX_THREADS = 256
MAX_WORKERS = 64
_REFUSAL_BODY = (
    b'{"Response":{"Error":{"Code":"RequestLimitExceeded",'
    b'"Message":"the mock has too many open connections"},"RequestId":""}}'
)
_REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(_REFUSAL_BODY)
) + _REFUSAL_BODY


def _raise_file_limit(wanted: int) -> None:
    """Let the process hold `wanted` sockets (up to the hard limit); POSIX only."""
    try:
        resource = importlib.import_module("resource")
    except ImportError:  # Windows: no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


M_MMAP_THRESHOLD = -3
"""glibc's `mallopt` parameter: allocations from this size up get their own mapping."""
LARGE_BLOCK = 1024 * 1024


@functools.cache
def _return_large_blocks() -> None:
    """Have glibc give multi-megabyte blocks (request bodies) back to the system when freed.

    By default glibc raises its mapping threshold after the first large block is freed, so
    later ones are carved from each thread's heap and kept: ten refused 9 MB requests grew a
    server by about 200 MB. A fixed threshold keeps the memory flat. Other C libraries (and
    Windows, macOS) are left alone."""
    try:
        ctypes = importlib.import_module("ctypes")
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)
    except (OSError, AttributeError, ImportError):
        return


def require_waitress() -> None:
    """A one-line MissingDependency naming the `mock` extra unless waitress is installed;
    commands call it before they announce a server."""
    try:
        importlib.import_module("waitress")
    except ImportError:
        raise missing(__name__, "the mock server", "mock", "waitress") from None


@functools.cache
def _guarded_server_class() -> Any:
    """waitress's TCP server, accepting past its connection limit only to refuse at once."""
    server = importlib.import_module("waitress.server")

    class GuardedServer(server.TcpWSGIServer):  # type: ignore[misc,name-defined]
        def readable(self) -> bool:
            super().readable()  # its channel maintenance (idle timeouts)
            return bool(self.accepting)

        def handle_accept(self) -> None:
            if len(self._map) < self.adj.connection_limit:
                super().handle_accept()
                return
            try:
                accepted = self.accept()
            except OSError:
                return
            if accepted is not None:
                conn = accepted[0]
                with contextlib.suppress(OSError), conn:
                    conn.setblocking(False)
                    conn.send(_REFUSAL)

    return GuardedServer


def create_server(
    app: WSGIApplication,
    host: str,
    port: int,
    threads: int,
    *,
    sock: socket.socket | None = None,
    connection_limit: int = CONNECTION_LIMIT,
    channel_timeout: int = CHANNEL_TIMEOUT,
) -> Any:
    """A bound, not yet running waitress server (on `sock` when given); port 0: a free one."""
    require_waitress()
    adjustments = importlib.import_module("waitress.adjustments")
    task = importlib.import_module("waitress.task")
    _raise_file_limit(connection_limit + 64)
    _return_large_blocks()
    options: dict[str, Any] = {
        "threads": threads,
        "ident": "tcgen-mock",
        "connection_limit": connection_limit,
        "channel_timeout": channel_timeout,
        "cleanup_interval": max(1, min(channel_timeout, 10)),
        "backlog": BACKLOG,
        "asyncore_use_poll": True,
    }
    if sock is None:
        options.update(host=host, port=port)
    else:
        options["sockets"] = [sock]
    adj = adjustments.Adjustments(**options)
    dispatcher = task.ThreadedTaskDispatcher()
    dispatcher.set_thread_count(threads)
    sockinfo = (
        adj.listen[0] if sock is None else (sock.family, sock.type, sock.proto, sock.getsockname())
    )
    return _guarded_server_class()(
        app,
        {},
        True,
        sock,
        dispatcher=dispatcher,
        adj=adj,
        sockinfo=sockinfo,
        bind_socket=sock is None,
    )


class ServerThread:
    """A waitress server running in a daemon thread; a context manager that stops it on exit."""

    def __init__(
        self,
        app: WSGIApplication,
        host: str = LOOPBACK,
        port: int = 0,
        threads: int = 4,
        *,
        connection_limit: int = CONNECTION_LIMIT,
        channel_timeout: int = CHANNEL_TIMEOUT,
    ) -> None:
        self.server = create_server(
            app,
            host,
            port,
            threads,
            connection_limit=connection_limit,
            channel_timeout=channel_timeout,
        )
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


# -- the options both servers share ----------------------------------------------------------


def add_server_options(parser: argparse.ArgumentParser) -> None:
    """Options of `python -m <package>.mock` and `tcgen mock` alike."""
    parser.add_argument("--host", default=LOOPBACK, help=f"address to bind (default: {LOOPBACK})")
    parser.add_argument("--port", type=int, default=8080, help="port (default: 8080; 0: any)")
    parser.add_argument("--secret-id", help="accept only this SecretId (with --secret-key)")
    parser.add_argument("--secret-key")
    parser.add_argument("--no-rate-limit", action="store_true", help="ignore documented limits")
    parser.add_argument(
        "--threads", type=int, default=8, help=f"threads per process (1-{MAX_THREADS}; default 8)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help=f"processes serving the port (1-{MAX_WORKERS}; default 1); they share the state "
        "through --state, or a temporary database without it",
    )
    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        help="SQLite database holding the state: every change is committed before its answer, "
        "and servers on the same file share it (default: in memory)",
    )
    parser.add_argument(
        "--call-log",
        type=int,
        default=CALL_LOG,
        help=f"received calls kept for /_mock/calls, the newest (default {CALL_LOG})",
    )
    parser.add_argument(
        "--connection-limit",
        type=int,
        default=CONNECTION_LIMIT,
        help=f"open connections per process; more are refused with 503 (default "
        f"{CONNECTION_LIMIT})",
    )


def option_problems(args: argparse.Namespace) -> list[str]:
    """What is wrong with the shared options (empty when nothing), one line each."""
    problems = []
    if bool(args.secret_id) != bool(args.secret_key):
        problems.append("--secret-id and --secret-key go together")
    ranges = (
        ("--port", args.port, 0, 65535),
        ("--threads", args.threads, 1, MAX_THREADS),
        ("--workers", args.workers, 1, MAX_WORKERS),
        ("--call-log", args.call_log, 0, 10_000_000),
        ("--connection-limit", args.connection_limit, 1, 100_000),
    )
    for name, value, low, high in ranges:
        if not low <= value <= high:
            problems.append(f"{name} must be between {low} and {high}, got {value}")
    if args.workers > 1 and not hasattr(os, "fork"):
        problems.append("--workers above 1 needs a system with fork()")
    return problems


def state_database(args: argparse.Namespace, scratch: Path) -> Path | None:
    """The state database to use, checked: `--state`, a file under `scratch` when several
    workers must share a state, else None (in memory). Raises `StateFileError`."""
    path: Path | None = args.state
    if path is None and args.workers > 1:
        path = scratch / "state.sqlite"
    if path is not None:
        check(path)
    return path


def listen(host: str, port: int) -> socket.socket:
    """The listening socket (raises OSError, e.g. the port is in use)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=BACKLOG)


def run(
    app: WSGIApplication,
    sock: socket.socket,
    threads: int,
    workers: int,
    connection_limit: int = CONNECTION_LIMIT,
    *,
    database: bool = False,
) -> None:
    """Serve `app` on `sock` until SIGINT/SIGTERM: in this process, or in `workers` forked
    ones (this one then only waits for them and passes the signal on); `database`: the
    state is in a state database (`SWITCH_INTERVAL`)."""
    if database:
        sys.setswitchinterval(SWITCH_INTERVAL)
    if workers == 1:
        server = create_server(app, "", 0, threads, sock=sock, connection_limit=connection_limit)
        signal.signal(signal.SIGTERM, _interrupt)
        with contextlib.suppress(KeyboardInterrupt):
            server.run()  # returns when interrupted
        return
    children = []
    parent = os.getpid()
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # the worker: serve until told to stop, never return into the caller
            _stop_when_orphaned(parent)
            code = 0
            try:
                run(app, sock, threads, 1, connection_limit, database=database)
            except BaseException:  # the worker's own failure: reported, exit non-zero
                code = 1
            os._exit(code)
        children.append(pid)
    sock.close()
    stop = functools.partial(_stop_children, children)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        while True:
            try:
                os.waitpid(pid, 0)
                break
            except ChildProcessError:
                break
            except InterruptedError:
                continue


ORPHAN_CHECK_SECONDS = 0.5
"""How often a worker looks whether the process that forked it is still there."""


def _stop_when_orphaned(parent: int) -> None:
    """Stop this worker (as SIGTERM would) once `parent` is gone: a parent killed with
    SIGKILL cannot pass its signal on, and its workers would go on serving its port."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="tcgen-orphan-watch", daemon=True).start()


def _stop_children(children: list[int], signum: int, frame: object) -> None:
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops like Ctrl+C, so whoever started the server can clean up."""
    raise KeyboardInterrupt


def main(
    factory: Callable[..., WSGIApplication], prog: str, argv: Sequence[str] | None = None
) -> int:
    """Serve `factory(keys=..., rate_limit=..., state_path=..., call_log=...)` until
    interrupted; bad options, an unusable state file or a busy port: one line, exit 2."""
    parser = argparse.ArgumentParser(prog=prog, description="Serve the mock over HTTP.")
    add_server_options(parser)
    args = parser.parse_args(argv)
    for problem in option_problems(args):
        parser.error(problem)
    with tempfile.TemporaryDirectory(prefix="tcgen-mock-") as scratch:
        try:
            state = state_database(args, Path(scratch))
            sock = listen(args.host, args.port)
        except StateFileError as exc:
            print(f"{prog}: error: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(
                f"{prog}: error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
            )
            return 2
        keys = {args.secret_id: args.secret_key} if args.secret_id else None
        app = factory(
            keys=keys, rate_limit=not args.no_rate_limit, state_path=state, call_log=args.call_log
        )
        checked = f"SecretId {args.secret_id}" if keys else "any credentials"
        host, port = sock.getsockname()[:2]
        print(f"{prog}: serving on http://{host}:{port} ({checked})", flush=True)
        run(
            app,
            sock,
            args.threads,
            args.workers,
            args.connection_limit,
            database=state is not None,
        )
    return 0
