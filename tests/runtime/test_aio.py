"""The runtime's async client (`aio`) and the mock's httpx routing (`mock.route_async`), with
services of the tests' own: the same checks, answers, retries, pages and waits as the sync
client, over loopback HTTP and in process."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from tcgen.runtime import aio
from tcgen.runtime.aio import AsyncBaseClient, AsyncHTTP
from tcgen.runtime.awaited import async_iterator
from tcgen.runtime.credentials import Sources
from tcgen.runtime.exceptions import APIError, ParameterError, TransportError
from tcgen.runtime.mock.app import MockApp
from tcgen.runtime.mock.route import Intercept, service_hosts
from tcgen.runtime.mock.serve import ServerThread
from tcgen.runtime.retry import RetryPolicy
from tcgen.runtime.waiter import WaiterTimeout

from . import test_paging as paging
from .demo import ENDPOINT, SPEC
from .test_client_cli import KEYS, DemoClient, DemoTables, GetRequest, GetResponse


class AsyncDemoClient(DemoTables, AsyncBaseClient):
    async def get(self) -> GetResponse:
        return await self._invoke("Get", GetRequest(name="a"), GetResponse)


class AsyncPagesClient(AsyncBaseClient):
    SERVICE = paging.SERVICE
    VERSION = paging.VERSION
    ENDPOINT = paging.ENDPOINT
    ACTIONS: ClassVar = paging.ACTIONS
    STRUCTURES: ClassVar = {}
    error_class = staticmethod(lambda code: APIError)

    # As a generated `aio.py` does: the sync client's functions, returning async iterators here.
    list_offset_pages = async_iterator(paging.PagesClient.list_offset_pages)
    list_offset_items = async_iterator(paging.PagesClient.list_offset_items)


def sources(tmp_path: Path) -> Sources:
    return Sources(environ={}, home=tmp_path)


def demo(tmp_path: Path, **options: Any) -> AsyncDemoClient:
    return AsyncDemoClient(secret_id="id", secret_key="key", sources=sources(tmp_path), **options)


@pytest.fixture
def app() -> Iterator[MockApp]:
    mock = MockApp(SPEC, keys=KEYS)
    with Intercept(mock, service_hosts(ENDPOINT)):
        yield mock


def test_calls_answer_in_process_and_over_loopback(tmp_path: Path) -> None:
    mock = MockApp(SPEC, keys=KEYS)

    async def calls(client: AsyncDemoClient) -> tuple[int | None, dict[str, Any], int]:
        async with client:
            typed = await client.get()
            assert typed.http is not None and typed.http.status == 200
            return typed.counter, await client.call("Bump", {"By": 2}), typed.http.status

    with Intercept(mock, service_hosts(ENDPOINT)):
        in_process = asyncio.run(calls(demo(tmp_path)))
    with ServerThread(mock) as server:
        over_http = asyncio.run(calls(demo(tmp_path, endpoint=server.endpoint, proxies={})))
    assert in_process[0] == over_http[0] == 7
    assert (in_process[1]["Counter"], over_http[1]["Counter"]) == (2, 4)  # one state
    assert [c.action for c in mock.calls()] == ["Get", "Bump"] * 2


def test_the_async_request_is_the_sync_one(app: MockApp, tmp_path: Path) -> None:
    """Same settings and clock: the prepared call (signature included) and what the mock
    received are the same for both clients, with GET as with POST."""
    for method in ("POST", "GET"):
        options = {"method": method, "clock": lambda: 1700000000.0, "region": "ap-guangzhou"}
        sync = DemoClient(secret_id="id", secret_key="key", sources=sources(tmp_path), **options)
        sent = sync.transport.prepare("Bump", {"By": 1})
        assert demo(tmp_path, **options).transport.prepare("Bump", {"By": 1}) == sent


def test_checks_come_before_sending(app: MockApp, tmp_path: Path) -> None:
    client = demo(tmp_path)
    with pytest.raises(ParameterError, match="Name"):
        asyncio.run(client.call("Get", {}))

    async def caller() -> dict[str, Any]:
        return await client.call("Old", {"Name": "a"})

    deprecated = pytest.warns(DeprecationWarning, match="demo Old is deprecated")
    with deprecated as warned, pytest.raises(APIError):  # the mock does not know "Old"
        asyncio.run(caller())
    assert warned[0].filename == __file__  # points at the caller's line
    assert [c.action for c in app.calls()] == ["Old"]


def test_transport_errors_are_retried_then_raised(tmp_path: Path) -> None:
    pauses: list[float] = []
    policy = RetryPolicy(attempts=3, sleep=pauses.append, random=lambda: 0.5)
    client = demo(tmp_path, endpoint="http://127.0.0.1:9", proxies={}, retry=policy)
    with pytest.raises(TransportError, match="127.0.0.1:9"):
        asyncio.run(client.get())
    assert pauses == [0.25, 0.5]  # a sync `sleep` seam is called as it is


def test_the_default_sleep_does_not_block_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    awaited: list[float] = []

    async def fake(seconds: float) -> None:
        awaited.append(seconds)

    monkeypatch.setattr(aio.asyncio, "sleep", fake)
    monkeypatch.setattr(aio.time, "sleep", lambda seconds: pytest.fail("blocking sleep"))
    asyncio.run(aio.pause(0.25, aio.time.sleep))
    assert awaited == [0.25]


def test_pages_iterate_like_the_sync_ones(tmp_path: Path) -> None:
    mock = MockApp(paging.SPEC, keys=KEYS)
    mock.seed({"items": {"ListOffset": paging.NAMES}})
    client = AsyncPagesClient(secret_id="id", secret_key="key", sources=sources(tmp_path))

    async def walk() -> tuple[list[list[str]], list[str], list[str]]:
        async with client:
            pages = [p.names or [] async for p in client.list_offset_pages(limit=3)]
            items = [n async for n in client.list_offset_items(limit=3)]
            capped = [n async for n in client.list_offset_items(limit=2, max_items=3)]
        return pages, items, capped

    with Intercept(mock, service_hosts(paging.ENDPOINT)):
        pages, items, capped = asyncio.run(walk())
    assert pages == [["n0", "n1", "n2"], ["n3", "n4", "n5"], ["n6"]]
    assert items == paging.NAMES and capped == ["n0", "n1", "n2"]


def test_wait_calls_again_until_the_expression_holds(app: MockApp, tmp_path: Path) -> None:
    client = demo(tmp_path)
    reports: list[str] = []

    async def bump() -> Any:
        return GetResponse.from_wire(await client.call("Bump", {}))

    answer = asyncio.run(client.wait(bump, "Counter", 2, interval=0, report=reports.append))
    assert answer.counter == 2 and reports == ["Inquiry result is 1."]
    with pytest.raises(WaiterTimeout, match="wait `Counter` to `99` timeout, last request is 3"):
        asyncio.run(client.wait(bump, "Counter", 99, timeout=0, interval=0))
    with pytest.raises(ValueError, match="must not be negative"):
        asyncio.run(client.wait(bump, "Counter", 3, interval=-1))


def test_copies_share_the_connections_and_closing_releases_them(
    app: MockApp, tmp_path: Path
) -> None:
    client = demo(tmp_path)

    async def lifecycle() -> None:
        copy = client.with_options(timeout=2, region="ap-beijing")
        assert copy._http is client._http and copy.transport.timeout == (2.0, 2.0)
        await copy.get()
        opened = client._http.client if client._http else None
        await copy.aclose()
        assert opened is not None and not opened.is_closed  # the copy's close leaves them
        await client.close()
        assert opened.is_closed
        await client.get()  # a later call opens new ones
        await client.aclose()

    asyncio.run(lifecycle())
    assert [c.region for c in app.calls()] == ["ap-beijing", None]


def test_the_http_backend_reads_proxies_and_the_ca_bundle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert aio._mount_pattern("https") == "https://"
    assert aio._mount_pattern("http://10.0.0.1") == "http://10.0.0.1"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ssl.get_default_verify_paths().openssl_cafile)
    proxied = AsyncHTTP({"http": "http://127.0.0.1:9"})._open()
    assert isinstance(proxied, httpx.AsyncClient) and not proxied.trust_env
    [(pattern, transport)] = proxied._mounts.items()
    assert pattern.pattern == "http://" and isinstance(transport, httpx.AsyncHTTPTransport)
    assert type(transport._pool).__name__ == "AsyncHTTPProxy"
    assert AsyncHTTP(None)._open().trust_env


@pytest.mark.parametrize("bare", [True, False])
@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_call_is_the_request_httpx_would_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, method: str, bare: bool
) -> None:
    """The request handed to the transport, built from headers encoded once (`_BARE`, what
    httpx 0.28 lays out) or, with another httpx, by its constructor: the one
    `httpx.Request(...)` makes of the client's default headers, the call's, its body and
    its timeout."""
    assert aio._BARE  # the pinned httpx takes the short way
    monkeypatch.setattr(aio, "_BARE", bare)
    client = demo(tmp_path, method=method, region="ap-guangzhou")
    client = client.with_options(headers={"X-Trace": "t1"}, timeout=(2.0, 7.0))
    call = client.transport.prepare("Bump", {"By": 1})
    http = AsyncHTTP(None)
    defaults = http._open().headers.raw  # as `AsyncClient.send` sends them: `User-Agent`
    length = [("Content-Length", str(len(call.body)))] if call.body else []
    expected = httpx.Request(
        method,
        call.url,
        headers=[*defaults, *call.headers.items(), *length],
        stream=httpx.ByteStream(call.body),
        extensions={"timeout": httpx.Timeout(7.0, connect=2.0).as_dict()},
    )
    for _ in range(2):  # the second time from the cached URL, timeout and header names
        built = http._request(call, client.transport.timeout)
        assert type(built) is httpx.Request and vars(built).keys() == vars(expected).keys()
        assert (built.method, built.url, built.extensions) == (
            expected.method,
            expected.url,
            expected.extensions,
        )
        assert vars(built.headers) == vars(expected.headers)
        assert built.headers["x-trace"] == "t1" and built.read() == call.body
    assert (method == "POST") == bool(call.body) == ("content-length" in built.headers)


def test_intercepted_clients_only_reach_the_mocks_hosts(app: MockApp) -> None:
    async def elsewhere() -> None:
        async with httpx.AsyncClient() as client:
            await client.get("http://127.0.0.1:9/", timeout=2)

    with pytest.raises(httpx.ConnectError):  # other hosts pass through to the network
        asyncio.run(elsewhere())
    assert app.calls() == []
