"""Where the real-page corpus is and what its index says about each page."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from tcgen.spec import paths

ENV = "TCGEN_CORPUS_DIR"
HISTORY_ENV = "TCGEN_HISTORY_DIR"
TYPES_KIND = "types"


@dataclass(frozen=True)
class CorpusPage:
    """One page of the corpus as `index.json` lists it; `file` is relative to the corpus."""

    file: str
    service: str
    action: str
    lang: str
    kind: str
    path: Path

    @property
    def is_types(self) -> bool:
        return self.kind == TYPES_KIND


def default_root() -> Path:
    """`$TCGEN_CORPUS_DIR`, else `../shared/pages/real` beside the project checkout."""
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured)
    return paths.PROJECT_ROOT.parent / "shared" / "pages" / "real"


def history_root() -> Path:
    """`$TCGEN_HISTORY_DIR`, else `real-history` beside the corpus: the oldest revision of
    every page (2018-2019), the same actions in older wordings."""
    configured = os.environ.get(HISTORY_ENV)
    return Path(configured) if configured else default_root().parent / "real-history"


def describe(root: Path) -> str:
    """Where the corpus's pages come from, as its index says: one commit, or per-page
    revisions over a span of dates."""
    data = json.loads((root / "index.json").read_text(encoding="utf-8"))
    if data.get("commit"):
        return f"tencentyun/intlcloud-documents {data['commit']}"
    dates = sorted(str(page["date"]) for page in data["pages"] if page.get("date"))
    span = f", {dates[0]} to {dates[-1]}" if dates else ""
    return f"each page's oldest revision in tencentyun/intlcloud-documents{span}"


def load_index(root: Path) -> list[CorpusPage]:
    """Every page the corpus index lists, in index order."""
    data = json.loads((root / "index.json").read_text(encoding="utf-8"))
    return [
        CorpusPage(
            file=entry["file"],
            service=entry["service"],
            action=entry.get("action", ""),
            lang=entry["lang"],
            kind=entry.get("kind", "action"),
            path=root / entry["file"],
        )
        for entry in data["pages"]
    ]


def select(
    pages: list[CorpusPage],
    lang: str | None = None,
    service: str | None = None,
    files: list[str] | None = None,
) -> list[CorpusPage]:
    """The pages matching every filter given (`files`: corpus-relative paths or suffixes)."""
    chosen = []
    for page in pages:
        if lang is not None and page.lang != lang:
            continue
        if service is not None and page.service != service:
            continue
        if files and not any(page.file == f or page.file.endswith("/" + f) for f in files):
            continue
        chosen.append(page)
    return chosen
