"""The documented rate limit (DropLiveStream: 100/s) enforced over loopback, with a pinned clock."""

from __future__ import annotations

import requests

from generated.live_v20180801 import mock as live_mock
from generated.live_v20180801._meta import ACTIONS

from .helpers import KEYS, SECRET_ID, SECRET_KEY, STREAM, FakeClock, official_client, sdk_call

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
    clock.now += 0.5  # half a second refills half the bucket
    assert _flood(server, LIMIT) == {"ok": LIMIT // 2, "RequestLimitExceeded": LIMIT // 2}
    clock.now += 5  # the bucket never holds more than one second's worth
    assert _flood(server, LIMIT + 1) == {"ok": LIMIT, "RequestLimitExceeded": 1}


def test_buckets_are_per_secret_id(app: live_mock.MockApp, server: live_mock.ServerThread) -> None:
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
