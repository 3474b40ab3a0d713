"""What becomes of a resource when one it references is deleted: a reference's `onDelete`.

Tencent Cloud does not always refuse to delete what others name: terminating an instance
detaches its data disks (or deletes those created with `DeleteWithInstance`) and unbinds its
EIPs; deleting a CAM policy detaches it from every role. A block's reference says so as data,
`"onDelete": {"delete": "DeleteWithInstance", "set": {"DiskState": "UNATTACHED", "InstanceId":
null}}`: the referring resource is deleted (always with `true`, or when its stored member of
that name is true), else the `set` values are written (`null` removes the member). A reference
through a list of structures (a listener's `Targets.InstanceId`) drops the elements that name
a deleted resource instead.

The referring side settles this itself whenever its records are read, like a lifecycle's
transitional states: a referenced resource that is gone, or on its way out (in a state whose
next is gone: an instance `SHUTDOWN`), is deleted for it. So no mock writes into another's
state, and the effect is seen from the first read after the deletion, in any worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from .lifecycle import Lifecycle
from .paths import values_at
from .references import Reference


class OnDelete(NamedTuple):
    """A reference's `onDelete` (the plain tuple `Reference.on_delete` holds, as written)."""

    delete: bool | str = False
    """True: the referring resource goes too; a stored member: it goes when that is true."""
    set: tuple[tuple[str, Any], ...] = ()
    """(stored path, value) written when it stays; a None value removes the member."""


Gone = Callable[[Reference, Any], bool]
"""Whether the resource a reference's value names no longer exists (or is on its way out)."""


def leaving(lifecycle: Lifecycle, record: Mapping[str, Any]) -> bool:
    """Whether a resource is in a state that ends in its removal (an instance `SHUTDOWN`)."""
    if not lifecycle.member:
        return False
    state = str(record.get(lifecycle.member))
    return any(name == state and after is None for name, after in lifecycle.next)


DELETE, CHANGED, KEPT = "delete", "changed", ""
"""What one reference's `onDelete` does to one record."""


def reconcile(
    references: tuple[Reference, ...], records: dict[str, dict[str, Any]], gone: Gone
) -> None:
    """Apply the `onDelete` of every reference whose resource is gone to `records`. The
    records are read without marking them handed out (`tracked`: on a state database every
    marked record is written again); one that changes is marked, so it is written."""
    cascading = [one for one in references if one.on_delete is not None]
    if not cascading:
        return
    for key, record in list(dict.items(records)):
        for reference in cascading:
            outcome = _orphaned(reference, record, gone)
            if outcome == DELETE:
                records.pop(key, None)
                break
            if outcome == CHANGED:
                records[key] = record


def _orphaned(reference: Reference, record: dict[str, Any], gone: Gone) -> str:
    """Apply one reference's `onDelete` to one record: DELETE (the record is to go), CHANGED
    (written to) or KEPT."""
    rule = OnDelete(*(reference.on_delete or ()))
    head, _, rest = reference.input.partition(".")
    listed = record.get(head)
    if rest and isinstance(listed, list):
        kept = [
            one
            for one in listed
            if not any(gone(reference, value) for value in values_at(one, rest) if value != "")
        ]
        if len(kept) == len(listed):
            return KEPT
        record[head] = kept
        return CHANGED
    if not any(gone(reference, value) for value in values_at(record, reference.input) if value):
        return KEPT
    if rule.delete is True or (isinstance(rule.delete, str) and record.get(rule.delete) is True):
        return DELETE
    changed = [_put(record, path, value) for path, value in rule.set]
    return CHANGED if any(changed) else KEPT


def _put(record: dict[str, Any], path: str, value: Any) -> bool:
    """Write `value` at a dotted `path` (through structures only); None removes it. Whether
    that changed the record."""
    *parents, last = path.split(".")
    node: Any = record
    for part in parents:
        node = node.setdefault(part, {}) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        return False
    if value is None:
        return node.pop(last, None) is not None
    if node.get(last) == value:
        return False
    node[last] = value
    return True
