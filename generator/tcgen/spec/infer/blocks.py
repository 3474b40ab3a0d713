"""The one rule by which an action's inferred block (pagination, credentials) is settled when a
source writes the action: the block already in the file while it still fits the members,
else a freshly inferred one, else none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

JSON = dict[str, Any]


def settle(
    key: str,
    existing: JSON | None,
    merged: JSON,
    problems: Callable[[JSON], list[tuple[str, str]]],
    infer: Callable[[JSON], Any],
) -> JSON:
    """`merged` with its `key` block: the existing file's when `problems` finds none with it,
    else what `infer` proposes (None: the action gets no block)."""
    body = {name: value for name, value in merged.items() if name != key}
    block: Any = None
    if existing is not None and key in existing and not problems({**body, key: existing[key]}):
        block = existing[key]
    if block is None:
        block = infer(body)
    return body if block is None else {**body, key: block}
