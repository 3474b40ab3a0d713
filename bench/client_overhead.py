"""Per-call overhead: the generated clients vs the official SDK's, same call, same mock.

Sync (requests) and async (httpx) clients of both. Loopback calls/s includes the mock's own
work (identical for all; it runs in its own process): the sync clients with one call in
flight and `IN_FLIGHT` (threads), the async ones at each of `ASYNC_IN_FLIGHT`
(`asyncio.gather`). CPU per call runs with the wire stubbed to a canned answer
(`stubbed_transport`, `stubbed_async_transport`), so it is the client's own cost only
(building, validating, signing, parsing), measured with the process CPU clock.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any
from unittest import mock

import requests

from .common import REGION, SECRET_ID, SECRET_KEY, STREAM, serving

CALLS = 400
IN_FLIGHT = 16
ASYNC_IN_FLIGHT = (1, 4, 16, 64)
"""Calls in flight of the async clients' loopback runs (`calls_per_s_<n>`, 1 is
`calls_per_s`): both SDKs, each level, in one run."""
CANNED = json.dumps({"Response": {"RequestId": "bench-request-id"}}).encode()


def _generated_client(endpoint: str, asynchronous: bool = False) -> Any:
    from generated import live_v20180801

    kind = live_v20180801.AsyncLiveClient if asynchronous else live_v20180801.LiveClient
    return kind(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region=REGION, endpoint=endpoint, proxies={}
    )


def _stream() -> dict[str, str]:
    return {
        "domain_name": STREAM["DomainName"],
        "app_name": STREAM["AppName"],
        "stream_name": STREAM["StreamName"],
    }


def generated_call(endpoint: str) -> Callable[[], object]:
    client = _generated_client(endpoint)
    return lambda: client.drop_live_stream(**_stream())


def generated_async_call(endpoint: str) -> Callable[[], Awaitable[object]]:
    client = _generated_client(endpoint, asynchronous=True)
    return lambda: client.drop_live_stream(**_stream())


def _official(endpoint: str, asynchronous: bool = False) -> tuple[Any, Any]:
    """(client, models) of the official SDK, sync or async, plain HTTP to `endpoint`."""
    from tencentcloud.common import credential  # type: ignore[import-untyped]
    from tencentcloud.common.profile.client_profile import ClientProfile  # type: ignore[import-untyped]
    from tencentcloud.common.profile.http_profile import HttpProfile  # type: ignore[import-untyped]
    from tencentcloud.live.v20180801 import models  # type: ignore[import-untyped]

    if asynchronous:
        from tencentcloud.live.v20180801.live_client_async import LiveClient  # type: ignore[import-untyped]
    else:
        from tencentcloud.live.v20180801.live_client import LiveClient  # type: ignore[import-untyped]
    http = HttpProfile(reqMethod="POST", endpoint=endpoint.removeprefix("http://"), protocol="http")
    client = LiveClient(
        credential.Credential(SECRET_ID, SECRET_KEY), REGION, ClientProfile(httpProfile=http)
    )
    return client, models


def _official_request(models: Any) -> Any:
    request = models.DropLiveStreamRequest()
    request.DomainName, request.AppName = STREAM["DomainName"], STREAM["AppName"]
    request.StreamName = STREAM["StreamName"]
    return request


def official_call(endpoint: str) -> Callable[[], object]:
    client, models = _official(endpoint)
    return lambda: client.DropLiveStream(_official_request(models))


def official_async_call(endpoint: str) -> Callable[[], Awaitable[object]]:
    client, models = _official(endpoint, asynchronous=True)
    return lambda: client.DropLiveStream(_official_request(models))


CLIENTS = {"generated": generated_call, "official SDK": official_call}
ASYNC_CLIENTS = {"generated async": generated_async_call, "official SDK async": official_async_call}


def _rate(call: Callable[[], object], calls: int) -> tuple[float, float]:
    """(calls per second of wall time, CPU seconds per call) over `calls` calls."""
    call()  # warm up: connection, lazy imports
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - wall), (time.process_time() - cpu) / calls


def _rate_in_flight(call: Callable[[], object], calls: int, in_flight: int) -> float:
    """Calls per second of wall time with `in_flight` threads calling at once."""
    call()
    with ThreadPoolExecutor(in_flight) as pool:
        started = time.perf_counter()
        list(pool.map(lambda _: call(), range(calls)))
        return calls / (time.perf_counter() - started)


async def _rate_async(
    make: Callable[[str], Callable[[], Awaitable[object]]],
    endpoint: str,
    calls: int,
    in_flight: int,
) -> tuple[float, float]:
    """(calls per second, CPU seconds per call) with `in_flight` coroutines at once; the
    client is made inside the loop, as an async client is used."""
    call = make(endpoint)
    await call()  # warm up: connection, lazy imports

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(calls // in_flight) for _ in range(in_flight)))
    done = calls // in_flight * in_flight
    return done / (time.perf_counter() - wall), (time.process_time() - cpu) / done


@contextmanager
def stubbed_async_transport() -> Iterator[None]:
    """Every httpx connection pool answers the canned success without touching a socket
    (what the client does around the pool, for both SDKs, is counted); the generated
    client's own connections (`_runtime/aiowire.py`, taken when no proxy or mock routes the
    call) read the canned answer as HTTP/1.1 bytes, so its writing and parsing count too."""
    import httpx

    async def handle(transport: Any, request: httpx.Request) -> Any:
        headers = {"Content-Type": "application/json"}
        return httpx.Response(200, headers=headers, content=CANNED)

    async def open_connection(*_: Any, **__: Any) -> tuple[asyncio.StreamReader, Any]:
        reader = asyncio.StreamReader()
        return reader, _CannedWriter(reader)

    with (
        mock.patch.object(httpx.AsyncHTTPTransport, "handle_async_request", handle),
        mock.patch.object(asyncio, "open_connection", open_connection),
    ):
        yield


class _CannedWriter:
    """A stream writer whose every request is answered, on its reader, by the canned success."""

    ANSWER = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (
            len(CANNED),
            CANNED,
        )
    )

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self.reader = reader

    def write(self, data: bytes) -> None:
        self.reader.feed_data(self.ANSWER)

    async def drain(self) -> None:
        return None

    def is_closing(self) -> bool:
        return False

    def close(self) -> None:
        return None


@contextmanager
def stubbed_transport() -> Iterator[None]:
    """Every `requests` send answers the canned success without touching a socket."""

    def send(session: requests.Session, prepared: requests.PreparedRequest, **_: Any) -> Any:
        response = requests.Response()
        response.status_code, response._content = 200, CANNED
        response.headers["Content-Type"] = "application/json"
        response.request, response.url = prepared, prepared.url or ""
        return response

    with mock.patch.object(requests.Session, "send", send):
        yield


def run() -> dict[str, dict[str, float]]:
    """Each figure is the best of `ROUNDS` (the rounds of all clients interleaved): on a
    shared machine one round's wall clock swings by a factor of two."""
    measures: dict[tuple[str, str], Callable[[], float]] = {}
    with serving() as endpoint:
        for name, make in CLIENTS.items():
            measures[name, "calls_per_s"] = lambda make=make: _rate(make(endpoint), CALLS)[0]
            measures[name, f"calls_per_s_{IN_FLIGHT}"] = lambda make=make: _rate_in_flight(
                make(endpoint), CALLS, IN_FLIGHT
            )
        for name, make_async in ASYNC_CLIENTS.items():
            for in_flight in ASYNC_IN_FLIGHT:
                measures[name, _async_key(in_flight)] = lambda make=make_async, n=in_flight: (
                    asyncio.run(_rate_async(make, endpoint, CALLS, n))[0]
                )
        best = _best(measures, max)
    stubbed: dict[tuple[str, str], Callable[[], float]] = {}
    for name, make in CLIENTS.items():
        stubbed[name, "cpu_us_per_call_stubbed"] = lambda make=make: _stubbed_cpu(make)
    for name, make_async in ASYNC_CLIENTS.items():
        stubbed[name, "cpu_us_per_call_stubbed"] = lambda make=make_async: _stubbed_async_cpu(make)
    best.update(_best(stubbed, min))
    results: dict[str, dict[str, float]] = {}
    for (name, key), value in best.items():
        results.setdefault(name, {})[key] = value
    return results


ROUNDS = 3


def _async_key(in_flight: int) -> str:
    return "calls_per_s" if in_flight == 1 else f"calls_per_s_{in_flight}"


def _best(
    measures: dict[tuple[str, str], Callable[[], float]], pick: Callable[[list[float]], float]
) -> dict[tuple[str, str], float]:
    rounds: dict[tuple[str, str], list[float]] = {key: [] for key in measures}
    for _ in range(ROUNDS):
        for key, measure in measures.items():
            rounds[key].append(measure())
    return {key: pick(values) for key, values in rounds.items()}


def _stubbed_cpu(make: Callable[[str], Callable[[], object]]) -> float:
    with stubbed_transport():
        return _rate(make("http://127.0.0.1:9"), CALLS * 5)[1] * 1e6


def _stubbed_async_cpu(make: Callable[[str], Callable[[], Awaitable[object]]]) -> float:
    with stubbed_async_transport():
        return asyncio.run(_rate_async(make, "http://127.0.0.1:9", CALLS * 5, 1))[1] * 1e6
