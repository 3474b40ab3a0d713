"""Copy a generated package into another project under a new name, and prove it imports there.

Generated packages use relative imports only and depend on `requests` alone, so vendoring is
a copy; what this adds is the record (`VENDORED.json`: source package, version, spec hash)
that tells a later `tcgen vendor` the directory is its own to replace, and the import check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .problems import Problem, ProblemsError, display_path
from .release import RELEASE_FILE
from .writer import read_manifest

RECORD = "VENDORED.json"


@dataclass(frozen=True)
class Vendored:
    target: Path
    source: str
    version: str
    spec_hash: str


def find_package(out_dir: Path, service: str) -> tuple[str, list[str]]:
    """The generated package for `live` or `live:2018-08-01`, and the files it owns."""
    manifest = read_manifest(out_dir)
    name, _, version = service.partition(":")
    wanted = f"{name}_v{version.replace('-', '')}" if version else None
    matches = sorted(
        p for p in manifest if p == wanted or (wanted is None and p.rpartition("_v")[0] == name)
    )
    if len(matches) != 1:
        known = ", ".join(sorted(manifest)) or "none"
        reason = "is ambiguous" if matches else "is not generated"
        message = f"service '{service}' {reason} in {display_path(out_dir)} (packages: {known})"
        raise ProblemsError([Problem(display_path(out_dir), "", message)])
    files = manifest[matches[0]]["files"]
    assert isinstance(files, dict)
    return matches[0], sorted(files)


def _check_target(target: Path) -> None:
    if target.exists() and not (target / RECORD).exists():
        message = "exists and was not vendored by tcgen; refusing to overwrite it"
        raise ProblemsError([Problem(display_path(target), "", message)])


def _import_check(directory: Path, name: str) -> None:
    script = f"import {name}._meta as m, {name}.errors, {name}.models; print(m.PACKAGE_VERSION)"
    env = {**os.environ, "PYTHONPATH": str(directory), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=directory, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        message = f"vendored package does not import: {last}"
        raise ProblemsError([Problem(display_path(directory / name), "", message)])


def vendor(out_dir: Path, service: str, into: Path, name: str | None) -> Vendored:
    """Copy, record, check; the target is replaced only once the copy imports."""
    source, files = find_package(out_dir, service)
    name = name or source
    if not name.isidentifier():
        raise ProblemsError([Problem(name, "", "package name must be a Python identifier")])
    target = into / name
    _check_target(target)
    release = json.loads((out_dir / source / RELEASE_FILE).read_text(encoding="utf-8"))
    spec_hash = read_manifest(out_dir)[source]["specHash"]
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=into, prefix=".tcgen-vendor-") as staging:
        staged = Path(staging) / name
        for file in files:
            destination = staged / Path(file).relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out_dir / file, destination)
        record = {
            "source": source,
            "version": release["version"],
            "specHash": spec_hash,
            "tcgen": __version__,
        }
        (staged / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        _import_check(Path(staging), name)
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
    return Vendored(target, source, str(release["version"]), str(spec_hash))
