"""A generated `aio.py`'s methods: the sync client's functions, retyped.

A sync method returns `self._invoke(...)` (or `_stream`, `_pages`/`_items`), a coroutine (an
async iterator) on `AsyncBaseClient`. `awaited`/`awaited_stream`/`async_iterator` return the
function itself; for mypy and pyright they keep its keywords and make the result awaitable.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def awaited(
    method: Callable[Concatenate[Any, P], R],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, R]]:
    """The sync `method` as the async client's: same arguments, its result awaited."""
    return cast("Callable[Concatenate[Any, P], Coroutine[Any, Any, R]]", method)


def async_iterator(
    method: Callable[Concatenate[Any, P], Iterator[T]],
) -> Callable[Concatenate[Any, P], AsyncIterator[T]]:
    """The sync paging `method` (`_pages`, `_items`) as the async client's: an async
    iterator of the same pages or items."""
    return cast("Callable[Concatenate[Any, P], AsyncIterator[T]]", method)


def awaited_stream(
    method: Callable[Concatenate[Any, P], Iterator[T]],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, AsyncIterator[T]]]:
    """The sync streamed `method` (an iterator of events) as the async client's: awaited,
    an async iterator of the same events, read as they arrive."""
    return cast("Callable[Concatenate[Any, P], Coroutine[Any, Any, AsyncIterator[T]]]", method)
