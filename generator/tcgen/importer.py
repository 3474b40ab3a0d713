"""Import API models from the official tccli package into the spec tree (`tcgen import-tccli`).

For each selected service version (`live`: all versions; `live:2018-08-01` or `live:v20180801`:
one) the importer writes `<spec>/<service>/<version>/service.json`, one `actions/<Action>.json`
per action and one `types/<Name>.json` per data type, in the meta-schema's format and through
`spec_tree.write_spec_file`, so files are canonical and only changed files are rewritten: a
second import changes nothing. `<service>` is the API's own name from tccli's metadata, which
signs requests and names the endpoint (tccli's `autoscaling` is the `as` API). tccli does not
document regions, so actions say `{"required": false}`; they have no error codes either.

Merge rule, "page data wins where both exist" (see `spec_merge`): an existing action file with
`source.kind == "page"` keeps everything the page has (description, error codes, rate limit,
region, parameter descriptions, required flags and types, examples); tccli adds only what the
page lacks (parameter examples, nullable, deprecated, the title, examples when the page shows
none, parameters the page omits, Int64/UInt64 where the page says Integer). Any other existing
action file is replaced. Data type files carry no source marker, so existing ones are merged the
same way, member by member, when the service version has a page-captured action (`tcgen capture`
writes data types only alongside actions), and replaced otherwise. Existing `service.json`
values (the page's title) are kept.

Examples: an example whose HTTP text cannot be read is a Problem (exit 2, nothing written);
with `lenient=True` it is skipped and returned as a warning instead, never dropped silently.
Problems in the model itself (an unknown type) always stop the import. Either way all problems
of all requested versions are reported together and no file is written when there is one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .problems import Problem, ProblemsError, display_path
from .spec_merge import MergeError, is_page_capture, merge_action, merge_structure
from .spec_tree import write_spec_file
from .tccli_convert import Converted, convert
from .tccli_models import default_services_dir, discover, select

JSON = dict[str, Any]


@dataclass(frozen=True)
class ImportedVersion:
    """What one service version's import wrote."""

    directory: Path
    actions: int
    types: int
    changed: int
    merged: list[str]
    skipped: list[Problem]


@dataclass
class _Plan:
    """The files of one service version, merged with the tree, ready to write."""

    converted: Converted
    directory: Path
    files: dict[Path, JSON]
    merged: list[str]


def import_tccli(
    requests: list[str],
    spec_dir: Path,
    services_dir: Path | None = None,
    lenient: bool = False,
) -> list[ImportedVersion]:
    """Import the requested service versions; raises ProblemsError before writing anything."""
    if not (spec_dir / paths.COMMON_ERRORS_FILE).is_file():
        raise ProblemsError(
            [Problem(display_path(spec_dir), "", f"not a spec tree: no {paths.COMMON_ERRORS_FILE}")]
        )
    models_dir = services_dir if services_dir is not None else default_services_dir()
    problems: list[Problem] = []
    plans = []
    for model in select(discover(models_dir), requests, models_dir):
        try:
            converted = convert(model)
        except ProblemsError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(converted.problems)
        if not lenient:
            problems.extend(converted.bad_examples)
        plans.append(_plan(converted, spec_dir, problems))
    if problems:
        raise ProblemsError(problems)
    return [_write(plan) for plan in plans]


def _plan(converted: Converted, spec_dir: Path, problems: list[Problem]) -> _Plan:
    service = converted.service
    directory = spec_dir / service["service"] / service["version"]
    existing_service = _existing(directory / paths.SERVICE_FILE, problems)
    files = {directory / paths.SERVICE_FILE: {**service, **(existing_service or {})}}
    merged = []
    for name, action in converted.actions.items():
        path = directory / paths.ACTIONS_DIR / f"{name}.json"
        existing = _existing(path, problems)
        if existing is not None and is_page_capture(existing):
            files[path] = _merged(merge_action, existing, action, path, problems)
            merged.append(name)
        else:
            files[path] = action
    for name, structure in converted.types.items():
        path = directory / paths.TYPES_DIR / f"{name}.json"
        existing = _existing(path, problems) if merged else None
        if existing is not None:
            structure = _merged(merge_structure, existing, structure, path, problems)
        files[path] = structure
    return _Plan(converted, directory, files, merged)


def _merged(
    merge: Callable[[JSON, JSON], JSON],
    page: JSON,
    imported: JSON,
    path: Path,
    problems: list[Problem],
) -> JSON:
    try:
        return merge(page, imported)
    except MergeError as exc:
        problems.append(Problem(display_path(path), "", f"cannot merge: {exc}"))
        return imported


def _existing(path: Path, problems: list[Problem]) -> JSON | None:
    """An existing spec file's content, or None when there is none to merge with."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem(display_path(path), "", f"cannot read existing file: {exc}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(display_path(path), "", "existing file is not a JSON object"))
        return None
    return data


def _write(plan: _Plan) -> ImportedVersion:
    changed = sum(write_spec_file(path, data) for path, data in sorted(plan.files.items()))
    return ImportedVersion(
        directory=plan.directory,
        actions=len(plan.converted.actions),
        types=len(plan.converted.types),
        changed=changed,
        merged=plan.merged,
        skipped=plan.converted.bad_examples,
    )
