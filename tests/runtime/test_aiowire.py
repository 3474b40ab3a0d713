"""The async client's own HTTP/1.1 connections (`aiowire`, behind `aio.AsyncHTTP`), against a
raw loopback server that records the bytes it receives and answers what each test scripts:
the bytes httpx would send, every way an answer is framed, reuse, limits and failures."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import shutil
import ssl
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from tcgen.runtime import aiowire
from tcgen.runtime.aio import AsyncHTTP
from tcgen.runtime.exceptions import TransportError
from tcgen.runtime.mock.app import MockApp
from tcgen.runtime.mock.route import Intercept
from tcgen.runtime.request import PreparedCall

from .demo import SPEC
from .test_aio import demo
from .test_client_cli import KEYS

OK = b'HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n{"Response": {}}'


class Server:
    """Records each request (connection number, bytes) and answers with `answers`, in turn
    (the last one again when they run out); `None` closes the connection unanswered, and
    so does `hang_up` after each answer."""

    def __init__(self, *answers: bytes | None, hang_up: bool = False) -> None:
        self.answers = list(answers) or [OK]
        self.hang_up = hang_up
        self.requests: list[tuple[int, bytes]] = []
        self.connections = 0
        self.open = 0
        self.most_open = 0

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *_: object) -> None:
        self.server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        number, self.open = self.connections, self.open + 1
        self.most_open = max(self.most_open, self.open)
        try:
            while True:
                try:
                    request = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError:
                    return
                for line in request.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        request += await reader.readexactly(int(line.split(b":")[1]))
                self.requests.append((number, request))
                answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
                if answer is None:
                    return
                await asyncio.sleep(0.01)  # calls in flight overlap
                writer.write(answer)
                await writer.drain()
                if self.hang_up:
                    return
        finally:
            self.open -= 1
            writer.close()


def call(
    tmp_path: Path, endpoint: str, method: str = "POST", headers: dict[str, str] | None = None
) -> PreparedCall:
    client = demo(tmp_path, endpoint=endpoint, method=method, proxies={})
    return client.with_options(headers=headers or {}).transport.prepare("Bump", {"By": 1})


def run(scenario: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(scenario())


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_the_bytes_sent_are_the_ones_httpx_sends(tmp_path: Path, method: str) -> None:
    """The same call through httpx's own transport and over `aiowire`: byte for byte."""
    server = Server()

    async def scenario() -> None:
        async with server as endpoint:
            prepared = call(tmp_path, endpoint, method, headers={"X-Trace": "t1"})
            http = AsyncHTTP({})
            client = http._open()
            via_httpx = await http._routed(client._transport, prepared, (2.0, 2.0))
            direct = await http.send(prepared, (2.0, 2.0))
            await http.aclose()
        assert (via_httpx.status, via_httpx.content) == (direct.status, direct.content)
        assert via_httpx.headers == direct.headers

    run(scenario)
    [(_, by_httpx), (_, by_wire)] = server.requests
    assert by_wire == by_httpx and b"X-Trace: t1\r\n" in by_wire
    assert by_wire.startswith(f"{method} /".encode()) and b"\r\nHost: 127.0.0.1:" in by_wire


FRAMINGS = {
    "length": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"2;x=y\r\nhe\r\n3\r\nllo\r\n0\r\nTrailer: t\r\n\r\n",
    "gzip": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s"
    % (len(gzip.compress(b"hello")), gzip.compress(b"hello")),
    "continue": b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    "to the end": b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello",
    "http/1.0": b"HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello",
}


@pytest.mark.parametrize("framing", FRAMINGS)
def test_answers_are_read_however_they_are_framed(tmp_path: Path, framing: str) -> None:
    """Each answer read whole (decoded as httpx decodes); the connection is kept only when
    the answer says it may be (HTTP/1.1 without `Connection: close`)."""
    kept = framing not in ("to the end", "http/1.0")
    server = Server(FRAMINGS[framing], hang_up=not kept)

    async def scenario() -> list[bytes]:
        async with server as endpoint:
            http = AsyncHTTP({})
            prepared = call(tmp_path, endpoint)
            answers = [(await http.send(prepared, (2.0, 2.0))).content for _ in range(2)]
            await http.aclose()
            return answers

    assert run(scenario) == [b"hello", b"hello"]
    assert server.connections == (1 if kept else 2)


def test_no_content_answers_have_no_body(tmp_path: Path) -> None:
    server = Server(b"HTTP/1.1 204 No Content\r\n\r\n", OK)

    async def scenario() -> list[tuple[int, bytes]]:
        async with server as endpoint:
            http = AsyncHTTP({})
            prepared = call(tmp_path, endpoint)
            answers = [await http.send(prepared, (2.0, 2.0)) for _ in range(2)]
            await http.aclose()
            return [(answer.status, answer.content) for answer in answers]

    assert run(scenario) == [(204, b""), (200, b'{"Response": {}}')]
    assert server.connections == 1


def test_calls_in_flight_share_a_bounded_set_of_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Concurrent calls open connections up to `LIMIT` and wait for one beyond it; each
    connection carries several calls one after the other."""
    monkeypatch.setattr(aiowire, "LIMIT", 3)
    server = Server()

    async def scenario() -> None:
        async with server as endpoint:
            http = AsyncHTTP({})
            prepared = call(tmp_path, endpoint)
            answers = await asyncio.gather(*(http.send(prepared, (2, 2)) for _ in range(12)))
            assert {answer.status for answer in answers} == {200}
            await http.aclose()

    run(scenario)
    assert len(server.requests) == 12 and server.connections == server.most_open == 3


def test_a_connection_the_server_closed_is_not_reused(tmp_path: Path) -> None:
    """The server hangs up after a keep-alive answer: the next call sees the end of stream
    on the idle connection and opens a new one (no failed write, no error)."""
    server = Server(hang_up=True)

    async def scenario() -> list[int]:
        async with server as endpoint:
            http = AsyncHTTP({})
            prepared = call(tmp_path, endpoint)
            statuses = [(await http.send(prepared, (2.0, 2.0))).status]
            await asyncio.sleep(0.05)  # the end of stream reaches the client
            statuses.append((await http.send(prepared, (2.0, 2.0))).status)
            await http.aclose()
            return statuses

    assert run(scenario) == [200, 200]
    assert server.connections == 2


def test_failed_or_expired_connections_are_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection that failed its call, or has been idle past `EXPIRY`, is dropped: the
    next call opens a new one and succeeds."""
    server = Server(OK, None, OK)

    async def scenario() -> list[int]:
        async with server as endpoint:
            http = AsyncHTTP({})
            prepared = call(tmp_path, endpoint)
            statuses = [(await http.send(prepared, (2.0, 2.0))).status]
            with pytest.raises(TransportError):  # the server hangs up unanswered
                await http.send(prepared, (2.0, 2.0))
            statuses.append((await http.send(prepared, (2.0, 2.0))).status)
            monkeypatch.setattr(aiowire, "EXPIRY", -1.0)
            statuses.append((await http.send(prepared, (2.0, 2.0))).status)
            statuses.append((await http.send(prepared, (2.0, 2.0))).status)
            await http.aclose()
            return statuses

    assert run(scenario) == [200, 200, 200, 200]
    assert [number for number, _ in server.requests] == [1, 1, 2, 2, 3]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (b"SMTP ready\r\n\r\n", "not an HTTP answer"),
        (b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "bad Content-Length"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad chunk size"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", "IncompleteReadError|bytes read"),
        (None, "bytes read"),
    ],
)
def test_broken_answers_raise_transport_errors(
    tmp_path: Path, answer: bytes | None, message: str
) -> None:
    server = Server(answer, hang_up=True)

    async def scenario() -> None:
        async with server as endpoint:
            http = AsyncHTTP({})
            with pytest.raises(TransportError, match=f"POST http://127.0.0.1:.*({message})"):
                await http.send(call(tmp_path, endpoint), (2.0, 2.0))
            await http.aclose()

    run(scenario)


def test_a_silent_server_times_out(tmp_path: Path) -> None:
    async def never(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()

    async def scenario() -> None:
        server = await asyncio.start_server(never, "127.0.0.1", 0)
        endpoint = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        http = AsyncHTTP({})
        with pytest.raises(TransportError, match="TimeoutError"):
            await http.send(call(tmp_path, endpoint), (2.0, 0.1))
        await http.aclose()
        server.close()

    run(scenario)


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\rb", "a\nb", "a\0b"])
def test_a_header_that_would_split_the_request_is_refused(tmp_path: Path, value: str) -> None:
    """As h11 refuses it: nothing is sent."""
    server = Server()

    async def scenario() -> None:
        async with server as endpoint:
            http = AsyncHTTP({})
            prepared = call(tmp_path, endpoint)
            prepared.headers["X-Evil"] = value
            with pytest.raises(TransportError, match="CR, LF or NUL"):
                await http.send(prepared, (2.0, 2.0))
            badly_named = dataclasses.replace(prepared, headers={"Bad Name": "v"})
            with pytest.raises(TransportError, match="invalid header name"):
                await http.send(badly_named, (2.0, 2.0))
            await http.aclose()

    run(scenario)
    assert server.requests == []


def test_proxied_calls_go_through_httpx(tmp_path: Path) -> None:
    """A proxy (`proxies`, or the environment's) is httpx's to reach: the request goes to it
    in absolute form, and no connection of `aiowire`'s is opened."""
    server = Server()

    async def scenario() -> None:
        async with server as proxy:
            http = AsyncHTTP({"http": proxy})
            answer = await http.send(call(tmp_path, "http://api.invalid"), (2.0, 2.0))
            assert answer.status == 200 and http._origins == {}
            await http.aclose()

    run(scenario)
    [(_, request)] = server.requests
    assert request.startswith(b"POST http://api.invalid/ HTTP/1.1\r\n")


def test_closing_closes_idle_connections(tmp_path: Path) -> None:
    server = Server()

    async def scenario() -> None:
        async with server as endpoint:
            http = AsyncHTTP({})
            await http.send(call(tmp_path, endpoint), (2.0, 2.0))
            [origin] = http._origins.values()
            [(_, _, writer)] = origin.idle
            await http.aclose()
            assert writer.is_closing() and origin.idle == []
            await asyncio.sleep(0.05)
            assert server.open == 0

    run(scenario)


def test_answers_headers_are_httpx_headers(tmp_path: Path) -> None:
    server = Server(b"HTTP/1.1 200 OK\r\nX-TC-RequestId: r1\r\nContent-Length: 0\r\n\r\n")

    async def scenario() -> Any:
        async with server as endpoint:
            http = AsyncHTTP({})
            answer = await http.send(call(tmp_path, endpoint), (2.0, 2.0))
            await http.aclose()
            return answer.headers

    headers = run(scenario)
    assert isinstance(headers, httpx.Headers) and headers["x-tc-requestid"] == "r1"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for `localhost` (openssl's command line): (cert, key)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_https_is_verified_against_the_ca_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, certificate: tuple[Path, Path]
) -> None:
    """TLS over `aiowire`, the server's name checked: with the bundle that signed it named in
    `REQUESTS_CA_BUNDLE` the call goes through; with the default bundle it is refused."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = Server()

    async def scenario() -> None:
        listening = await asyncio.start_server(server._serve, "127.0.0.1", 0, ssl=context)
        port = listening.sockets[0].getsockname()[1]
        prepared = call(tmp_path, f"https://localhost:{port}")
        http = AsyncHTTP({})
        with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):
            await http.send(prepared, (2.0, 2.0))
        await http.aclose()
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        http = AsyncHTTP({})
        assert (await http.send(prepared, (2.0, 2.0))).status == 200
        assert list(http._origins) == [("https", "localhost", port)]
        await http.aclose()
        listening.close()

    run(scenario)
    [(_, request)] = server.requests
    assert b"\r\nHost: localhost:" in request


def test_the_in_process_mock_catches_a_client_already_on_the_wire(tmp_path: Path) -> None:
    """httpx picks each call's route: once the mock routes the host, the next call of a client
    whose connection is open and idle is answered in process; once it stops, the wire again."""
    server = Server()
    mock = MockApp(SPEC, keys=KEYS)

    async def scenario() -> list[int]:
        async with server as endpoint:
            client = demo(tmp_path, endpoint=endpoint, proxies={})
            counters = [(await client.call("Bump", {"By": 1})).get("Counter", 0)]
            with Intercept(mock, [endpoint.removeprefix("http://")]):
                counters.append((await client.call("Bump", {"By": 5}))["Counter"])
            counters.append((await client.call("Bump", {"By": 1})).get("Counter", 0))
            await client.aclose()
            return counters

    assert run(scenario) == [0, 5, 0]  # `Server` answers `{}`; the mock counts
    assert len(server.requests) == 2 and server.connections == 1
    assert [c.action for c in mock.calls()] == ["Bump"]
