"""Generate a variant of `demo_spec/` under its own service name and version.

Tests of spec features the committed live spec does not use (deprecated actions, region
lists) generate such a variant into a temporary tree and import it as a top-level package,
named `<service>_v<version>` so that it never clashes with `demo_v20200101` or another one.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).with_name("demo_spec") / "demo" / "2020-01-01"
TEMPLATE_ACTION = "CreateWidgets"


def generate_variant(
    base: Path, service: str, version: str, actions: dict[str, dict[str, Any]]
) -> ModuleType:
    """Generate and import a package of `service` `version` whose actions are copies of the
    demo's CreateWidgets, one per `actions` entry (name -> top-level keys to override)."""
    from tcgen.commands.main import main

    spec, out = base / "spec", base / "out"
    for name in ("schema/tcgen-spec.schema.json", "common-errors.json"):
        (spec / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "spec" / name, spec / name)
    version_dir = spec / service / version
    shutil.copytree(DEMO / "types", version_dir / "types")
    manifest = json.loads((DEMO / "service.json").read_text(encoding="utf-8"))
    manifest.update(service=service, version=version, endpoint=f"{service}.tencentcloudapi.com")
    (version_dir / "service.json").write_text(json.dumps(manifest), encoding="utf-8")
    template = json.loads((DEMO / "actions" / f"{TEMPLATE_ACTION}.json").read_text("utf-8"))
    (version_dir / "actions").mkdir()
    for name, overrides in actions.items():
        data = {**template, "action": name, **overrides}
        (version_dir / "actions" / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["generate", "--spec-dir", str(spec), "--out", str(out), service]) == 0
    sys.path.insert(0, str(out))
    return importlib.import_module(f"{service}_v{version.replace('-', '')}")
