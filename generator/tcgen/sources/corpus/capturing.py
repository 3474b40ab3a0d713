"""Capture corpus pages in memory through capture's public entry point, one page at a time.

`tcgen.sources.capture.tree.plan` is what `tcgen capture` runs before writing: it reads, interprets,
merges and validates, and returns the files it would write with the problems it met. Each
action page is planned alone into an empty throw-away spec directory (so what it yields is that
page's alone), together with the Data Types pages of its service and language, which define the
structures its GET examples are typed by. A page whose plan raises is a page lost, with the
exception as its reason: the oracle never stops on one page.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcgen.sources.capture import tree
from tcgen.sources.corpus.corpus import CorpusPage
from tcgen.spec import paths

JSON = dict[str, Any]


@dataclass
class PageCapture:
    """What capturing one page gave: the action (None when lost), its structures, problems."""

    page: CorpusPage
    action: JSON | None = None
    service: str | None = None
    version: str | None = None
    endpoint: str | None = None
    structures: dict[str, JSON] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # the exception capture raised, if it did
    seconds: float = 0.0

    @property
    def captured(self) -> bool:
        return self.action is not None or (self.page.is_types and bool(self.structures))


def capture_pages(pages: Iterable[CorpusPage]) -> list[PageCapture]:
    """Every page captured, in order.

    An action page is captured with the Data Types pages of its service and language (they
    type its examples); what those define is theirs, not the action page's. A Data Types page
    is captured with one action page of its service and language (capture files structures
    under the service version the action pages name) and keeps only the structures.
    """
    pages = list(pages)
    groups: dict[tuple[str, str], list[CorpusPage]] = {}
    for page in pages:
        groups.setdefault((page.lang, page.service), []).append(page)
    results: dict[int, PageCapture] = {}
    defined: dict[tuple[str, str], set[str]] = {}
    with tempfile.TemporaryDirectory(prefix="tcgen-oracle-") as scratch:
        root = Path(scratch)
        order = sorted(range(len(pages)), key=lambda i: not pages[i].is_types)  # types first
        for number in order:
            page = pages[number]
            group = groups[(page.lang, page.service)]
            if page.is_types:
                companions = [p for p in group if not p.is_types][:1]
            else:
                companions = [p for p in group if p.is_types]
            result = capture_one(page, companions, root / str(number))
            key = (page.lang, page.service)
            if page.is_types:
                result.action = None
                defined.setdefault(key, set()).update(result.structures)
            else:
                for name in defined.get(key, set()):
                    result.structures.pop(name, None)
            results[number] = result
    return [results[number] for number in range(len(pages))]


def capture_one(page: CorpusPage, companions: list[CorpusPage], spec_dir: Path) -> PageCapture:
    """One page (with the Data Types pages given) planned into `spec_dir`, which stays empty."""
    result = PageCapture(page)
    started = time.perf_counter()
    try:
        planned = tree.plan([page.path, *(c.path for c in companions)], spec_dir, None)
    except Exception as exc:  # a lost page is a finding, never the end of the run
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        result.error = f"{type(exc).__name__} at {where}: {exc}"
        result.seconds = time.perf_counter() - started
        return result
    result.seconds = time.perf_counter() - started
    own = {str(page.path), page.path.name}
    for problem in planned.problems:
        if not companions or any(problem.file.endswith(name) for name in own):
            result.problems.append(f"{problem.pointer}: {problem.message}".lstrip(": "))
    for path, data in planned.files.items():
        kind = path.parent.name
        if path.name == paths.SERVICE_FILE:
            result.service, result.version = data.get("service"), data.get("version")
            result.endpoint = data.get("endpoint")
        elif kind == paths.ACTIONS_DIR:
            result.action = data
            result.service = result.service or path.parent.parent.parent.name
            result.version = result.version or path.parent.parent.name
        elif kind == paths.TYPES_DIR:
            result.structures[str(data.get("name", path.stem))] = data
    return result
