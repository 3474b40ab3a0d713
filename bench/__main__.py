"""Run every benchmark in one process and write `bench/results/<date>.md` and `.json`.

`python -m bench [NAME...]` runs a subset (generation, client, imports, cli, mock, edge,
sizes, capture);
the Markdown table states each target next to the measured ratio.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import (
    capture_corpus,
    cli_wall,
    client_overhead,
    edge,
    generation,
    imports,
    mock_throughput,
    sizes,
)
from .report import markdown

RESULTS = Path(__file__).with_name("results")
BENCHES: dict[str, Callable[[], dict[str, dict[str, float]]]] = {
    "generation": generation.run,
    "client": client_overhead.run,
    "imports": imports.run,
    "cli": cli_wall.run,
    "mock": mock_throughput.run,
    "edge": edge.run,
    "sizes": sizes.run,
    "capture": capture_corpus.run,
}


def main(names: list[str]) -> int:
    unknown = set(names) - set(BENCHES)
    if unknown:
        print(f"unknown benchmarks: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    for name in names or list(BENCHES):
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        results[name] = BENCHES[name]()
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / time.strftime("%Y%m%d-%H%M%S")
    stem.with_suffix(".json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    text = markdown(results)
    stem.with_suffix(".md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
