"""`tcgen diff` over Tencent's real history (issue 15): two pinned tccli-intl-en releases,
downloaded from PyPI by the run (cached in `.tcgen-cache/oracle/`), imported whole and diffed.

The counts are pinned, so a regression in any rule shows: between 3.0.1060.1 and 3.1.115.1
the rules of before issue 15 found the same 171 breaking changes (175 since pagination
blocks are inferred on import: 4 actions gained a second list member, so a fresh import
infers no block for them; a re-import over the old tree keeps it), and every one of the 158
deprecation flags that turned on (tccli's `status: deprecated` on actions, `disabled` on
members, counted straight from the two models) is reported. `nox -s history` runs this file;
`nox -s slow` runs it with the other slow tests.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tcgen.commands.main import main
from tcgen.sources.corpus.release import PACKAGE, services_dir, wheel
from tcgen.sources.tccli.importer import import_tccli
from tcgen.sources.tccli.models import discover
from tcgen.spec import paths
from tcgen.spec.problems import ProblemsError

pytestmark = pytest.mark.slow

OLD, NEW = "3.0.1060.1", "3.1.115.1"
ROOT = Path(__file__).resolve().parents[2]

EXPECTED_KINDS = {
    ("changed", "compatible"): 30174,
    ("added", "compatible"): 4939,  # 7 of them: pagination (offset) added
    ("deprecated", "compatible"): 158,
    ("removed", "breaking"): 106,  # 4 of them: pagination removed
    ("changed", "breaking"): 54,
    ("added", "breaking"): 15,
    ("changed", "warning"): 1,
}
REMOVED_AFTER_DEPRECATION = {
    "antiddos:2020-03-09 DescribeBlackWhiteIpList",
    "antiddos:2020-03-09 DescribeListProtectThresholdConfig",
    "cbs:2017-03-12 DescribeDiskOperationLogs",
    "cbs:2017-03-12 DescribeSnapshotOperationLogs",
    "cdb:2017-03-20 InitDBInstances",
    "cwp:2018-02-28 CreateCloudProtectServiceOrderRecord",
    "cwp:2018-02-28 DescribeCloudProtectServiceOrderList",
    "waf:2018-01-25 DescribeAntiFakeUrl",
    "waf:2018-01-25 DescribeAntiInfoLeakRules",
}


@dataclass(frozen=True)
class History:
    old: Path
    new: Path


def _imported(release: str, into: Path) -> Path:
    spec = into / release
    (spec / "schema").mkdir(parents=True)
    shutil.copyfile(ROOT / "spec/schema" / paths.SCHEMA_FILE, spec / "schema" / paths.SCHEMA_FILE)
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    models = services_dir(release)
    names = sorted({m.name for m in discover(models)})
    import_tccli(names, spec, models)
    return spec


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    work = tmp_path_factory.mktemp("history")
    return History(_imported(OLD, work), _imported(NEW, work))


def _diff(
    capsys: pytest.CaptureFixture[str], history: History, *options: str | Path
) -> tuple[int, str]:
    status = main(["diff", str(history.old), str(history.new), *map(str, options)])
    captured = capsys.readouterr()
    assert status in (0, 1), captured.err[-2000:]
    return status, captured.out


def _report(
    capsys: pytest.CaptureFixture[str], history: History, *options: str | Path
) -> tuple[int, dict[str, Any]]:
    status, out = _diff(capsys, history, "--format", "json", *options)
    return status, json.loads(out)


def test_counts_per_kind_and_level(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    status, report = _report(capsys, history)
    kinds = Counter((c["kind"], c["level"]) for c in report["changes"])
    assert dict(kinds) == EXPECTED_KINDS
    assert (status, report["breaking"], report["warning"], report["deprecated"]) == (1, 175, 1, 158)
    assert report["total"] == 35447
    assert not [c for c in report["changes"] if c["kind"] == "undeprecated"]


def test_the_deprecations_named_in_the_issue(
    history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = _report(capsys, history)
    found = {(c["location"], c["detail"]): c for c in report["changes"]}
    for location, detail in [
        ("cdb:2017-03-20 DescribeAuditRules", "action DescribeAuditRules deprecated"),
        ("cvm:2017-03-12 StopInstances input.ForceStop", "parameter ForceStop deprecated"),
        ("vpc:2017-03-12 CreateNatGateway input.SubnetId", "parameter SubnetId deprecated"),
    ]:
        change = found[(location, detail)]
        assert (change["kind"], change["level"], change["fails"]) == (
            "deprecated",
            "compatible",
            False,
        )
    removed = {
        c["location"] for c in report["changes"] if c["detail"].endswith("(it was deprecated)")
    }
    assert removed == REMOVED_AFTER_DEPRECATION
    assert (
        "cdb:2017-03-20 InitDBInstances",
        "action InitDBInstances removed (it was deprecated)",
    ) in found


def test_the_output_format_warning(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = _report(capsys, history, "--fail-on", "warning")
    [warning] = [c for c in report["changes"] if c["level"] == "warning"]
    assert warning["location"] == "scf:2018-04-16 type FunctionLog.StartTime"
    assert warning["detail"].startswith("type Timestamp -> String")
    assert report["failing"] == 176


def test_accepted_changes_pass_and_stay_listed(
    history: History, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "diff-policy.json"
    accepted = [
        {"kind": kind, "path": "*", "reason": f"Reviewed: every {kind} change of {NEW}."}
        for kind in ("added", "removed", "changed")
    ]
    policy.write_text(json.dumps({"accepted": accepted}), encoding="utf-8")
    status, report = _report(capsys, history, "--policy", policy)
    assert status == 0
    assert report["breaking"] == 175 and report["failing"] == 0
    breaking = [c for c in report["changes"] if c["breaking"]]
    assert len(breaking) == 175 and all(c["accepted"] for c in breaking)
    status, out = _diff(capsys, history, "--policy", policy, "--format", "junit")
    root = ET.fromstring(out)
    assert (status, root.get("tests"), root.get("failures")) == (0, "35447", "0")
    status, out = _diff(capsys, history, "--format", "junit")
    assert (status, ET.fromstring(out).get("failures")) == (1, "175")


AMBIGUOUS_IN_NEW = {  # a second list member arrived next to the paged one
    "postgres:2017-03-12 DescribeDatabases",
    "tcss:2020-11-01 DescribeAbnormalProcessRules",
    "tcss:2020-11-01 DescribeAccessControlRules",
    "tcss:2020-11-01 DescribeK8sApiAbnormalEventList",
}


def test_a_reimport_keeps_pagination_a_fresh_import_cannot_infer(
    history: History, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regenerating over the old tree (what a user does) keeps the old block while its
    members still exist, so the paginators of these actions do not vanish."""
    _, report = _report(capsys, history)
    removed = {
        c["location"].rpartition(" pagination")[0]
        for c in report["changes"]
        if c["detail"] == "pagination removed"
    }
    assert removed == AMBIGUOUS_IN_NEW
    tree = tmp_path / "spec"
    shutil.copytree(history.old, tree)
    import_tccli(["postgres", "tcss"], tree, services_dir(NEW))
    for location in AMBIGUOUS_IN_NEW:
        service_version, action = location.split(" ")
        service, version = service_version.split(":")
        data = json.loads((tree / service / version / "actions" / f"{action}.json").read_text())
        assert data["pagination"]["kind"] == "offset", location
        new_data = json.loads(
            (history.new / service / version / "actions" / f"{action}.json").read_text()
        )
        assert "pagination" not in new_data and data["output"] == new_data["output"], location


def test_a_release_before_api_models_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tccli 3.0.96.1 (2020) ships services/live/v20180801 without api.json."""
    with zipfile.ZipFile(wheel(PACKAGE, "3.0.96.1")) as archive:
        for name in archive.namelist():
            if name == "tccli/__init__.py" or name.startswith("tccli/services/live/"):
                archive.extract(name, tmp_path)
    spec = tmp_path / "spec"
    spec.mkdir()
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    with pytest.raises(ProblemsError) as raised:
        import_tccli(["live"], spec, tmp_path / "tccli/services")
    [problem] = raised.value.problems
    assert problem.message == (
        "tccli 3.0.96.1 has no API model for live 2018-08-01: "
        "its services/live/v20180801 has no api.json"
    )
