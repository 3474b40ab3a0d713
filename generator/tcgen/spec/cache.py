"""Where tcgen keeps what it can recompute: black results, validated spec files, package inputs.

One directory: `$TCGEN_CACHE_DIR`, else the user's cache directory (`$XDG_CACHE_HOME/tcgen`,
`~/.cache/tcgen`; `~/Library/Caches/tcgen` on macOS, `%LOCALAPPDATA%\\tcgen\\Cache` on Windows),
never the working directory, so a command run anywhere leaves nothing behind there; `""`
disables every cache. Entries are named by content hashes and written atomically, so
concurrent runs and pool workers can share it, and deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ENV = "TCGEN_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is disabled."""
    configured = os.environ.get(ENV)
    if configured == "":
        return None
    return Path(configured) if configured else user_cache_dir()


def user_cache_dir() -> Path:
    """The platform's per-user cache directory for tcgen (what `platformdirs` would answer)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "tcgen" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "tcgen"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base_dir / "tcgen"


def digest(*parts: bytes) -> str:
    """sha256 of the parts, NUL-separated (so ("ab", "c") and ("a", "bc") differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def store(path: Path, data: bytes) -> None:
    """Write a cache entry atomically (a reader sees the old entry or the whole new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
