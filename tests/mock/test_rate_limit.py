"""The documented rate limit (DropLiveStream: 100/s) enforced over loopback, with a pinned clock."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from generated.live_v20180801 import mock as live_mock
from generated.live_v20180801._meta import ACTIONS
from tests.windows import busiest_window

from .helpers import (
    KEYS,
    SECRET_ID,
    SECRET_KEY,
    STREAM,
    FakeClock,
    official_client,
    sdk_call,
    tc3_headers,
)

LIMIT = ACTIONS["DropLiveStream"].rate_limit


def _flood(
    server: live_mock.ServerThread,
    count: int,
    secret_id: str = SECRET_ID,
    secret_key: str = SECRET_KEY,
) -> dict[str, int]:
    client = official_client(server.endpoint.removeprefix("http://"), secret_id, secret_key)
    outcomes: dict[str, int] = {}
    for _ in range(count):
        outcome = sdk_call(client, "DropLiveStream", STREAM)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def test_exactly_the_documented_limit_passes_per_second(
    server: live_mock.ServerThread, clock: FakeClock
) -> None:
    assert LIMIT == 100
    assert _flood(server, LIMIT + 50) == {"ok": LIMIT, "RequestLimitExceeded": 50}
    clock.now += 0.5  # still the same second: nothing refills half-way
    assert _flood(server, LIMIT) == {"RequestLimitExceeded": LIMIT}
    clock.now += 0.5  # the first hundred leave the window together
    assert _flood(server, LIMIT + 1) == {"ok": LIMIT, "RequestLimitExceeded": 1}
    clock.now += 5  # a quiet spell never banks extra
    assert _flood(server, LIMIT + 1) == {"ok": LIMIT, "RequestLimitExceeded": 1}


def _concurrent(server: live_mock.ServerThread, count: int) -> None:
    body = json.dumps(STREAM).encode()
    host = server.endpoint.removeprefix("http://")

    def one(_: int) -> str:
        headers = {**tc3_headers(host, body), "X-TC-Region": "ap-guangzhou"}
        answer = requests.post(server.endpoint, data=body, headers=headers, timeout=30)
        return str(answer.json()["Response"].get("Error", {}).get("Code", "ok"))

    with ThreadPoolExecutor(max_workers=count) as pool:
        outcomes = set(pool.map(one, range(count)))
    assert outcomes <= {"ok", "RequestLimitExceeded"}


def test_concurrent_floods_on_the_real_clock_never_pass_the_rate() -> None:
    """150 concurrent DropLiveStream calls, twice, half a second apart, on the wall clock:
    no one-second window holds more than 100 accepted calls (the issue measured 136)."""
    app = live_mock.create_app(keys=KEYS)
    with live_mock.ServerThread(app) as server:
        _concurrent(server, LIMIT + 50)
        time.sleep(0.5)
        _concurrent(server, LIMIT + 50)
    accepted = [call.received_at or 0.0 for call in app.calls() if call.error is None]
    refused = [call for call in app.calls() if call.error == "RequestLimitExceeded"]
    assert len(accepted) + len(refused) == 2 * (LIMIT + 50)
    assert len(accepted) >= LIMIT
    assert busiest_window(accepted) <= LIMIT


def test_windows_are_per_secret_id(app: live_mock.MockApp, server: live_mock.ServerThread) -> None:
    app.keys = {**KEYS, "AKIDother": "other-key"}
    assert _flood(server, LIMIT + 1) == {"ok": LIMIT, "RequestLimitExceeded": 1}
    assert _flood(server, 1, "AKIDother", "other-key") == {"ok": 1}


def test_rate_limit_can_be_switched_off(
    app: live_mock.MockApp, server: live_mock.ServerThread
) -> None:
    answer = requests.post(f"{server.endpoint}/_mock/rate-limit", json={"enabled": False})
    assert answer.json() == {"ok": True} and app.rate_limit is False
    assert _flood(server, LIMIT + 20) == {"ok": LIMIT + 20}


def test_off_by_constructor() -> None:
    assert live_mock.create_app(rate_limit=False).rate_limit is False
