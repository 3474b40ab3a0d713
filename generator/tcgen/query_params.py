"""Rebuild typed request parameters from a flattened GET query (`Filters.0.Name=x`).

A GET example carries every parameter as text, with lists and structures flattened into dotted
names. Examples in the spec are data a client or the mock can replay, so the query is folded
back into nested objects and each value converted to its declared type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import typesys

JSON = dict[str, Any]
_BOOLEANS = {"true": True, "false": False}


class QueryError(Exception):
    """A query that does not fit the action's declared parameters."""


def typed_params(
    pairs: list[tuple[str, str]], inputs: list[JSON], structures: Mapping[str, list[JSON]]
) -> JSON:
    """Nest the dotted `(name, value)` pairs and type them by the action's input parameters."""
    nested = _listify(_nest(pairs))
    if not isinstance(nested, dict):
        raise QueryError("the query holds a bare list, not named parameters")
    return _coerce_members(nested, inputs, structures, "")


def _nest(pairs: list[tuple[str, str]]) -> JSON:
    root: JSON = {}
    for name, value in pairs:
        *parents, leaf = name.split(".")
        node = root
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise QueryError(f"'{name}' nests under a plain value")
            node = child
        if leaf in node:
            raise QueryError(f"'{name}' is given twice")
        node[leaf] = value
    return root


def _listify(node: Any) -> Any:
    """Objects keyed 0..n-1 become lists: that is how a query spells a list."""
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        indexes = sorted(int(key) for key in items)
        if indexes != list(range(len(indexes))):
            raise QueryError(f"list indexes {indexes} do not count from 0")
        return [items[str(i)] for i in indexes]
    return items


def _coerce_members(
    values: JSON, members: list[JSON], structures: Mapping[str, list[JSON]], where: str
) -> JSON:
    types = {member["name"]: member["type"] for member in members}
    result = {}
    for name, value in values.items():
        if name not in types:
            raise QueryError(f"unknown parameter '{where}{name}'")
        result[name] = _coerce(value, types[name], structures, f"{where}{name}")
    return result


def _coerce(value: Any, type_text: str, structures: Mapping[str, list[JSON]], where: str) -> Any:
    ref = typesys.parse(type_text)
    if ref.item is not None:
        if not isinstance(value, list):
            raise QueryError(f"'{where}' should be a list ({type_text})")
        return [
            _coerce(item, ref.item.spec, structures, f"{where}.{i}") for i, item in enumerate(value)
        ]
    if ref.structure is not None:
        if not isinstance(value, dict):
            raise QueryError(f"'{where}' should be a structure ({type_text})")
        return _coerce_members(value, structures[ref.structure], structures, f"{where}.")
    if not isinstance(value, str):
        raise QueryError(f"'{where}' should be a single value ({type_text})")
    return _scalar(value, ref, where)


def _scalar(value: str, ref: typesys.TypeRef, where: str) -> Any:
    assert ref.primitive is not None
    try:
        if ref.primitive.json_type == "integer":
            return int(value)
        if ref.primitive.json_type == "number":
            return float(value)
    except ValueError:
        raise QueryError(f"'{where}' = '{value}' is not of type {ref.spec}") from None
    if ref.primitive.json_type == "boolean":
        if value.lower() not in _BOOLEANS:
            raise QueryError(f"'{where}' = '{value}' is not of type {ref.spec}")
        return _BOOLEANS[value.lower()]
    return value
