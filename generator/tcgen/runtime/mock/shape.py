"""What a mock's state must look like before it is seeded or restored.

The state is free-form JSON (a service's handlers keep what they like), but the engine's own
entries have a shape it relies on: resources' records, their id counters and seeded
collections. A value of another shape, or one nested too deep, is refused where it comes in
(a 400 on `/_mock/seed`, exit 2 for a state file) instead of making every later call of the
service answer `InternalError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fault import Fault
from .paging import ITEMS
from .request import MAX_DEPTH, check_depth
from .resources import SEQUENCE, STORE


def _objects_of(value: Any, inner: type) -> bool:
    return isinstance(value, dict) and all(isinstance(one, inner) for one in value.values())


def problems(state: Mapping[str, Any]) -> list[str]:
    """What is wrong with `state` as a mock's state (empty when nothing), one line each."""
    found = []
    try:
        check_depth(dict(state), MAX_DEPTH)
    except Fault as fault:
        return [fault.message]
    records = state.get(STORE)
    if records is not None and not (
        isinstance(records, dict) and all(_objects_of(one, dict) for one in records.values())
    ):
        found.append(f"/{STORE} must map resource names to objects of records (objects)")
    counters = state.get(SEQUENCE)
    if counters is not None and not (
        isinstance(counters, dict)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in counters.values())
    ):
        found.append(f"/{SEQUENCE} must map resource names to integers")
    items = state.get(ITEMS)
    if items is not None and not _objects_of(items, list):
        found.append(f"/{ITEMS} must map action names to lists")
    return found
