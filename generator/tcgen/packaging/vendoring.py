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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tcgen import __version__
from tcgen.output.release import RELEASE_FILE
from tcgen.output.writer import read_manifest
from tcgen.packaging.profiles import Profile, carried, get_profile, select
from tcgen.spec.problems import Problem, ProblemsError, display_path

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


def select_files(out_dir: Path, service: str, profile: Profile) -> tuple[str, list[str]]:
    """`find_package`, narrowed to the files `profile` carries (paths as in the manifest)."""
    source, files = find_package(out_dir, service)
    prefix = f"{source}/"
    readers = {f.removeprefix(prefix): _reader(out_dir / f) for f in files}
    return source, [prefix + f for f in select(profile, readers)]


def _reader(path: Path) -> Callable[[], str]:
    return lambda: path.read_text(encoding="utf-8")


def copy_carried(
    out_dir: Path, source: str, files: list[str], into: Path, profile: Profile
) -> None:
    """Write `files` (manifest paths of package `source`) under `into`, as `profile` carries
    them (`profiles.carried`)."""
    for file in files:
        relative = Path(file).relative_to(source)
        destination = into / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if file.endswith(".py"):
            text = (out_dir / file).read_text(encoding="utf-8")
            destination.write_text(carried(profile, relative.as_posix(), text), encoding="utf-8")
        else:
            shutil.copyfile(out_dir / file, destination)


def _check_target(target: Path) -> None:
    if target.exists() and not (target / RECORD).exists():
        message = "exists and was not vendored by tcgen; refusing to overwrite it"
        raise ProblemsError([Problem(display_path(target), "", message)])


def _import_check(directory: Path, name: str) -> None:
    script = f"import {name}._meta as m, {name}.client; print(m.PACKAGE_VERSION)"
    env = {**os.environ, "PYTHONPATH": str(directory), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=directory, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        message = f"vendored package does not import: {last}"
        raise ProblemsError([Problem(display_path(directory / name), "", message)])


def vendor(
    out_dir: Path, service: str, into: Path, name: str | None, profile: Profile | None = None
) -> Vendored:
    """Copy the files of `profile` (default full), record, check; the target is replaced only
    once the copy imports."""
    profile = profile or get_profile("full")
    source, files = select_files(out_dir, service, profile)
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
        copy_carried(out_dir, source, files, staged, profile)
        record = {
            "source": source,
            "version": release["version"],
            "specHash": spec_hash,
            "profile": profile.name,
            "tcgen": __version__,
        }
        (staged / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        _import_check(Path(staging), name)
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
    return Vendored(target, source, str(release["version"]), str(spec_hash))
