"""The generic success response of an action: its documented example, or one built from types.

Examples are what the pages show, so a client under test sees realistic values; actions
without one still get a response that conforms to the output members.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..meta import Member
from ..primitives import ARRAY, PRIMITIVES
from .jsoncopy import json_copy

Example = tuple[dict[str, Any], dict[str, Any]]
"""(request params, response body without RequestId) of one documented example."""

REQUEST_ID = "RequestId"
TOTALS = frozenset(
    {"Total", "TotalCount", "TotalNum", "TotalNumber", "TotalCnt", "TotalRecordsCount"}
    | {"AllCount", "Count"}
)
"""Integer members that count a list in the same answer (`TotalNum` next to `OnlineInfo`;
the catalog's names for it next to one list, `AllTotal` excepted: it counts unfiltered)."""
PAGES = frozenset({"TotalPage", "TotalPages"})
INTEGERS = frozenset({"Integer", "Int64", "UInt64"})


def is_error(example: Example) -> bool:
    """Whether an example documents an error answer (`{"Error": {"Code": ...}}`)."""
    return isinstance(example[1].get("Error"), dict)


def successes(examples: list[Example]) -> list[Example]:
    """The examples that may answer a call: an error example never answers an ordinary
    request (it would fail every client whose call happens to resemble it); it stays
    available as a fault to inject (`MockApp.inject_error`)."""
    return [example for example in examples if not is_error(example)]


def best_example(examples: list[Example], params: Mapping[str, Any]) -> Example | None:
    """The example sent with exactly these parameters, else the one sharing the most top-level
    parameter values with the call (fewest others on a tie); remaining ties: the first."""
    if not examples:
        return None

    def score(example: Example) -> tuple[bool, int, int]:
        documented = example[0]
        shared = sum(k in params and params[k] == v for k, v in documented.items())
        return documented == params, shared, -len(documented)

    return max(examples, key=score)


def _value(type_: str, structures: Mapping[str, tuple[Member, ...]], seen: frozenset[str]) -> Any:
    if type_.startswith(ARRAY):
        item = type_[len(ARRAY) :]
        return [] if item in seen else [_value(item, structures, seen)]
    primitive = PRIMITIVES.get(type_)
    if primitive is not None:
        return primitive.placeholder
    if type_ in seen:
        return {}
    return synthesize(structures.get(type_, ()), structures, seen | {type_})


def synthesize(
    members: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
    seen: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """A placeholder for every member (arrays hold one element); recursive types stop empty."""
    return {
        name: _value(type_, structures, seen) for name, type_, _ in members if name != REQUEST_ID
    }


Nullable = Mapping[str, tuple[str, ...]]
"""Structure name -> its members documented as possibly null (`_meta.NULLABLE`)."""


def conform(
    value: Any, type_: str, structures: Mapping[str, tuple[Member, ...]], nullable: Nullable
) -> Any:
    """A documented example's value, made to fit its documented type where it does not.

    Tencent's examples contradict their own types now and then (`"TotalIpAddressCount":
    "xx"`, `"Targets": null` for a list); answering them verbatim would break clients that
    trust the types, so a value of the wrong type becomes the type's empty value (`[]`, a
    placeholder object, the primitive's placeholder). Values that fit are left as they are,
    and so is a null where the member is documented as possibly null (cvm's `SyncPercent`).
    """
    if type_.startswith(ARRAY):
        item = type_[len(ARRAY) :]
        if not isinstance(value, list):
            return []
        return [conform(v, item, structures, nullable) for v in value]
    primitive = PRIMITIVES.get(type_)
    if primitive is not None:
        return value if primitive.check(value) else primitive.placeholder
    members = structures.get(type_)
    if members is None:
        return value
    if not isinstance(value, dict):
        return synthesize(members, structures, frozenset({type_}))
    return conform_members(value, members, structures, nullable, nullable.get(type_, ()))


def conform_members(
    body: Mapping[str, Any],
    members: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
    nullable: Nullable,
    may_be_null: tuple[str, ...],
) -> dict[str, Any]:
    """`conform` applied to every documented member of an object (`may_be_null`: those of its
    members documented as possibly null); members no type documents (an example of another
    model version: hunyuan's `Metadata`) are left out."""
    types = {name: type_ for name, type_, _ in members}
    return {
        key: (
            None
            if value is None and key in may_be_null
            else conform(value, types[key], structures, nullable)
        )
        for key, value in body.items()
        if key in types
    }


def coherent_totals(body: dict[str, Any], output: tuple[Member, ...]) -> dict[str, Any]:
    """Make a total member agree with the one list it counts (a synthesized list holds one
    item, a synthesized integer is 0); answers with no or several lists are left alone."""
    lists = [name for name, type_, _ in output if type_.startswith(ARRAY)]
    if len(lists) == 1 and isinstance(body.get(lists[0]), list):
        count = len(body[lists[0]])
        for name, type_, _ in output:
            if type_ in INTEGERS and name in TOTALS:
                body[name] = count
            elif type_ in INTEGERS and name in PAGES:
                body[name] = 1 if count else 0
    return body


def default_response(
    examples: list[Example],
    params: Mapping[str, Any],
    output: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
    nullable: Nullable,
    may_be_null: tuple[str, ...],
) -> dict[str, Any]:
    """A fresh copy of the best successful example's response (values of the wrong type
    `conform`ed; `may_be_null`: the output members documented as possibly null), else a
    synthesized one (no RequestId)."""
    example = best_example(successes(examples), params)
    if example is None:
        return coherent_totals(synthesize(output, structures), output)
    return conform_members(json_copy(example[1]), output, structures, nullable, may_be_null)
