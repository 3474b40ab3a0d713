"""The generated mock (engine and per-service package) passes `mypy --strict`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mock_is_strictly_typed() -> None:
    packages = ["generated.live_v20180801.mock", "generated.live_v20180801._runtime.mock.route"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
        + [argument for package in packages for argument in ("-p", package)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
