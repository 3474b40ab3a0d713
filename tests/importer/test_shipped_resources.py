"""The resource blocks tcgen ships (`spec/resources/`): valid blocks for real service versions,
added by `import-tccli`, kept as edited by a later import, and checked by the model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from tcgen.commands.main import main
from tcgen.sources.tccli.importer import import_tccli
from tcgen.sources.tccli.models import default_services_dir, discover
from tcgen.spec import paths
from tcgen.spec.infer.shipped import actions_named, applicable, shipped_blocks

from .conftest import ROOT, read

SHIPPED = sorted(paths.BUNDLED_RESOURCES.glob("*/*.json"))
CVM = Path("cvm") / "2017-03-12" / paths.SERVICE_FILE


def test_every_shipped_file_holds_valid_blocks_of_a_real_service_version() -> None:
    schema = read(paths.BUNDLED_SCHEMA)
    blocks = {"$defs": schema["$defs"], "type": "array", "items": {"$ref": "#/$defs/resource"}}
    validator = Draft202012Validator(blocks)
    versions = {(m.name, m.version) for m in discover(default_services_dir())}
    assert len(SHIPPED) >= 11
    for path in SHIPPED:
        document: dict[str, Any] = read(path)
        errors = [e.message for e in validator.iter_errors(document["resources"])]
        assert errors == [], (path, errors)
        assert (path.parent.name, path.stem) in versions, path


def test_import_adds_the_shipped_blocks_and_keeps_an_edited_one(
    imported: Path, tmp_path: Path
) -> None:
    imported = shutil.copytree(imported, tmp_path / "spec")  # the module's tree stays as is
    names = [block["name"] for block in read(imported / CVM)["resources"]]
    assert names == [block["name"] for block in shipped_blocks("cvm", "2017-03-12")]
    assert names[:2] == ["Instance", "Image"]
    data = read(imported / CVM)
    data["resources"][0]["notFound"] = "ResourceNotFound.Mine"
    del data["resources"][1]  # a block the file lost comes back with the next import
    (imported / CVM).write_text(json.dumps(data), encoding="utf-8")
    import_tccli(["cvm:2017-03-12"], imported)
    again = read(imported / CVM)["resources"]
    assert again[0]["notFound"] == "ResourceNotFound.Mine"
    assert sorted(block["name"] for block in again) == sorted(names)


def test_the_shipped_blocks_pass_the_model_s_checks(tmp_path: Path) -> None:
    """The services the SDK scenarios do not generate (tests/scenarios has the rest)."""
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec" / "schema", spec / "schema")
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    services = ["cbs", "redis", "mongodb", "postgres", "tke:2018-05-25"]
    import_tccli(services, spec)
    assert main(["validate", "--spec-dir", str(spec)]) == 0


def test_a_block_naming_an_action_the_version_lacks_is_left_out() -> None:
    [instance, image, *_] = shipped_blocks("cvm", "2017-03-12")
    have = actions_named(instance) | actions_named(image)
    assert applicable([instance, image], have) == [instance, image]
    without_stop = have - {"StopInstances"}  # a move of the instance's lifecycle
    assert applicable([instance, image], without_stop) == [image]
