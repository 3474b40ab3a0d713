"""Fixtures for importer tests: the real tccli models imported once, and fake tccli trees."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tcgen.sources.tccli.importer import import_tccli

ROOT = Path(__file__).resolve().parents[2]

FakeTccli = Callable[..., Path]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the committed spec (with the DropLiveStream page) plus live and cvm imports."""
    spec = tmp_path_factory.mktemp("imported") / "spec"
    shutil.copytree(ROOT / "spec", spec)
    import_tccli(["live", "cvm:2017-03-12", "autoscaling"], spec)
    return spec


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def member(name: str, kind: str, element: str, **extra: Any) -> dict[str, Any]:
    """A tccli model member."""
    return {"name": name, "type": kind, "member": element, "document": f"{name}.", **extra}


@pytest.fixture
def fake_tccli(tmp_path: Path) -> FakeTccli:
    """Write a one-service tccli tree (`demo` v20200101) from objects, actions and examples."""

    def make(
        objects: dict[str, Any],
        actions: dict[str, Any] | None = None,
        examples: dict[str, Any] | None = None,
    ) -> Path:
        services = tmp_path / "tccli-services"
        directory = services / "demo" / "v20200101"
        directory.mkdir(parents=True, exist_ok=True)
        api = {
            "actions": (
                actions
                if actions is not None
                else {"DoIt": {"input": "DoItRequest", "output": "DoItResponse", "name": "Do it"}}
            ),
            "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "demo"},
            "objects": objects,
        }
        (directory / "api.json").write_text(json.dumps(api), encoding="utf-8")
        (directory / "examples.json").write_text(
            json.dumps({"actions": examples or {}}), encoding="utf-8"
        )
        return services

    return make
