"""The contract suite on a spec tree richer than the committed one.

The committed spec has one action with three string parameters; whole-catalog runs will meet
structures, arrays, nested required members, every scalar type, region-required actions,
actions without examples and stateful mock handlers. This tree has all of them (the client
tests' demo service and the mock tests' full Live lifecycle), generated and checked from
scratch, vectors included: the suite's own machinery must hold up on them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.contract.target import services

from .support import ACTION, ROOT, Workspace, run_contract

DEMO = ROOT / "tests" / "client" / "demo_spec" / "demo"
LIVE_EXTRAS = ROOT / "tests" / "mock" / "extra_actions"


def add_extras(spec: Path) -> set[str]:
    """Copy the demo service and the Live extras into `spec`; the names of their actions."""
    shutil.copytree(DEMO, spec / "demo")
    added = {path.stem for path in DEMO.glob("*/actions/*.json")}
    version = spec / "live" / "2018-08-01"
    for source in sorted(LIVE_EXTRAS.glob("*.json")):
        document = json.loads(source.read_text(encoding="utf-8"))
        kind = "types" if "members" in document else "actions"
        added |= {document["action"]} if kind == "actions" else set()
        (version / kind).mkdir(exist_ok=True)
        shutil.copy(source, version / kind / source.name)
    return added


def test_contract_suite_passes_on_a_rich_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = Workspace.create(tmp_path, capsys)
    extras = add_extras(workspace.spec)
    actions = [a for s in services(workspace.spec) for a in s.actions if a.name in extras]
    inputs = [f for a in actions for f in a.input]
    features = {
        "arrays": any(f.type.item is not None for f in inputs),
        "structures": any(f.type.element.kind == "structure" for f in inputs),
        "region required": any(a.region_required for a in actions),
        "no example": any(not a.examples for a in actions),
    }
    assert all(features.values()), features
    workspace.generate()
    selected = {ACTION, *extras}
    run = run_contract(
        workspace.spec, workspace.out, workspace.record_vectors(selected), actions=selected
    )
    assert run.status == 0, run.output
    assert "skipped" not in run.output, run.output
