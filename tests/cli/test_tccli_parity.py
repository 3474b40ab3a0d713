"""Side by side with the official tccli against the same server: same body, same stdout."""

from __future__ import annotations

from typing import Any

from .fake_api import FakeAPI

ARGS = ["DropLiveStream", "--StreamName", "stream1", "--DomainName", "5000.livepush.myqcloud.com"]
ARGS += ["--AppName", "live"]


def test_same_request_body_and_same_stdout_json(cli: Any, tccli: Any, api: FakeAPI) -> None:
    ours = cli(*ARGS)
    (our_request,) = api.received
    api.reset()  # the same RequestId again
    theirs = tccli(*ARGS)
    (their_request,) = api.received
    assert ours.status == theirs.status == 0, theirs.err
    assert ours.out == theirs.out
    assert our_request.body == their_request.body
