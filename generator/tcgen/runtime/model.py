"""The base of the generated models: conversion to and from Tencent's wire JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple, Self

from .primitives import ARRAY, is_integer


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


class HttpInfo(NamedTuple):
    """The HTTP side of an answer: its status and headers (case-insensitive from requests)."""

    status: int
    headers: Mapping[str, str]


class ResponseModel(Model):
    """Base of `<Action>Response`: the documented fields plus the request id and the raw body."""

    _compare_ = ("request_id",)
    _answer: tuple[int, Mapping[str, str], bytes] | None = None
    """What came over the wire (`backends.Answer`), set by the client."""
    request_id: str
    """Unique ID of the request; quote it when contacting Tencent Cloud support."""
    raw: dict[str, Any]
    """The whole `Response` object as received, including fields newer than this spec."""

    @property
    def http(self) -> HttpInfo | None:
        """Status and headers of the HTTP answer (None for a response built by hand); made
        when asked for, so a call pays nothing for it."""
        answer = self._answer
        return None if answer is None else HttpInfo(answer[0], answer[1])

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
    if type_ == "Float" and is_integer(value):
        return float(value)
    return value
