"""Dotted member paths (`VirtualPrivateCloud.SubnetId`) over a resource's stored values.

Resource blocks name nested members this way: a reference inside a request structure, a
filter on an answer's nested member (`Placement.Zone`), a value copied from a referenced
resource. A path that crosses an array reads every element, so `SecurityGroupIds` and
`NetworkInterfaces.SubnetId` both read as the list of ids they hold.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any


def values_at(record: Any, path: str) -> list[Any]:
    """Every value at `path` (none when absent; each element where it crosses an array)."""
    found = [record]
    for part in path.split("."):
        step: list[Any] = []
        for one in found:
            for item in one if isinstance(one, list) else [one]:
                if isinstance(item, Mapping) and item.get(part) is not None:
                    value = item[part]
                    step.extend(value if isinstance(value, list) else [value])
        found = step
    return found


def has_path(record: Mapping[str, Any], path: str) -> bool:
    return bool(values_at(record, path))


def set_path(record: dict[str, Any], path: str, value: Any) -> None:
    """Put `value` at `path`, making the structures on the way (not through arrays)."""
    *parents, last = path.split(".")
    node = record
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[last] = copy.deepcopy(value)


def overlay(base: Any, stored: Any) -> Any:
    """`stored` over a synthesized `base`: structures merge member by member (a placeholder
    stays where nothing was stored, a stored member the type lacks is left out), anything
    else is the stored value."""
    if isinstance(base, dict) and base and isinstance(stored, Mapping):
        merged = dict(base)
        for name, value in stored.items():
            if name in base:
                merged[name] = overlay(base[name], value)
        return merged
    return copy.deepcopy(stored)
