"""Format generated Python with black, in-process, with a pinned mode and a content cache.

Black dominates generation time, so results are cached by a hash of (black version, mode,
source): regenerating an unchanged spec formats nothing.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .problems import Problem, ProblemsError

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
_MODE_KEY = f"black-{version('black')}-{MODE!r}".encode()


def cache_dir() -> Path | None:
    """`$TCGEN_CACHE_DIR`, else `.tcgen-cache/black` under the working directory; `""` disables."""
    configured = os.environ.get("TCGEN_CACHE_DIR")
    if configured == "":
        return None
    return Path(configured) if configured else Path(".tcgen-cache") / "black"


def _cache_key(source: str) -> str:
    return hashlib.sha256(_MODE_KEY + b"\0" + source.encode()).hexdigest()


def format_source(source: str, name: str, cache: Path | None) -> str:
    """Black-format one file; an invalid render is a problem naming the output file and line."""
    entry = cache / _cache_key(source) if cache else None
    if entry is not None and entry.exists():
        return entry.read_text(encoding="utf-8")
    try:
        formatted = black.format_str(source, mode=MODE)
    except InvalidInput as exc:
        raise ProblemsError([Problem(name, "", f"generated code does not parse: {exc}")]) from None
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        tmp.write_text(formatted, encoding="utf-8")
        tmp.replace(entry)
    return formatted


def format_outputs(outputs: dict[str, str]) -> dict[str, str]:
    """Format every `.py` output; other files pass through. Collects all problems."""
    cache = cache_dir()
    result: dict[str, str] = {}
    problems: list[Problem] = []
    for name, text in outputs.items():
        if not name.endswith(".py"):
            result[name] = text
            continue
        try:
            result[name] = format_source(text, name, cache)
        except ProblemsError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ProblemsError(problems)
    return result
