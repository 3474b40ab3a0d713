"""Side by side with the official tccli against the same server: same body, same stdout."""

from __future__ import annotations

from typing import Any

from .fake_api import FakeAPI

ARGS = [
    "DropLiveStream",
    "--StreamName",
    "stream1",
    "--DomainName",
    "5000.livepush.myqcloud.com",
    "--AppName",
    "live",
]


def test_same_request_body_and_same_stdout_json(cli: Any, tccli: Any, api: FakeAPI) -> None:
    ours = cli(*ARGS)
    api.reset()
    theirs = tccli(*ARGS)
    assert ours.status == theirs.status == 0, theirs.err
    assert ours.out == theirs.out
    ours_requests = []
    api.reset()
    cli(*ARGS)
    ours_requests = [r.params for r in api.received]
    api.reset()
    tccli(*ARGS)
    assert ours_requests == [r.params for r in api.received]
    assert list(ours_requests[0]) == list(api.received[0].params)
