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
    pager = Pager(params, paging, max_items)
    while (request := pager.request()) is not None:
        yield pager.advance(send(request))


class Pager:
    """The page loop without the sending: `request()` is the next page's parameters (None
    once iteration is over), `advance(answer)` takes that page's answer and returns it (its
    items cut to `max_items`). `iterate` and the async client's pages both run it."""

    def __init__(self, params: Mapping[str, Any], paging: Paging, max_items: int | None) -> None:
        if max_items is not None and max_items < 0:
            raise ValueError(f"max_items must be at least 0: {max_items}")
        self.paging = paging
        self.max_items = max_items
        self._request: Wire | None = dict(params)
        self._size = params.get(paging.size) if paging.size else None
        self._seen = 0

    def request(self) -> Wire | None:
        """The parameters of the next page, or None when there is none."""
        if self.max_items is not None and self._seen >= self.max_items:
            return None
        return self._request

    def advance(self, answer: Wire) -> Wire:
        """Take the answer to `request()`: decide what follows; returns it, items cut."""
        paging, request, size = self.paging, self._request, self._size
        assert request is not None, "advance() after the last page"
        items = answer.get(paging.items) or []
        if self.max_items is not None and self._seen + len(items) > self.max_items:
            items = items[: self.max_items - self._seen]
            answer = {**answer, paging.items: items}
        self._seen += len(items)
        following = _next_position(request, answer, paging, len(items))
        total = answer.get(paging.total) if paging.total else None
        short = paging.kind != "token" and isinstance(size, int) and len(items) < size
        last = following is None or not items or short
        if last or (isinstance(total, int) and _past(paging, following, size, total)):
            self._request = None
        else:
            self._request = {**request, paging.position: following}
        return answer


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
