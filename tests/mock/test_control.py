"""The control surface, as Python methods and as JSON under /_mock/: reset, seed, injected
errors and latency, received calls."""

from __future__ import annotations

import pytest
import requests

from generated.live_v20180801 import mock as live_mock

from .helpers import STREAM, official_client, sdk_call


def _drop(app: live_mock.MockApp, times: int = 1) -> list[str]:
    with live_mock.activate(app):
        client = official_client()
        return [sdk_call(client, "DropLiveStream", STREAM) for _ in range(times)]


def test_next_n_calls_fail_with_the_injected_code(app: live_mock.MockApp) -> None:
    app.inject_error("DropLiveStream", "InternalError.GetStreamInfoError", times=2)
    assert _drop(app, 3) == ["InternalError.GetStreamInfoError"] * 2 + ["ok"]
    assert [c.error for c in app.calls("DropLiveStream")] == [
        "InternalError.GetStreamInfoError",
        "InternalError.GetStreamInfoError",
        None,
    ]


def test_a_seeded_fraction_fails_repeatably(clock: object) -> None:
    outcomes = []
    for _ in range(2):
        app = live_mock.create_app(rate_limit=False)
        app.inject_error("*", "FailedOperation", rate=0.3, seed=7)
        outcomes.append(_drop(app, 200))
    assert outcomes[0] == outcomes[1]
    assert 30 < outcomes[0].count("FailedOperation") < 90


def test_injection_accepts_only_codes_and_actions_of_the_spec(app: live_mock.MockApp) -> None:
    with pytest.raises(ValueError, match="not an error code"):
        app.inject_error("DropLiveStream", "Made.Up")
    with pytest.raises(ValueError, match="not an action"):
        app.inject_error("LaunchRocket", "InternalError")
    with pytest.raises(ValueError, match="not both"):
        app.inject_error("DropLiveStream", "InternalError", times=1, rate=0.5)
    app.inject_error("DropLiveStream", "RequestLimitExceeded")  # common codes count too


def test_latency_delays_the_answer(app: live_mock.MockApp) -> None:
    slept: list[float] = []
    app.sleep = slept.append
    app.inject_latency("DropLiveStream", 1.5)
    assert _drop(app) == ["ok"] and slept == [1.5]
    app.inject_latency("DropLiveStream", 0)
    assert _drop(app) == ["ok"] and slept == [1.5]


def test_reset_forgets_everything(app: live_mock.MockApp) -> None:
    app.seed({"streams": [STREAM]})
    app.inject_error("DropLiveStream", "InternalError")
    _drop(app)
    app.reset()
    assert app.snapshot() == {} and app.calls() == []
    assert _drop(app) == ["ok"]


def test_http_control_surface(server: live_mock.ServerThread, app: live_mock.MockApp) -> None:
    base = f"{server.endpoint}/_mock"
    client = official_client(server.endpoint.removeprefix("http://"))
    assert requests.post(f"{base}/seed", json={"streams": [STREAM]}).json() == {"ok": True}
    assert requests.get(f"{base}/state").json() == {"state": {"streams": [STREAM]}}
    assert sdk_call(client, "DropLiveStream", STREAM) == "ok"
    assert requests.get(f"{base}/state").json()["state"]["streams"][0]["State"] == "inactive"
    injected = {"action": "DropLiveStream", "code": "FailedOperation", "times": 1}
    assert requests.post(f"{base}/errors", json=injected).json() == {"ok": True}
    assert sdk_call(client, "DropLiveStream", STREAM) == "FailedOperation"
    assert requests.post(f"{base}/latency", json={"action": "*", "seconds": 0}).ok
    calls = requests.get(f"{base}/calls", params={"action": "DropLiveStream"}).json()["calls"]
    assert [c["error"] for c in calls] == [None, "FailedOperation"]
    assert calls[0]["params"] == STREAM and calls[0]["secret_id"] == app.calls()[0].secret_id
    assert requests.post(f"{base}/reset").json() == {"ok": True}
    assert requests.get(f"{base}/calls").json() == {"calls": []}


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", "errors", {"action": "DropLiveStream", "code": "Nope"}, 400),
        ("POST", "errors", {"action": "DropLiveStream"}, 400),
        ("POST", "errors", {"action": "DropLiveStream", "code": "InternalError", "x": 1}, 400),
        ("POST", "latency", {"seconds": 1}, 400),
        ("POST", "seed", [1, 2], 400),
        ("GET", "teleport", None, 404),
        ("GET", "reset", None, 404),
    ],
)
def test_bad_control_requests_are_4xx(
    server: live_mock.ServerThread, method: str, path: str, body: object, status: int
) -> None:
    answer = requests.request(method, f"{server.endpoint}/_mock/{path}", json=body)
    assert answer.status_code == status and "error" in answer.json()
    assert answer.headers["Content-Type"] == "application/json"
