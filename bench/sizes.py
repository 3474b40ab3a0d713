"""Size on disk of generated packages vs the official SDK's modules for the same services.

Source files only (no `__pycache__`); the official side counts `tencentcloud/<service>/<version>`
per service (its shared `tencentcloud/common` runtime once, listed apart), ours the whole
self-contained package, runtime included.
"""

from __future__ import annotations

from pathlib import Path

import tencentcloud  # type: ignore[import-untyped]

from .common import ROOT

SDK = Path(tencentcloud.__file__).parent


def tree_bytes(root: Path) -> int:
    return sum(
        p.stat().st_size for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def _official(package: str) -> Path:
    """`live_v20180801` -> the SDK's `tencentcloud/live/v20180801`."""
    service, _, version = package.rpartition("_")
    return SDK / service / version


def compare(out_dir: Path) -> dict[str, float]:
    packages = [p for p in sorted(out_dir.iterdir()) if (p / "__init__.py").is_file()]
    matched = [p for p in packages if _official(p.name).is_dir()]
    ours = sum(tree_bytes(p) for p in matched)
    theirs = sum(tree_bytes(_official(p.name)) for p in matched)
    return {
        "packages": len(matched),
        "generated_mb": ours / 1e6,
        "official_mb": theirs / 1e6,
        "official_common_mb": tree_bytes(SDK / "common") / 1e6,
    }


def run() -> dict[str, dict[str, float]]:
    return {"live": compare(ROOT / "generated")}
