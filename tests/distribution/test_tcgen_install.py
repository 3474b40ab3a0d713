"""tcgen's own distribution: the wheel carries tcgen's assets (templates, meta-schemas, common
errors) as `tcgen/_assets/` (setup.py), `tcgen.spec.paths.asset_root` finds them in an installed
package or in the checkout, and a tcgen installed from the wheel generates what the checkout
generates."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from core.helpers import tcgen, tree_bytes
from tcgen import __version__
from tcgen.spec import paths

from .test_package import _bin, _clean_env, _fresh_venv

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "live_v20180801"
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".nox", ".venv", "generated", "tests", "bench", "docs", "build", "dist",
    "*.egg-info", "__pycache__", ".*cache", ".hypothesis", ".coverage*",
)  # fmt: skip


def _setup_module() -> ModuleType:
    """setup.py as a module (its `setup()` call runs only as __main__, as setuptools runs it)."""
    spec = importlib.util.spec_from_file_location("tcgen_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ASSETS = [f.as_posix() for f in _setup_module().asset_files(ROOT)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tcgen's sdist and the wheel built from it (`python -m build`, the pinned backend from
    this environment), from a copy of the sources so the checkout gets no build debris."""
    work = tmp_path_factory.mktemp("tcgen-build")
    shutil.copytree(ROOT, work / "src", ignore=NOT_SOURCES)
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist")]
    result = subprocess.run(
        [*command, str(work / "src")], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "dist"


def _wheel(dist: Path) -> Path:
    return dist / f"tcgen-{__version__}-py3-none-any.whl"


def _new_spec(spec_copy: Path) -> Path:
    """The seed spec without its own meta-schema: validation uses the one tcgen carries."""
    shutil.rmtree(spec_copy / "schema")
    return spec_copy


def test_asset_root_is_the_installed_copy_else_the_checkout(tmp_path: Path) -> None:
    installed = tmp_path / "site-packages" / "tcgen"
    (installed / paths.ASSETS_DIR / "templates").mkdir(parents=True)
    assert paths.asset_root(installed) == installed / paths.ASSETS_DIR
    checkout = tmp_path / "repo" / "generator" / "tcgen"
    checkout.mkdir(parents=True)
    assert paths.asset_root(checkout) == tmp_path / "repo"


def test_the_checkout_reads_the_assets_the_build_ships() -> None:
    assert paths.ASSET_ROOT == ROOT  # no _assets/ in generator/tcgen: a checkout
    used = [paths.BUNDLED_SCHEMA, paths.BUNDLED_POLICY_SCHEMA, paths.BUNDLED_COMMON_ERRORS]
    used += [p for p in paths.DEFAULT_TEMPLATES.rglob("*.jinja")]
    blocks = list(paths.BUNDLED_RESOURCES.rglob("*.json"))  # the resource blocks tcgen ships
    shipped = {ROOT / name for name in ASSETS}
    assert used[3:] and blocks and set(used + blocks) <= shipped
    assert not [name for name in ASSETS if name.startswith("spec/live")]


def test_the_sdist_and_its_wheel_carry_the_assets(built: Path) -> None:
    with zipfile.ZipFile(_wheel(built)) as wheel:
        names = wheel.namelist()
        bundled = {n for n in names if n.startswith(f"tcgen/{paths.ASSETS_DIR}/")}
        assert bundled == {f"tcgen/{paths.ASSETS_DIR}/{name}" for name in ASSETS}
        for name in ASSETS:
            assert wheel.read(f"tcgen/{paths.ASSETS_DIR}/{name}") == (ROOT / name).read_bytes()
    assert "tcgen/runtime/client.py" in names and "tcgen/commands/main.py" in names
    with tarfile.open(built / f"tcgen-{__version__}.tar.gz") as sdist:
        members = {m.name.partition("/")[2] for m in sdist.getmembers() if m.isfile()}
    assert set(ASSETS) <= members and "setup.py" in members
    assert not [name for name in members if name.startswith("spec/live")]


def test_the_unpacked_wheel_generates_what_the_checkout_generates(
    built: Path, spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The wheel's tcgen (first on the path, its dependencies from this environment) away
    from the checkout: validate, generate, capture into a new tree."""
    site = tmp_path / "site"
    with zipfile.ZipFile(_wheel(built)) as wheel:
        wheel.extractall(site)
    spec = _new_spec(spec_copy)
    env = {**os.environ, "PYTHONPATH": str(site), "TCGEN_CACHE_DIR": str(tmp_path / "cache")}

    def run(*args: str) -> str:
        command = [sys.executable, *args]
        done = subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("-c", "from tcgen.spec import paths; print(paths.ASSET_ROOT)").strip() == str(
        site / "tcgen" / paths.ASSETS_DIR
    )
    run("-m", "tcgen", "validate", "--spec-dir", "spec")
    report = run("-m", "tcgen", "generate", "--spec-dir", "spec", "--out", "out")
    assert tcgen(capsys, "generate", "--spec-dir", spec, "--out", tmp_path / "here").status == 0
    written = tree_bytes(tmp_path / "out")
    assert written == tree_bytes(tmp_path / "here")
    files = len([name for name in written if not name.endswith(".tcgen-manifest.json")])
    assert f"({files} files, {files} changed)" in report, report
    run("-c", f"from out.{PACKAGE} import LiveClient")
    page = ROOT / "tests" / "fixtures" / "pages" / "DropLiveStream.txt"
    run("-m", "tcgen", "capture", str(page), "--spec-dir", "new")
    common = paths.COMMON_ERRORS_FILE
    assert (tmp_path / "new" / common).read_bytes() == (ROOT / "spec" / common).read_bytes()


@pytest.mark.slow
def test_pip_installed_tcgen_generates_in_a_fresh_environment(
    built: Path, spec_copy: Path, tmp_path: Path
) -> None:
    """`pip install` of the wheel into a new virtual environment (its pinned dependencies from
    the package index), then the console script, from a directory outside the checkout."""
    environment = _fresh_venv(tmp_path / "venv", str(_wheel(built)))
    shutil.copytree(_new_spec(spec_copy), tmp_path / "work" / "spec")
    env = _clean_env(TCGEN_CACHE_DIR=str(tmp_path / "cache"))

    def run(program: str, *args: str) -> str:
        command = [str(_bin(environment, program)), *args]
        done = subprocess.run(
            command, cwd=tmp_path / "work", env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("tcgen", "--version").strip() == f"tcgen {__version__}"
    assert "generate" in run("tcgen", "--help")
    where = run("python", "-c", "from tcgen.spec import paths; print(paths.ASSET_ROOT)")
    assert Path(where.strip()).is_relative_to(environment)
    assert "valid (1 service versions" in run("tcgen", "validate", "--spec-dir", "spec")
    report = run("tcgen", "generate", "--spec-dir", "spec", "--out", "out")
    files = [p for p in (tmp_path / "work" / "out").rglob("*") if p.is_file()]
    written = len([p for p in files if p.name != ".tcgen-manifest.json"])
    assert f"({written} files, {written} changed)" in report, report
    assert '"input"' in run("tcgen", "schema", "live", "DropLiveStream", "--spec-dir", "spec")
    imported = run("python", "-c", f"import out.{PACKAGE} as p; print(p.LiveClient.__name__)")
    assert imported.strip() == "LiveClient"
