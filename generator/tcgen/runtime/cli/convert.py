"""Command-line text -> typed parameter values, and typed placeholders for the skeleton.

The rules follow tccli: numbers and booleans (`true/false/t/f/1/0`) by spec type (the parsers
of `primitives.PRIMITIVES`), structures as JSON; arrays either as one JSON array or as several
values (`--Names a b`, or the flag repeated), each converted as the element type. Whatever
comes out is then checked by `validation.check_params`, the same check the client and the mock
apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..meta import Member
from ..primitives import ARRAY, PRIMITIVES
from ..validation import describe
from .argv import UsageError


def _json(text: str) -> Any:
    import json  # deferred: only structure and array values need it

    return json.loads(text)


def _one(text: str, type_: str, flag: str, structures: Mapping[str, tuple[Member, ...]]) -> Any:
    primitive = PRIMITIVES.get(type_)
    convert = primitive.parse if primitive else _json if type_ in structures else str
    try:
        return convert(text)
    except (ValueError, RecursionError):
        shown = repr(text) if len(text) <= 60 else f"{text[:57]!r}... ({len(text)} characters)"
        raise UsageError(f"{flag}: expected {describe(type_)}, got {shown}") from None


def parameter(
    values: list[str], type_: str, flag: str, structures: Mapping[str, tuple[Member, ...]]
) -> Any:
    """The value of one parameter from the text given after its flag."""
    if type_.startswith(ARRAY):
        if len(values) == 1 and values[0].lstrip().startswith("["):
            try:
                return _json(values[0])
            except ValueError:
                raise UsageError(f"{flag}: expected a JSON array, got {values[0]!r}") from None
        return [_one(text, type_[len(ARRAY) :], flag, structures) for text in values]
    if len(values) > 1:
        raise UsageError(f"{flag}: expected one value, got {len(values)}")
    return _one(values[0], type_, flag, structures)


def unfolded(
    entries: list[tuple[str, list[str], list[str]]],
    types: Mapping[str, str],
    structures: Mapping[str, tuple[Member, ...]],
) -> dict[str, Any]:
    """Parameters from `--Param.0.Member value` flags (tccli's `--cli-unfold-argument`): each
    path is followed through the spec types and its value converted by the type it ends at;
    indexes of an array must run 0, 1, 2, ... as in tccli."""
    tree: dict[str, Any] = {}
    for flag, path, values in entries:
        type_ = types[path[0]]
        node = tree
        for step, segment in enumerate(path[1:], start=1):
            type_ = _member_type(type_, segment, flag, structures)
            node = node.setdefault(path[step - 1], {})
            if not isinstance(node, dict):
                raise UsageError(f"{flag}: {'.'.join(path[:step])} is already given a value")
        if path[-1] in node:
            raise UsageError(f"{flag}: given more than once")
        node[path[-1]] = parameter(values, type_, flag, structures)
    return {name: _arrays(value, f"--{name}") for name, value in tree.items()}


def _member_type(
    type_: str, segment: str, flag: str, structures: Mapping[str, tuple[Member, ...]]
) -> str:
    """The type one path segment leads to: an index into an array, a member of a structure."""
    if type_.startswith(ARRAY):
        if not segment.isdigit():
            raise UsageError(f"{flag}: {segment!r} is not an index of an array ({type_})")
        return type_[len(ARRAY) :]
    for name, member_type, _ in structures.get(type_, ()):
        if name == segment:
            return member_type
    raise UsageError(f"{flag}: {type_} has no member {segment!r}")


def _arrays(value: Any, where: str) -> Any:
    """Nested dicts of the unfolded paths, with index-keyed levels turned into lists."""
    if not isinstance(value, dict) or not value:
        return value
    if all(key.isdigit() for key in value):
        if sorted(map(int, value)) != list(range(len(value))):
            raise UsageError(f"{where}: array indexes must start from 0 and step by 1")
        return [_arrays(value[str(i)], f"{where}.{i}") for i in range(len(value))]
    return {key: _arrays(item, f"{where}.{key}") for key, item in value.items()}


def placeholder(
    type_: str, structures: Mapping[str, tuple[Member, ...]], seen: frozenset[str] = frozenset()
) -> Any:
    """A value of `type_` that passes the type check: "" / 0 / 0.0 / false, one-item arrays,
    structures with every member; a structure containing itself is left as `{}`."""
    if type_.startswith(ARRAY):
        return [placeholder(type_[len(ARRAY) :], structures, seen)]
    if type_ in structures:
        if type_ in seen:
            return {}
        inner = seen | {type_}
        return {name: placeholder(t, structures, inner) for name, t, _ in structures[type_]}
    primitive = PRIMITIVES.get(type_)
    return primitive.zero if primitive else ""
