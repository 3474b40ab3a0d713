"""Installs the tests need from a registry (the domestic SDK from PyPI, the Node.js SDKs from
npm), made once into `.tcgen-cache` and never seen half done."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path


def install_once(
    target: Path, done: Path, command: Callable[[Path], list[str]], timeout: float
) -> Path:
    """`target`, installed by `command(staging)` when `done` (a path inside it) is missing:
    into a fresh directory beside it that is then renamed, so an interrupted install never
    looks complete; another run finishing first is as good."""
    if done.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=target.parent))
    try:
        subprocess.run(
            command(staging), check=True, capture_output=True, text=True, timeout=timeout
        )
        try:
            os.rename(staging, target)
        except OSError:  # another run finished first; its install is as good
            if not done.exists():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
