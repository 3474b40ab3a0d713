"""The whole tccli catalog, imported and generated once per session into a temporary tree.

Slow (minutes), so only `nox -s catalog` / `nox -s slow` run it; nothing of it is committed.
`TCGEN_CATALOG_SERVICES=live,cvm,vod` runs the same checks on a few services, in seconds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from tcgen.sources.tccli.models import default_services_dir, discover

from tests.tccli_tree import import_and_generate

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Catalog:
    spec: Path
    out: Path


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    selected = os.environ.get("TCGEN_CATALOG_SERVICES")
    names = (
        selected.split(",")
        if selected
        else sorted({m.name for m in discover(default_services_dir())})
    )
    spec, out = import_and_generate(tmp_path_factory.mktemp("catalog"), names, validate=True)
    return Catalog(spec, out)
