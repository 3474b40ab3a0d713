"""Every service version tccli ships imports into a tree that validates and builds (~45 s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tcgen.model.service import build_all
from tcgen.sources.tccli.importer import import_tccli
from tcgen.sources.tccli.models import default_services_dir, discover
from tcgen.spec.tree import load_tree


@pytest.mark.slow
def test_whole_catalog_imports_validates_and_builds(spec_copy: Path) -> None:
    models = discover(default_services_dir())
    imported = import_tccli(sorted({m.name for m in models}), spec_copy)
    assert len(imported) == len(models)
    services = build_all(load_tree(spec_copy))
    assert len(services) == len(models)
    assert sum(len(s.actions) for s in services) == sum(v.actions for v in imported)
    assert sum(len(s.structures) for s in services) == sum(v.types for v in imported)
