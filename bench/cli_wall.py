"""Wall time of one DropLiveStream call from the command line: generated CLI vs tccli.

Both call the same mock server over loopback with the same keys; each sample is a whole
process (start-up, parsing, signing, the HTTP round trip, printing). Median of several.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from .common import PYTHON, REGION, SECRET_ID, SECRET_KEY, STREAM, clean_env, serving, wall

RUNS = 7
TCCLI = Path(PYTHON).with_name("tccli")


def _commands(endpoint: str) -> dict[str, list[str]]:
    params = [f"--{name}={value}" for name, value in STREAM.items()]
    keys = ["--secretId", SECRET_ID, "--secretKey", SECRET_KEY, "--region", REGION]
    return {
        "generated": [PYTHON, "-m", "generated.live_v20180801", "DropLiveStream", *params,
                      *keys, "--endpoint", endpoint],
        "tccli": [str(TCCLI), "live", "DropLiveStream", *params, *keys, "--endpoint", endpoint],
    }  # fmt: skip


def run() -> dict[str, dict[str, float]]:
    results = {}
    with tempfile.TemporaryDirectory() as home, serving() as endpoint:
        env = clean_env(HOME=home)
        for name, command in _commands(endpoint).items():
            samples = [wall(command, env) for _ in range(RUNS)]
            results[name] = {"wall_ms": statistics.median(samples) * 1000}
    return results
