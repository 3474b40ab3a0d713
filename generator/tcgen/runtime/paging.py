"""Iterate an action's pages on the wire: one loop for the client, the CLI and the mock.

A page request is the caller's parameters with the position set (the offset, page number or
token of the next page); iteration stops at the total, at a short or empty page, when the
token runs out (a short page does not end a token's iteration), or once `max_items` items
are in hand (the last page is cut to fit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .meta import Paging

Wire = dict[str, Any]


def iterate(
    send: Callable[[Mapping[str, Any]], Wire],
    params: Mapping[str, Any],
    paging: Paging,
    max_items: int | None = None,
) -> Iterator[Wire]:
    """Send `params` page after page; yields each answer (wire form, items possibly cut)."""
    if max_items is not None and max_items < 0:
        raise ValueError(f"max_items must be at least 0: {max_items}")
    request = dict(params)
    size = request.get(paging.size) if paging.size else None
    seen = 0
    while max_items is None or seen < max_items:
        answer = send(request)
        items = answer.get(paging.items) or []
        if max_items is not None and seen + len(items) > max_items:
            items = items[: max_items - seen]
            answer = {**answer, paging.items: items}
        seen += len(items)
        yield answer
        following = _next_position(request, answer, paging, len(items))
        total = answer.get(paging.total) if paging.total else None
        short = paging.kind != "token" and isinstance(size, int) and len(items) < size
        if following is None or not items or short:
            return
        if isinstance(total, int) and _past(paging, following, size, total):
            return
        request[paging.position] = following


def _past(paging: Paging, following: Any, size: Any, total: int) -> bool:
    """Whether the page at position `following` starts past the last of `total` items."""
    if paging.kind == "offset":
        return bool(following >= total)
    if paging.kind == "page" and isinstance(size, int):
        return bool((following - paging.first_page) * size >= total)
    return False


def _next_position(request: Wire, answer: Wire, paging: Paging, count: int) -> Any:
    """The position of the page after `answer`; None when there is none."""
    if paging.kind == "token":
        token = answer.get(paging.next) if paging.next else None
        return token or None
    current = request.get(paging.position)
    if paging.kind == "offset":
        return (current or 0) + count
    return (paging.first_page if current is None else current) + 1


def gather(pages: Iterator[Wire], paging: Paging) -> Wire:
    """All pages as one answer: the first page's members with every page's items (the CLI's
    `--all-pages`); the token of the last page is dropped, as nothing follows it."""
    merged: Wire = {}
    items: list[Any] = []
    for page in pages:
        merged = merged or dict(page)
        items.extend(page.get(paging.items) or [])
    merged[paging.items] = items
    if paging.next:
        merged.pop(paging.next, None)
    return merged
