"""Answer a paginated action one consistent page at a time (the action's `paging` meta).

The collection an action pages over is, in this order: the list seeded under
`state["items"][<Action>]` (`MockApp.seed({"items": {...}})`), else the items of its generic
answer (its documented example, or the synthesized placeholder). Every page reports the same
total: the collection's length, or an example's own total when it shows a few of more (the
request the example documents gets the documented page as it is). Pages honour the offset,
the page number or the token; a token page returns the next token (the offset of the next
item, as text) until the last."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ..meta import ActionMeta, Paging
from .synth import PAGES

ITEMS = "items"
"""The state key holding seeded collections: `{"items": {"DescribeX": [item, ...]}}`."""


def paged(
    state: Mapping[str, Any],
    meta: ActionMeta,
    params: Mapping[str, Any],
    answer: dict[str, Any],
    documented: bool = False,
) -> dict[str, Any]:
    """The page of `meta`'s collection that `params` ask for (the mock's answer).

    `documented`: `answer` is the example documented for exactly these parameters, so it is
    the page they ask for, and is answered as it is (unless a collection is seeded)."""
    assert meta.paging is not None
    seeded = seeded_items(state, meta.name)
    if seeded is None and documented:
        return answer
    items = copy.deepcopy(seeded) if seeded is not None else _listed(answer, meta.paging)
    total = len(items)
    documented_total = answer.get(meta.paging.total) if meta.paging.total else None
    if seeded is None and isinstance(documented_total, int) and documented_total > total:
        total = documented_total  # the example shows a few of more: keep its total everywhere
    return page(answer, params, meta.paging, items, total)


def seeded_items(state: Mapping[str, Any], action: str) -> list[Any] | None:
    """The collection seeded for `action` (it wins over a resource's own listing), if any."""
    seeded = state.get(ITEMS)
    items = seeded.get(action) if isinstance(seeded, dict) else None
    return items if isinstance(items, list) else None


def _listed(answer: Mapping[str, Any], paging: Paging) -> list[Any]:
    items = answer.get(paging.items)
    return list(items) if isinstance(items, list) else []


def page(
    answer: dict[str, Any],
    params: Mapping[str, Any],
    paging: Paging,
    items: list[Any],
    total: int | None = None,
) -> dict[str, Any]:
    """`answer` cut to the page the request asks for, with the total and the next token.

    Every value the types allow is answered, as the rest of the mock does: no page size (or
    one below 1) puts everything on one page, and positions before the first item read as
    the first page."""
    size = _whole(params.get(paging.size)) if paging.size else 0
    start = min(_start(params.get(paging.position), paging, size, len(items)), len(items))
    end = len(items) if size < 1 else min(start + size, len(items))
    result = {**answer, paging.items: items[start:end]}
    count = len(items) if total is None else total
    if paging.total:
        result[paging.total] = count
    if paging.next:
        result[paging.next] = str(end) if end < len(items) else ""
    _echo(result, params, paging, size, count)
    return result


def _echo(
    result: dict[str, Any], params: Mapping[str, Any], paging: Paging, size: int, count: int
) -> None:
    """Make the answer's own paging members (`PageNum`, `PageSize`, `Offset`, `TotalPage`)
    agree with the request and the collection, where the answer has them."""
    if paging.kind != "token" and paging.position in result:
        least = paging.first_page if paging.kind == "page" else 0
        result[paging.position] = max(_whole(params.get(paging.position)), least)
    if paging.size and paging.size in result:
        result[paging.size] = size if size >= 1 else count
    for name in PAGES & result.keys():
        result[name] = -(-count // size) if size >= 1 else (1 if count else 0)


def _whole(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _start(position: Any, paging: Paging, size: int, count: int) -> int:
    """The index of the first item of the page at `position`."""
    if paging.kind == "token":  # a token the mock did not issue reads as the first page
        return int(position) if isinstance(position, str) and position.isdigit() else 0
    if paging.kind == "offset":
        return max(_whole(position), 0)
    pages_before = max(_whole(position) - paging.first_page, 0) if position is not None else 0
    if size < 1:
        return 0 if pages_before == 0 else count
    return pages_before * size
