"""Bytes on disk of generated packages, full and lean profile, vs the official SDK's packages
for the same services: Live (the committed package) and the whole tccli catalog (imported and
generated in a temporary directory, deleted afterwards).

Python source only (`.py`, no `__pycache__`), what an installed package executes; the full
profile is also given with every file (`_release.json`, changelogs: `full_all_files_mb`). The
official side is what installing those services costs: each service version's directory
(`tencentcloud/<service>/<version>`: client, models, error codes) plus the shared
`tencentcloud/common` package once. Ours are self-contained (runtime included per package).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import tencentcloud  # type: ignore[import-untyped]
from tcgen.profiles import PROFILES, carried, select

from .common import ROOT

SDK = Path(tencentcloud.__file__).parent


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in _files(root) if p.suffix == ".py")


def _official(package: str) -> Path:
    """`live_v20180801` -> the SDK's `tencentcloud/live/v20180801`."""
    service, _, version = package.rpartition("_")
    return SDK / service / version


def profile_bytes(package: Path) -> dict[str, int]:
    """.py bytes of one generated package per profile (as the profile carries each file), and
    all its bytes (full profile)."""
    files = _files(package)
    readers = {
        f.relative_to(package).as_posix(): (lambda f=f: f.read_text(encoding="utf-8"))
        for f in files
    }
    sizes = {
        name: sum(
            len(carried(profile, f, readers[f]()).encode())
            for f in select(profile, readers)
            if f.endswith(".py")
        )
        for name, profile in PROFILES.items()
    }
    sizes["full_all_files"] = sum(f.stat().st_size for f in files)
    return sizes


def compare(out_dir: Path) -> dict[str, float]:
    packages = [p for p in sorted(out_dir.iterdir()) if (p / "__init__.py").is_file()]
    matched = [p for p in packages if _official(p.name).is_dir()]
    totals: dict[str, int] = {}
    for package in matched:
        for name, size in profile_bytes(package).items():
            totals[name] = totals.get(name, 0) + size
    common = tree_bytes(SDK / "common")
    services = sum(tree_bytes(_official(p.name)) for p in matched)
    official = services + common
    per_service = services + common * len(matched)
    results: dict[str, float] = {
        "packages": len(matched),
        "official_mb": official / 1e6,
        "official_per_service_mb": per_service / 1e6,
        "official_common_mb": common / 1e6,
    }
    for name, size in totals.items():
        results[f"{name}_mb"] = size / 1e6
    for name in PROFILES:
        results[f"{name}_per_official"] = totals[name] / official
        results[f"{name}_per_official_per_service"] = totals[name] / per_service
    return results


def catalog() -> dict[str, float]:
    """The whole tccli catalog, imported and generated once in a temporary directory."""
    from .generation import generate, import_catalog

    with tempfile.TemporaryDirectory(prefix="tcgen-bench-sizes-") as temp:
        work = Path(temp)
        import_catalog(work / "spec", work / "cache")
        generate(work / "spec", work / "out", work / "cache")
        return compare(work / "out")


def run() -> dict[str, dict[str, float]]:
    return {"live": compare(ROOT / "generated"), "catalog": catalog()}
