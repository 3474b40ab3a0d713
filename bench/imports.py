"""Import time of the generated Live package vs the official SDK's, models + client each, and
of this tree's package vs the same package at `BASELINE` (issue 13 allows 10% growth).

Each sample is a fresh interpreter timing only the import statement, so interpreter start-up
is excluded; samples of the variants are interleaved (so load on the machine hits them
alike) and the median and the minimum of each are reported: on a shared machine the median
swings by tens of percent from run to run, the minimum (the least disturbed sample) is what
the comparisons with the baselines use. The baselines' `generated/` are read from git into
temporary directories.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .common import PYTHON, ROOT, clean_env

RUNS = 21
BASELINE = "8192dd6"
"""main before the async client: pagination, waiters and per-call options already in."""
BEFORE_ISSUE = "c7f7894"
"""main before any of issue 13 (rate limiter, pagination, options, waiters, async)."""
CLIENT = "generated.live_v20180801.models, generated.live_v20180801.client"
MODULES = {
    "generated": (CLIENT, None),
    "generated package": ("generated.live_v20180801", None),
    f"generated at {BASELINE}": (CLIENT, BASELINE),
    f"generated package at {BASELINE}": ("generated.live_v20180801", BASELINE),
    f"generated at {BEFORE_ISSUE}": (CLIENT, BEFORE_ISSUE),
    "official SDK": (
        "tencentcloud.live.v20180801.models, tencentcloud.live.v20180801.live_client",
        None,
    ),
}
_PROBE = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"


def _sample(modules: str, path: Path) -> float:
    """Seconds `import modules` takes in a fresh interpreter that sees `path`'s tree: run in
    `path`, as `python -c` puts the working directory first on sys.path, and `generated`
    is a namespace package that would merge the trees."""
    done = subprocess.run(
        [PYTHON, "-c", _PROBE.format(m=modules)],
        env=clean_env(PYTHONPATH=str(path)), cwd=path, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    return float(done.stdout)


def _check_tree(path: Path) -> None:
    """The package a probe in `path` imports is that tree's."""
    done = subprocess.run(
        [PYTHON, "-c", "import generated.live_v20180801 as p; print(p.__file__)"],
        env=clean_env(PYTHONPATH=str(path)), cwd=path, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    if not Path(done.stdout.strip()).is_relative_to(path):
        raise RuntimeError(f"the probe in {path} imported {done.stdout.strip()}")


@contextmanager
def baseline_tree(revision: str) -> Iterator[Path]:
    """`generated/` of `revision`, extracted from git into a temporary directory."""
    archive = subprocess.run(
        ["git", "archive", revision, "generated"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as directory:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(directory, filter="data")
        yield Path(directory)


def run() -> dict[str, dict[str, float]]:
    with baseline_tree(BASELINE) as baseline, baseline_tree(BEFORE_ISSUE) as before:
        trees = {None: ROOT, BASELINE: baseline, BEFORE_ISSUE: before}
        for tree in trees.values():
            _check_tree(tree)
        samples: dict[str, list[float]] = {name: [] for name in MODULES}
        for _ in range(RUNS):
            for name, (modules, revision) in MODULES.items():
                samples[name].append(_sample(modules, trees[revision]))
    return {
        name: {"import_ms": sorted(s)[RUNS // 2] * 1000, "import_ms_min": min(s) * 1000}
        for name, s in samples.items()
    }
