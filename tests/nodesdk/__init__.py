"""The official Node.js SDK (npm `tencentcloud-sdk-nodejs-intl-en`, pinned) driven from tests.

`install()` runs `npm install --prefix` once into `.tcgen-cache/npm/` (a fresh directory is
filled and then renamed, so an interrupted install never looks complete); `node_calls` runs
`call.js` with `node` and returns one outcome per call.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE = "tencentcloud-sdk-nodejs-intl-en"
VERSION = "3.0.1335"
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".tcgen-cache" / "npm"
DRIVER = Path(__file__).with_name("call.js")


def install(cache: Path = CACHE) -> Path:
    """The install prefix of the pinned SDK, installed from the npm registry when missing."""
    prefix = cache / f"{PACKAGE}-{VERSION}"
    if (prefix / "node_modules" / PACKAGE / "package.json").is_file():
        return prefix
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=cache))
    try:
        subprocess.run(
            ["npm", "install", "--prefix", str(staging), "--no-audit", "--no-fund",
             "--no-save", f"{PACKAGE}@{VERSION}"],
            check=True, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        try:
            os.rename(staging, prefix)
        except OSError:  # another run finished first; its install is as good
            if not (prefix / "node_modules" / PACKAGE / "package.json").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return prefix


@dataclass
class NodeCall:
    """One API call: a `service` with a typed client in the SDK uses it, others CommonClient."""

    action: str
    params: dict[str, Any] = field(default_factory=dict)
    service: str = "live"
    version: str = "2018-08-01"


@dataclass
class Outcome:
    ok: bool
    response: dict[str, Any]
    code: str | None

    @property
    def result(self) -> str:
        """ "ok" or the error code, like the Python helpers' `sdk_call`."""
        return "ok" if self.ok else str(self.code)


def node_calls(
    prefix: Path,
    endpoint: str,
    calls: list[NodeCall],
    *,
    secret_id: str,
    secret_key: str,
    method: str = "POST",
    sign_method: str = "TC3-HMAC-SHA256",
    region: str = "ap-guangzhou",
    token: str | None = None,
) -> list[Outcome]:
    """Run `calls` in order through the SDK at `endpoint` (`127.0.0.1:PORT`, plain HTTP),
    with a session `token` when given (temporary credentials)."""
    setup = {
        "token": token,
        "endpoint": endpoint,
        "method": method,
        "signMethod": sign_method,
        "secretId": secret_id,
        "secretKey": secret_key,
        "region": region,
        "calls": [vars(call) for call in calls],
    }
    run = subprocess.run(
        ["node", str(DRIVER), str(prefix)],
        input=json.dumps(setup), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    return [
        Outcome(bool(line["ok"]), line.get("response") or {}, line.get("code")) for line in lines
    ]
