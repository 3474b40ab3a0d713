"""The generation pipeline, top to bottom: load + validate -> model -> render -> format."""

from __future__ import annotations

from pathlib import Path

from .formatting import format_outputs
from .model import Service, build_all
from .render import Templates, render_service
from .spec_tree import load_tree
from .writer import Package


def load_services(spec_dir: Path, only: list[str] | None = None) -> list[Service]:
    """Validated spec tree -> typed model of every (selected) service."""
    return build_all(load_tree(spec_dir, only))


def build_packages(
    spec_dir: Path, templates: Templates, only: list[str] | None = None
) -> list[Package]:
    """Everything `tcgen generate` writes, computed in memory (nothing touches disk)."""
    packages = []
    for service in load_services(spec_dir, only):
        files = format_outputs(render_service(service, templates))
        packages.append(Package(service.package, service.spec_hash, files))
    return packages
