"""Services imported from the installed tccli and generated into a temporary tree, the way
a user would (`tcgen import-tccli`, `tcgen generate`): for the catalog run and for fixtures
that need a service the committed spec lacks (STS for role credentials)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tcgen.spec import paths

ROOT = Path(__file__).resolve().parents[1]


def tcgen(*args: str | Path) -> None:
    """`python -m tcgen ARGS` from the checkout; fails the test with its stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "tcgen", *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-4000:]


def import_and_generate(
    work: Path,
    names: list[str],
    validate: bool = False,
    tccli_dir: Path | None = None,
    sdk_dir: Path | None = None,
) -> tuple[Path, Path]:
    """`names` imported into `work/spec` (from `tccli_dir`'s models, else the installed
    tccli-intl-en's; the error codes from `sdk_dir`'s `errorcodes.py`, else the installed
    SDK's with the installed tccli; its clients also name the multipart and octet-stream
    actions) and generated into `work/out`; returns both."""
    spec, out = work / "spec", work / "out"
    (spec / "schema").mkdir(parents=True)
    shutil.copyfile(ROOT / "spec/schema" / paths.SCHEMA_FILE, spec / "schema" / paths.SCHEMA_FILE)
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)
    source: list[str | Path] = ["--tccli-dir", tccli_dir] if tccli_dir else []
    source += ["--sdk-dir", sdk_dir] if sdk_dir else []
    tcgen("import-tccli", *names, "--spec-dir", spec, *source)
    if validate:
        tcgen("validate", "--spec-dir", spec)
    tcgen("generate", "--spec-dir", spec, "--out", out)
    return spec, out
