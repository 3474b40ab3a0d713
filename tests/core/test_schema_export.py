"""`tcgen schema`: JSON Schemas that the spec's own examples satisfy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from .helpers import edit_json, tcgen

ACTION = Path("live/2018-08-01/actions/DropLiveStream.json")


def schemas(capsys: pytest.CaptureFixture[str], spec: Path) -> dict[str, Any]:
    run = tcgen(capsys, "schema", "live", "DropLiveStream", "--spec-dir", spec)
    assert run.status == 0, run.err
    result: dict[str, Any] = json.loads(run.out)
    return result


def test_examples_validate_against_exported_schemas(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = schemas(capsys, spec_copy)
    action = json.loads((spec_copy / ACTION).read_text())
    for direction in ("input", "output"):
        Draft202012Validator.check_schema(exported[direction])
    assert exported["input"]["required"] == ["StreamName", "DomainName", "AppName"]
    for example in action["examples"]:
        Draft202012Validator(exported["input"]).validate(example["request"]["params"])
        Draft202012Validator(exported["output"]).validate(example["response"])
    assert not Draft202012Validator(exported["input"]).is_valid({"StreamName": "x"})
    assert not Draft202012Validator(exported["output"]).is_valid({})


def test_structures_arrays_and_integers(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    types_dir = spec_copy / "live/2018-08-01/types"
    types_dir.mkdir(exist_ok=True)
    node = {
        "name": "Node",
        "description": "A recursive structure.",
        "members": [
            {"name": "Size", "type": "UInt64", "required": True, "description": ""},
            {"name": "Children", "type": "Array of Node", "required": False, "description": ""},
        ],
    }
    (types_dir / "Node.json").write_text(json.dumps(node))

    def add(data: dict[str, Any]) -> None:
        data["input"].append({"name": "Tree", "type": "Node", "required": False, "description": ""})
        data["output"].append(
            {"name": "Ratio", "type": "Float", "description": "", "nullable": True}
        )

    edit_json(spec_copy / ACTION, add)
    exported = schemas(capsys, spec_copy)
    request = exported["input"]
    assert request["properties"]["Tree"]["$ref"] == "#/$defs/Node"
    node_schema = request["$defs"]["Node"]
    assert node_schema["properties"]["Size"]["minimum"] == 0
    assert node_schema["properties"]["Children"]["items"] == {"$ref": "#/$defs/Node"}
    valid = {
        "StreamName": "s",
        "DomainName": "d",
        "AppName": "a",
        "Tree": {"Size": 1, "Children": [{"Size": 2}]},
    }
    Draft202012Validator(request).validate(valid)
    assert not Draft202012Validator(request).is_valid({**valid, "Tree": {"Size": -1}})
    output = Draft202012Validator(exported["output"])
    output.validate({"RequestId": "r", "Ratio": None})
    output.validate({"RequestId": "r", "Ratio": 0.5})
    assert not output.is_valid({"RequestId": "r", "Ratio": "high"})


def test_unknown_action(capsys: pytest.CaptureFixture[str], spec_copy: Path) -> None:
    run = tcgen(capsys, "schema", "live", "NoSuchAction", "--spec-dir", spec_copy)
    assert run.status == 2
    assert "has no action NoSuchAction" in run.err
