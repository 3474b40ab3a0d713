"""Capture the real-page corpus (`../shared/pages/real/`, 812 pages): pages per second.

`corpus`: every page planned alone (`tcgen.sources.capture.tree.plan` into a scratch
directory, nothing written), as the corpus oracle captures them; `grouped`: one plan per service
and language, as
`tcgen capture en/cvm/*.md` reads them. Median of three runs each. Target: the whole corpus in
under 30 s on 2 cores (issue 11).
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tcgen.sources.capture import tree
from tcgen.sources.corpus import corpus
from tcgen.sources.corpus.capturing import capture_pages

RUNS = 3


def _per_page(pages: list[corpus.CorpusPage]) -> tuple[float, int]:
    started = time.perf_counter()
    captures = capture_pages(pages)
    return time.perf_counter() - started, sum(c.captured for c in captures)


def _grouped(pages: list[corpus.CorpusPage]) -> float:
    groups: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for page in pages:
        groups[(page.lang, page.service)].append(page.path)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tcgen-bench-") as scratch:
        for number, paths in enumerate(groups.values()):
            with contextlib.suppress(Exception):  # a failing capture still counts its time
                tree.plan(paths, Path(scratch) / str(number), None)
    return time.perf_counter() - started


def run() -> dict[str, dict[str, float]]:
    pages = corpus.load_index(corpus.default_root())
    timings = [_per_page(pages) for _ in range(RUNS)]
    total = statistics.median(seconds for seconds, _ in timings)
    grouped = statistics.median(_grouped(pages) for _ in range(RUNS))
    return {
        "corpus": {
            "pages": len(pages),
            "captured": timings[0][1],
            "total_s": total,
            "pages_per_s": len(pages) / total,
        },
        "grouped": {"total_s": grouped, "pages_per_s": len(pages) / grouped},
    }
