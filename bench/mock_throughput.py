"""Mock throughput: signed requests per second, the generated mock vs a trivial WSGI app.

Both run on the same waitress server (own process, same threads); several client threads
send the same TC3-signed DropLiveStream over keep-alive connections, so the mock verifies a
real signature on every request. A request is signed once per thread: the mock accepts a
timestamp for minutes, and signing inside the loop would measure the client instead.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

from .common import REGION, SECRET_ID, SECRET_KEY, STREAM, serving

THREADS = 4
REQUESTS_PER_THREAD = 300
ROUNDS = 3


def _signed(endpoint: str) -> tuple[bytes, dict[str, str]]:
    from generated.live_v20180801 import LiveClient

    client = LiveClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region=REGION, endpoint=endpoint, proxies={}
    )
    call = client.transport.prepare("DropLiveStream", dict(STREAM))
    return call.body, dict(call.headers)


def _client(endpoint: str, body: bytes, headers: dict[str, str], failures: list[int]) -> None:
    parts = urlsplit(endpoint)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    for _ in range(REQUESTS_PER_THREAD):
        connection.request("POST", "/", body, headers)
        answer = connection.getresponse()
        text = answer.read()
        if answer.status != 200 or b'"Error"' in text:
            failures.append(answer.status)
    connection.close()


def _throughput(kind: str) -> float:
    with serving(kind) as endpoint:
        body, headers = _signed(endpoint)
        failures: list[int] = []
        threads = [
            threading.Thread(target=_client, args=(endpoint, body, headers, failures))
            for _ in range(THREADS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{kind}: {len(failures)} requests failed")
    return THREADS * REQUESTS_PER_THREAD / elapsed


def run() -> dict[str, dict[str, float]]:
    """Median of alternating rounds, so drift in machine load hits both apps alike."""
    rounds = [{kind: _throughput(kind) for kind in ("mock", "trivial")} for _ in range(ROUNDS)]
    return {
        kind: {"requests_per_s": statistics.median(r[kind] for r in rounds)}
        for kind in ("mock", "trivial")
    }
