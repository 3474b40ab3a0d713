"""The model release the oracle compares with: fetched once with pip, unpacked into the cache.

The corpus is a snapshot of Tencent's documentation repository from late 2024
(`docs/capture-corpus.md` says how the release was chosen). Only the models are unpacked
(`tccli/services/<name>/<version>/api.json`, `examples.json`); nothing is installed or imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .. import paths

PACKAGE = "tccli-intl-en"
RELEASE = "3.0.1060.1"
ENV = "TCGEN_ORACLE_CACHE"
_MODEL_FILES = ("api.json", "examples.json")
_DONE = ".unpacked"


class ReleaseError(Exception):
    """The release could not be fetched or unpacked; the message says what pip said."""


def cache_root() -> Path:
    """`$TCGEN_ORACLE_CACHE`, else `.tcgen-cache/oracle/` in the project checkout."""
    configured = os.environ.get(ENV)
    return Path(configured) if configured else paths.PROJECT_ROOT / ".tcgen-cache" / "oracle"


def services_dir(release: str = RELEASE, cache: Path | None = None) -> Path:
    """`tccli/services` of the release, downloaded and unpacked on first use."""
    root = (cache or cache_root()) / f"{PACKAGE}-{release}"
    target = root / "services"
    if (root / _DONE).is_file():
        return target
    wheel = _download(release, root / "wheel")
    _unpack(wheel, target)
    (root / _DONE).write_text(wheel.name + "\n", encoding="utf-8")
    return target


def _download(release: str, directory: Path) -> Path:
    found = sorted(directory.glob("*.whl"))
    if found:
        return found[0]
    directory.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    command += ["--disable-pip-version-check", "-q", "-d", str(directory), f"{PACKAGE}=={release}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = sorted(directory.glob("*.whl"))
    if done.returncode != 0 or not found:
        raise ReleaseError(f"pip download {PACKAGE}=={release} failed: {done.stderr.strip()}")
    return found[0]


def _unpack(wheel: Path, target: Path) -> None:
    prefix = "tccli/services/"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(prefix) and name.rsplit("/", 1)[-1] in _MODEL_FILES:
                out = target / name.removeprefix(prefix)
                out.parent.mkdir(parents=True, exist_ok=True)
                tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
                tmp.write_bytes(archive.read(name))
                tmp.replace(out)
