"""Rebuild typed request parameters from a GET example's query (`&Filters.0.Name=x` lines).

The one GET-query decoder: `tcgen capture` (page examples) and `tcgen import-tccli` (tccli's
examples, which are the pages' HTTP text) both use it, so a query means the same in either.

A GET example carries every parameter as text, with lists and structures flattened into dotted
names. Examples in the spec are data a client or the mock can replay, so the query is folded
back into nested objects (`List.0=x` is a list, `Obj.Field=v` an object) and each value converted
to its declared type. Placeholder lines (`&<Common request parameters>`) and the common
parameters (Action, Version, ...) are not part of the action's input and are skipped, unless the
action declares one itself. Values are percent-decoded; `+` stays literal (pages write
`2019-01-01T00:00:00+08:00`).

A structure the caller does not know yet (a capture of an API page before its Data Types page)
leaves its values untyped (strings in nested objects and lists) instead of failing; `retype`
finishes the job once the types are known, and leaves values already typed alone. Anything else
that does not fit the declared parameters (an unknown name, a list index gap, text for a number)
raises QueryError.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from tcgen.runtime.mock.request import V1_COMMON
from tcgen.spec import typesys

JSON = dict[str, Any]
ParameterTypes = Mapping[str, str]  # parameter name -> type
MemberTypes = Mapping[str, ParameterTypes]  # structure name -> its member types

COMMON_PARAMETERS = V1_COMMON  # the mock skips the same ones in GET queries and v1 forms


class QueryError(Exception):
    """A query that does not fit the action's declared parameters."""


def parameter_types(parameters: Iterable[JSON]) -> dict[str, str]:
    """Name -> type of spec parameters (an action's input, a structure's members)."""
    return {parameter["name"]: parameter["type"] for parameter in parameters}


def member_types(structures: Iterable[JSON]) -> dict[str, dict[str, str]]:
    """Structure name -> member types, from structure files' contents."""
    return {s["name"]: parameter_types(s["members"]) for s in structures}


def decode_query(text: str, inputs: ParameterTypes, structures: MemberTypes) -> JSON:
    """The typed parameters of a GET URL or query text (one `&Name=value` per line allowed)."""
    return typed_params(query_pairs(text, inputs), inputs, structures)


def decode_query_as_written(
    text: str, inputs: ParameterTypes, structures: MemberTypes
) -> tuple[JSON, QueryError | None]:
    """Like `decode_query`, but a query that does not fit the parameters (a page's example
    naming a parameter its own table lacks) is kept: what fits is typed, the rest stays text
    as written, and the misfit comes back with it."""
    try:
        return decode_query(text, inputs, structures), None
    except QueryError as misfit:
        nested = _listify(_nest(query_pairs(text, inputs)), strict=False)
        if not isinstance(nested, dict):
            raise
        return retype(nested, inputs, structures), misfit


def query_pairs(text: str, declared: Collection[str]) -> list[tuple[str, str]]:
    """`(name, value)` pairs of a query, without placeholders and undeclared common parameters.

    Text before a `?` (the URL) is dropped; without a `?` the whole text is the query.
    """
    joined = "".join(line.strip() for line in text.splitlines())
    query = joined.partition("?")[2] if "?" in joined else joined
    pairs = []
    for part in query.split("&"):
        if not part or (part.startswith("<") and part.endswith(">")):
            continue
        name, equals, value = part.partition("=")
        name = unquote(name)
        if not equals:
            raise QueryError(f"'{part}' is not Name=value")
        if name.split(".", 1)[0] in COMMON_PARAMETERS and name not in declared:
            continue
        pairs.append((name, unquote(value)))
    return pairs


def typed_params(
    pairs: list[tuple[str, str]], inputs: ParameterTypes, structures: MemberTypes
) -> JSON:
    """Nest the dotted `(name, value)` pairs and type them by the action's input parameters."""
    nested = _listify(_nest(pairs))
    if not isinstance(nested, dict):
        raise QueryError("the query holds a bare list, not named parameters")
    return _coerce_members(nested, inputs, structures, "")


def retype(params: JSON, inputs: ParameterTypes, structures: MemberTypes) -> JSON:
    """Params typed again with what is known now; each one that does not fit stays unchanged."""
    result = {}
    for name, value in params.items():
        try:
            result[name] = _coerce_members({name: value}, inputs, structures, "")[name]
        except QueryError:
            result[name] = value
    return result


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


def _listify(node: Any, strict: bool = True) -> Any:
    """Objects keyed 0..n-1 become lists: that is how a query spells a list. Not `strict`,
    any indexes do (`Filters.1` on a page counting from 1), in their order."""
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value, strict) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        indexes = sorted(int(key) for key in items)
        if strict and indexes != list(range(len(indexes))):
            raise QueryError(f"list indexes {indexes} do not count from 0")
        return [items[str(i)] for i in indexes]
    return items


def _coerce_members(
    values: JSON, types: ParameterTypes, structures: MemberTypes, where: str
) -> JSON:
    result = {}
    for name, value in values.items():
        if name not in types:
            raise QueryError(f"unknown parameter '{where}{name}'")
        result[name] = _coerce(value, types[name], structures, f"{where}{name}")
    return result


def _coerce(value: Any, type_text: str, structures: MemberTypes, where: str) -> Any:
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
        members = structures.get(ref.structure)
        if members is None:  # not known yet: left untyped
            return value
        return _coerce_members(value, members, structures, f"{where}.")
    if isinstance(value, (list, dict)):
        raise QueryError(f"'{where}' should be a single value ({type_text})")
    if isinstance(value, str):
        return _scalar(value, ref, where)
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if numeric and ref.primitive is not None and ref.primitive.json_type == "string":
        return str(value)  # `"TemplateName": 1` where the page says String
    return value


def _scalar(value: str, ref: typesys.TypeRef, where: str) -> Any:
    """Text converted by its primitive's parser, the one the mock applies to GET queries."""
    assert ref.primitive is not None
    try:
        return ref.primitive.parse(value)
    except ValueError:
        raise QueryError(f"'{where}' = '{value}' is not of type {ref.spec}") from None
