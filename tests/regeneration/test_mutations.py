"""The contract suite catches deliberately broken generated code.

Each mutation is applied to a copy of the committed package and the whole suite is run
against it (in parallel, two at a time): it must fail, and among the failures must be the
module whose contract the mutation breaks. Signing is the subtle one: client and mock share
the corrupted code and still agree with each other, so only the golden vectors (the official
SDK as an independent oracle) can notice.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tcgen.model.service import Action, Service

from tests.contract.target import services

from .support import ACTION as ACTION_NAME
from .support import PACKAGE, ROOT, run_contract

SERVICE: Service = next(s for s in services(ROOT / "spec") if s.package == PACKAGE)
ACTION: Action = next(a for a in SERVICE.actions if a.name == ACTION_NAME)


def substitute(path: Path, pattern: str, replacement: str, within: str = "") -> None:
    """Replace exactly one match of `pattern` (multiline) in a generated file.

    With `within`, only inside the block that starts at that text and ends before the next
    line of the same indentation (closing brackets aside): the action's own method or
    metadata entry, since other actions share parameter names.
    """
    text = path.read_text(encoding="utf-8")
    start, end = 0, len(text)
    if within:
        start = text.index(within)
        indent = len(within) - len(within.lstrip())
        following = re.compile(rf"^ {{{indent}}}[^\s)]", re.M).search(text, start + len(within))
        end = following.start() if following else end
    block, count = re.subn(pattern, replacement, text[start:end], flags=re.M)
    assert count == 1, f"{pattern!r} matched {count} times in {path}"
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


def drop_client_parameter(package: Path) -> None:
    """(a) the typed method loses its last parameter (signature and pass-through)."""
    name = ACTION.input[-1].py_name
    method = f"    def {ACTION.method_name}("
    substitute(package / "client.py", rf"^ {{8}}{name}: .+,\n", "", within=method)
    substitute(package / "client.py", rf"^ {{16}}{name}={name},\n", "", within=method)


def flip_required_flag(package: Path) -> None:
    """(b) `_meta.py` says a required parameter is optional (client, CLI and mock all read it)."""
    field = ACTION.required_input[0]
    member = f'("{field.wire_name}", "{field.type.spec}", True)'
    entry = f'    "{ACTION.name}": ActionMeta('
    substitute(
        package / "_meta.py", re.escape(member), member.replace("True", "False"), within=entry
    )


def delete_error_class(package: Path) -> None:
    """(c) an action's error class disappears (and its ERRORS entry, so the module imports)."""
    codes = [e.code for e in ACTION.error_codes]
    leaf = next(e for e in ACTION.error_codes if not any(c.startswith(e.code + ".") for c in codes))
    errors = package / "errors.py"
    code = re.escape(f'"{leaf.code}"')
    substitute(errors, rf"^class {leaf.class_name}\(\w+\):\n(?:.*\n)*? {{4}}code = {code}\n", "")
    substitute(errors, rf"^ {{4}}{code}: {leaf.class_name},\n", "")


def corrupt_signing(package: Path) -> None:
    """(d) the derived signing key uses the wrong terminal string."""
    substitute(package / "_runtime" / "signing.py", r'"tc3_request"\)$', '"tc3_requesT")')


MUTATIONS: dict[str, tuple[Callable[[Path], None], str]] = {
    "client parameter removed": (drop_client_parameter, "test_surface"),
    "required flag flipped": (flip_required_flag, "test_validation"),
    "error class deleted": (delete_error_class, "test_errors"),
    "signing corrupted": (corrupt_signing, "test_vectors"),
}


def test_contract_suite_fails_on_each_broken_package(tmp_path: Path) -> None:
    outs = {}
    for index, (name, (mutate, _)) in enumerate(MUTATIONS.items()):
        out = tmp_path / f"out{index}"
        shutil.copytree(ROOT / "generated" / PACKAGE, out / PACKAGE)
        mutate(out / PACKAGE)
        outs[name] = out
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(
            zip(
                outs,
                pool.map(lambda out: run_contract(ROOT / "spec", out), outs.values()),
                strict=True,
            )
        )
    for name, (_, catcher) in MUTATIONS.items():
        print(f"{name}: failing modules {sorted(runs[name].failed_files)}")
        run = runs[name]
        assert run.status == 1, f"{name}: the contract suite passed\n{run.output}"
        assert catcher in run.failed_files, f"{name}: {catcher} did not fail\n{run.output}"
    assert runs["signing corrupted"].failed_files == {"test_vectors"}
