"""The domestic tccli edition's catalog (PyPI `tccli`, downloaded once into
`.tcgen-cache/oracle/`) imported into a temp tree and exported: openapi-spec-validator
accepts every document (tccli 3.1.189.1: 300 service versions, 16,204 operations).

Slow (import ~5 min, validation ~10-20 min on 2 cores): `nox -s openapi` runs it;
`TCGEN_DOMESTIC_SERVICES=ocr,ess` checks a few services in seconds. The edition is not
installed (its `tccli` module would shadow tccli-intl-en's): its wheel is only unpacked.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from tcgen.sources.corpus.release import wheel
from tcgen.sources.tccli.models import discover
from tcgen.spec import paths

from tests.openapi.conftest import ROOT
from tests.tccli_tree import tcgen

pytestmark = pytest.mark.slow

DOMESTIC = ("tccli", "3.1.189.1")
SERVICES = "tccli/services/"


def _services_dir(work: Path) -> Path:
    with zipfile.ZipFile(wheel(*DOMESTIC)) as archive:
        members = [name for name in archive.namelist() if name.startswith(SERVICES)]
        archive.extractall(work, members)
    return work / SERVICES


def test_every_document_of_the_domestic_catalog_is_valid_openapi(tmp_path: Path) -> None:
    models = _services_dir(tmp_path / "tccli")
    selected = os.environ.get("TCGEN_DOMESTIC_SERVICES")
    names = selected.split(",") if selected else sorted({m.name for m in discover(models)})
    spec, out = tmp_path / "spec", tmp_path / "openapi"
    (spec / "schema").mkdir(parents=True)
    shutil.copyfile(ROOT / "spec/schema" / paths.SCHEMA_FILE, spec / "schema" / paths.SCHEMA_FILE)
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    tcgen("import-tccli", *names, "--spec-dir", spec, "--tccli-dir", models, "--lenient")
    tcgen("export", "openapi", "--spec-dir", spec, "--out", out)
    documents = sorted(out.iterdir())
    assert len(documents) == len(list(spec.glob("*/*/service.json"))) > 0
    for path in documents:
        validate(json.loads(path.read_text(encoding="utf-8")))
