"""Bytes on disk of generated packages, full and lean profile, vs the official SDK's packages
for the same services: Live (the committed package) and the whole tccli catalog (imported and
generated in a temporary directory, deleted afterwards).

The judged number is every byte a profile carries (`full_mb`, `lean_mb`): what installing or
vendoring the package puts on disk (Python as the profile carries it, the spec snapshot, the
changelog; no `__pycache__`). Python source alone is the secondary figure (`*_py_mb`). The
official side is what installing those services costs: each service version's directory
(`tencentcloud/<service>/<version>`: client, models, error codes) plus the shared
`tencentcloud/common` package once (all of it Python). Ours are self-contained (runtime
included per package). `kinds` breaks the full profile down by file (`_runtime/` as one).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import tencentcloud  # type: ignore[import-untyped]
from tcgen.packaging.profiles import PROFILES, carried, select

from .common import ROOT

SDK = Path(tencentcloud.__file__).parent
RUNTIME = "_runtime/"


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in _files(root))


def _official(package: str) -> Path:
    """`live_v20180801` -> the SDK's `tencentcloud/live/v20180801`."""
    service, _, version = package.rpartition("_")
    return SDK / service / version


def _kind(relative: str) -> str:
    return RUNTIME if relative.startswith(RUNTIME) else relative


def carried_bytes(package: Path) -> dict[str, dict[str, int]]:
    """Profile name -> relative path -> bytes of that file as the profile carries it."""
    paths = {f.relative_to(package).as_posix(): f for f in _files(package)}
    readers: dict[str, Callable[[], str]] = {
        name: (lambda f=f: f.read_text(encoding="utf-8")) for name, f in paths.items()
    }
    sizes: dict[str, dict[str, int]] = {}
    for name, profile in PROFILES.items():
        sizes[name] = {
            f: (
                len(carried(profile, f, readers[f]()).encode())
                if f.endswith(".py")
                else paths[f].stat().st_size
            )
            for f in select(profile, readers)
        }
    return sizes


def compare(out_dir: Path) -> dict[str, dict[str, float]]:
    """{"sizes": totals and ratios, "kinds": MB of the full profile per file kind}."""
    packages = [p for p in sorted(out_dir.iterdir()) if (p / "__init__.py").is_file()]
    matched = [p for p in packages if _official(p.name).is_dir()]
    totals: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for package in matched:
        for name, files in carried_bytes(package).items():
            totals[f"{name}_mb"] = totals.get(f"{name}_mb", 0) + sum(files.values())
            python = sum(size for f, size in files.items() if f.endswith(".py"))
            totals[f"{name}_py_mb"] = totals.get(f"{name}_py_mb", 0) + python
            if name == "full":
                for f, size in files.items():
                    kinds[_kind(f)] = kinds.get(_kind(f), 0) + size
    common = tree_bytes(SDK / "common")
    services = sum(tree_bytes(_official(p.name)) for p in matched)
    official, per_service = services + common, services + common * len(matched)
    results: dict[str, float] = {
        "packages": len(matched),
        "official_mb": official / 1e6,
        "official_per_service_mb": per_service / 1e6,
        "official_common_mb": common / 1e6,
    }
    results |= {key: size / 1e6 for key, size in totals.items()}
    for name in PROFILES:
        results[f"{name}_per_official"] = totals[f"{name}_mb"] / official
        results[f"{name}_py_per_official"] = totals[f"{name}_py_mb"] / official
    by_size = sorted(kinds.items(), key=lambda kind: -kind[1])
    return {"sizes": results, "kinds": {kind: size / 1e6 for kind, size in by_size}}


def catalog() -> dict[str, dict[str, float]]:
    """The whole tccli catalog, imported and generated once in a temporary directory."""
    from .generation import generate, import_catalog

    with tempfile.TemporaryDirectory(prefix="tcgen-bench-sizes-") as temp:
        work = Path(temp)
        import_catalog(work / "spec", work / "cache")
        generate(work / "spec", work / "out", work / "cache")
        return compare(work / "out")


def run() -> dict[str, dict[str, float]]:
    live, whole = compare(ROOT / "generated"), catalog()
    return {
        "live": live["sizes"],
        "catalog": whole["sizes"],
        "catalog_kinds_full_mb": whole["kinds"],
    }
