"""Side by side with the official tccli against the same server: same body, same stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .conftest import PACKAGE, TCCLI, run_command
from .fake_api import FakeAPI

ARGS = ["DropLiveStream", "--StreamName", "stream1", "--DomainName", "5000.livepush.myqcloud.com"]
ARGS += ["--AppName", "live"]


def test_same_request_body_and_same_stdout_json(cli_process: Any, tccli: Any, api: FakeAPI) -> None:
    ours = cli_process(*ARGS)
    (our_request,) = api.received
    api.reset()  # the same RequestId again
    theirs = tccli(*ARGS)
    (their_request,) = api.received
    assert ours.status == theirs.status == 0, theirs.err
    assert ours.out == theirs.out
    assert our_request.body == their_request.body


def test_tccli_profile_variable_picks_the_profile_as_tccli_does(api: FakeAPI, home: Path) -> None:
    """TCCLI_PROFILE names the profile when `--profile` is absent: its key and its region."""
    profiles = home / ".tccli"
    profiles.mkdir()
    for name, key, region in (
        ("default", "AKIDdefault", "ap-beijing"),
        ("work", "AKIDwork", "ap-shanghai"),
    ):
        (profiles / f"{name}.credential").write_text(
            json.dumps({"secretId": key, "secretKey": f"{name}-secret"})
        )
        (profiles / f"{name}.configure").write_text(
            json.dumps({"_sys_param": {"region": region, "output": "json"}})
        )
    commands = {
        "ours": [sys.executable, "-m", PACKAGE, *ARGS, "--endpoint", api.url],
        "tccli": [str(TCCLI), "live", *ARGS, "--endpoint", api.url],
    }
    seen = {}
    for who, command in commands.items():
        api.reset()
        done = run_command(command, home, TCCLI_PROFILE="work")
        assert done.status == 0, done.err
        (request,) = api.received
        seen[who] = (request.headers["X-TC-Region"], request.headers["Authorization"].split("/")[0])
    assert seen["ours"] == seen["tccli"] == ("ap-shanghai", "TC3-HMAC-SHA256 Credential=AKIDwork")


PULL_TASK = ["CreateLivePullStreamTask", "--SourceType", "PullLivePushLive"]
PULL_TASK += ["--SourceUrls", "rtmp://a/live/s1", "rtmp://b/live/s1"]
PULL_TASK += ["--DomainName", "5000.livepush.myqcloud.com", "--AppName", "live"]
PULL_TASK += ["--StreamName", "s1", "--StartTime", "2026-11-24T11:00:00Z"]
PULL_TASK += ["--EndTime", "2026-11-25T11:00:00Z", "--Operator", "me"]
UNFOLDED = [
    f"--WatermarkList.{index}.{member}={value}"
    for index, url in enumerate(["http://x/a.png", "http://x/b.png"])
    for member, value in [("PictureUrl", url), ("XPosition", index), ("YPosition", 5),
                          ("Width", 20), ("Height", 10), ("Location", 0)]
]  # fmt: skip


def test_unfolded_members_build_the_same_request_as_tccli(
    cli_process: Any, tccli: Any, api: FakeAPI
) -> None:
    """`--cli-unfold-argument --WatermarkList.0.PictureUrl URL ...`: nested parameters member
    by member, converted by their spec types (XPosition is an integer), in tccli's order."""
    ours = cli_process(*PULL_TASK, "--cli-unfold-argument", *UNFOLDED)
    (our_request,) = api.received
    api.reset()
    theirs = tccli(*PULL_TASK, "--cli-unfold-argument", *UNFOLDED)
    (their_request,) = api.received
    assert ours.status == theirs.status == 0, (ours.err, theirs.err)
    assert our_request.body == their_request.body
    assert json.loads(our_request.body)["WatermarkList"][1] == {
        "PictureUrl": "http://x/b.png", "XPosition": 1, "YPosition": 5, "Width": 20,
        "Height": 10, "Location": 0,
    }  # fmt: skip
