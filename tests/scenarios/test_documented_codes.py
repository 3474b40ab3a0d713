"""Every error code a shipped resource block names is one the action documents, in the spec
the scenarios import (the action's own codes where it lists any, else the service version's
from the official SDK's `errorcodes.py`, and the common ones): a guessed code fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tcgen.spec import paths

from tests.scenarios.codes import codes_named, undocumented
from tests.scenarios.conftest import DOMESTIC_SERVICES

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "spec" / "resources").glob("*/*.json"))


def documented(version_dir: Path) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The codes each action of an imported service version lists, and the service's."""
    actions = {}
    for path in (version_dir / "actions").glob("*.json"):
        listed = json.loads(path.read_text(encoding="utf-8"))
        actions[path.stem] = frozenset(one["code"] for one in listed.get("errorCodes", []))
    service = json.loads((version_dir / "service.json").read_text(encoding="utf-8"))
    common = json.loads((version_dir.parents[1] / paths.COMMON_ERRORS_FILE).read_text())
    codes = frozenset(one["code"] for one in service["errorCodes"] + common["errorCodes"])
    return actions, codes


@pytest.mark.parametrize("shipped", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shipped_blocks_name_only_documented_codes(
    shipped: Path,
    cloud_tree: tuple[Path, Path],
    domestic_tree: tuple[Path, Path],
) -> None:
    service, version = shipped.parent.name, shipped.stem
    tree = domestic_tree if service in DOMESTIC_SERVICES else cloud_tree
    version_dir = tree[0] / service / version
    actions, codes = documented(version_dir)
    assert len(codes) > 40, f"{service} documents no codes of its own"
    blocks = json.loads(shipped.read_text(encoding="utf-8"))["resources"]
    wrong = [
        f"{block['name']}{named.pointer}: {named.code} (not documented for {action})"
        for block in blocks
        for named, action in undocumented(block, actions, codes)
    ]
    assert not wrong, "\n".join(wrong)
    assert any(codes_named(block) for block in blocks)


def test_an_undocumented_code_is_caught() -> None:
    block = {
        "name": "Thing", "create": "CreateThing", "describe": "DescribeThings",
        "delete": "DeleteThing", "notFound": "ResourceNotFound.Thing", "inUse": "Made.Up",
        "references": [{"input": "VpcId", "resource": "Vpc", "notFound": "Vpc.Gone",
                        "actions": ["CreateThing"]}],
    }  # fmt: skip
    service = frozenset({"ResourceNotFound.Thing", "Made.Up", "Vpc.Gone"})
    own = {"DeleteThing": frozenset({"ResourceNotFound.Thing"})}  # lists its own: not Made.Up
    found = [(named.pointer, action) for named, action in undocumented(block, own, service)]
    assert found == [("/inUse", "DeleteThing")]
    assert [(named.pointer, action) for named, action in undocumented(block, {}, frozenset())] == [
        ("/notFound", "DeleteThing"),
        ("/inUse", "DeleteThing"),
        ("/references/0/notFound", "CreateThing"),
    ]
