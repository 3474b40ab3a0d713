"""Format generated Python with black, in-process, with a pinned mode and a content cache.

Most of a package comes from templates that render in black's style already (`pystyle`) and
from the runtime, copied as black-clean source: those files are only parsed, unless
`needs_black` finds a line black could still split. Black, at about 80 KB/s per core, formats
the rest (templates that promise nothing, a service's extensions), cached by a hash of (black
version, mode, source): regenerating an unchanged spec formats nothing. The leading comment
block (tcgen's header, which names the spec hash) is split off before hashing and put back
verbatim, so a file identical in every package but for that header is formatted once for a
whole catalog. Cache misses are formatted in a process pool (`$TCGEN_JOBS` workers, default one
per core) unless the caller runs in a worker itself.
"""

from __future__ import annotations

import ast
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from tcgen.output.pystyle import LINE_LENGTH, needs_black
from tcgen.output.render import Rendered
from tcgen.output.writer import Content
from tcgen.spec.cache import cache_dir, store
from tcgen.spec.problems import Problem, ProblemsError

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)
MODE_KEY = f"black-{version('black')}-{MODE!r}".encode()


def _cache_key(source: str) -> str:
    return hashlib.sha256(MODE_KEY + b"\0" + source.encode()).hexdigest()


def _cached(cache: Path | None, source: str) -> str | None:
    entry = cache / _cache_key(source) if cache else None
    return entry.read_text(encoding="utf-8") if entry is not None and entry.exists() else None


def _black(job: tuple[str, str]) -> tuple[str, str | None, str | None]:
    """Format one file: (name, formatted, None) or (name, None, why it does not parse)."""
    name, source = job
    try:
        formatted = black.format_str(source, mode=MODE)
    except InvalidInput as exc:
        return name, None, f"generated code does not parse: {exc}"
    return name, formatted, _syntax_error(name, formatted)


def _syntax_error(name: str, source: str) -> str | None:
    """Why `source` is not Python, if it is not (black's grammar also admits `def f(*,)`)."""
    try:
        ast.parse(source, name)
    except SyntaxError as exc:
        return f"generated code does not parse: {exc}"
    return None


def workers() -> int:
    """`$TCGEN_JOBS`, else one worker per core."""
    return max(1, int(os.environ.get("TCGEN_JOBS") or os.cpu_count() or 1))


# Below this much unformatted source a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64 * 1024


def split_header(text: str) -> tuple[str, str]:
    """(leading `# ` comment lines, the rest): black leaves such a header as it is."""
    end = 0
    while text.startswith("# ", end):
        newline = text.find("\n", end)
        if newline < 0:
            break
        end = newline + 1
    return text[:end], text[end:]


def format_outputs(rendered: Rendered, jobs: int | None = None) -> dict[str, Content]:
    """Every `.py` output in black's style (preformatted, cached, or formatted now, in
    parallel); collects all problems.

    `jobs` caps the process pool (1: format here, for callers that are pool workers).
    """
    cache = cache_dir()
    result = dict(rendered.files)
    headers: dict[str, str] = {}
    misses: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for name, text in rendered.files.items():
        if not name.endswith(".py") or not isinstance(text, str):
            continue
        headers[name], body = split_header(text)
        if name in rendered.preformatted and not needs_black(body):
            error = _syntax_error(name, body)
            if error:
                problems.append(Problem(name, "", error))
            continue
        hit = _cached(cache, body)
        if hit is None:
            misses.append((name, body))
        else:
            result[name] = headers[name] + hit
    misses.sort(key=lambda job: -len(job[1]))  # longest first: the pool finishes together
    jobs = workers() if jobs is None else jobs
    if jobs > 1 and len(misses) > 1 and sum(len(t) for _, t in misses) > PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(min(jobs, len(misses))) as pool:
            formatted = list(pool.map(_black, misses))
    else:
        formatted = [_black(job) for job in misses]
    for (name, source), (_, done, error) in zip(misses, formatted, strict=True):
        if done is None or error is not None:
            problems.append(Problem(name, "", str(error)))
            continue
        result[name] = headers[name] + done
        if cache is not None:
            store(cache / _cache_key(source), done.encode())
    if problems:
        raise ProblemsError(problems)
    return result
