"""Run the oracle: capture pages, find their models, compare, and keep everything for reports."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tcgen.sources.corpus import rawpage, release
from tcgen.sources.corpus.capturing import PageCapture, capture_pages
from tcgen.sources.corpus.compare import PageResult, compare
from tcgen.sources.corpus.corpus import CorpusPage
from tcgen.sources.corpus.models import Models
from tcgen.sources.corpus.reference import reference_capture


@dataclass
class Run:
    """One oracle run: the release compared with, every page's result, and the capture time."""

    release: str
    pages: list[PageResult]
    captures: list[PageCapture]
    capture_seconds: float

    @property
    def captured(self) -> int:
        return sum(result.captured for result in self.pages)


def run(
    pages: Iterable[CorpusPage],
    services_dir: Path | None = None,
    reference: bool = False,
    errors_dir: Path | None = None,
) -> Run:
    """Compare `pages` with the pinned release.

    `services_dir` overrides where its models are (then error codes are compared only when
    `errors_dir` is given too); `reference`: judge the raw reader's own reading instead of
    capture's (`reference.py`).
    """
    pages = list(pages)
    if services_dir is None:
        services_dir, errors_dir = release.services_dir(), release.error_codes_dir()
    models = Models(services_dir, errors_dir)
    started = time.perf_counter()
    captures = [reference_capture(page) for page in pages] if reference else capture_pages(pages)
    capture_seconds = time.perf_counter() - started
    results = []
    for capture in captures:
        page = capture.page
        raw = rawpage.read(page.path.read_text(encoding="utf-8-sig"))
        # a Data Types page is compared with the model of its service version, which one of
        # the service's action pages names
        source = _companion(page, pages) if page.is_types else raw
        service = _host_service(source.endpoint if source else None) or page.service
        action = (source.action if source else None) or page.action
        model = models.find(service, action, source.version if source else None)
        results.append(compare(capture, raw, model, models.has_service(service)))
    return Run(release.RELEASE, results, captures, capture_seconds)


def _companion(page: CorpusPage, pages: list[CorpusPage]) -> rawpage.RawPage | None:
    for other in pages:
        if (other.lang, other.service) == (page.lang, page.service) and not other.is_types:
            return rawpage.read(other.path.read_text(encoding="utf-8-sig"))
    return None


def _host_service(endpoint: str | None) -> str | None:
    return endpoint.split(".", 1)[0] if endpoint else None
