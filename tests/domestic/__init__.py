"""The domestic (mainland China) editions of the official Python SDK and tccli, pinned.

They share the `tencentcloud` and `tccli` import names with the `-intl-en` editions the test
venv holds, so installing them there would replace those. `install()` puts them, once, into
their own directory with `pip install --target` (`.tcgen-cache/pypi/`; a fresh directory is
filled and then renamed, so an interrupted install never looks complete). tcgen reads the
tccli models from it (`import-tccli --tccli-dir`); the SDK runs in a subprocess (`call.py`)
that puts the directory first on its path, so neither edition ever sees the other.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.staged import install_once

SDK, SDK_VERSION = "tencentcloud-sdk-python", "3.1.189"
TCCLI, TCCLI_VERSION = "tccli", "3.1.189.1"  # the release built on that SDK
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".tcgen-cache" / "pypi"
DRIVER = Path(__file__).with_name("call.py")


def install(cache: Path = CACHE) -> Path:
    """The directory holding the pinned domestic SDK and tccli, installed when missing."""
    target = cache / f"{TCCLI}-{TCCLI_VERSION}"
    return install_once(
        target,
        target / "tccli" / "services",
        lambda staging: [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                         "--target", str(staging), f"{SDK}=={SDK_VERSION}",
                         f"{TCCLI}=={TCCLI_VERSION}"],
        timeout=900,
    )  # fmt: skip


def services(target: Path) -> Path:
    """tccli's models in the install (what `import-tccli --tccli-dir` reads)."""
    return target / "tccli" / "services"


def sdk(target: Path) -> Path:
    """The SDK's `tencentcloud/` in the install (what `import-tccli --sdk-dir` reads)."""
    return target / "tencentcloud"


@dataclass
class Call:
    service: str
    version: str
    action: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    ok: bool
    response: dict[str, Any]
    code: str | None
    events: list[dict[str, Any]] = field(default_factory=list)
    """A streamed answer's events (their data), in order."""
    ms: float = 0.0
    """The call's wall time in the SDK, in milliseconds."""
    error_request_id: str | None = None
    message: str = ""

    @property
    def request_id(self) -> str | None:
        """The answer's RequestId, also of an error answer."""
        return self.response.get("RequestId") or self.error_request_id or None


def calls(
    target: Path,
    endpoint: str,
    todo: list[Call],
    *,
    secret: tuple[str, ...],
    keep_alive: bool = False,
    request_timeout: float | None = None,
    timeout: float = 120,
) -> list[Outcome]:
    """Run `todo` in order through the domestic SDK's typed clients at `endpoint`
    (`127.0.0.1:PORT`, plain HTTP); one outcome per call. With `keep_alive`, one client per
    service version serves all its calls on a kept-alive connection; the SDK gives up on a
    request after `request_timeout` seconds (its default: 60), the whole run after `timeout`."""
    setup = {
        "endpoint": endpoint, "secret": list(secret), "keepAlive": keep_alive,
        "timeout": request_timeout, "calls": [vars(one) for one in todo],
    }  # fmt: skip
    run = subprocess.run(
        [sys.executable, str(DRIVER), str(target)],
        input=json.dumps(setup), capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    return [
        Outcome(
            line["ok"], line.get("response") or {}, line.get("code"), line.get("events", []),
            float(line["ms"]), line.get("requestId"), line.get("message") or "",
        )  # fmt: skip
        for line in lines
    ]
