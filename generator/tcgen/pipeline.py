"""The generation pipeline, top to bottom: load + validate -> model -> render -> format."""

from __future__ import annotations

from pathlib import Path

from .formatting import format_outputs
from .model import Service, build_all
from .release import RELEASE_FILE, plan_release
from .render import Templates, render_service
from .snapshot import service_snapshot
from .spec_tree import load_tree
from .writer import Package


def load_services(spec_dir: Path, only: list[str] | None = None) -> list[Service]:
    """Validated spec tree -> typed model of every (selected) service."""
    return build_all(load_tree(spec_dir, only))


def build_packages(
    spec_dir: Path, templates: Templates, out_dir: Path, only: list[str] | None = None
) -> list[Package]:
    """Everything `tcgen generate` writes, computed in memory (nothing touches disk).

    `out_dir` is read for each package's previous release, which decides its version.
    """
    tree = load_tree(spec_dir, only)
    services = build_all(tree)
    packages = []
    for spec, service in zip(tree.services, services, strict=True):
        release = plan_release(
            out_dir / service.package / RELEASE_FILE,
            service_snapshot(tree, spec),
            service.spec_hash,
        )
        files = format_outputs(render_service(service, templates, release))
        packages.append(Package(service.package, service.spec_hash, files))
    return packages
