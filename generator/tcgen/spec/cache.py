"""Where tcgen keeps what it can recompute: black results, validated spec files, package inputs.

One directory (`$TCGEN_CACHE_DIR`, else `.tcgen-cache/black` under the working directory;
`""` disables every cache). Entries are named by content hashes and written atomically, so
concurrent runs and pool workers can share it, and deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is disabled."""
    configured = os.environ.get("TCGEN_CACHE_DIR")
    if configured == "":
        return None
    return Path(configured) if configured else Path(".tcgen-cache") / "black"


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
