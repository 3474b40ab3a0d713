"""The server never hangs a caller: many keep-alive clients, slow clients, too many clients.

Raw sockets on 127.0.0.1 against the waitress server both `python -m <package>.mock` and
`tcgen mock` run (`serve.create_server`); every wait is bounded by a socket timeout.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from generated.live_v20180801 import mock as live_mock

from .helpers import parse_http

REQUEST = (
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"X-TC-Action: DescribeLiveStreamState\r\nX-TC-Version: 2018-08-01\r\n"
    b"Content-Length: 2\r\n\r\n{}"
)


def _read_reply(sock: socket.socket) -> bytes:
    """One HTTP reply on a keep-alive connection (headers, then Content-Length bytes)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length: ", 1)[1].split(b"\r\n", 1)[0])
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.fixture
def port() -> Iterator[int]:
    with live_mock.ServerThread(live_mock.create_app(), threads=4) as server:
        yield server.server.effective_port


def _connect(stack: ExitStack, port: int) -> socket.socket:
    sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
    return sock


@pytest.mark.slow
def test_1100_keep_alive_clients_are_all_served(port: int) -> None:
    with ExitStack() as stack:
        clients = [_connect(stack, port) for _ in range(1100)]
        for round_ in range(2):  # each connection is kept and used again
            for sock in clients:
                sock.sendall(REQUEST)
            replies = [parse_http(_read_reply(sock)) for sock in clients]
            assert {reply.status for reply in replies} == {200}, round_
            assert all(reply.body["Response"]["RequestId"] for reply in replies)


def test_slow_clients_do_not_starve_the_others(port: int) -> None:
    with ExitStack() as stack:
        slow = [_connect(stack, port) for _ in range(150)]
        for sock in slow:  # each sends the start of a request, then nothing
            sock.sendall(REQUEST[:10])
        started = time.monotonic()
        for _ in range(5):
            sock = _connect(stack, port)
            sock.sendall(REQUEST)
            assert parse_http(_read_reply(sock)).status == 200
        assert time.monotonic() - started < 10  # answered, not left waiting behind the slow


def test_beyond_the_limit_a_connection_is_refused_at_once() -> None:
    app = live_mock.create_app()
    with (
        live_mock.ServerThread(app, connection_limit=20) as server,
        ExitStack() as stack,
    ):
        port = server.server.effective_port
        held = [_connect(stack, port) for _ in range(30)]
        refused = 0
        for sock in held:  # the ones past the limit hear 503 and are closed, promptly
            sock.sendall(REQUEST)
            reply = _read_reply(sock)
            status = parse_http(reply).status
            assert status in (200, 503), reply
            if status == 503:
                refused += 1
                assert parse_http(reply).body["Response"]["Error"]["Code"] == (
                    "RequestLimitExceeded"
                )
        assert refused >= 5
        for sock in held:
            sock.close()
        time.sleep(0.5)
        fresh = _connect(stack, port)  # once they are gone, new callers are served again
        fresh.sendall(REQUEST)
        assert parse_http(_read_reply(fresh)).status == 200


def test_an_idle_connection_is_closed_after_the_channel_timeout() -> None:
    with (
        live_mock.ServerThread(live_mock.create_app(), channel_timeout=1) as server,
        socket.create_connection(("127.0.0.1", server.server.effective_port), 10) as sock,
    ):
        sock.sendall(REQUEST[:10])  # a request begun, never finished
        started = time.monotonic()
        assert sock.recv(100) == b""  # the server hung up
        assert time.monotonic() - started < 8
