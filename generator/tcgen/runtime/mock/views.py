"""Members a resource shows that other resources hold: a block's `collect`.

Tencent Cloud shows the other side of a reference on the resource it names: an instance
lists the data disks attached to it and the EIP bound to it among its public IPs, a CAM
policy counts the entities it is attached to. The mock keeps each fact once, on the
referring resource (the disk's `InstanceId`), so the named one's reads collect it: `{"member":
"DataDisks", "service": "cbs", "resource": "Disk", "input": "InstanceId", "fields":
{"DiskId": "DiskId", "DiskSize": "DiskSize"}}` lists a structure per disk naming the
instance; `"value": "AddressIp"` lists that member's values (after what the resource
stores itself); neither counts them, adding to what the resource holds (a CAM policy's
`Attachments`: its roles', users' and groups' attachments, one entry each).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .paths import values_at


class Collect(NamedTuple):
    """An item member filled from the records of `resource` (of `service`; "": this one)
    whose `input` names the resource being read."""

    member: str
    resource: str
    input: str
    service: str = ""
    value: str = ""
    """The referring records' member whose values are listed ("" with no `fields`: count,
    added to the member's value so far: several resources' counts sum)."""
    fields: tuple[tuple[str, str], ...] = ()
    """(structure member, referring record's member): one structure per referring record."""


def collected(
    collect: Collect, identity: str, stored: Any, referring: Iterable[Mapping[str, Any]]
) -> Any:
    """The value of `collect.member` for the resource whose id (or key) is `identity`."""
    naming = [
        one for one in referring if identity in {str(v) for v in values_at(one, collect.input)}
    ]
    if collect.fields:
        return [
            {shown: one[member] for shown, member in collect.fields if member in one}
            for one in naming
        ]
    if collect.value:
        own = stored if isinstance(stored, list) else []
        theirs = [v for one in naming for v in values_at(one, collect.value)]
        return own + [v for v in theirs if v not in own]
    base = stored if isinstance(stored, int) and not isinstance(stored, bool) else 0
    return base + len(naming)
