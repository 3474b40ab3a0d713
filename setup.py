"""The one build step of the tcgen distribution: the built package carries tcgen's assets.

The templates (`templates/`), the meta-schemas (`spec/schema/*.json`), the common errors a
new spec tree starts with (`spec/common-errors.json`) and the resource blocks tcgen adds to
imported services (`spec/resources/`) live at the repository root, where the
product's layout puts them, outside the `tcgen` package (`generator/tcgen/`). `build_py`
copies them into the built package as `tcgen/_assets/`, at the same relative paths, so a
wheel (`pip install .`, `python -m build`) holds them and `tcgen.spec.paths.asset_root()` finds
them there. A checkout and an editable install have no `_assets/` and use the repository.
The sdist carries the same files (MANIFEST.in), so a wheel built from it holds them too.
Everything else about the distribution is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGE = "tcgen"
ASSETS_DIR = "_assets"  # tcgen.spec.paths.ASSETS_DIR
# files or whole directories
ASSETS = ("templates", "spec/schema", "spec/common-errors.json", "spec/resources")


def asset_files(root: Path) -> list[Path]:
    """Every asset file under `root` (a source tree), relative to it; fails on a missing one."""
    found: list[Path] = []
    for name in ASSETS:
        path = root / name
        if not path.exists():
            raise FileNotFoundError(
                f"tcgen build: {path} is missing; tcgen cannot generate without it"
            )
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found += [f.relative_to(root) for f in files if "__pycache__" not in f.parts]
    return found


class BuildWithAssets(build_py):
    """`build_py`, then the assets into `<build_lib>/tcgen/_assets/` (not for an editable
    install, which reads them from the checkout)."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / PACKAGE / ASSETS_DIR
        shutil.rmtree(target, ignore_errors=True)  # nothing left from an older build
        for name in asset_files(ROOT):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, target / name)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        target = Path(self.build_lib) / PACKAGE / ASSETS_DIR
        bundled = [] if self.editable_mode else [str(target / f) for f in asset_files(ROOT)]
        return [*super().get_outputs(include_bytecode), *bundled]


if __name__ == "__main__":  # setuptools runs this file as __main__; tests import asset_files
    setup(cmdclass={"build_py": BuildWithAssets})
