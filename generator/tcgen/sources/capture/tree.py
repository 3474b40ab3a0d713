"""Capture pages into a spec tree: read, interpret, merge, validate, then write or not at all.

Everything is computed in memory first. Without `lenient`, any problem (an unreadable page, a
row that cannot be read, a type the page only links to, a result the meta-schema rejects)
raises `ProblemsError` before a single file is written. With `lenient`, the files that are
valid are written and the problems are returned as warnings; a file the meta-schema rejects
is never written. Either way a page from which neither an action nor data types can be read
fails the capture: nothing is lost in silence. The page's own flaws (`Report.warn`) are
always warnings.

A tree captured into an empty directory is one the other commands accept: it gets tcgen's
common error codes next to the service.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcgen.sources.capture import interpret, notes
from tcgen.sources.capture.detect import parse_page
from tcgen.sources.capture.document import Document
from tcgen.sources.capture.report import Report
from tcgen.spec import paths, typesys
from tcgen.spec.merge import PAGE, combine, read_existing
from tcgen.spec.problems import Problem, ProblemsError, display_path
from tcgen.spec.query_params import MemberTypes, member_types
from tcgen.spec.tree import new_tree_files, validate_document, write_spec_file

JSON = dict[str, Any]
ServiceVersion = tuple[str, str]
PAGE_SOURCE = {"kind": "page"}


@dataclass
class Capture:
    """The files a capture writes (content by path), its problems and warnings, and the pages
    that yielded nothing (`empty`: fatal even when lenient)."""

    files: dict[Path, JSON] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    empty: list[Problem] = field(default_factory=list)

    def take(self, report: Report) -> None:
        self.problems += report.problems
        self.warnings += report.warnings


def capture(
    pages: list[Path], spec_dir: Path, service: ServiceVersion | None = None, lenient: bool = False
) -> tuple[list[Path], list[Problem]]:
    """Capture `pages` into `spec_dir`; returns the files changed and the warnings."""
    result = plan(pages, spec_dir, service)
    if result.empty or (result.problems and not lenient):
        raise ProblemsError(result.empty + result.problems)
    written = [path for path, data in result.files.items() if write_spec_file(path, data)]
    return written, sorted(set(result.warnings + result.problems))


def plan(pages: list[Path], spec_dir: Path, service: ServiceVersion | None) -> Capture:
    """What capturing `pages` would write, validated, without touching the disk."""
    result = Capture()
    documents = [doc for page in pages if (doc := _read(page, result)) is not None]
    type_pages = [d for d in documents if interpret.is_types_page(d)]
    structures = _structures(type_pages, result)
    members = member_types(structures)

    def structures_for(service_name: str, version: str) -> MemberTypes:
        return _existing_members(spec_dir, service_name, version) | members

    captured: dict[ServiceVersion, list[tuple[str, interpret.CapturedAction]]] = {}
    for document in documents:
        if document in type_pages:
            continue
        report = Report(document.source)
        action = interpret.read_action(document, structures_for, report)
        if action is None:
            result.empty.append(_nothing_read(document, report))
            report.problems = [p for p in report.problems if p.pointer]  # summarised above
        result.take(report)
        if action is None:
            continue
        captured.setdefault((action.service, action.version), []).append((document.source, action))
        directory = spec_dir / action.service / action.version
        service_file = directory / paths.SERVICE_FILE
        if not service_file.exists() and service_file not in result.files:
            identity = {"service": action.service, "version": action.version}
            result.files[service_file] = identity | {"endpoint": action.endpoint}
        _add(result, spec_dir, directory / paths.ACTIONS_DIR, "action", action.action)
        for name, found in action.structures.items():
            stated = notes.source(notes.read(found, "members"))
            structure: JSON = {"name": name, "description": "", "members": found}
            structure["source"] = PAGE_SOURCE | stated
            _add(result, spec_dir, directory / paths.TYPES_DIR, "structure", structure)
    target = _types_target(service, set(captured), spec_dir, result) if structures else None
    if target is not None:
        for structure in structures:
            directory = spec_dir / target[0] / target[1] / paths.TYPES_DIR
            _add(result, spec_dir, directory, "structure", structure)
    for (service_name, version), actions in captured.items():
        known = set(_existing_members(spec_dir, service_name, version)) | set(members)
        known |= {name for _, action in actions for name in action.structures}
        for source, action in actions:
            result.problems += _linked_only(source, action, known)
    _start_tree(spec_dir, result)
    return result


def _read(page: Path, result: Capture) -> Document | None:
    source = display_path(page)
    try:
        text = _decode(page.read_bytes(), source, result)
    except (OSError, UnicodeDecodeError) as exc:
        result.empty.append(Problem(source, "", f"cannot read page: {exc}"))
        return None
    return parse_page(page, text, source)


def _decode(data: bytes, source: str, result: Capture) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 by its mark, else GB18030: the
    encoding Chinese pages saved on Windows use (said in a warning)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    result.warnings.append(Problem(source, "", "not UTF-8: read as GB18030"))
    return text


def _nothing_read(document: Document, report: Report) -> Problem:
    missing = "; ".join(p.message for p in report.problems if not p.pointer) or "no API data"
    return Problem(
        document.source, "", f"nothing captured: no action and no data types ({missing})"
    )


def _structures(documents: list[Document], result: Capture) -> list[JSON]:
    structures: list[JSON] = []
    for document in documents:
        report = Report(document.source)
        found = interpret.read_structures(document, report)
        result.take(report)
        if not found:
            result.empty.append(_nothing_read(document, report))
        structures += found
    return structures


def _existing_members(spec_dir: Path, service: str, version: str) -> dict[str, dict[str, str]]:
    """Member types of the valid structures already in the tree, for typing GET examples."""
    found = sorted((spec_dir / service / version / paths.TYPES_DIR).glob("*.json"))
    loaded = (read_existing(path, "structure", spec_dir, []) for path in found)
    return member_types(data for data in loaded if data is not None)


def _linked_only(source: str, action: interpret.CapturedAction, known: set[str]) -> list[Problem]:
    """One problem per structure the page names but neither it nor the tree defines."""
    members = [*action.action["input"], *action.action["output"]]
    members += [m for found in action.structures.values() for m in found]
    missing = sorted(set(_structure_names(members)) - known)
    return [
        Problem(
            source,
            "",
            f"type {name} is only linked from the page, its members are unknown: capture the "
            f"service's Data Types page with it, or run `tcgen import-tccli {action.service}`",
        )
        for name in missing
    ]


def _structure_names(members: Iterable[JSON]) -> Iterable[str]:
    for member in members:
        element = typesys.parse(member["type"]).element
        if element.kind != "primitive":
            yield element.spec


def _start_tree(spec_dir: Path, result: Capture) -> None:
    """A new tree gets tcgen's common error codes, so validate and generate accept it."""
    if result.files:
        result.files.update(new_tree_files(spec_dir))


def _types_target(
    service: ServiceVersion | None, captured: set[ServiceVersion], spec_dir: Path, result: Capture
) -> ServiceVersion | None:
    """Where Data Types go: `--service`, else the one service version captured alongside."""
    if service is None and len(captured) == 1:
        return next(iter(captured))
    if service is None:
        result.problems.append(
            Problem(
                display_path(spec_dir),
                "",
                "a Data Types page does not name its service: pass --service SERVICE:VERSION "
                "or capture it together with API pages of exactly one service version",
            )
        )
        return None
    service_file = spec_dir / service[0] / service[1] / paths.SERVICE_FILE
    if not service_file.exists() and service_file not in result.files:
        result.problems.append(
            Problem(display_path(service_file), "", "no such service: capture one of its API pages")
        )
        return None
    return service


def _add(result: Capture, spec_dir: Path, directory: Path, kind: str, data: JSON) -> None:
    """Merge with the existing file and queue it, or report why it cannot be written."""
    key = "action" if kind == "action" else "name"
    path = directory / f"{data[key]}.json"
    existing = read_existing(path, kind, spec_dir, result.problems)
    if path.exists() and existing is None:
        return
    merged = combine(existing, data, PAGE)
    errors = validate_document(kind, merged, display_path(path), spec_dir)
    result.problems += errors
    if path in result.files:
        result.problems.append(Problem(display_path(path), "", "captured twice in one run"))
    elif not errors:
        result.files[path] = merged
