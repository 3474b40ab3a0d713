"""The official Node.js SDKs, pinned, driven from tests: the international edition (npm
`tencentcloud-sdk-nodejs-intl-en`, `INTL`) and the domestic one (`tencentcloud-sdk-nodejs`,
`DOMESTIC`, the release issue 21 was found with).

`install()` runs `npm install --prefix` once into `.tcgen-cache/npm/` (a fresh directory is
filled and then renamed, so an interrupted install never looks complete); `node_calls` runs
`call.js` with `node` and returns one outcome per call. An install prefix holds one edition,
and `call.js` drives whichever it finds there.
"""

from __future__ import annotations

import base64
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.staged import install_once


@dataclass(frozen=True)
class Edition:
    """One npm release of the official SDK."""

    package: str
    version: str


INTL = Edition("tencentcloud-sdk-nodejs-intl-en", "3.0.1335")
DOMESTIC = Edition("tencentcloud-sdk-nodejs", "4.1.313")
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".tcgen-cache" / "npm"
DRIVER = Path(__file__).with_name("call.js")


def install(edition: Edition = INTL, cache: Path = CACHE) -> Path:
    """The install prefix of the pinned SDK, installed from the npm registry when missing."""
    prefix = cache / f"{edition.package}-{edition.version}"
    return install_once(
        prefix,
        prefix / "node_modules" / edition.package / "package.json",
        lambda staging: ["npm", "install", "--prefix", str(staging), "--no-audit", "--no-fund",
                         "--no-save", f"{edition.package}@{edition.version}"],
        timeout=600,
    )  # fmt: skip


@dataclass
class NodeCall:
    """One API call: a `service` with a typed client in the SDK uses it, others CommonClient."""

    action: str
    params: dict[str, Any] = field(default_factory=dict)
    service: str = "live"
    version: str = "2018-08-01"
    options: dict[str, Any] | None = None
    """The CommonClient's request options (`{"multipart": True}`); forces the CommonClient."""
    body: bytes | None = None
    """Sent by the CommonClient's `requestOctetStream`, with `headers` on the profile."""
    headers: dict[str, str] | None = None
    endpoint: str | None = None
    """This call's endpoint instead of `node_calls`' (a service's path: `127.0.0.1:PORT/cvm`)."""


@dataclass
class Outcome:
    ok: bool
    response: dict[str, Any]
    code: str | None
    events: list[str] | None = None
    """A Server-Sent Events answer: each event's data, as the SDK's iterator gave it."""
    http_code: int | None = None
    """The HTTP status the SDK refused (not 200), if that is why the call failed."""
    ms: float = 0.0
    """The call's wall time in the SDK, in milliseconds."""
    error_request_id: str | None = None
    message: str = ""

    @property
    def request_id(self) -> str | None:
        """The answer's RequestId, also of an error answer."""
        return self.response.get("RequestId") or self.error_request_id or None

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
    keep_alive: bool = False,
    request_timeout: float | None = None,
    timeout: float = 120,
) -> list[Outcome]:
    """Run `calls` in order through the SDK at `endpoint` (`127.0.0.1:PORT`, plain HTTP),
    with a session `token` when given (temporary credentials). With `keep_alive`, one client
    per service, version and endpoint serves all its calls on a kept-alive connection; the
    SDK gives up on a request after `request_timeout` seconds (its default: 60), the whole
    run fails after `timeout`."""
    setup = {
        "keepAlive": keep_alive,
        "timeout": request_timeout,
        "token": token,
        "endpoint": endpoint,
        "method": method,
        "signMethod": sign_method,
        "secretId": secret_id,
        "secretKey": secret_key,
        "region": region,
        "calls": [_wire(call) for call in calls],
    }
    run = subprocess.run(
        ["node", str(DRIVER), str(prefix)],
        input=json.dumps(setup), capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    return [
        Outcome(
            bool(line["ok"]), line.get("response") or {}, line.get("code"), line.get("events"),
            line.get("httpCode"), float(line["ms"]), line.get("requestId"),
            line.get("message") or "",
        )  # fmt: skip
        for line in lines
    ]


def _wire(call: NodeCall) -> dict[str, Any]:
    """A call as `call.js` reads it: unset fields left out, the body in base64."""
    wire = {name: value for name, value in vars(call).items() if value is not None}
    if call.body is not None:
        wire["body"] = base64.b64encode(call.body).decode("ascii")
    return wire
