"""Per-call overhead: the generated client vs the official SDK, same call, same mock.

Loopback calls/s includes the mock's own work (identical for both; it runs in its own
process); CPU per call runs with
`requests.Session.send` stubbed to a canned answer, so it is the client's own cost only
(building, validating, signing, parsing), measured with the process CPU clock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import requests

from .common import REGION, SECRET_ID, SECRET_KEY, STREAM, serving

CALLS = 400
CANNED = json.dumps({"Response": {"RequestId": "bench-request-id"}}).encode()


def generated_call(endpoint: str) -> Callable[[], object]:
    from generated.live_v20180801 import LiveClient

    client = LiveClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region=REGION, endpoint=endpoint, proxies={}
    )
    return lambda: client.drop_live_stream(
        domain_name=STREAM["DomainName"],
        app_name=STREAM["AppName"],
        stream_name=STREAM["StreamName"],
    )


def official_call(endpoint: str) -> Callable[[], object]:
    from tencentcloud.common import credential  # type: ignore[import-untyped]
    from tencentcloud.common.profile.client_profile import ClientProfile  # type: ignore[import-untyped]
    from tencentcloud.common.profile.http_profile import HttpProfile  # type: ignore[import-untyped]
    from tencentcloud.live.v20180801 import live_client, models  # type: ignore[import-untyped]

    http = HttpProfile(reqMethod="POST", endpoint=endpoint.removeprefix("http://"), protocol="http")
    client = live_client.LiveClient(
        credential.Credential(SECRET_ID, SECRET_KEY), REGION, ClientProfile(httpProfile=http)
    )

    def call() -> object:
        request = models.DropLiveStreamRequest()
        request.DomainName, request.AppName = STREAM["DomainName"], STREAM["AppName"]
        request.StreamName = STREAM["StreamName"]
        return client.DropLiveStream(request)

    return call


CLIENTS = {"generated": generated_call, "official SDK": official_call}


def _rate(call: Callable[[], object], calls: int) -> tuple[float, float]:
    """(calls per second of wall time, CPU seconds per call) over `calls` calls."""
    call()  # warm up: connection, lazy imports
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - wall), (time.process_time() - cpu) / calls


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
    results: dict[str, dict[str, float]] = {}
    with serving() as endpoint:
        for name, make in CLIENTS.items():
            calls_per_s, _ = _rate(make(endpoint), CALLS)
            results[name] = {"calls_per_s": calls_per_s}
    with stubbed_transport():
        for name, make in CLIENTS.items():
            _, cpu = _rate(make("http://127.0.0.1:9"), CALLS * 5)
            results[name]["cpu_us_per_call_stubbed"] = cpu * 1e6
    return results
