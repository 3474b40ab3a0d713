"""Resources as data: the spec's `resources` blocks served by the generic mock engine.

A block names a resource, its identity, and the actions that create, describe, get, modify
and delete it, with the members of the Describe answer that hold the list and the total and
the input members that filter and page it. With one, no service code is needed for:

- Create stores the call's parameters (over the block's `defaults`) under a fresh id in the
  documented format (`IdFormat`: `ins-1a2b3c4d`, or a number counting up for integer ids),
  or, for a resource whose Create answers no id, under the key its request members make
  (`key`: a domain name; a rule's domain, app and stream); a key taken twice is the `exists`
  code (`ResourceInUse` when none is documented);
- Describe lists what exists (filtered by ids and by `match` members, paged by offset/limit
  or page number/size, the total counting all that match), each item shaped like the list's
  element type, filled from the stored parameters (`fields` renames them);
- Get answers one; Modify changes the stored parameters, a `sets` action fixed values
  (EnableLiveDomain: `Status` 1); Delete removes it; an unknown id or key is the documented
  not-found code (`ResourceNotFound` when none is).

Ids are deterministic: the n-th id of a resource depends only on the engine's `seed`, the
resource's name and n (a counter kept in the state), so a test run or a restored state
issues the same ids again, and never one that is in use. The store lives in the mock's state
(`resources/<name>/<id or key>`), so reset, seed, snapshot and persistence cover it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import string
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ..meta import ActionMeta, Member
from ..primitives import ARRAY
from ..validation import check_value
from .fault import Fault
from .synth import coherent_totals, synthesize
from .wireform import coerce

STORE = "resources"
"""Top-level state key of every resource's records (name -> id or key -> stored values)."""
SEQUENCE = "sequence"
"""State key of the id counter per resource (the next integer id, or how many string ids)."""
NOT_FOUND = "ResourceNotFound"
EXISTS = "ResourceInUse"
ALPHABETS = {
    "a-z0-9": string.ascii_lowercase + string.digits,
    "A-Z0-9": string.ascii_uppercase + string.digits,
    "a-zA-Z0-9": string.ascii_letters + string.digits,
    "0-9": string.digits,
}
"""The characters of a string id's random part, by the name a block's `format` gives."""


class IdFormat(NamedTuple):
    """How the mock writes a new id: `prefix` + `length` characters of `alphabet` for
    String ids (`ins-1a2b3c4d`), a number of `digits` digits counting up for integer ids."""

    prefix: str = ""
    length: int = 8
    alphabet: str = "a-z0-9"
    digits: int = 4


class ResourceMeta(NamedTuple):
    """One `resources` block of the spec (generated into the package's `mock/resources.py`).

    A resource is identified by `id_member` (of type `id_type`, made by the mock), or, when
    its Create answers no id, by the request members of `key` (then `id_member` is "")."""

    name: str
    id_member: str
    id_type: str
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
    id_format: IdFormat = IdFormat()
    key: tuple[str, ...] = ()
    exists: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    """(item member, stored member) where the list's element names a value differently."""
    match: tuple[tuple[str, str, bool], ...] = ()
    """(Describe input, item member, prefix): filters; an array input matches any element."""
    defaults: tuple[tuple[str, Any], ...] = ()
    """Stored values of a new resource where its Create request gives none."""
    sets: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    """(action, ((member, value), ...)): actions that set fixed values (Enable, Forbid)."""
    page_member: str | None = None
    page_size_member: str | None = None
    """Page-number paging of Describe (pages count from 1), beside offset/limit."""


Respond = Callable[[], dict[str, Any]]


def _member_type(members: tuple[Member, ...], name: str | None) -> str | None:
    return next((type_ for wire, type_, _ in members if wire == name), None)


def _count(value: Any) -> int | None:
    """An Offset or Limit as sent (some services type them String); None when absent."""
    try:
        return max(0, int(value)) if value is not None else None
    except (TypeError, ValueError):
        raise Fault("InvalidParameterValue", f"{value!r} is not a count") from None


def _matches(value: Any, wanted: Any, prefix: bool) -> bool:
    """Whether an item's value passes a filter as sent (numbers and their text alike)."""
    if isinstance(wanted, list):
        return not wanted or str(value) in {str(one) for one in wanted}
    if prefix:
        return str(value).startswith(str(wanted))
    return str(value) == str(wanted)


def store_key(resource: ResourceMeta, values: Mapping[str, Any]) -> str:
    """Where a resource's record is kept in `state["resources"][name]`: its id as text, or,
    for a resource identified by request members, the JSON list of their values (absent
    ones: ""), so a state file or a seed can name one."""
    if resource.key:
        return json.dumps([values.get(member, "") for member in resource.key])
    return str(values[resource.id_member])


class ResourceEngine:
    """Answers the actions of a service's resources; everything else is not its business."""

    def __init__(
        self,
        resources: Mapping[str, ResourceMeta],
        actions: Mapping[str, ActionMeta],
        structures: Mapping[str, tuple[Member, ...]],
        seed: int = 0,
    ) -> None:
        self.actions = actions
        self.structures = structures
        self.seed = seed
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
            for action, _ in resource.sets:
                self._roles[action] = ("set", resource)

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
        keys = self._named(resource, action, params)
        missing = [one for one in keys if one not in records]
        if missing or not keys:
            named = "; ".join(map(self._label, missing)) or "(no id)"
            raise Fault(resource.not_found or NOT_FOUND, f"{resource.name} {named} does not exist")
        if role == "get":
            return self._one(resource, action, records[keys[0]], default)
        identity = set(resource.key) | {resource.id_member}
        changes = (
            dict(dict(resource.sets)[action])
            if role == "set"
            else {k: copy.deepcopy(v) for k, v in params.items() if k not in identity}
        )
        for one in keys:
            if role == "delete":
                del records[one]
            else:
                records[one].update(copy.deepcopy(changes))
        return default()

    # -- identity -----------------------------------------------------------------------------

    def _new_id(
        self, resource: ResourceMeta, state: dict[str, Any], taken: Mapping[str, Any]
    ) -> str | int:
        """The next id in the resource's format that is not `taken`; counts in the state."""
        sequences: dict[str, int] = state.setdefault(SEQUENCE, {})
        form = resource.id_format
        if resource.id_type != "String":
            value = max(sequences.get(resource.name, 0), int(10 ** max(form.digits - 1, 0)))
            while str(value) in taken:
                value += 1
            sequences[resource.name] = value + 1
            return value
        alphabet = ALPHABETS.get(form.alphabet, ALPHABETS["a-z0-9"])
        while True:
            count = sequences.get(resource.name, 0)
            sequences[resource.name] = count + 1
            made = f"{form.prefix}{self._tail(resource.name, count, form.length, alphabet)}"
            if made not in taken:
                return made

    def _tail(self, name: str, count: int, length: int, alphabet: str) -> str:
        """`length` characters of `alphabet` from (seed, resource, count): stable, spread."""
        digest = b""
        block = 0
        while len(digest) < length:
            digest += hashlib.sha256(f"{self.seed}/{name}/{count}/{block}".encode()).digest()
            block += 1
        return "".join(alphabet[byte % len(alphabet)] for byte in digest[:length])

    @staticmethod
    def _label(stored: str) -> str:
        """A store key as a message shows it: the id, or the key's values."""
        if not stored.startswith("["):
            return stored
        return ", ".join(map(str, json.loads(stored)))

    def _named(self, resource: ResourceMeta, action: str, params: dict[str, Any]) -> list[str]:
        """The store keys an action names: its key members, its id member, else its id list."""
        if resource.key:
            return [store_key(resource, params)]
        if resource.id_member in params:
            return [str(params[resource.id_member])]
        names = [
            name
            for name, type_, _ in self.actions[action].input
            if type_.startswith(ARRAY)
            and name in (resource.filter_member, resource.id_member + "s")
        ]
        for name in names:
            if params.get(name):
                return [str(one) for one in params[name]]
        return []

    # -- the roles ----------------------------------------------------------------------------

    def _create(
        self,
        resource: ResourceMeta,
        params: dict[str, Any],
        state: dict[str, Any],
        records: dict[str, dict[str, Any]],
        default: Respond,
    ) -> dict[str, Any]:
        record = {**copy.deepcopy(dict(resource.defaults)), **copy.deepcopy(params)}
        if resource.key:
            key = store_key(resource, params)
            if key in records:
                raise Fault(
                    resource.exists or EXISTS,
                    f"{resource.name} {self._label(key)} already exists",
                )
            records[key] = {**record, **{k: params.get(k, "") for k in resource.key}}
            return default()
        new_id = self._new_id(resource, state, records)
        record = records[str(new_id)] = {**record, resource.id_member: new_id}
        body = default()
        output = self.actions[resource.create].output
        for name, type_, _ in output:
            if name == resource.id_member:
                body[name] = new_id
            elif type_.startswith(ARRAY) and name.startswith(resource.id_member.removesuffix("Id")):
                body[name] = [new_id]
            elif _member_type(self.structures.get(type_, ()), resource.id_member):
                body[name] = self._item(resource, type_, record)  # CreateVpc answers the Vpc
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
        output = self.actions[resource.describe].output
        element = (_member_type(output, resource.list_member) or "").removeprefix(ARRAY)
        items = [self._item(resource, element, record) for record in chosen]
        for given, member, prefix in resource.match:
            if params.get(given) is not None:
                items = [i for i in items if _matches(i.get(member), params[given], prefix)]
        start, end = self._window(resource, params)
        body = default()
        body[resource.list_member] = items[start:end]
        coherent_totals(body, output)  # no example's count next to the real list
        if resource.total_member:
            body[resource.total_member] = len(items)
        return body

    @staticmethod
    def _window(resource: ResourceMeta, params: dict[str, Any]) -> tuple[int, int | None]:
        """The slice of the matches a page asks for: by offset/limit or page number/size."""
        offset = _count(params.get(resource.offset_member or "")) or 0
        limit = _count(params.get(resource.limit_member or ""))
        size = _count(params.get(resource.page_size_member or ""))
        if size:
            number = _count(params.get(resource.page_member or "")) or 1
            offset, limit = offset + (max(number, 1) - 1) * size, size
        return offset, offset + limit if limit is not None else None

    def _one(
        self, resource: ResourceMeta, action: str, record: dict[str, Any], default: Respond
    ) -> dict[str, Any]:
        body = default()
        for name, type_, _ in self.actions[action].output:
            if type_ in self.structures:
                body[name] = self._item(resource, type_, record)
        return body

    def _item(self, resource: ResourceMeta, element: str, record: dict[str, Any]) -> dict[str, Any]:
        """A list element of type `element`: placeholders, overlaid with the stored values of
        the members the element shares with the create/modify parameters (or `fields` maps).

        A stored value is converted to the element member's type where the two differ
        (Live's Create takes `VodLoopTimes` as a String, its list answers an Int64); one that
        still does not fit keeps the placeholder, so the answer matches its documented shape.
        """
        members = self.structures.get(element, ())
        item = synthesize(members, self.structures)
        renamed = dict(resource.fields)
        for name, type_, _ in members:
            stored = renamed.get(name, name)
            if stored not in record:
                continue
            value = coerce(copy.deepcopy(record[stored]), type_, self.structures)
            if not any(check_value(value, type_, name, self.structures)):
                item[name] = value
        return item
