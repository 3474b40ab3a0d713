"""Validation of request parameters against the spec's types, with Tencent's error codes.

Client-side validation, the CLI and the mock all check parameters with `check_params`, from
the same metadata table (`_meta.py`), so they reject the same requests with the same codes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from .meta import ActionMeta, Member
from .primitives import ARRAY, PRIMITIVES


class Issue(NamedTuple):
    """One reason a request is rejected, with Tencent's error code for it."""

    code: str
    parameter: str
    message: str


def describe(type_: str) -> str:
    """`Array of String` -> `an array of a string`, for messages."""
    if type_.startswith(ARRAY):
        return "an array of " + describe(type_[len(ARRAY) :]).removeprefix("a ").removeprefix("an ")
    primitive = PRIMITIVES.get(type_)
    return primitive.noun if primitive else f"a {type_} object"


def check_value(
    value: object, type_: str, path: str, structures: Mapping[str, tuple[Member, ...]]
) -> Iterator[Issue]:
    """Issues with one value of a Tencent type; `path` names it (`Filters.0.Name`)."""
    if type_.startswith(ARRAY):
        if not isinstance(value, list):
            yield Issue("InvalidParameter", path, f"{path} must be {describe(type_)}")
            return
        item = type_[len(ARRAY) :]
        for index, element in enumerate(value):
            yield from check_value(element, item, f"{path}.{index}", structures)
        return
    primitive = PRIMITIVES.get(type_)
    if primitive is not None:
        if isinstance(value, float) and not math.isfinite(value):
            yield Issue("InvalidParameterValue", path, f"{path} must be a finite number")
        elif not primitive.check(value):
            yield Issue("InvalidParameter", path, f"{path} must be {primitive.noun}")
        elif isinstance(value, int):
            yield from _check_range(value, primitive.minimum, primitive.maximum, path)
        return
    if not isinstance(value, dict):
        yield Issue("InvalidParameter", path, f"{path} must be {describe(type_)}")
        return
    yield from check_params(value, structures[type_], structures, prefix=f"{path}.")


def _check_range(value: int, least: int | None, most: int | None, path: str) -> Iterator[Issue]:
    if least is not None and value < least:
        yield Issue(
            "InvalidParameterValue",
            path,
            f"{path} must not be negative" if least == 0 else f"{path} must be at least {least}",
        )
    elif most is not None and value > most:
        yield Issue("InvalidParameterValue", path, f"{path} must be at most {most}")


def check_params(
    params: Mapping[str, object],
    members: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
    prefix: str = "",
) -> Iterator[Issue]:
    """Missing required, unknown and mistyped parameters, in a stable order."""
    known = {name: (type_, required) for name, type_, required in members}
    for name, (_, required) in known.items():
        if required and params.get(name) is None:
            yield Issue(
                "MissingParameter", prefix + name, f"missing required parameter {prefix}{name}"
            )
    for name, value in params.items():
        entry = known.get(name)
        if entry is None:
            yield Issue("UnknownParameter", prefix + name, f"unknown parameter {prefix}{name}")
        elif value is not None:
            yield from check_value(value, entry[0], prefix + name, structures)


def missing_region(meta: ActionMeta, region: str | None) -> Issue | None:
    """MissingParameter Region when the action requires a region and none is given."""
    if meta.region_required and not region:
        return Issue("MissingParameter", "Region", "missing required parameter Region")
    return None


def unsupported_region(meta: ActionMeta, region: str | None) -> Issue | None:
    """UnsupportedRegion when the action lists its regions and `region` is another one."""
    if meta.regions and region and region not in meta.regions:
        offered = ", ".join(meta.regions)
        message = f"{meta.name} is not available in region {region} (only in: {offered})"
        return Issue("UnsupportedRegion", "Region", message)
    return None
