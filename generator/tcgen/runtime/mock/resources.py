"""Resources as data: the spec's `resources` blocks served by the generic mock engine.

A block names a resource, its id member and format, and the actions that create, describe,
get, modify and delete it, with the members of the Describe answer that hold the list and the
total and the input member that filters by ids. With one, no service code is needed for:

- Create stores the call's parameters under a fresh id (`prefix` + 8 characters, as
  `ins-1a2b3c4d`, or a sequence for integer ids) and answers it;
- Describe lists what exists (filtered by ids, paged by Offset/Limit, total counting all that
  match), each item shaped like the list's element type, filled from the stored parameters;
- Get answers one by id; Modify changes the stored parameters; Delete removes the resource;
  an unknown id is the documented not-found code (`ResourceNotFound` when none is).

The store lives in the mock's state (`resources/<name>/<id>`), so reset, seed, snapshot and
persistence cover it like any handler's state.
"""

from __future__ import annotations

import copy
import random
import string
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ..meta import ActionMeta, Member
from ..primitives import ARRAY
from .fault import Fault
from .synth import synthesize

STORE = "resources"
"""Top-level state key of every resource's records (name -> id -> stored parameters)."""
SEQUENCE = "sequence"
"""State key of the next integer id per resource."""
FIRST_ID = 1000
ID_ALPHABET = string.ascii_lowercase + string.digits
NOT_FOUND = "ResourceNotFound"


class ResourceMeta(NamedTuple):
    """One `resources` block of the spec (generated into the package's `mock/resources.py`)."""

    name: str
    id_member: str
    id_type: str
    id_prefix: str
    create: str
    describe: str
    list_member: str
    total_member: str | None = None
    filter_member: str | None = None
    get: str | None = None
    modify: tuple[str, ...] = ()
    delete: str | None = None
    not_found: str | None = None
    offset_member: str | None = None
    limit_member: str | None = None


Respond = Callable[[], dict[str, Any]]


def _member_type(members: tuple[Member, ...], name: str | None) -> str | None:
    return next((type_ for wire, type_, _ in members if wire == name), None)


def _count(value: Any) -> int | None:
    """An Offset or Limit as sent (some services type them String); None when absent."""
    try:
        return max(0, int(value)) if value is not None else None
    except (TypeError, ValueError):
        raise Fault("InvalidParameterValue", f"{value!r} is not a count") from None


class ResourceEngine:
    """Answers the actions of a service's resources; everything else is not its business."""

    def __init__(
        self,
        resources: Mapping[str, ResourceMeta],
        actions: Mapping[str, ActionMeta],
        structures: Mapping[str, tuple[Member, ...]],
        rng: random.Random | None = None,
    ) -> None:
        self.actions = actions
        self.structures = structures
        self.rng = rng or random.Random()
        self._roles: dict[str, tuple[str, ResourceMeta]] = {}
        for resource in resources.values():
            self._roles[resource.create] = ("create", resource)
            self._roles[resource.describe] = ("describe", resource)
            if resource.get:
                self._roles[resource.get] = ("get", resource)
            if resource.delete:
                self._roles[resource.delete] = ("delete", resource)
            for modify in resource.modify:
                self._roles[modify] = ("modify", resource)

    def handles(self, action: str) -> bool:
        return action in self._roles

    def answer(
        self, action: str, params: dict[str, Any], state: dict[str, Any], default: Respond
    ) -> dict[str, Any]:
        """The response body of a resource action; call under the mock's lock."""
        role, resource = self._roles[action]
        records: dict[str, dict[str, Any]] = state.setdefault(STORE, {}).setdefault(
            resource.name, {}
        )
        if role == "create":
            return self._create(resource, params, state, records, default)
        if role == "describe":
            return self._describe(resource, params, records, default)
        ids = self._ids(resource, action, params)
        missing = [one for one in ids if str(one) not in records]
        if missing or not ids:
            raise Fault(
                resource.not_found or NOT_FOUND,
                f"{resource.name} {', '.join(map(str, missing)) or '(no id)'} does not exist",
            )
        if role == "get":
            return self._one(resource, action, records[str(ids[0])], default)
        for one in ids:
            if role == "delete":
                del records[str(one)]
            else:
                records[str(one)].update(
                    {k: copy.deepcopy(v) for k, v in params.items() if k != resource.id_member}
                )
        return default()

    # -- the roles ----------------------------------------------------------------------------

    def _new_id(self, resource: ResourceMeta, state: dict[str, Any]) -> str | int:
        if resource.id_type != "String":
            sequences: dict[str, int] = state.setdefault(SEQUENCE, {})
            value = sequences.get(resource.name, FIRST_ID)
            sequences[resource.name] = value + 1
            return value
        tail = "".join(self.rng.choice(ID_ALPHABET) for _ in range(8))
        return f"{resource.id_prefix}{tail}"

    def _create(
        self,
        resource: ResourceMeta,
        params: dict[str, Any],
        state: dict[str, Any],
        records: dict[str, dict[str, Any]],
        default: Respond,
    ) -> dict[str, Any]:
        new_id = self._new_id(resource, state)
        record = records[str(new_id)] = {**copy.deepcopy(params), resource.id_member: new_id}
        body = default()
        output = self.actions[resource.create].output
        for name, type_, _ in output:
            if name == resource.id_member:
                body[name] = new_id
            elif type_.startswith(ARRAY) and name.startswith(resource.id_member.removesuffix("Id")):
                body[name] = [new_id]
            elif _member_type(self.structures.get(type_, ()), resource.id_member):
                body[name] = self._item(type_, record)  # CreateVpc answers the Vpc
        return body

    def _describe(
        self,
        resource: ResourceMeta,
        params: dict[str, Any],
        records: dict[str, dict[str, Any]],
        default: Respond,
    ) -> dict[str, Any]:
        wanted = params.get(resource.filter_member or "") if resource.filter_member else None
        chosen = list(records.values())
        if wanted:
            keys = {str(one) for one in wanted}
            chosen = [one for one in chosen if str(one[resource.id_member]) in keys]
        offset = _count(params.get(resource.offset_member or "")) or 0
        limit = _count(params.get(resource.limit_member or ""))
        page = chosen[offset : offset + limit if limit is not None else None]
        body = default()
        output = self.actions[resource.describe].output
        element = (_member_type(output, resource.list_member) or "").removeprefix(ARRAY)
        body[resource.list_member] = [self._item(element, record) for record in page]
        if resource.total_member:
            body[resource.total_member] = len(chosen)
        return body

    def _one(
        self, resource: ResourceMeta, action: str, record: dict[str, Any], default: Respond
    ) -> dict[str, Any]:
        body = default()
        for name, type_, _ in self.actions[action].output:
            if type_ in self.structures:
                body[name] = self._item(type_, record)
        return body

    def _item(self, element: str, record: dict[str, Any]) -> dict[str, Any]:
        """A list element of type `element`: placeholders, overlaid with the stored values of
        the members the element shares with the create/modify parameters."""
        members = self.structures.get(element, ())
        item = synthesize(members, self.structures)
        for name, _, _ in members:
            if name in record:
                item[name] = copy.deepcopy(record[name])
        return item

    def _ids(self, resource: ResourceMeta, action: str, params: dict[str, Any]) -> list[Any]:
        """The ids an action names: its id member, else its id-list (filter) member."""
        if resource.id_member in params:
            return [params[resource.id_member]]
        names = [
            name
            for name, type_, _ in self.actions[action].input
            if type_.startswith(ARRAY)
            and name in (resource.filter_member, resource.id_member + "s")
        ]
        for name in names:
            if params.get(name):
                return list(params[name])
        return []
