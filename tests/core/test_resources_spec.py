"""The spec's `resources` blocks: validated against the actions they name, and inferred."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tcgen.resources import ActionShape, Member, infer

from .helpers import edit_json, tcgen

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = Path("live/2018-08-01/service.json")


@pytest.fixture
def live_spec(tmp_path: Path) -> Path:
    target = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", target)
    return target


def test_live_declares_its_templates(live_spec: Path) -> None:
    blocks = json.loads((live_spec / MANIFEST).read_text())["resources"]
    callback = next(b for b in blocks if b["name"] == "LiveCallbackTemplate")
    assert callback["describe"] == "DescribeLiveCallbackTemplates"
    assert callback["id"] == {"member": "TemplateId", "type": "Int64"}
    assert callback["list"] == "Templates" and callback["delete"] == "DeleteLiveCallbackTemplate"


def test_blocks_naming_missing_actions_or_members_are_located(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def break_blocks(data: dict[str, Any]) -> None:
        block = data["resources"][0]
        block["describe"] = "DescribeNothing"
        data["resources"][1]["list"] = "NotAList"
        data["resources"][1]["id"]["prefix"] = "tpl-"

    edit_json(live_spec / MANIFEST, break_blocks)
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "Traceback" not in run.err
    for pointer in ("#/resources/0/describe", "#/resources/1/list", "#/resources/1/id/prefix"):
        assert pointer in run.err, pointer
    edit_json(live_spec / MANIFEST, lambda data: data["resources"][2].update(surprise=1))
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "#/resources/2: Additional properties" in run.err


def test_without_blocks_the_key_is_not_written(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "resources" not in json.loads((spec_copy / MANIFEST).read_text())
    assert tcgen(capsys, "validate", "--spec-dir", spec_copy).status == 0


def test_infer_command_reports_coverage_and_writes_only_with_write(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop(data: dict[str, Any]) -> None:
        data.pop("resources")

    edit_json(live_spec / MANIFEST, drop)
    run = tcgen(capsys, "infer-resources", "--spec-dir", live_spec, "live")
    assert run.status == 0
    assert "live 2018-08-01: 7 of 21 Create actions" in run.out
    assert "not inferred, its answer carries no id: 10" in run.out
    assert "resources" not in json.loads((live_spec / MANIFEST).read_text())
    assert tcgen(capsys, "infer-resources", "--spec-dir", live_spec, "--write").status == 0
    written = json.loads((live_spec / MANIFEST).read_text())["resources"]
    assert written == json.loads((ROOT / "spec" / MANIFEST).read_text())["resources"]


def _shape(name: str, inputs: list[Member], outputs: list[Member], errors: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return name, ActionShape(name, tuple(inputs), tuple(outputs), errors)


def test_inference_of_a_cvm_like_service() -> None:
    ident = Member("InstanceId", "String")
    ids = Member("InstanceIds", "Array of String")
    actions = dict(
        [
            _shape("CreateInstance", [], [ident]),
            _shape(
                "DescribeInstances",
                [ids, Member("Offset", "Integer"), Member("Limit", "Integer")],
                [Member("TotalCount", "Integer"), Member("InstanceSet", "Array of Instance")],
            ),
            _shape("ModifyInstance", [ident, Member("Name", "String")], []),
            _shape(
                "DeleteInstance",
                [ident],
                [],
                ("ResourceNotFound.Instance", "ResourceNotFound.Disk", "InternalError"),
            ),
            _shape("CreateDisks", [], [Member("DiskIdSet", "Array of String")]),
            _shape("CreateSnapshot", [], [Member("A", "String")]),
            _shape("CreateImage", [], [Member("ImageId", "String")]),
            _shape("CreateVpc", [], [Member("Vpc", "Vpc")]),
            _shape("DescribeVpcs", [], [Member("VpcSet", "Array of Vpc")]),
            _shape("DescribeImages", [], [Member("Ids", "Array of String")]),
        ]
    )
    structures = {
        "Instance": (ident, Member("Name", "String")),
        "Vpc": (Member("VpcId", "String"), Member("CidrBlock", "String")),
    }
    found = {one.create: one for one in infer(actions, structures)}
    assert found["CreateInstance"].block == {
        "name": "Instance",
        "id": {"member": "InstanceId", "type": "String"},
        "create": "CreateInstance",
        "describe": "DescribeInstances",
        "list": "InstanceSet",
        "total": "TotalCount",
        "filter": "InstanceIds",
        "offset": "Offset",
        "limit": "Limit",
        "modify": ["ModifyInstance"],
        "delete": "DeleteInstance",
        "notFound": "ResourceNotFound.Instance",
    }
    assert found["CreateVpc"].block is not None
    assert found["CreateVpc"].block["id"] == {"member": "VpcId", "type": "String"}
    assert found["CreateDisks"].reason == "no DescribeDiskses or DescribeDisks action"
    assert found["CreateSnapshot"].reason == "its answer carries no id"
    assert found["CreateImage"].reason == "DescribeImages answers no list of items with ImageId"
