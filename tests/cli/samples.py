"""Command-line values for every spec type, with the wire value each must become."""

from __future__ import annotations

import json
from typing import Any

from generated.live_v20180801._meta import ACTIONS, STRUCTURES
from generated.live_v20180801._runtime.cli.convert import placeholder
from generated.live_v20180801._runtime.meta import ActionMeta
from generated.live_v20180801._runtime.primitives import ARRAY

_SCALARS: dict[str, tuple[str, Any]] = {
    "Integer": ("7", 7),
    "Int64": ("-9007199254740993", -9007199254740993),
    "UInt64": ("18446744073709551615", 18446744073709551615),
    "Float": ("1.5", 1.5),
    "Boolean": ("true", True),
}


def sample(name: str, type_: str) -> tuple[list[str], Any]:
    """(words after the flag, expected wire value) for one parameter."""
    if type_.startswith(ARRAY):
        item = type_[len(ARRAY) :]
        if item in STRUCTURES or item.startswith(ARRAY):
            value = [placeholder(item, STRUCTURES)]
            return [json.dumps(value)], value
        words, values = zip(*(sample(f"{name}{i}", item) for i in range(2)), strict=True)
        return [w for ws in words for w in ws], list(values)
    if type_ in STRUCTURES:
        value = placeholder(type_, STRUCTURES)
        return [json.dumps(value)], value
    if type_ in _SCALARS:
        text, value = _SCALARS[type_]
        return [text], value
    return [f"{name}-v"], f"{name}-v"  # String and the string-typed (Timestamp, Date, ...)


def every_parameter(meta: ActionMeta, kebab: dict[str, str]) -> tuple[list[str], dict[str, Any]]:
    """argv passing every input parameter (every other one by its kebab-case alias)."""
    argv: list[str] = []
    expected: dict[str, Any] = {}
    for index, (name, type_, _) in enumerate(meta.input):
        words, value = sample(name, type_)
        flag = kebab.get(name, name) if index % 2 else name
        argv += [f"--{flag}", *words]
        expected[name] = value
    return argv, expected


ACTION_NAMES = sorted(ACTIONS)
FIRST_ACTION_OF_CODE = {
    code: name for name in reversed(ACTION_NAMES) for code in ACTIONS[name].errors
}
"""Every error code of the spec, with one action that documents it."""
