"""The base of the generated models: conversion to and from Tencent's wire JSON."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, NamedTuple, Self, TypeVar, cast, dataclass_transform

from .exceptions import MalformedResponseError
from .primitives import ARRAY, PRIMITIVES, is_integer

_T = TypeVar("_T")


class _Factory(NamedTuple):
    """The class-body default of a field made fresh for each instance (`field`)."""

    make: Callable[[], Any]


def field(*, default_factory: Callable[[], _T]) -> _T:
    """A field whose default is `default_factory()`, made for each instance (as
    `dataclasses.field`); an explicit None also gets it."""
    return cast(_T, _Factory(default_factory))


class _Init(NamedTuple):
    """What `Model.__init__` needs of a class, worked out once from its annotations."""

    names: frozenset[str]
    required: frozenset[str]
    defaults: dict[str, Any]
    factories: tuple[tuple[str, Callable[[], Any]], ...]
    order: tuple[str, ...]


@dataclass_transform(kw_only_default=True, eq_default=False, field_specifiers=(field,))
class Model:
    """Base of the generated models: converts them to and from wire JSON.

    Each subclass lists `_wire_` = ((python name, wire name, Tencent type), ...); structure
    types are looked up by wire name in `_registry_`, which the generated module fills.
    A subclass declares its fields as annotations only (optional ones `= None`): the one
    generic `__init__` here takes them as keyword arguments, and PEP 681's
    `dataclass_transform` makes type checkers and IDEs see the keyword-only `__init__` a
    dataclass would have. No `@dataclass`: equality and repr come from `_wire_` here, and
    importing a module of a few hundred models costs a few milliseconds, not a few hundred.
    """

    _wire_: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    _compare_: ClassVar[tuple[str, ...]] = ()
    _registry_: ClassVar[dict[str, type[Model]]] = {}
    _init_: ClassVar[_Init]
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._init_ = _LAZY_INIT  # type: ignore[assignment]  # the table when first used

    def __init__(self, /, *args: Any, **values: Any) -> None:
        """Keyword arguments only, one per field (the class's annotations); fields with a
        default may be left out. Mistakes raise TypeError worded as Python's own."""
        init = self._init_
        if args or not init.names >= values.keys() >= init.required:
            raise _call_error(self.__class__, init, args, values)
        self.__dict__.update(values)
        if init.factories:
            _fresh(self, init)

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
        return _fill(object.__new__(cls), cls._init_, cls._wire_values(data))

    @classmethod
    def _wire_values(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        """The fields `data` has, by their Python names (valid names by construction).

        A number field holding something else is a MalformedResponseError naming the field
        (`Response.Total: expected an integer, got '12'`), never a silent `str`.
        """
        values: dict[str, Any] = {}
        for py_name, wire_name, type_ in cls._wire_:
            if wire_name in data:
                try:
                    values[py_name] = _from_wire(data[wire_name], type_, cls._registry_)
                except _WrongType as exc:
                    raise exc.within(wire_name) from None
        return values


class _LazyInit:
    """Each model class's own `_init_` until first used, then its table: importing a module of
    a few hundred models reads no annotations (each class has its own, so a subclass never
    sees its base's table)."""

    def __get__(self, instance: object, owner: type[Model]) -> _Init:
        owner._init_ = init = _init_table(owner)
        return init


_LAZY_INIT = _LazyInit()


class _Signature:
    """`inspect.signature(SomeModel)`: the keyword-only one type checkers see, made when asked
    for (annotations as written, unevaluated)."""

    def __get__(self, instance: object, owner: type[Model]) -> inspect.Signature:
        init = owner._init_
        annotations = _annotations(owner)
        parameters = [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=init.defaults.get(name, inspect.Parameter.empty),
                annotation=annotations[name],
            )
            for name in init.order
        ]
        # `-> None` as an `__init__` written out; a model without fields shows `()`
        returns = "None" if parameters else inspect.Signature.empty
        return inspect.Signature(parameters, return_annotation=returns)


Model.__signature__ = _Signature()  # type: ignore[attr-defined]


def _annotations(cls: type) -> dict[str, str]:
    """The fields of `cls` and their annotations, base classes first (as a dataclass)."""
    fields: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is Model or not issubclass(klass, Model):
            continue
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            text = annotation if isinstance(annotation, str) else repr(annotation)
            if not text.startswith(("ClassVar", "typing.ClassVar")):
                fields[name] = text
    return fields


def _init_table(cls: type[Model]) -> _Init:
    order = tuple(_annotations(cls))
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name in order:
        default = getattr(cls, name, _NO_DEFAULT)
        if isinstance(default, _Factory):
            defaults[name] = None
            factories.append((name, default.make))
        elif default is not _NO_DEFAULT:
            defaults[name] = default
    required = frozenset(order) - defaults.keys()
    return _Init(frozenset(order), required, defaults, tuple(factories), order)


_NO_DEFAULT = object()
_M = TypeVar("_M", bound=Model)


def _fill(model: _M, init: _Init, values: dict[str, Any], fresh: bool = True) -> _M:
    """Set the fields of a new `model` from `values` (field names only; the ones left out
    read their defaults from the class); missing required ones -> TypeError. `fresh=False`:
    `values` holds every field with a default factory already."""
    if not values.keys() >= init.required:
        raise _call_error(model.__class__, init, (), values)
    model.__dict__.update(values)
    if fresh and init.factories:
        _fresh(model, init)
    return model


def _fresh(model: Model, init: _Init) -> None:
    """Give the fields with a default factory that are unset or None a fresh value each."""
    attributes = model.__dict__
    for name, make in init.factories:
        if attributes.get(name) is None:
            attributes[name] = make()


def _call_error(
    cls: type, init: _Init, args: tuple[Any, ...], values: Mapping[str, Any]
) -> TypeError:
    """The TypeError Python raises for the same mistake with the synthesized `__init__`."""
    where = f"{cls.__name__}.__init__()"
    if args:
        return TypeError(f"{where} takes 1 positional argument but {len(args) + 1} were given")
    for name in values:
        if name not in init.names:
            return TypeError(f"{where} got an unexpected keyword argument {name!r}")
    missing = [repr(name) for name in init.order if name in init.required and name not in values]
    listed = (
        " and ".join(missing)
        if len(missing) < 3
        else f"{', '.join(missing[:-1])}, and {missing[-1]}"
    )
    plural = "argument" if len(missing) == 1 else "arguments"
    return TypeError(f"{where} missing {len(missing)} required keyword-only {plural}: {listed}")


class HttpInfo(NamedTuple):
    """The HTTP side of an answer: its status and headers (case-insensitive from requests)."""

    status: int
    headers: Mapping[str, str]


class _Answered:
    """The HTTP answer a response came in; not a field (outside `Model`, so type checkers do
    not make it an `__init__` argument)."""

    _answer: tuple[int, Mapping[str, str], bytes, Iterator[bytes] | None, Any] | None = None
    """What came over the wire (`backends.Answer`), set by the client."""


class ResponseModel(Model, _Answered):
    """Base of `<Action>Response`: the documented fields plus the request id and the raw body."""

    _compare_ = ("request_id",)
    request_id: str = ""
    """Unique ID of the request; quote it when contacting Tencent Cloud support."""
    raw: dict[str, Any] = field(default_factory=dict)
    """The whole `Response` object as received, including fields newer than this spec."""

    @property
    def http(self) -> HttpInfo | None:
        """Status and headers of the HTTP answer (None for a response built by hand); made
        when asked for, so a call pays nothing for it."""
        answer = self._answer
        return None if answer is None else HttpInfo(answer[0], answer[1])

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Self:
        values = cls._wire_values(data)
        values["request_id"] = str(data.get("RequestId", ""))
        values["raw"] = dict(data)
        return _fill(object.__new__(cls), cls._init_, values, fresh=False)


def _to_wire(value: object) -> Any:
    if isinstance(value, Model):
        return value.to_wire()
    if isinstance(value, list):
        return [_to_wire(v) for v in value]
    return value


class _WrongType(MalformedResponseError):
    """A response value of the wrong JSON type; `within` prefixes the path on the way out."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"response field {path}: {problem}")
        self.path = path
        self.problem = problem

    def within(self, name: str) -> _WrongType:
        return _WrongType(f"{name}.{self.path}" if self.path else name, self.problem)


_NUMBERS = {name: p for name, p in PRIMITIVES.items() if p.json_type in ("integer", "number")}
"""The types whose values must be JSON numbers: a string there is a broken answer, and a
caller doing arithmetic on the field would otherwise fail far from the cause."""


def _from_wire(value: Any, type_: str, registry: Mapping[str, type[Model]]) -> Any:
    if value is None:
        return None
    if type_.startswith(ARRAY):
        item = type_[len(ARRAY) :]
        if not isinstance(value, list):
            return value
        converted = []
        for index, element in enumerate(value):
            try:
                converted.append(_from_wire(element, item, registry))
            except _WrongType as exc:
                raise exc.within(str(index)) from None
        return converted
    model = registry.get(type_)
    if model is not None and isinstance(value, Mapping):
        return model.from_wire(value)
    number = _NUMBERS.get(type_)
    if number is not None and not number.check(value):
        raise _WrongType("", f"expected {number.noun} ({type_}), got {_short(value)}")
    if type_ == "Float" and is_integer(value):
        return float(value)
    return value


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
