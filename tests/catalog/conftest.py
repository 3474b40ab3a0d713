"""The whole tccli catalog, imported and generated once per session into a temporary tree.

Slow (minutes), so only `nox -s catalog` / `nox -s slow` run it; nothing of it is committed.
`TCGEN_CATALOG_SERVICES=live,cvm,vod` runs the same checks on a few services, in seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from tcgen import paths
from tcgen.tccli_models import default_services_dir, discover

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Catalog:
    spec: Path
    out: Path


def _tcgen(*args: str | Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tcgen", *map(str, args)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-4000:]


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    work = tmp_path_factory.mktemp("catalog")
    spec, out = work / "spec", work / "out"
    (spec / "schema").mkdir(parents=True)
    shutil.copyfile(ROOT / "spec/schema" / paths.SCHEMA_FILE, spec / "schema" / paths.SCHEMA_FILE)
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    selected = os.environ.get("TCGEN_CATALOG_SERVICES")
    names = (
        selected.split(",")
        if selected
        else sorted({m.name for m in discover(default_services_dir())})
    )
    _tcgen("import-tccli", *names, "--spec-dir", spec, "--lenient")
    _tcgen("validate", "--spec-dir", spec)
    _tcgen("generate", "--spec-dir", spec, "--out", out)
    return Catalog(spec, out)
