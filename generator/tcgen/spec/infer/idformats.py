"""The format of a resource's ids, read from what the spec documents about its id member.

The evidence is every value the spec shows for the id member in the resource's own actions:
the examples' requests and responses (Create's answer, Describe's items, the ids Get, Modify
and Delete are sent), the example values of the id member and of its id-list filter, the
list element's member, and `ins-xxxxxxxx`-like words in their descriptions. A String id
reads as prefix + tail (`ins-` + `r8hr2upy`): the most common (prefix, length) wins (a tie
between two is no format), and the tails of that shape give the alphabet (a placeholder
tail, `xxxxxxxx`, shows the length only). An integer id gets the most common digit count.
A format is recorded in the block (`id.format`), where a hand-written one overrides it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from tcgen.runtime.primitives import ARRAY
from tcgen.spec.infer.shapes import output_at

SHAPE = re.compile(r"([a-z][a-z0-9]*-)?([A-Za-z0-9]+)")
IN_TEXT = re.compile(r"(?<![\w.-])([a-z][a-z0-9]*-[A-Za-z0-9]{4,})(?![\w-])")
MIN_LENGTH = 4
MAX_LENGTH = 64
MAX_DIGITS = 18


def _walk(value: Any, member: str) -> Iterator[Any]:
    """Every value under the key `member` anywhere in a JSON document."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == member:
                yield inner
            else:
                yield from _walk(inner, member)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner, member)


def _flat(values: list[Any]) -> Iterator[Any]:
    for value in values:
        if isinstance(value, list):
            yield from _flat(value)
        else:
            yield value


def _alphabet(tails: list[str]) -> str:
    upper = any(c.isupper() for tail in tails for c in tail)
    lower = any(c.islower() for tail in tails for c in tail)
    if upper:
        return "a-zA-Z0-9" if lower else "A-Z0-9"
    return "a-z0-9" if lower or not tails else "0-9"


def _placeholder(tail: str) -> bool:
    return set(tail.lower()) == {"x"}


def string_format(values: list[Any]) -> dict[str, Any] | None:
    """`{"prefix", "length", "alphabet"}` of the id strings `values` show, else None."""
    shapes: list[tuple[str, str]] = []
    for value in _flat(values):
        found = SHAPE.fullmatch(value) if isinstance(value, str) else None
        if found is None:
            continue
        prefix, tail = found.group(1) or "", found.group(2)
        if not MIN_LENGTH <= len(tail) <= MAX_LENGTH:
            continue
        if not prefix and not any(c.isdigit() for c in tail):
            continue  # a word (`test`, `abcdefgh`) says nothing of an id without a prefix
        shapes.append((prefix, tail))
    counts = Counter((prefix, len(tail)) for prefix, tail in shapes).most_common()
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
        return None
    (prefix, length), _ = counts[0]
    tails = [t for p, t in shapes if (p, len(t)) == (prefix, length) and not _placeholder(t)]
    form: dict[str, Any] = {"prefix": prefix} if prefix else {}
    form.update(length=length, alphabet=_alphabet(tails))
    return form


def integer_format(values: list[Any]) -> dict[str, Any] | None:
    """`{"digits"}` of the integer ids `values` show (the most common count; ties: more)."""
    numbers = [v for v in _flat(values) if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    digits = Counter(min(len(str(v)), MAX_DIGITS) for v in numbers).most_common()
    if not digits:
        return None
    best = max(count for _, count in digits)
    return {"digits": max(d for d, count in digits if count == best)}


def evidence(
    member: str,
    shapes: list[Any],
    id_lists: tuple[str, ...],
    element: tuple[Any, ...],
) -> list[Any]:
    """What the spec shows for `member` in these actions (`ActionShape`s) and list element.

    `id_lists` are the names of members holding lists of such ids (the filter)."""
    names = (member, *id_lists)
    values: list[Any] = []
    described: list[str] = []
    for shape in shapes:
        for params, response in shape.examples:
            for name in names:
                values.extend(_walk(params, name))
            values.extend(_walk(response, member))
            for name in id_lists:
                values.extend(_walk(response, name))
        for one in (*shape.input, *shape.output):
            if one.name in names:
                values.append(one.example)
                described.append(one.description)
    for one in element:
        if one.name == member:
            values.append(one.example)
            described.append(one.description)
    texts = dict.fromkeys(text for text in described if text)  # a shared description once
    values.extend(found for text in texts for found in IN_TEXT.findall(text))
    return [v for v in values if v is not None]


def infer_format(
    block: Mapping[str, Any], actions: Mapping[str, Any], structures: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The id format of a resource block whose id is a member, from the spec's examples."""
    ident = block["id"]
    if "member" not in ident:
        return None
    roles = [block.get(key) for key in ("create", "describe", "get", "delete")]
    shapes = [actions[name] for name in (*roles, *block.get("modify", [])) if name in actions]
    describe = actions.get(block.get("describe", ""))
    listed = output_at(describe, block["list"], structures) if describe is not None else None
    element = structures.get(listed.type.removeprefix(ARRAY), ()) if listed else ()
    id_lists = tuple(
        name
        for name in (block.get("filter"), ident["member"] + "s", ident["member"] + "Set")
        if name
    )
    values = evidence(ident["member"], shapes, id_lists, element)
    if ident["type"] == "String":
        return string_format(values)
    return integer_format(values)
