"""Import time of the generated Live package vs the official SDK's, models + client each.

Each sample is a fresh interpreter timing only the import statement, so interpreter start-up
is excluded; the median of several samples is reported.
"""

from __future__ import annotations

import subprocess

from .common import PYTHON, clean_env

RUNS = 7
MODULES = {
    "generated": "generated.live_v20180801.models, generated.live_v20180801.client",
    "official SDK": "tencentcloud.live.v20180801.models, tencentcloud.live.v20180801.live_client",
}
_PROBE = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"


def _sample(modules: str) -> float:
    done = subprocess.run(
        [PYTHON, "-c", _PROBE.format(m=modules)],
        env=clean_env(), capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return float(done.stdout)


def run() -> dict[str, dict[str, float]]:
    results = {}
    for name, modules in MODULES.items():
        samples = sorted(_sample(modules) for _ in range(RUNS))
        results[name] = {"import_ms": samples[RUNS // 2] * 1000}
    return results
