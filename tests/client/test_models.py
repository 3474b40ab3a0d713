"""Typed calls with nested structures and arrays: dataclasses <-> wire JSON, both ways.

Uses the `demo` package (tests/client/demo_spec) because the committed live spec has no
structures yet; the request bytes are compared with the official SDK given the same JSON.
"""

from __future__ import annotations

import importlib
import json
from types import ModuleType
from typing import Any

import pytest

from .conftest import SECRET_ID, SECRET_KEY
from .support import RecordingServer, frozen_sdk_clock, official_client

TIMESTAMP = 1_700_000_123
WIRE = {
    "Widgets": [
        {"Name": "w1", "Size": 3, "Labels": [{"Key": "k", "Value": "välue"}]},
        {"Name": "w2"},
    ],
    "Tags": ["a", "直播"],
    "Config": {"Mode": "fast", "Limits": [1, 2]},
    "DryRun": False,
    "Ratio": 0.5,
}


def demo_client(demo: ModuleType, server: RecordingServer, **options: Any) -> Any:
    settings = {"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "region": "ap-guangzhou"}
    return demo.DemoClient(
        endpoint=server.endpoint, clock=lambda: TIMESTAMP, **{**settings, **options}
    )


def parameter_error(demo: ModuleType) -> Any:
    return importlib.import_module(f"{demo.__name__}._runtime.exceptions").ParameterError


def typed_call(demo: ModuleType, client: Any) -> Any:
    m = demo.models
    return client.create_widgets(
        widgets=[
            m.Widget(name="w1", size=3, labels=[m.Label(key="k", value="välue")]),
            m.Widget(name="w2"),
        ],
        tags=["a", "直播"],
        config=m.WidgetConfig(mode="fast", limits=[1, 2]),
        dry_run=False,
        ratio=0.5,
    )


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_nested_typed_call_sends_the_official_sdk_request(
    demo: ModuleType, server: RecordingServer, method: str
) -> None:
    typed_call(demo, demo_client(demo, server, method=method))
    sdk = official_client(
        "demo", "2020-01-01", endpoint=f"127.0.0.1:{server.port}", method=method,
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-guangzhou", scheme="http",
    )  # fmt: skip
    with frozen_sdk_clock(lambda: TIMESTAMP):
        sdk.call("CreateWidgets", WIRE)
    ours, theirs = server.requests
    assert ours.comparable() == theirs.comparable()
    if method == "POST":
        assert json.loads(ours.body) == WIRE


def test_nested_response_becomes_dataclasses(demo: ModuleType, server: RecordingServer) -> None:
    answer = {"WidgetSet": WIRE["Widgets"], "Total": 2, "RequestId": "r-1", "Newer": 1}
    server.replies.append((200, "application/json", json.dumps({"Response": answer}).encode()))
    response = typed_call(demo, demo_client(demo, server))
    m = demo.models
    assert response.widget_set == [
        m.Widget(name="w1", size=3, labels=[m.Label(key="k", value="välue")]),
        m.Widget(name="w2"),
    ]
    assert (response.total, response.request_id) == (2, "r-1")
    assert response.raw["Newer"] == 1  # fields newer than the spec stay reachable


def test_nested_validation_names_the_path(demo: ModuleType, server: RecordingServer) -> None:
    client = demo_client(demo, server)
    with pytest.raises(parameter_error(demo)) as raised:
        client.create_widgets(widgets=[demo.models.Widget(name=None)])
    assert raised.value.parameter == "Widgets.0.Name"
    assert server.requests == []


def test_region_required_by_the_action_is_checked_first(
    demo: ModuleType, server: RecordingServer
) -> None:
    client = demo_client(demo, server, region=None)
    with pytest.raises(parameter_error(demo)) as raised:
        client.create_widgets(widgets=[demo.models.Widget(name="w")])
    assert (raised.value.code, raised.value.parameter) == ("MissingParameter", "Region")
    assert server.requests == []
