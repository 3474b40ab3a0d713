"""`python -m generated.live_v20180801` and the in-process runner the other CLI tests use
(`conftest.run_inprocess`) give the same exit status, stdout, stderr and request for each
kind of command line: so the loops over every action, parameter and code can run in-process
and still say what a user would see, and each path of the CLI also runs once in a fresh
interpreter (its deferred imports, `__main__`, exit status)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generated.live_v20180801._meta import ACTIONS

from .conftest import Result
from .fake_api import FakeAPI
from .samples import every_parameter

EVERY = every_parameter(ACTIONS["CreateLivePullStreamTask"], {})[0]
DROP = ["DropLiveStream", "--StreamName", "s", "--DomainName", "d", "--AppName", "live"]


def _comparable(result: Result) -> Result:
    """Dry runs print the signing time; everything else is compared as printed."""
    stamp = re.compile(r"(X-TC-Timestamp: |Credential=AKIDtest/)[\d-]+")
    return Result(result.status, stamp.sub(r"\1*", result.out), stamp.sub(r"\1*", result.err))


INPUT = "file://INPUT"  # replaced by a JSON file of the test's
ERROR = {"Error": {"Code": "ResourceNotFound.StreamNotExist", "Message": "gone"}}

SCENARIOS: dict[str, tuple[list[str], bool, list[dict[str, Any]]]] = {
    # name: (argv, whether the endpoint and key are added, answers to queue)
    "top help": (["help"], False, []),
    "action help": (["CreateLivePullStreamTask", "help"], False, []),
    "unknown action": (["DropLiveStreams"], True, []),
    "usage error": ([*DROP, "--NoSuchParam", "1"], True, []),
    "missing credentials": (DROP, False, []),
    "every parameter": (["CreateLivePullStreamTask", *EVERY], True, [{"Extra": 1}]),
    "api error": (DROP, True, [ERROR]),
    "skeleton": (["CreateLivePullStreamTask", "--generate-cli-skeleton"], False, []),
    "input file": (["DropLiveStream", "--cli-input-json", INPUT], True, []),
    "table and filter": ([*DROP, "--output", "table", "--filter", "RequestId"], True, []),
    "dry run": ([*DROP, "--dry-run", "--region", "ap-guangzhou"], True, []),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_child_process_and_inprocess_runs_agree(
    cli: Any, cli_process: Any, api: FakeAPI, tmp_path: Path, scenario: str
) -> None:
    argv, call, answers = SCENARIOS[scenario]
    source = tmp_path / "input.json"
    source.write_text(json.dumps({"StreamName": "j", "DomainName": "d", "AppName": "live"}))
    argv = [f"file://{source}" if word == INPUT else word for word in argv]
    runs = []
    for run in (cli_process, cli):
        api.reset()
        for answer in answers:
            api.answer(answer)
        result = run(*argv, call=call)
        runs.append((_comparable(result), [(r.method, r.path, r.body) for r in api.received]))
    (process, sent_by_process), (inprocess, sent_inprocess) = runs
    assert process == inprocess
    assert sent_by_process == sent_inprocess
    assert process.out or process.err  # every scenario prints something
