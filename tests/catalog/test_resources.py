"""Resource coverage of the whole catalog: `tcgen infer-resources` reports it, every inferred
block validates, and an inferred VPC resource round-trips through the generated mock."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tcgen.spec import paths

from .conftest import ROOT, Catalog

pytestmark = pytest.mark.slow

WHOLE = not os.environ.get("TCGEN_CATALOG_SERVICES")
# Measured on tccli-intl-en's catalog as pinned (160 services, 1237 Create/Add actions):
# 657 covered (635 inferred, 22 by the blocks tcgen ships), 115 services, 424 ids with a format
# from the examples (before issue 20: 234 blocks, 66 services, 167 formats; before the singular
# Describe read and the ids inside a structure or without `Id`: 383, 99, 262; before reads found
# by their words, lists inside a wrapper, task ids and blocks without a list: 442, 100, 309).
MIN_INFERRED, MIN_SERVICES, MIN_FORMATTED = 657, 115, 424


def _tcgen(*args: str | Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tcgen", *map(str, args)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def test_coverage_is_reported_and_every_block_validates(catalog: Catalog, tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(catalog.spec, spec)
    report = _tcgen("infer-resources", "--spec-dir", spec, "--write")
    summary = re.search(
        r"resources: (\d+) of (\d+) Create actions .*; (\d+) of (\d+) services .*; "
        r"(\d+) of (\d+) ids have a format from the examples; (\d+) given by hand",
        report,
    )
    assert summary is not None, report[-2000:]
    inferred, creates, covered, services, formatted, blocks, given = map(int, summary.groups())
    print(f"\n{summary.group(0)}")  # the coverage, in the catalog run's output
    assert 0 < inferred <= creates and 0 < covered <= services and blocks + given == inferred
    if WHOLE:
        assert inferred >= MIN_INFERRED and covered >= MIN_SERVICES
        assert formatted >= MIN_FORMATTED
    _tcgen("validate", "--spec-dir", spec)


def test_an_inferred_vpc_resource_round_trips(tmp_path: Path) -> None:
    spec, out = tmp_path / "spec", tmp_path / "out"
    shutil.copytree(ROOT / "spec" / "schema", spec / "schema")
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    _tcgen("import-tccli", "vpc", "--spec-dir", spec)
    _tcgen("infer-resources", "--spec-dir", spec, "--write")
    _tcgen("generate", "--spec-dir", spec, "--out", out)
    sys.path.insert(0, str(out))
    mock = importlib.import_module("vpc_v20170312.mock")
    app = mock.create_app(rate_limit=False)
    engine = app.resources

    def call(action: str, **params: object) -> dict[str, object]:
        return dict(engine.answer(action, dict(params), app.state.store, dict))

    answers = [call("CreateCcn", CcnName=f"ccn{i}")["Ccn"] for i in range(3)]
    created = [answer["CcnId"] for answer in answers]  # type: ignore[index]
    assert all(re.fullmatch(r"ccn-[a-z0-9]{8}", one) for one in created), created
    assert answers[0]["CcnName"] == "ccn0"  # type: ignore[index]  # CreateCcn answers the Ccn
    listed = call("DescribeCcns", CcnIds=created[1:], Offset=0, Limit=1)
    assert listed["TotalCount"] == 2 and len(listed["CcnSet"]) == 1  # type: ignore[arg-type]
    call("DeleteCcn", CcnId=created[0])
    assert call("DescribeCcns")["TotalCount"] == 2
