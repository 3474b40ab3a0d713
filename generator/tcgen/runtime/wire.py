"""The wire format: type checks of request parameters and dataclass <-> JSON conversion.

Client-side validation, the CLI and the mock all check parameters with `check_params`, from
the same metadata table (`_meta.py`), so they reject the same requests with the same codes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple, Self

ARRAY = "Array of "

Member = tuple[str, str, bool]
"""(wire name, Tencent type, required) of a parameter or structure member."""


class ActionMeta(NamedTuple):
    """What the runtime needs to know about one action (generated into `_meta.py`)."""

    name: str
    input: tuple[Member, ...]
    output: tuple[Member, ...]
    errors: tuple[str, ...]
    rate_limit: int | None
    region_required: bool
    deprecated: bool = False
    regions: tuple[str, ...] = ()
    """The regions the action is offered in; empty: any region."""


class Issue(NamedTuple):
    """One reason a request is rejected, with Tencent's error code for it."""

    code: str
    parameter: str
    message: str


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_PRIMITIVES: dict[str, tuple[str, Any]] = {
    "String": ("a string", lambda v: isinstance(v, str)),
    "Integer": ("an integer", _is_int),
    "Int64": ("an integer", _is_int),
    "UInt64": ("a non-negative integer", _is_int),
    "Float": ("a number", lambda v: _is_int(v) or isinstance(v, float)),
    "Boolean": ("a boolean", lambda v: isinstance(v, bool)),
    "Timestamp": ("a timestamp string", lambda v: isinstance(v, str)),
    "Timestamp ISO8601": ("an ISO 8601 timestamp string", lambda v: isinstance(v, str)),
    "Date": ("a date string", lambda v: isinstance(v, str)),
    "Binary": ("a base64 string", lambda v: isinstance(v, str)),
}


def describe(type_: str) -> str:
    """`Array of String` -> `an array of a string`, for messages."""
    if type_.startswith(ARRAY):
        return "an array of " + describe(type_[len(ARRAY) :]).removeprefix("a ").removeprefix("an ")
    primitive = _PRIMITIVES.get(type_)
    return primitive[0] if primitive else f"a {type_} object"


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
    primitive = _PRIMITIVES.get(type_)
    if primitive is not None:
        if not primitive[1](value):
            yield Issue("InvalidParameter", path, f"{path} must be {primitive[0]}")
        elif type_ == "UInt64" and isinstance(value, int) and value < 0:
            yield Issue("InvalidParameterValue", path, f"{path} must not be negative")
        return
    if not isinstance(value, dict):
        yield Issue("InvalidParameter", path, f"{path} must be {describe(type_)}")
        return
    yield from check_params(value, structures[type_], structures, prefix=f"{path}.")


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


class Model:
    """Base of the generated models: converts them to and from wire JSON.

    Each subclass lists `_wire_` = ((python name, wire name, Tencent type), ...); structure
    types are looked up by wire name in `_registry_`, which the generated module fills.
    Generated classes are plain classes with an explicit typed `__init__` rather than
    dataclasses: equality and repr come from `_wire_` here, and importing a module of a few
    hundred models costs a few milliseconds instead of a few hundred.
    """

    _wire_: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    _compare_: ClassVar[tuple[str, ...]] = ()
    _registry_: ClassVar[dict[str, type[Model]]] = {}
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def _values(self) -> list[tuple[str, Any]]:
        names = [py_name for py_name, _, _ in self._wire_] + list(self._compare_)
        return [(name, getattr(self, name)) for name in names]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Model)
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._values())
        return f"{self.__class__.__name__}({shown})"

    def to_wire(self) -> dict[str, Any]:
        """The JSON object Tencent expects; fields left as None are omitted."""
        wire: dict[str, Any] = {}
        for py_name, wire_name, _ in self._wire_:
            value = getattr(self, py_name)
            if value is not None:
                wire[wire_name] = _to_wire(value)
        return wire

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Self:
        """Build from a JSON object; absent fields stay None, unknown ones are ignored."""
        kwargs = {
            py_name: _from_wire(data[wire_name], type_, cls._registry_)
            for py_name, wire_name, type_ in cls._wire_
            if wire_name in data
        }
        return cls(**kwargs)


class ResponseModel(Model):
    """Base of `<Action>Response`: the documented fields plus the request id and the raw body."""

    _compare_ = ("request_id",)
    request_id: str
    """Unique ID of the request; quote it when contacting Tencent Cloud support."""
    raw: dict[str, Any]
    """The whole `Response` object as received, including fields newer than this spec."""

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Self:
        response = super().from_wire(data)
        response.request_id = str(data.get("RequestId", ""))
        response.raw = dict(data)
        return response


def _to_wire(value: object) -> Any:
    if isinstance(value, Model):
        return value.to_wire()
    if isinstance(value, list):
        return [_to_wire(v) for v in value]
    return value


def _from_wire(value: Any, type_: str, registry: Mapping[str, type[Model]]) -> Any:
    if value is None:
        return None
    if type_.startswith(ARRAY):
        item = type_[len(ARRAY) :]
        return [_from_wire(v, item, registry) for v in value] if isinstance(value, list) else value
    model = registry.get(type_)
    if model is not None and isinstance(value, Mapping):
        return model.from_wire(value)
    if type_ == "Float" and _is_int(value):
        return float(value)
    return value
