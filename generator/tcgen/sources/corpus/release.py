"""The model release the oracle compares with: fetched once with pip, unpacked into the cache.

The corpus is a snapshot of Tencent's documentation repository from late 2024
(`docs/capture-corpus.md` says how the release was chosen). Only the models are unpacked
(`tccli/services/<name>/<version>/api.json`, `examples.json`), and the error codes of the SDK
release it depends on (`errorcodes.py`); nothing is installed or imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tcgen.spec import paths

PACKAGE = "tccli-intl-en"
RELEASE = "3.0.1060.1"
SDK_PACKAGE = "tencentcloud-sdk-python-intl-en"
ENV = "TCGEN_ORACLE_CACHE"
_MODEL_FILES = ("api.json", "examples.json")
_DONE = ".files-unpacked"


class ReleaseError(Exception):
    """The release could not be fetched or unpacked; the message says what pip said."""


def cache_root() -> Path:
    """`$TCGEN_ORACLE_CACHE`, else `.tcgen-cache/oracle/` in the project checkout."""
    configured = os.environ.get(ENV)
    return Path(configured) if configured else paths.PROJECT_ROOT / ".tcgen-cache" / "oracle"


def services_dir(release: str = RELEASE, cache: Path | None = None) -> Path:
    """`tccli/services` of the release, downloaded and unpacked on first use."""
    return _fetched(PACKAGE, release, "tccli/services/", _MODEL_FILES, cache)


def error_codes_dir(release: str = RELEASE, cache: Path | None = None) -> Path:
    """`tencentcloud/<service>/<version>/errorcodes.py` of the SDK release tccli's depends on.

    tccli's models carry no error codes; the SDK of the same release (tccli-intl-en 3.0.N.1
    requires tencentcloud-sdk-python-intl-en >= 3.0.N) lists each service version's codes.
    """
    version = sdk_release(release)
    return _fetched(SDK_PACKAGE, version, "tencentcloud/", ("errorcodes.py",), cache)


def sdk_release(release: str) -> str:
    """`3.0.1060.1` -> `3.0.1060`: tccli's fourth number is its own packaging revision."""
    return ".".join(release.split(".")[:3])


def wheel(package: str, version: str, cache: Path | None = None) -> Path:
    """The release's wheel itself, downloaded on first use (for files `_fetched` leaves out)."""
    return _download(package, version, (cache or cache_root()) / f"{package}-{version}" / "wheel")


def _fetched(
    package: str, version: str, prefix: str, names: tuple[str, ...], cache: Path | None
) -> Path:
    root = (cache or cache_root()) / f"{package}-{version}"
    target = root / "files"
    if (root / _DONE).is_file():
        return target
    wheel = _download(package, version, root / "wheel")
    _unpack(wheel, target, prefix, names)
    (root / _DONE).write_text(wheel.name + "\n", encoding="utf-8")
    return target


def _download(package: str, version: str, directory: Path) -> Path:
    found = sorted(directory.glob("*.whl"))
    if found:
        return found[0]
    directory.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    command += ["--disable-pip-version-check", "-q", "-d", str(directory), f"{package}=={version}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = sorted(directory.glob("*.whl"))
    if done.returncode != 0 or not found:
        raise ReleaseError(f"pip download {package}=={version} failed: {done.stderr.strip()}")
    return found[0]


def _unpack(wheel: Path, target: Path, prefix: str, names: tuple[str, ...]) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(prefix) and name.rsplit("/", 1)[-1] in names:
                out = target / name.removeprefix(prefix)
                out.parent.mkdir(parents=True, exist_ok=True)
                tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
                tmp.write_bytes(archive.read(name))
                tmp.replace(out)
