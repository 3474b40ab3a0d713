"""Live stream lifecycle handlers, on a Live spec that has the whole lifecycle (generated from
a temporary spec tree: spec/ plus extra_actions/), driven by the official SDK in-process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

import pytest
from tencentcloud.live.v20180801 import models

from generated.live_v20180801 import _meta as committed_meta
from generated.live_v20180801 import mock as committed_mock

from .helpers import KEYS, STREAM, official_client, sdk_call

OTHER = {**STREAM, "StreamName": "never-seeded"}


@pytest.fixture
def live(full_live: ModuleType) -> Any:
    app = full_live.create_app(keys=KEYS)
    app.seed({"streams": [STREAM]})
    return app


def _state(full_live: ModuleType, app: Any, stream: dict[str, str]) -> str:
    with full_live.activate(app):
        request = models.DescribeLiveStreamStateRequest()
        request._deserialize(dict(stream))
        return str(official_client().DescribeLiveStreamState(request).StreamState)


def _call(full_live: ModuleType, app: Any, action: str, stream: dict[str, str]) -> str:
    with full_live.activate(app):
        return sdk_call(official_client(), action, stream)


def test_drop_then_resume(full_live: ModuleType, live: Any) -> None:
    assert _state(full_live, live, STREAM) == "active"
    assert _call(full_live, live, "DropLiveStream", STREAM) == "ok"
    assert _state(full_live, live, STREAM) == "inactive"
    assert _call(full_live, live, "DropLiveStream", STREAM) == "ok"  # inactive: still succeeds
    assert _state(full_live, live, STREAM) == "inactive"
    assert _call(full_live, live, "ResumeLiveStream", STREAM) == "ok"
    assert _state(full_live, live, STREAM) == "active"


def test_forbid_survives_drop_until_resumed(full_live: ModuleType, live: Any) -> None:
    assert _call(full_live, live, "ForbidLiveStream", {**STREAM, "Reason": "test"}) == "ok"
    assert _call(full_live, live, "DropLiveStream", STREAM) == "ok"
    assert _state(full_live, live, STREAM) == "forbid"
    assert _call(full_live, live, "ResumeLiveStream", STREAM) == "ok"
    assert _state(full_live, live, STREAM) == "active"


def test_unknown_streams_are_inactive_and_drop_succeeds(full_live: ModuleType, live: Any) -> None:
    assert _state(full_live, live, OTHER) == "inactive"
    assert _call(full_live, live, "DropLiveStream", OTHER) == "ok"
    assert live.snapshot() == {"streams": [STREAM]}  # dropping learns nothing new


def test_seeded_state_is_honoured(full_live: ModuleType, live: Any) -> None:
    live.seed({"streams": [{**STREAM, "State": "forbid"}]})
    assert _state(full_live, live, STREAM) == "forbid"


def test_synthesized_response_without_examples(full_live: ModuleType, live: Any) -> None:
    with full_live.activate(live):
        request = models.DescribeLiveStreamOnlineListRequest()
        request._deserialize({"PageNum": 1, "PageSize": 10})
        response = official_client(method="GET").DescribeLiveStreamOnlineList(request)
    [info] = response.OnlineInfo
    assert response.TotalNum == 1  # the total counts the synthesized item
    assert (info.StreamName, info.AppName, info.DomainName) == ("", "", "")
    assert live.calls()[-1].params == {"PageNum": 1, "PageSize": 10}  # GET strings typed


LIFECYCLE = ["DescribeLiveStreamState", "DropLiveStream", "ForbidLiveStream", "ResumeLiveStream"]


def test_handlers_follow_the_spec() -> None:
    """Handlers are rendered exactly for the lifecycle actions the committed spec has."""
    expected = [name for name in LIFECYCLE if name in committed_meta.ACTIONS]
    assert committed_mock.HANDLERS.actions() == expected


def test_handlers_of_the_full_spec(full_live: ModuleType) -> None:
    assert full_live.HANDLERS.actions() == LIFECYCLE


def test_state_is_thread_safe(full_live: ModuleType) -> None:
    app = full_live.create_app(rate_limit=False)
    streams = [{**STREAM, "StreamName": f"s{i}"} for i in range(40)]
    app.seed({"streams": streams})
    with full_live.activate(app), ThreadPoolExecutor(8) as pool:
        client = official_client()
        results = list(pool.map(lambda s: sdk_call(client, "DropLiveStream", s), streams * 3))
    assert results == ["ok"] * 120
    assert {s["State"] for s in app.snapshot()["streams"]} == {"inactive"}
    assert len(app.calls()) == 120
