"""The documented fuzzing command: `schemathesis run` with `SCHEMATHESIS_HOOKS=
tcgen.emulator.schemathesis_hooks` against `tcgen mock` signs every call, and its
`no_internal_error` check fails a run in which the emulator answers InternalError."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import requests
from tcgen.output import openapi

from tests.openapi.conftest import SECRET_ID, SECRET_KEY

CHECKS = "not_a_server_error,response_schema_conformance,no_internal_error"


def _schemathesis(document: dict[str, Any], url: str, tmp_path: Path, operation: str) -> int:
    path = tmp_path / "doc.json"
    path.write_text(openapi.dumps(document), encoding="utf-8")
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tcgen.emulator.schemathesis_hooks",
        "TENCENTCLOUD_SECRET_ID": SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": SECRET_KEY,
    }
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run", str(path), "--url", url,
        "--mode", "positive", "--checks", CHECKS, "--max-examples", "2", "--phases", "fuzzing",
        "--include-operation-id", operation, "--seed", "1",
    ]  # fmt: skip
    done = subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )  # its cache (.schemathesis/) goes to the temp dir, not the checkout
    return done.returncode


def _calls(url: str) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = requests.get(f"{url}/_mock/live/calls", timeout=10).json()[
        "calls"
    ]
    return calls


def test_the_hooks_sign_every_call_schemathesis_makes(
    live_document: dict[str, Any], live_mock: str, tmp_path: Path
) -> None:
    assert _schemathesis(live_document, live_mock, tmp_path, "DropLiveStream") == 0
    calls = _calls(live_mock)
    assert calls and all(c["secret_id"] == SECRET_ID and c["error"] is None for c in calls), [
        c["error"] for c in calls
    ]


def test_no_internal_error_fails_the_run(
    live_document: dict[str, Any], live_mock: str, tmp_path: Path
) -> None:
    injected = {"action": "DropLiveStream", "code": "InternalError", "rate": 1.0}
    requests.post(f"{live_mock}/_mock/live/errors", data=json.dumps(injected), timeout=10)
    assert _schemathesis(live_document, live_mock, tmp_path, "DropLiveStream") == 1
    assert {c["error"] for c in _calls(live_mock)} == {"InternalError"}
