"""Import API models from the official tccli package into the spec tree (`tcgen import-tccli`).

For each selected service version (`live`: all versions; `live:2018-08-01` or `live:v20180801`:
one) the importer writes `<spec>/<service>/<version>/service.json`, one `actions/<Action>.json`
per action and one `types/<Name>.json` per data type, in the meta-schema's format and through
`spec_tree.write_spec_file`, so files are canonical and only changed files are rewritten: a
second import changes nothing. `<service>` is the API's own name from tccli's metadata, which
signs requests and names the endpoint (tccli's `autoscaling` is the `as` API). tccli does not
document regions, so actions say `{"required": false}`; they have no error codes either, but
the service version's `errorCodes` are the ones the official SDK lists for it
(`tccli/errorcodes.py`: the installed SDK's with the installed tccli, `errors_dir` otherwise),
replaced at each import. The same SDK's clients say which actions send `multipart/form-data`
or `application/octet-stream` (`tccli/sdkoptions.py`): their `body` blocks.

Merge rule: `spec_merge.combine`, the one `tcgen capture` uses too, so the order of capture and
import does not matter. Where a file already holds a page's data (`source.kind` `page` or
`page+tccli`, or no `source`: hand-written), the page wins for what it states and tccli adds
only what the page lacks (title, deprecation, parameter examples, nullable, deprecated, examples
when the page shows none, exact Int64/UInt64 widths); parameters only tccli has are dropped.
Files holding only tccli's data are replaced. A page's GET examples are typed again with the
model's data types (a page captured before its Data Types page leaves structure values as text).
Existing `service.json` values (the page's title) are kept. The resource blocks tcgen ships
for the service (`spec.infer.shipped`: CVM instances, VPCs, CDB instances, CAM roles, ...)
are added to it, after the blocks it already has, which are kept as they are.

Removed from the model: a re-import deletes the version's action and data type files whose
source is tccli alone and that the model no longer has; a `page+tccli` file keeps its page side
(`spec_merge.page_only`), and files with page provenance are never deleted.

Examples: an example whose HTTP text cannot be read (a GET item that is not `Name=value`, a
streamed answer that is not JSON) is Tencent's own data fault, like a page's own flaws in
capture: it is dropped and returned as a warning, never dropped silently; with `strict=True`
it is a Problem instead (exit 2, nothing written). Problems in the model itself (an unknown
type) always stop the import. Either way all problems of all requested versions are reported
together and no file is written when there is one.

A new or empty directory starts a tree (`spec.tree.new_tree_files`), as capture does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcgen.sources.tccli.convert import Converted, convert
from tcgen.sources.tccli.errorcodes import default_errors_dir, errors_file, read_error_codes
from tcgen.sources.tccli.models import default_services_dir, discover, select
from tcgen.sources.tccli.sdkoptions import client_files, read_bodies
from tcgen.spec import paths
from tcgen.spec.infer.shipped import applicable, shipped_blocks, with_shipped
from tcgen.spec.merge import PAGE, TCCLI, combine, page_only, provenance, read_existing
from tcgen.spec.problems import Problem, ProblemsError
from tcgen.spec.query_params import MemberTypes, member_types, parameter_types, retype
from tcgen.spec.tree import new_tree_files, write_spec_file

JSON = dict[str, Any]
_KINDS = (("action", paths.ACTIONS_DIR), ("structure", paths.TYPES_DIR))


@dataclass(frozen=True)
class ImportedVersion:
    """What one service version's import wrote."""

    directory: Path
    actions: int
    types: int
    changed: int
    merged: list[str]
    removed: list[str]
    skipped: list[Problem]


@dataclass
class _Plan:
    """The files of one service version, merged with the tree, ready to write."""

    converted: Converted
    directory: Path
    files: dict[Path, JSON] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def import_tccli(
    requests: list[str],
    spec_dir: Path,
    services_dir: Path | None = None,
    strict: bool = False,
    errors_dir: Path | None = None,
) -> list[ImportedVersion]:
    """Import the requested service versions; raises ProblemsError before writing anything.

    `errors_dir` is the SDK's `tencentcloud/` whose `errorcodes.py` files name each version's
    documented codes (default: the installed SDK's, when tccli's models are the installed ones).
    """
    models_dir = services_dir if services_dir is not None else default_services_dir()
    if errors_dir is None and services_dir is None:
        errors_dir = default_errors_dir()
    problems: list[Problem] = []
    plans = []
    for model in select(discover(models_dir), requests, models_dir):
        try:
            converted = convert(model)
        except ProblemsError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(converted.problems)
        if strict:
            problems.extend(converted.bad_examples)
        if errors_dir is not None:
            codes = read_error_codes(errors_file(errors_dir, model))
            _with_bodies(converted, read_bodies(client_files(errors_dir, model)))
        else:
            codes = []
        plans.append(_plan(converted, spec_dir, problems, codes))
    if problems:
        raise ProblemsError(problems)
    if plans:
        for path, data in new_tree_files(spec_dir).items():
            write_spec_file(path, data)
    return [_write(plan) for plan in plans]


def _with_bodies(converted: Converted, bodies: dict[str, JSON]) -> None:
    """The SDK's word on an action's body replaces what its example suggested: it is what
    the official SDK sends. Binary parameters the model does not have are left out."""
    for name, block in bodies.items():
        action = converted.actions.get(name)
        if action is None:
            continue
        members = {parameter["name"] for parameter in action["input"]}
        binary = [one for one in block.get("binaryParams", []) if one in members]
        action["body"] = {k: v for k, v in block.items() if k != "binaryParams"}
        if binary:
            action["body"]["binaryParams"] = binary


def _plan(
    converted: Converted, spec_dir: Path, problems: list[Problem], codes: list[JSON]
) -> _Plan:
    service = converted.service
    plan = _Plan(converted, spec_dir / service["service"] / service["version"])
    service_path = plan.directory / paths.SERVICE_FILE
    existing_service = read_existing(service_path, "service", spec_dir, problems)
    merged_service = {**service, **(existing_service or {})}
    if codes:  # the SDK release's list, as the models are the release's
        merged_service["errorCodes"] = codes
    shipped = applicable(shipped_blocks(service["service"], service["version"]), converted.actions)
    if shipped:  # tcgen's own blocks; the file's own (by name) win
        merged_service["resources"] = with_shipped(merged_service.get("resources", []), shipped)
    plan.files[service_path] = merged_service
    structures = member_types(converted.types.values())
    for (kind, sub), incoming in zip(_KINDS, (converted.actions, converted.types), strict=True):
        for name, data in incoming.items():
            path = plan.directory / sub / f"{name}.json"
            existing = read_existing(path, kind, spec_dir, problems)
            merged = combine(existing, data, TCCLI)
            if existing is not None and PAGE in provenance(existing):
                merged = _retyped(merged, structures)
                if kind == "action":
                    plan.merged.append(name)
            plan.files[path] = merged
        _plan_removals(plan, kind, sub, set(incoming), spec_dir, problems)
    return plan


def _plan_removals(
    plan: _Plan, kind: str, sub: str, names: set[str], spec_dir: Path, problems: list[Problem]
) -> None:
    """Files the model no longer has: tccli-only ones go, page+tccli ones keep the page side."""
    for path in sorted((plan.directory / sub).glob("*.json")):
        existing = None if path.stem in names else read_existing(path, kind, spec_dir, problems)
        if existing is None:
            continue
        held = provenance(existing)
        if held == {TCCLI}:
            plan.removed.append(path)
        elif TCCLI in held:
            plan.files[path] = page_only(existing)


def _retyped(action: JSON, structures: MemberTypes) -> JSON:
    """A page action's GET examples typed with the model's data types."""
    if "examples" not in action:
        return action
    inputs = parameter_types(action["input"])
    examples = []
    for example in action["examples"]:
        request = example["request"]
        if request["method"] == "GET":
            params = retype(request["params"], inputs, structures)
            example = {**example, "request": {**request, "params": params}}
        examples.append(example)
    return {**action, "examples": examples}


def _write(plan: _Plan) -> ImportedVersion:
    changed = sum(write_spec_file(path, data) for path, data in sorted(plan.files.items()))
    for path in plan.removed:
        path.unlink()
    return ImportedVersion(
        directory=plan.directory,
        actions=len(plan.converted.actions),
        types=len(plan.converted.types),
        changed=changed + len(plan.removed),
        merged=plan.merged,
        removed=[f"{path.parent.name}/{path.stem}" for path in plan.removed],
        skipped=plan.converted.bad_examples,
    )
