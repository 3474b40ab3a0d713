"""Profiles: which files of a generated package a vendored copy or a distribution carries.

A profile is data: the package files it starts from (`roots`, glob patterns relative to the
package) and whether the rest of the package is pulled in by what those files import. The
runtime modules a lean package carries are never listed: they are the closure of the roots'
relative imports (`import_closure`, read with `ast`), so a new runtime module the client
imports is carried along and one only the mock or the CLI imports is not.

- `full`: the whole package (client, CLI, mock, the spec snapshot with the help texts and
  the mock's examples): what `tcgen generate` writes.
- `lean`: the client, its models and errors, the tables it validates with (`_meta.py`) and
  the runtime modules those import; no async client (`aio.py`, which `__init__` imports only
  when asked), no mock, no CLI, no spec snapshot (`_spec.json.xz`, where help texts and
  examples live), no release record (`_release.json`); and its Python carries no docstrings
  (what `python -OO` drops: nothing reads them at run time; type hints stay), for
  size-limited deployments.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tcgen.spec.problems import Problem, ProblemsError


@dataclass(frozen=True)
class Profile:
    name: str
    summary: str
    roots: tuple[str, ...]  # glob patterns, relative to the package directory
    closure: bool  # add every package module the roots import, transitively
    docstrings: bool = True  # False: carried Python files lose their docstrings
    exclude: tuple[str, ...] = ()  # glob patterns never carried, even when imported


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("full", "client, CLI, mock, help texts and spec snapshot", ("*",), False),
        Profile(
            "lean",
            "client, models, errors and the runtime they import, without docstrings "
            "(needs requests only)",
            (
                "__init__.py",
                "client.py",
                "models.py",
                "errors.py",
                "_meta.py",
                "py.typed",
                "CHANGELOG.md",
            ),
            True,
            docstrings=False,
            exclude=("aio.py",),  # the async client (httpx), imported lazily by __init__
        ),
    )
}
DEFAULT_PROFILE = "full"


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ProblemsError([Problem(name, "", f"unknown profile (known: {known})")]) from None


def _module_name(relative: str) -> str:
    """`_runtime/client.py` -> `_runtime.client`; `mock/__init__.py` -> `mock`."""
    stem = relative.removesuffix(".py").replace("/", ".")
    return stem.removesuffix(".__init__") if stem != "__init__" else ""


def _is_package(relative: str) -> bool:
    return relative == "__init__.py" or relative.endswith("/__init__.py")


def _imported_modules(relative: str, source: str) -> set[str]:
    """Every package module `relative` imports with a relative import (anywhere in the file:
    deferred imports count), as dotted names relative to the package root."""
    module = _module_name(relative)
    package = module if _is_package(relative) else module.rpartition(".")[0]
    anchor = ".".join(filter(None, ["__top__", package]))  # a stand-in top-level name
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, relative)):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        try:
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), anchor)
        except ImportError:  # beyond the top-level package: not one of its modules
            continue
        base = base.partition(".")[2]  # without the stand-in
        found.add(base)
        found.update(".".join(filter(None, [base, alias.name])) for alias in node.names)
    return found


def import_closure(files: Mapping[str, Callable[[], str]], roots: Iterable[str]) -> set[str]:
    """The roots plus every package file they import, transitively, with the `__init__.py` of
    every package on the way. `files`: relative path -> its source (read on demand)."""
    by_module: dict[str, str] = {_module_name(f): f for f in files if f.endswith(".py")}
    selected: set[str] = set()
    pending = list(roots)
    while pending:
        relative = pending.pop()
        if relative in selected:
            continue
        selected.add(relative)
        if not relative.endswith(".py"):
            continue
        parents = relative.split("/")[:-1]
        for depth in range(len(parents)):
            init = "/".join([*parents[: depth + 1], "__init__.py"])
            if init in files:
                pending.append(init)
        for module in _imported_modules(relative, files[relative]()):
            if module in by_module:  # a name imported from a module is not a module
                pending.append(by_module[module])
    return selected


def select(profile: Profile, files: Mapping[str, Callable[[], str]]) -> list[str]:
    """The package files (relative to the package) that `profile` carries, sorted."""
    files = {
        f: read for f, read in files.items()
        if not any(fnmatch.fnmatchcase(f, p) for p in profile.exclude)
    }  # fmt: skip  # excluded files are not followed either
    roots = {f for f in files if any(fnmatch.fnmatchcase(f, p) for p in profile.roots)}
    chosen = import_closure(files, roots) if profile.closure else roots
    return sorted(chosen)


def carried(profile: Profile, relative: str, text: str) -> str:
    """A file's text as `profile` carries it."""
    if profile.docstrings or not relative.endswith(".py"):
        return text
    return strip_docstrings(text, relative)


def strip_docstrings(source: str, filename: str = "<source>") -> str:
    """`source` without its docstrings (module, class, function and attribute ones: every
    string statement), line by line so comments and layout stay; a body left empty gets
    `pass`. A string sharing a line with other code is kept."""
    lines = source.splitlines(keepends=True)
    drops: list[tuple[int, int, str | None]] = []  # (first, last line, replacement)
    for node in ast.walk(ast.parse(source, filename)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for statement in body:
            if not (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                continue
            first, last = statement.lineno, statement.end_lineno or statement.lineno
            before = lines[first - 1].encode()[: statement.col_offset].decode()
            after = lines[last - 1].encode()[statement.end_col_offset or 0 :]
            if before.strip() or after.strip():
                continue
            only = len(body) == 1
            drops.append((first, last, before + "pass\n" if only else None))
    for first, last, replacement in sorted(drops, reverse=True):
        lines[first - 1 : last] = [replacement] if replacement else []
    return "".join(lines)
