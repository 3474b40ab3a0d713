"""The whole real-page corpus against Tencent's machine model (issue 11): every page of
`../shared/pages/real/` captured, and not one disagreement that is capture's fault.

`nox -s capture_corpus` writes the same comparison to `docs/capture-corpus.md`;
`python -m tcgen.sources.corpus` shows it page by page.
"""

from __future__ import annotations

import pytest
from tcgen.sources.corpus import corpus, oracle, report

pytestmark = pytest.mark.slow


def test_every_corpus_page_is_captured_with_no_capture_fault() -> None:
    pages = corpus.load_index(corpus.default_root())
    assert len(pages) == 812
    run = oracle.run(pages)
    clean = run.captured == len(pages) and not any(result.faults() for result in run.pages)
    assert clean, report.faults_text(run)


def test_the_reference_reading_has_no_capture_fault() -> None:
    """The raw reader that judges capture reads every page itself (it is not the cause of a
    fault it reports)."""
    run = oracle.run(corpus.load_index(corpus.default_root()), reference=True)
    clean = run.captured == len(run.pages) and not any(result.faults() for result in run.pages)
    assert clean, report.faults_text(run)
