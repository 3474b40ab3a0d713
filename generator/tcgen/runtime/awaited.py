"""The async client's typed methods are the sync client's functions, retyped.

A sync typed method only builds its request model and returns what the client's
`_invoke` / `_pages` / `_items` return. On `AsyncBaseClient` those are a coroutine
(`async def _invoke`) and async iterators (`async def` generators), so the very same
function, called with an async client as `self`, returns the coroutine or the async
iterator: a generated `aio.py` defines each method in one line,
`drop_live_stream = awaited(LiveClient.drop_live_stream)`, rather than repeating every
signature and body (which made `aio.py` ~60% of `client.py`'s size).

At run time `awaited` and `async_iterator` return the function itself (no wrapper: no
extra frame or CPU per call; `help()` shows the sync method's documentation). For type
checkers they change only the result type, keeping the keyword signature: mypy and pyright
bind a callable assigned in a class body as a method, so `await client.drop_live_stream(
stream_name=...)` is checked against the sync signature and typed `DropLiveStreamResponse`.
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
