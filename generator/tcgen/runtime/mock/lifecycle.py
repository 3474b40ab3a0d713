"""A resource's lifecycle as data: the states it passes through and the actions that move it.

A block's `states` names the member holding the state (`InstanceState`, a CDB `Status`), the
state a new resource starts in (`PENDING`), the transitional states and what each becomes
(`PENDING` -> `RUNNING`, `STOPPING` -> `STOPPED`, `SHUTDOWN` -> gone), and the actions that
need a state and move to another (`StopInstances`: from `RUNNING` to `STOPPING`). An action
on a resource in a state it does not start from answers the code documented for that state
(`UnsupportedOperation.InstanceStateStopped`), else the action's own, else
`UnsupportedOperation`.

A transitional state lasts until it has been seen once (a Describe or Get answered it) or for
`pace` seconds of the mock's clock, whichever comes first: a script that polls sees it once,
then the next state, as on Tencent Cloud; a `pace` of 0 settles at once (tests that only
care about the end state). States compare as text, so a block's JSON keys name integer
states (`"0"` for CDB's creating) too.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .fault import Fault

SINCE = "_since"
"""Stored member: the mock clock's time the resource entered its state."""
SEEN = "_seen"
"""Stored member: a transitional state has been answered once."""
REFUSED = "UnsupportedOperation"

Move = tuple[str, tuple[str, ...], tuple[Any, ...], str | None]
"""(action, states it starts from (empty: any), () keeps the state or (state,) enters one,
None removing the resource, the action's code for a wrong state)."""


class Lifecycle(NamedTuple):
    """The `states` of a resource block; an empty `member`: the resource has none."""

    member: str = ""
    initial: Any = None
    next: tuple[tuple[str, Any], ...] = ()
    """(transitional state as text, the state it becomes; None: the resource is gone)."""
    moves: tuple[Move, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()
    """(state as text, the code an action refused in that state answers)."""


def begin(lifecycle: Lifecycle, record: dict[str, Any], now: float) -> None:
    """A new resource enters its initial state."""
    if lifecycle.member:
        _enter(lifecycle, record, lifecycle.initial, now)


def _enter(lifecycle: Lifecycle, record: dict[str, Any], state: Any, now: float) -> None:
    record[lifecycle.member] = state
    record[SINCE] = now
    record.pop(SEEN, None)


def settle(
    lifecycle: Lifecycle, records: dict[str, dict[str, Any]], now: float, pace: float
) -> None:
    """Move every resource whose transitional state is over (seen, or `pace` elapsed)."""
    if not lifecycle.member:
        return
    following = dict(lifecycle.next)
    for key, record in list(records.items()):
        for _ in range(len(following) + 1):  # a cycle of states still ends
            state = str(record.get(lifecycle.member))
            over = pace <= 0 or record.get(SEEN) or now - float(record.get(SINCE, now)) >= pace
            if state not in following or not over:
                break
            if following[state] is None:
                del records[key]
                break
            _enter(lifecycle, record, following[state], now)


def seen(lifecycle: Lifecycle, records: list[dict[str, Any]]) -> None:
    """These resources were answered: a transitional state among them has been seen."""
    following = dict(lifecycle.next)
    for record in records:
        if lifecycle.member and str(record.get(lifecycle.member)) in following:
            record[SEEN] = True


def move(
    lifecycle: Lifecycle,
    action: str,
    records: dict[str, dict[str, Any]],
    keys: list[str],
    now: float,
) -> bool:
    """Apply `action`'s move to the named resources (all in a state it starts from, else the
    documented code); whether it moved them (a move without a target only checks the state:
    DeleteSnapshots from NORMAL still deletes)."""
    found = next((one for one in lifecycle.moves if one[0] == action), None)
    if found is None:
        return False
    _, sources, target, error = found
    for key in keys:
        state = str(records[key].get(lifecycle.member))
        if sources and state not in sources:
            code = dict(lifecycle.errors).get(state) or error or REFUSED
            raise Fault(code, f"{key} is {state}; {action} needs {' or '.join(sources)}")
    for key in keys:
        if target and target[0] is None:
            del records[key]
        elif target:
            _enter(lifecycle, records[key], target[0], now)
    return bool(target)
