"""References between resources as data: a member that names another resource.

A block's `references` say which request members name which resource (`SubnetId` a `vpc`
`Subnet`; `CamRoleName` a `cam` `Role` by its `RoleName`), the code answered when it does not
exist, and the values the new resource takes from it where the request gives none (an
instance's `VirtualPrivateCloud.VpcId` and `Placement.Zone` from its subnet). The referenced
resource may live in another service of the same emulator; a service that is not served
cannot be asked, so its references are not checked. The same declarations answer whether a
resource is still in use when something asks to delete it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from .paths import values_at


class Reference(NamedTuple):
    """A request member (`input`, a dotted path) naming a `resource` of `service` ("": this
    one) by its id or key, or by its stored `member`."""

    input: str
    resource: str
    service: str = ""
    member: str = ""
    not_found: str | None = None
    actions: tuple[str, ...] = ()
    """The actions whose request is checked (empty: the create action)."""
    fill: tuple[tuple[str, str], ...] = ()
    """(path of the new resource, member of the referenced one) copied where not given."""
    on_delete: tuple[Any, ...] | None = None
    """What becomes of the referring resource when the named one is deleted (`cascade.py`'s
    `OnDelete`, as a plain tuple); None: nothing (or the delete is refused: `inUse`)."""


def find(records: Mapping[str, Mapping[str, Any]], member: str, value: Any) -> str | None:
    """The store key of the resource `value` names: its key, or the one whose `member` is it."""
    if not member:
        return str(value) if str(value) in records else None
    wanted = str(value)
    return next((key for key, one in records.items() if str(one.get(member)) == wanted), None)


def refers(
    reference: Reference, record: Mapping[str, Any], key: str, target: Mapping[str, Any]
) -> bool:
    """Whether `record` (stored values) names the resource stored under `key` as `target`."""
    identity = str(target.get(reference.member)) if reference.member else key
    return identity in {str(value) for value in values_at(record, reference.input)}
