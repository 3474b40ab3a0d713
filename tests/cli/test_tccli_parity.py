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


def test_same_request_body_and_same_stdout_json(cli: Any, tccli: Any, api: FakeAPI) -> None:
    ours = cli(*ARGS)
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
