"""What the mock answers: never a documented error to an ordinary call (it is a fault to
inject instead), and pages whose own paging fields agree with the request and the items."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from generated.live_v20180801 import mock as live_mock

from .helpers import KEYS, STREAM, official_client

NOT_FOUND = {"Error": {"Code": "ResourceNotFound.StreamGone", "Message": "stream s1 is gone"}}
SUCCESS = {"RequestId": "documented"}


@pytest.fixture
def documented_error() -> Iterator[str]:
    """Live with DropLiveStream documenting an error for exactly STREAM (and a success for
    other parameters), served on loopback."""
    examples = {
        **live_mock.SPEC.examples,
        "DropLiveStream": [(dict(STREAM), NOT_FOUND), ({"DomainName": "x"}, SUCCESS)],
        "ResumeLiveStream": [(dict(STREAM), NOT_FOUND)],
    }
    spec = dataclasses.replace(live_mock.SPEC, examples=examples)
    with live_mock.ServerThread(live_mock.MockApp(spec, keys=KEYS, rate_limit=False)) as server:
        yield server.endpoint


def _call(endpoint: str, action: str, params: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = official_client(endpoint.removeprefix("http://")).call_json(
        action, params
    )["Response"]
    return answer


def test_an_error_example_never_answers_a_call(documented_error: str) -> None:
    # even the very parameters the error example documents get a success
    assert "Error" not in _call(documented_error, "DropLiveStream", STREAM)
    assert "Error" not in _call(documented_error, "ResumeLiveStream", STREAM)  # only an error


def test_an_error_example_is_a_named_fault_to_inject(documented_error: str) -> None:
    faults = requests.get(
        f"{documented_error}/_mock/faults", params={"action": "DropLiveStream"}, timeout=10
    ).json()
    assert faults == {"faults": {"ResourceNotFound.StreamGone": "stream s1 is gone"}}
    injected = requests.post(
        f"{documented_error}/_mock/errors",
        json={"action": "DropLiveStream", "code": "ResourceNotFound.StreamGone"},
        timeout=10,
    )
    assert injected.status_code == 200, injected.text
    with pytest.raises(TencentCloudSDKException) as raised:
        _call(documented_error, "DropLiveStream", STREAM)
    assert (raised.value.code, raised.value.message) == (
        "ResourceNotFound.StreamGone",
        "stream s1 is gone",
    )
    assert "Error" not in _call(documented_error, "DropLiveStream", STREAM)  # once only
    unknown = requests.post(
        f"{documented_error}/_mock/errors",
        json={"action": "ResumeLiveStream", "code": "ResourceNotFound.Other"},
        timeout=10,
    )
    assert unknown.status_code == 400


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        ({"PageNum": 2, "PageSize": 3}, (7, 3, 2, 3, ["s3", "s4", "s5"])),
        ({"PageNum": 3, "PageSize": 3}, (7, 3, 3, 3, ["s6"])),
        ({"PageNum": 1, "PageSize": 10}, (7, 1, 1, 10, [f"s{n}" for n in range(7)])),
        ({}, (7, 1, 1, 7, [f"s{n}" for n in range(7)])),
        ({"PageNum": 9, "PageSize": 3}, (7, 3, 9, 3, [])),
    ],
)
def test_paging_fields_agree_with_the_request_and_the_items(
    request_: dict[str, int], expected: tuple[int, int, int, int, list[str]]
) -> None:
    app = live_mock.create_app(keys=KEYS, rate_limit=False)
    online = [{"StreamName": f"s{n}", "AppName": "live"} for n in range(7)]
    app.seed({"items": {"DescribeLiveStreamOnlineList": online}})
    with live_mock.ServerThread(app) as server:
        answer = _call(server.endpoint, "DescribeLiveStreamOnlineList", request_)
    got = (
        answer["TotalNum"],
        answer["TotalPage"],
        answer["PageNum"],
        answer["PageSize"],
        [one["StreamName"] for one in answer["OnlineInfo"]],
    )
    assert got == expected
