"""Flattened form parameters (GET query, v1 form body) back into the JSON a POST would carry.

Tencent flattens `{"A": [{"B": 1}]}` into `A.0.B=1`, and every value arrives as a string;
the spec's types say which strings are numbers, booleans or list indices, so the mock can
validate GET and v1 calls with exactly the rules it applies to JSON bodies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..meta import Member
from ..primitives import ARRAY, PRIMITIVES
from .fault import Fault


def unflatten(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """`[("A.0.B", "1")]` -> `{"A": {"0": {"B": "1"}}}`; list indices stay keys until `coerce`."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        node = root
        *parents, last = key.split(".")
        for depth, part in enumerate(parents):
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise Fault(
                    "InvalidParameter",
                    f"{'.'.join(parents[: depth + 1])} is given both as a value and with members",
                )
            node = child
        if last in node:
            raise Fault("InvalidParameter", f"{key} is given more than once or with members")
        node[last] = value
    return root


def coerce(value: Any, type_: str, structures: Mapping[str, tuple[Member, ...]]) -> Any:
    """Convert one unflattened value to its spec type where it can; validation reports the rest."""
    if type_.startswith(ARRAY):
        if isinstance(value, dict) and value and all(key.isdigit() for key in value):
            item = type_[len(ARRAY) :]
            return [coerce(value[key], item, structures) for key in sorted(value, key=int)]
        return value
    if isinstance(value, dict):
        members = structures.get(type_)
        return value if members is None else coerce_params(value, members, structures)
    primitive = PRIMITIVES.get(type_)
    if isinstance(value, str) and primitive is not None:
        try:
            return primitive.parse(value)
        except ValueError:
            return value
    return value


def coerce_params(
    params: Mapping[str, Any],
    members: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
) -> dict[str, Any]:
    """Every known parameter converted by its type; unknown ones are kept for validation to name."""
    types = {name: type_ for name, type_, _ in members}
    return {
        key: coerce(value, types[key], structures) if key in types else value
        for key, value in params.items()
    }
