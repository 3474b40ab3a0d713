"""Fold a table's member rows (`Instances.N.Dimensions.0.Name`) into structure members.

Some pages document a structure inside the parameter table instead of linking to the Data
Types page: after `Instances.N` (an `Array of Instance`) come rows whose names are paths into
it. Each path step is a member name, or an array element (`N` or an index). The row's own
member becomes a member of the structure its parent has: the parent's declared structure
type or, when the parent's type is a primitive (the page gave no structure name), a structure
named after the parent's path (`Config.Network` -> `ConfigNetwork`); names are not guessed
beyond that. A member row before its parent's row is a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tcgen.sources.capture.report import Report
from tcgen.sources.capture.rows import ARRAY_INDEX
from tcgen.spec import typesys

JSON = dict[str, Any]


@dataclass
class Folded:
    """Top-level parameters, and the structures member rows defined (name -> members)."""

    parameters: list[JSON] = field(default_factory=list)
    structures: dict[str, list[JSON]] = field(default_factory=dict)


def fold(rows: list[tuple[int, JSON]], report: Report) -> Folded:
    """Split (line, parameter) rows into top-level parameters and structure members."""
    result = Folded()
    by_path: dict[str, JSON] = {}
    for line, parameter in rows:
        steps = parameter["name"].split(".")
        if len(steps) == 1:
            result.parameters.append(parameter)
            by_path[parameter["name"]] = parameter
            continue
        owner_path = _owner(steps)
        owner = by_path.get(owner_path)
        if owner is None:
            report.add(line, f"member row {parameter['name']} comes before a row for {owner_path}")
            continue
        structure = _structure_of(owner, owner_path, steps, result)
        member = {"required": False} | dict(parameter, name=steps[-1])
        members = result.structures.setdefault(structure, [])
        if all(m["name"] != member["name"] for m in members):
            members.append(member)
        by_path[_path(steps)] = member
    return result


def _owner(steps: list[str]) -> str:
    """The path of the member that holds the last step (array indexes skipped)."""
    owner = steps[:-1]
    while owner and ARRAY_INDEX.fullmatch(owner[-1]):
        owner.pop()
    return _path(owner)


def _path(steps: list[str]) -> str:
    return ".".join(step for step in steps if not ARRAY_INDEX.fullmatch(step))


def _structure_of(owner: JSON, owner_path: str, steps: list[str], result: Folded) -> str:
    """The structure the owner's (element) type names; a primitive owner becomes one."""
    reference = typesys.parse(owner["type"])
    if reference.element.kind != "primitive":
        return reference.element.spec
    name = "".join(part[:1].upper() + part[1:] for part in owner_path.split("."))
    depth = sum(1 for step in steps[:-1] if ARRAY_INDEX.fullmatch(step))
    owner["type"] = typesys.ARRAY_PREFIX * min(depth, 1) + name
    result.structures.setdefault(name, [])
    return name
