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
  (EnableLiveDomain: `Status` 1), an `extend` action adds to its lists
  (CreateSecurityGroupPolicies); Delete removes it; an unknown id or key is the documented
  not-found code (`ResourceNotFound` when none is).

What the core resources need beyond that is data too: a create may make several (`count`:
RunInstances' `InstanceCount`, answered as an id array); Describe takes Tencent's `Filters`
(`filters`: a filter name -> the member it tests); actions may name a resource by another
stored member (`lookup`: a CAM role by `RoleName`) or by renamed members (`aliases`);
`unique` members answer the `exists` code when taken (a duplicate name; a listener's port
per load balancer and protocol family), `cidrs` and `allocate` check CIDR blocks and hand
out free addresses (`constraints.py`), `idempotent` makes a repeated keyed create succeed
(CAM's AttachRolePolicy); `states` is a lifecycle (`lifecycle.py`), `references` the
resources a request names, checked and copied from, also across the services of one
emulator (`references.py`), and `inUse` the code of deleting one that others still
reference, or a reference's `onDelete` what becomes of them (`cascade.py`); `assigned` and
`derived` members are made at creation and stored, so the create and every read agree
(`assigned.py`); `remove` actions take list items out again (DeregisterTargets).

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
import time
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any, NamedTuple

from ..meta import ActionMeta, Member
from ..primitives import ARRAY
from ..validation import check_value
from .assigned import derive, fill_items
from .cascade import leaving, reconcile
from .constraints import Allocator, Cidr, Unique, allocate, check_cidrs, check_unique
from .fault import Fault
from .lifecycle import Lifecycle, begin, move, seen, settle
from .paths import has_path, overlay, set_path, values_at
from .references import Reference, find, refers
from .synth import coherent_totals, synthesize
from .views import Collect, collected
from .wireform import coerce

STORE = "resources"
"""Top-level state key of every resource's records (name -> id or key -> stored values)."""
SEQUENCE = "sequence"
"""State key of the id counter per resource (the next integer id, or how many string ids)."""
NOT_FOUND = "ResourceNotFound"
EXISTS = "ResourceInUse"
IN_USE = "ResourceInUse"
FILTERS = "Filters"
"""Tencent's filter input: `[{"Name": "vpc-id", "Values": ["vpc-1"]}]`."""
BAD_FILTER = ("InvalidFilter", "InvalidParameterValue")
"""The code of an unknown filter name: the first the Describe documents, else the last."""
MOST = 100
"""The most resources one create makes (`count`), as Tencent's quotas would allow."""
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
    describe: str | None
    """The action listing the resources (None: none does; Get, Modify and Delete still
    answer from what Create made)."""
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
    count_member: str | None = None
    """Input member of create saying how many to make (`InstanceCount`)."""
    filters: tuple[tuple[str, str], ...] = ()
    """(Tencent filter name, item member path it tests): `("vpc-id", "VpcId")`."""
    lookup: tuple[str, ...] = ()
    """Input members naming a resource by the stored member of the same name (`RoleName`)."""
    aliases: tuple[tuple[str, str], ...] = ()
    """(input member, the stored member it means): `DetachRoleName` is `AttachRoleName`."""
    unique: tuple[Unique, ...] = ()
    """Stored members no two resources share (a name; a listener's port on its load
    balancer): creating a taken one is the constraint's code, else `exists`."""
    in_use: str | None = None
    """Code of deleting a resource that another still references (None: not checked)."""
    extend: tuple[str, ...] = ()
    """Actions that add their structures' list items to the stored ones."""
    remove: tuple[str, ...] = ()
    """Actions that remove from the stored lists the items matching their structures' list
    items (DeregisterTargets: a listener's targets with that InstanceId and Port)."""
    lifecycle: Lifecycle = Lifecycle()
    references: tuple[Reference, ...] = ()
    bad_filter: str | None = None
    """Code of a `Filters` name `filters` does not list (None: `BAD_FILTER`'s rule)."""
    reads: tuple[str, ...] = ()
    """More actions listing the resource (`DescribeInstancesStatus`), each in its one array
    whose items carry the id, filtered and paged by the block's members where it takes them."""
    stamps: tuple[tuple[str, str], ...] = ()
    """(stored member, `time.strftime` format): set to the mock clock's time (UTC) at creation
    (CVM's `CreatedTime` `2020-03-10T02:43:51Z`, VPC's `2020-03-10 02:43:51`)."""
    each: tuple[tuple[str, str], ...] = ()
    """(create's array member, stored member): the n-th new resource takes the n-th element
    (CreateListener's `Ports` -> each listener's `Port`); as many as the array holds."""
    idempotent: bool = False
    """A keyed create whose key exists answers as if it made it (CAM's AttachRolePolicy of
    an attached policy), not `exists`."""
    cidrs: tuple[Cidr, ...] = ()
    """CIDR members checked at create: well formed, within the parent's, not overlapping."""
    allocate: tuple[Allocator, ...] = ()
    """Address members a create fills with a free address (a private IP from the subnet)."""
    assigned: tuple[tuple[str, str, tuple[Any, ...]], ...] = ()
    """(stored member, type, `IdFormat` as a plain tuple): values the cloud makes once at
    creation besides the id (CAM's `Uid`; a `DealName`), stored, answered by every read."""
    derived: tuple[tuple[str, str], ...] = ()
    """(stored member, template): values built at creation from others (`assigned.py`)."""
    collect: tuple[Collect, ...] = ()
    """Item members filled from the resources that name this one (`views.py`)."""
    item_defaults: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    """(stored list, ((member, value), ...)): what each item of the list takes where the
    request that adds it gives nothing (a CLB target's Weight 10)."""


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
    """Answers the actions of a service's resources; everything else is not its business.

    `clock` and `pace` drive lifecycles (`lifecycle.py`); `connect` gives the engine its
    state, `join` the other services' engines, which reference checks read (`references.py`).
    """

    def __init__(
        self,
        resources: Mapping[str, ResourceMeta],
        actions: Mapping[str, ActionMeta],
        structures: Mapping[str, tuple[Member, ...]],
        seed: int = 0,
        *,
        service: str = "",
        clock: Callable[[], float] = time.time,
        pace: float = 1.0,
    ) -> None:
        self.resources = resources
        self.actions = actions
        self.structures = structures
        self.seed = seed
        self.service = service
        self.clock = clock
        self.pace = pace
        self._store: Callable[[], dict[str, Any]] = dict
        self._glance: Callable[[str], Any] | None = None
        self._peer: Callable[[str], ResourceEngine | None] = self._alone
        self._loaded: Callable[[], Iterable[ResourceEngine]] = lambda: [self]
        self._roles: dict[str, tuple[str, ResourceMeta]] = {}
        for resource in resources.values():
            self._roles[resource.create] = ("create", resource)
            if resource.describe:
                self._roles[resource.describe] = ("describe", resource)
            if resource.get:
                self._roles[resource.get] = ("get", resource)
            if resource.delete:
                self._roles[resource.delete] = ("delete", resource)
            for modify in resource.modify:
                self._roles[modify] = ("modify", resource)
            for action, _ in resource.sets:  # a modify's fixed values go with its changes
                self._roles.setdefault(action, ("set", resource))
            for action in resource.extend:
                self._roles[action] = ("extend", resource)
            for action in resource.remove:
                self._roles[action] = ("remove", resource)
            for action in resource.reads:
                self._roles[action] = ("describe", resource)
            for action, *_ in resource.lifecycle.moves:
                self._roles.setdefault(action, ("move", resource))
        self._named_by: dict[str, list[tuple[Reference, ResourceMeta]]] = {}
        for resource in resources.values():
            for reference in resource.references:
                for action in reference.actions:
                    if action not in self._roles:
                        self._named_by.setdefault(action, []).append((reference, resource))

    def connect(
        self,
        store: Callable[[], dict[str, Any]],
        glance: Callable[[str], Any] | None = None,
    ) -> None:
        """Where this engine's state is: the mock's store, and how another service reads
        a top-level entry of it (`MockState.glance`: the committed one, with a database
        shared by several workers; default: the store's)."""
        self._store = store
        self._glance = glance

    def join(
        self,
        peer: Callable[[str], ResourceEngine | None],
        loaded: Callable[[], Iterable[ResourceEngine]],
    ) -> None:
        """The engines of the other services of one emulator: `peer(service)` (None when
        not served), `loaded()` those that have state (this one among them)."""
        self._peer, self._loaded = peer, loaded

    def _alone(self, service: str) -> ResourceEngine | None:
        return self if service == self.service else None

    def records(self, name: str) -> Mapping[str, dict[str, Any]] | None:
        """The stored resources called `name` (None: this service has no such resource); a
        glance for another service's check, which does not take this one's lock."""
        if name not in self.resources:
            return None
        every = self._glance(STORE) if self._glance is not None else self._store().get(STORE)
        return dict((every or {}).get(name, {}))

    def _records_of(self, engine: ResourceEngine, name: str) -> Mapping[str, Any] | None:
        """`name`'s resources in `engine`: this one's own as its call sees them (changes of
        the call included), another's as it last committed them."""
        if engine is not self:
            return engine.records(name)
        if name not in self.resources:
            return None
        return dict(dict.items(self._store().get(STORE, {}).get(name, {})))  # (read only)

    def handles(self, action: str) -> bool:
        return action in self._roles

    def names(self, action: str) -> bool:
        """Whether an action that is not the engine's own names a resource it keeps (a
        reference listing it: cvm's DescribeInstancesOperationLimit names instances)."""
        return action in self._named_by

    def check_named(self, action: str, params: Mapping[str, Any]) -> None:
        """Every resource such an action names exists, else the reference's not-found code
        (or the named resource's); the action is answered as usual otherwise. Call under the
        mock's lock."""
        for reference, resource in self._named_by.get(action, ()):
            self._check_reference(reference, params, dict(resource.defaults))

    def answer(
        self, action: str, params: dict[str, Any], state: dict[str, Any], default: Respond
    ) -> dict[str, Any]:
        """The response body of a resource action; call under the mock's lock."""
        role, resource = self._roles[action]
        records: dict[str, dict[str, Any]] = state.setdefault(STORE, {}).setdefault(
            resource.name, {}
        )
        now = self.clock()
        settle(resource.lifecycle, records, now, self.pace)
        reconcile(resource.references, records, self._gone())
        params = self._renamed(resource, params)
        if role == "create":
            return self._create(resource, params, state, records, default)
        if role == "describe":
            return self._describe(resource, action, params, records, default)
        params = _filled(params, self._check_references(resource, action, params))
        keys = self._named(resource, action, params, records)
        missing = [one for one in keys if one not in records]
        if missing or not keys:
            named = "; ".join(map(self._label, missing)) or "(no id)"
            raise Fault(resource.not_found or NOT_FOUND, f"{resource.name} {named} does not exist")
        if role == "get":
            seen(resource.lifecycle, [records[keys[0]]])
            [shown] = self._with_views(resource, [records[keys[0]]])
            return self._one(resource, action, shown, default)
        if role == "delete":
            self._check_unused(resource, records, keys)
        moved = move(resource.lifecycle, action, records, keys, now)
        if role == "move" or (moved and role == "delete"):
            return default()  # a move may also change what it names (AttachDisks' InstanceId)
        identity = set(resource.key) | {resource.id_member} | set(resource.lookup)
        changes = (
            {}
            if role == "set"
            else {k: copy.deepcopy(v) for k, v in params.items() if k not in identity}
        )
        fixed = dict(dict(resource.sets).get(action, ()))
        changes.update(fixed)
        for one in keys:
            if one not in records:
                continue  # a move removed it
            if role == "delete":
                del records[one]
            elif role == "extend":
                added = fill_items(copy.deepcopy(changes), resource.item_defaults)
                records[one].update(_extended(records[one], added))
            elif role == "remove":
                records[one].update(_shrunk(records[one], changes))
            else:
                records[one].update(copy.deepcopy(changes))
                for member in [name for name, value in fixed.items() if value is None]:
                    records[one].pop(member, None)  # a fixed null removes: DetachDisks' InstanceId
        return default()

    # -- identity -----------------------------------------------------------------------------

    def _new_id(
        self, resource: ResourceMeta, state: dict[str, Any], taken: Mapping[str, Any]
    ) -> str | int:
        """The next id in the resource's format that is not `taken`; counts in the state."""
        return self._fresh(resource.name, resource.id_type, resource.id_format, state, taken)

    def _fresh(
        self,
        name: str,
        type_: str,
        form: IdFormat,
        state: dict[str, Any],
        taken: Container[str],
    ) -> str | int:
        """The next value of sequence `name` in `form` that is not `taken` (an id, or an
        `assigned` member's value); the sequence counts in the state."""
        sequences: dict[str, int] = state.setdefault(SEQUENCE, {})
        if type_ != "String":
            value = max(sequences.get(name, 0), int(10 ** max(form.digits - 1, 0)))
            while str(value) in taken:
                value += 1
            sequences[name] = value + 1
            return value
        alphabet = ALPHABETS.get(form.alphabet, ALPHABETS["a-z0-9"])
        while True:
            count = sequences.get(name, 0)
            sequences[name] = count + 1
            made = f"{form.prefix}{self._tail(name, count, form.length, alphabet)}"
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

    @staticmethod
    def _renamed(resource: ResourceMeta, params: dict[str, Any]) -> dict[str, Any]:
        """The parameters with the block's aliases under the stored names they mean."""
        renamed = dict(params)
        for given, stored in resource.aliases:
            if given in renamed:
                renamed.setdefault(stored, renamed.pop(given))
        return renamed

    def _named(
        self,
        resource: ResourceMeta,
        action: str,
        params: dict[str, Any],
        records: Mapping[str, Mapping[str, Any]],
    ) -> list[str]:
        """The store keys an action names: its key members, its id member (or list), its id
        list, else a `lookup` member's value (as itself when nothing has it: not found)."""
        if resource.key:  # a key member left out is its default (SCF's Namespace "default")
            return [store_key(resource, {**dict(resource.defaults), **params})]
        given = params.get(resource.id_member)
        if given is not None:
            return [str(one) for one in (given if isinstance(given, list) else [given])]
        names = [
            name
            for name, type_, _ in self.actions[action].input
            if type_.startswith(ARRAY)
            and name in id_lists(resource.id_member, resource.filter_member)
        ]
        for name in names:
            if params.get(name):
                return [str(one) for one in params[name]]
        for member in resource.lookup:
            if params.get(member) is not None:
                return [find(records, member, params[member]) or str(params[member])]
        return []

    # -- references ---------------------------------------------------------------------------

    def _target(self, reference: Reference) -> ResourceEngine | None:
        if not reference.service or reference.service == self.service:
            return self
        return self._peer(reference.service)

    def _gone(self) -> Callable[[Reference, Any], bool]:
        """Whether the resource a value names is deleted or on its way out (a `SHUTDOWN`
        instance); a service not served here cannot say, so its resources are not gone.
        Each referenced resource's records are read once per answer."""
        read: dict[tuple[str, str], tuple[Lifecycle, Mapping[str, Any]] | None] = {}

        def gone(reference: Reference, value: Any) -> bool:
            where = (reference.service, reference.resource)
            if where not in read:
                target = self._target(reference)
                records = self._records_of(target, reference.resource) if target else None
                read[where] = None
                if target is not None and records is not None:
                    read[where] = (target.resources[reference.resource].lifecycle, records)
            known = read[where]
            if known is None:
                return False
            key = find(known[1], reference.member, value)
            return key is None or leaving(known[0], known[1][key])

        return gone

    def _with_views(
        self, resource: ResourceMeta, records: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The records as a read shows them: with the members `collect` fills from the
        resources naming each (an instance's data disks), read once for all."""
        if not resource.collect:
            return records
        shown = [dict(one) for one in records]
        for collect in resource.collect:
            own = not collect.service or collect.service == self.service
            engine = self if own else self._peer(collect.service)
            referring = self._settled(engine, collect.resource) if engine else []
            for view in shown:  # each entry adds to the last: counts over several resources
                identity = store_key(resource, view)
                view[collect.member] = collected(
                    collect, identity, view.get(collect.member), referring
                )
        return shown

    def _settled(self, engine: ResourceEngine, name: str) -> list[dict[str, Any]]:
        """`engine`'s `name` resources as a read shows them: this engine's own as copies with
        the `onDelete` of what they name applied (a deleted user's attachments gone), another's
        as it last committed them (its records are not read under its lock)."""
        records = copy.deepcopy(dict(self._records_of(engine, name) or {}))
        if engine is self and name in self.resources:
            reconcile(self.resources[name].references, records, self._gone())
        return list(records.values())

    def _check_references(
        self, resource: ResourceMeta, action: str, params: Mapping[str, Any]
    ) -> list[tuple[Reference, Mapping[str, Any]]]:
        """Every resource the request names exists (else the reference's code); returns
        (reference, the named resource's stored values) for the values to copy. The block's
        default of the member is taken to exist (SCF's namespace `default`, never created)."""
        found: list[tuple[Reference, Mapping[str, Any]]] = []
        defaults = dict(resource.defaults)
        for reference in resource.references:
            if action in (reference.actions or (resource.create,)):
                found.extend(self._check_reference(reference, params, defaults))
        return found

    def _check_reference(
        self, reference: Reference, params: Mapping[str, Any], defaults: Mapping[str, Any]
    ) -> list[tuple[Reference, Mapping[str, Any]]]:
        target = self._target(reference)
        records = self._records_of(target, reference.resource) if target else None
        if target is None or records is None:
            return []  # that service is not served here: nothing to check against
        found: list[tuple[Reference, Mapping[str, Any]]] = []
        for value in values_at(params, reference.input):
            if reference.input in defaults and value == defaults[reference.input]:
                continue
            key = find(records, reference.member, value)
            if key is None:
                named = target.resources[reference.resource]
                raise Fault(
                    reference.not_found or named.not_found or NOT_FOUND,
                    f"{reference.input}: {reference.resource} {value} does not exist",
                )
            found.append((reference, records[key]))
        return found

    def _check_unused(
        self, resource: ResourceMeta, records: Mapping[str, Mapping[str, Any]], keys: list[str]
    ) -> None:
        """Deleting what another resource still names answers the block's `inUse` code."""
        if resource.in_use is None:
            return
        for engine in self._loaded():
            for other in engine.resources.values():
                for reference in other.references:
                    if reference.resource != resource.name or (
                        (reference.service or engine.service) != self.service
                    ):
                        continue
                    users = self._records_of(engine, other.name) or {}
                    for key in keys:
                        user = next(
                            (
                                name
                                for name, one in users.items()
                                if not (other is resource and name == key)
                                and refers(reference, one, key, records[key])
                            ),
                            None,
                        )
                        if user is not None:
                            raise Fault(
                                resource.in_use,
                                f"{resource.name} {self._label(key)} is used by "
                                f"{other.name} {self._label(user)}",
                            )

    # -- the roles ----------------------------------------------------------------------------

    def _create(
        self,
        resource: ResourceMeta,
        params: dict[str, Any],
        state: dict[str, Any],
        records: dict[str, dict[str, Any]],
        default: Respond,
    ) -> dict[str, Any]:
        named = self._check_references(resource, resource.create, params)
        record = _filled({**copy.deepcopy(dict(resource.defaults)), **params}, named)
        fill_items(record, resource.item_defaults)
        now = self.clock()
        for member, form in resource.stamps:
            record[member] = time.strftime(form, time.gmtime(now))
        if resource.key:
            key = store_key(resource, record)
            if key in records and resource.idempotent:
                return self._answered(resource, default(), [records[key]])
            if key in records:
                raise Fault(
                    resource.exists or EXISTS,
                    f"{resource.name} {self._label(key)} already exists",
                )
            made = [{**record, **{k: record.get(k, "") for k in resource.key}}]
        else:
            made = self._spread(resource, params, record)
        for one in made:
            for member, type_, shape in resource.assigned:
                taken = {str(other.get(member)) for other in records.values()}
                one[member] = self._fresh(
                    f"{resource.name}.{member}", type_, IdFormat(*shape), state, taken
                )
        by_input = {reference.input: target for reference, target in named}
        stored = dict.values(records)  # read only: not marked as handed out (`tracked`)
        for one in made:
            check_cidrs(resource.cidrs, one, by_input, stored)
        check_unique(resource.unique, made, stored, resource.exists or EXISTS)
        allocate(
            resource.allocate,
            made,
            by_input,
            lambda allocator, pooled, source: self._taken(resource, allocator, pooled, source),
        )
        for one in made:
            if not resource.key:
                one[resource.id_member] = self._new_id(resource, state, records)
            for member, template in resource.derived:
                one[member] = derive(template, one)
            records[store_key(resource, one)] = one
            begin(resource.lifecycle, one, now)
        settle(resource.lifecycle, records, now, self.pace)
        kept = [one for one in made if store_key(resource, one) in records]
        return self._answered(resource, default(), kept)

    def _spread(
        self, resource: ResourceMeta, params: Mapping[str, Any], record: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The stored values of each resource one create makes: `count` alike, or one per
        element of the `each` arrays (CreateListener's `Ports`), in order."""
        made = []
        for n in range(self._how_many(resource, params)):
            one = copy.deepcopy(record)
            for given, member in resource.each:
                if isinstance(params.get(given), list) and n < len(params[given]):
                    one[member] = copy.deepcopy(params[given][n])
            made.append(one)
        return made

    def _taken(
        self, resource: ResourceMeta, allocator: Allocator, pooled: bool, source: str | None
    ) -> set[str]:
        """The addresses held from `allocator`'s range: by every loaded resource whose
        allocator draws from the same pool (`pooled`) or from the same resource, the one whose
        id is `source` (a subnet hands out one set of addresses to instances and VIPs alike;
        another subnet with the same block, in another VPC, has its own)."""
        wanted = self._origin(resource, allocator, pooled)
        taken: set[str] = set()
        for engine in self._loaded():
            for other in engine.resources.values():
                drawing = [
                    theirs
                    for theirs in other.allocate
                    if (other is resource and theirs == allocator)
                    or (wanted and engine._origin(other, theirs, pooled) == wanted)
                ]
                for record in (self._records_of(engine, other.name) or {}).values():
                    for theirs in drawing:
                        if source is not None and source not in map(
                            str, values_at(record, theirs.source)
                        ):
                            continue
                        taken.update(str(v) for v in values_at(record, theirs.member))
        return taken

    def _origin(
        self, resource: ResourceMeta, allocator: Allocator, pooled: bool
    ) -> tuple[str, ...]:
        """Where an allocator's addresses come from: its pool, or the (service, resource)
        its reference names; () when it has no such origin."""
        if pooled:
            return ("pool", allocator.pool) if allocator.pool else ()
        for reference in resource.references:
            if allocator.source and reference.input == allocator.source:
                return (reference.service or self.service, reference.resource)
        return ()

    @staticmethod
    def _how_many(resource: ResourceMeta, params: Mapping[str, Any]) -> int:
        spread = [
            len(params[given]) for given, _ in resource.each if isinstance(params.get(given), list)
        ]
        given = params.get(resource.count_member or "")
        if given is None:
            return max(spread, default=1) or 1
        count = _count(given) or 0
        if not 1 <= count <= MOST:
            raise Fault("InvalidParameterValue", f"{resource.count_member} must be 1 to {MOST}")
        return count

    def _answered(
        self, resource: ResourceMeta, body: dict[str, Any], made: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """The create's answer: the new ids (one, or the list), the new resources where it
        answers them (CreateVpc's `Vpc`), and the values the request gave."""
        if not made:
            return body
        ids = [one.get(resource.id_member) for one in made]
        stem = resource.id_member.removesuffix("Id")
        for name, type_, _ in self.actions[resource.create].output:
            element = type_.removeprefix(ARRAY)
            if _member_type(self.structures.get(element, ()), resource.id_member):
                items = [self._item(resource, element, one) for one in made]
                body[name] = items if type_.startswith(ARRAY) else items[0]
            elif resource.id_member and name == resource.id_member:
                body[name] = ids[0]
            elif resource.id_member and type_.startswith(ARRAY) and name.startswith(stem):
                body[name] = ids
            elif name in made[0] and name not in self.structures:
                value = copy.deepcopy(made[0][name])  # one deal for all it made: [DealId]
                wrap = type_.startswith(ARRAY) and not isinstance(value, list)
                body[name] = [value] if wrap else value
            elif resource.id_member and element == type_ and element in self.structures:
                for path in self._deep(self.structures[element], resource.id_member):
                    set_path(body, f"{name}.{path}", ids[0])  # ckafka's Result.Data.InstanceId
        return body

    def _deep(self, members: tuple[Member, ...], id_member: str, depth: int = 3) -> list[str]:
        """Paths to `id_member` deeper in a structure's structures (never through arrays)."""
        found = []
        for name, type_, _ in members:
            if type_ in self.structures and depth > 1:
                inner = self.structures[type_]
                if _member_type(inner, id_member):
                    found.append(f"{name}.{id_member}")
                else:
                    found.extend(
                        f"{name}.{path}" for path in self._deep(inner, id_member, depth - 1)
                    )
        return found

    def _describe(
        self,
        resource: ResourceMeta,
        action: str,
        params: dict[str, Any],
        records: dict[str, dict[str, Any]],
        default: Respond,
    ) -> dict[str, Any]:
        params = _filled(params, self._check_references(resource, action, params))
        wanted = params.get(resource.filter_member or "") if resource.filter_member else None
        chosen = list(records.values())
        if wanted:
            keys = {str(one) for one in wanted}
            chosen = [one for one in chosen if str(one[resource.id_member]) in keys]
        output = self.actions[action].output
        list_member = self._list_of(resource, action)
        element = (self._path_type(output, list_member) or "").removeprefix(ARRAY)
        shown = self._with_views(resource, chosen)
        listed = [
            (one, self._item(resource, element, view))
            for one, view in zip(chosen, shown, strict=True)
        ]
        for given, member, prefix in resource.match:
            if params.get(given) is not None:
                listed = [
                    pair
                    for pair in listed
                    if _matches(_first(_either(pair, member)), params[given], prefix)
                ]
        listed = self._filtered(resource, action, params, listed)
        start, end = self._window(resource, action, params)
        seen(resource.lifecycle, [record for record, _ in listed[start:end]])
        body = default()
        holder, members = self._holder(body, output, list_member)
        holder[list_member.rpartition(".")[2]] = [item for _, item in listed[start:end]]
        coherent_totals(holder, members)  # no example's count next to the real list
        if resource.total_member and self._path_type(output, resource.total_member):
            set_path(body, resource.total_member, len(listed))
        return body

    def _path_type(self, members: tuple[Member, ...], path: str) -> str | None:
        """The type of an output member path (`Result.ApiAppSet`: a list inside the one
        structure an answer wraps everything in), through structures, never arrays."""
        *parents, last = path.split(".")
        for part in parents:
            type_ = _member_type(members, part)
            if type_ is None or type_ not in self.structures:
                return None
            members = self.structures[type_]
        return _member_type(members, last)

    def _holder(
        self, body: dict[str, Any], members: tuple[Member, ...], path: str
    ) -> tuple[dict[str, Any], tuple[Member, ...]]:
        """The structure of `body` that holds the member at `path`, and its members; a
        wrapper the answer lacks (or holds null) is made from its type, with no list items."""
        holder = body
        for part in path.split(".")[:-1]:
            type_ = _member_type(members, part) or ""
            members = self.structures.get(type_, ())
            if not isinstance(holder.get(part), dict):
                holder[part] = _emptied(synthesize(members, self.structures))
            holder = holder[part]
        return holder, members

    def _list_of(self, resource: ResourceMeta, action: str) -> str:
        """The member (path) holding the list: the block's, or in another read (`reads`:
        DescribeInstancesStatus) the one array whose items carry the id, in the answer or in
        the one structure it wraps them in."""
        if action == resource.describe:
            return resource.list_member
        paths = sorted(self._id_arrays(resource, self.actions[action].output), key=_depth)
        return paths[0] if paths else resource.list_member

    def _id_arrays(
        self, resource: ResourceMeta, output: tuple[Member, ...], deep: bool = True
    ) -> list[str]:
        """Paths of the arrays of `output` whose items carry the id (one structure deep)."""
        found = []
        for name, type_, _ in output:
            element = type_.removeprefix(ARRAY)
            if type_.startswith(ARRAY):
                if _member_type(self.structures.get(element, ()), resource.id_member):
                    found.append(name)
            elif deep and element in self.structures:
                inner = self._id_arrays(resource, self.structures[element], deep=False)
                found.extend(f"{name}.{path}" for path in inner)
        return found

    def _filtered(
        self, resource: ResourceMeta, action: str, params: Mapping[str, Any], listed: list[Pair]
    ) -> list[Pair]:
        """The resources that pass every `Filters` entry: any of its values is a value of
        the member the block's `filters` name, as listed (else as stored)."""
        given = params.get(FILTERS)
        if not resource.filters or not isinstance(given, list):
            return listed
        paths = dict(resource.filters)
        for one in given:
            name = one.get("Name") if isinstance(one, Mapping) else None
            if name not in paths:
                documented = [c for c in BAD_FILTER if c in self.actions[action].errors]
                code = resource.bad_filter or (documented + [BAD_FILTER[-1]])[0]
                raise Fault(code, f"{action} has no filter {name!r} (has: {', '.join(paths)})")
            allowed = {str(value) for value in one.get("Values") or []}
            listed = [
                pair
                for pair in listed
                if allowed & {str(value) for value in _either(pair, paths[name])}
            ]
        return listed

    def _window(
        self, resource: ResourceMeta, action: str, params: dict[str, Any]
    ) -> tuple[int, int | None]:
        """The slice of the matches a page asks for: by the block's offset/limit or page
        number/size, else as the action's own `pagination` block says."""
        offset_member, limit_member = resource.offset_member, resource.limit_member
        page_member, size_member, first = resource.page_member, resource.page_size_member, 1
        paging = self.actions[action].paging
        if paging is not None and not (offset_member or limit_member or size_member):
            if paging.kind == "offset":
                offset_member, limit_member = paging.position, paging.size
            elif paging.kind == "page":
                page_member, size_member, first = paging.position, paging.size, paging.first_page
        offset = _count(params.get(offset_member or "")) or 0
        limit = _count(params.get(limit_member or ""))
        size = _count(params.get(size_member or ""))
        if size:
            number = _count(params.get(page_member or ""))
            number = first if number is None else number
            offset, limit = offset + max(number - first, 0) * size, size
        return offset, offset + limit if limit is not None else None

    def _one(
        self, resource: ResourceMeta, action: str, record: dict[str, Any], default: Respond
    ) -> dict[str, Any]:
        """Get's answer: its structures are the resource (or what it stores under their
        name: a security group's policies), its plain members the stored values."""
        body = default()
        output = self.actions[action].output
        blank = _emptied(synthesize(output, self.structures))  # not the example's resource
        for name, type_, _ in output:
            if type_ in self.structures:
                if name in record:
                    base = synthesize(self.structures[type_], self.structures)
                    body[name] = overlay(_emptied(base), record[name])
                else:
                    body[name] = self._item(resource, type_, record)
            elif name in record:
                body[name] = copy.deepcopy(record[name])
            elif name in blank:
                body[name] = blank[name]
        return body

    def _item(self, resource: ResourceMeta, element: str, record: dict[str, Any]) -> dict[str, Any]:
        """A list element of type `element`: placeholders (no list items), overlaid with the
        stored values of the members the element shares with the stored parameters (or
        `fields` maps).

        A stored value is converted to the element member's type where the two differ
        (Live's Create takes `VodLoopTimes` as a String, its list answers an Int64; VOD's
        Create answers a template's `Definition` as an Int64, its list as a String); one that
        still does not fit keeps the placeholder, so the answer matches its documented shape.
        """
        members = self.structures.get(element, ())
        item = _emptied(synthesize(members, self.structures))
        renamed = dict(resource.fields)
        for name, type_, _ in members:
            stored = renamed.get(name, name)
            if stored in record:
                value = record[stored]
            elif "." in stored and values_at(record, stored):
                value = values_at(record, stored)[0]
            else:
                continue
            if type_ == "String" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            inner = self.structures.get(type_.removeprefix(ARRAY))
            if type_.startswith(ARRAY) and inner is not None and isinstance(value, list):
                blank = _emptied(synthesize(inner, self.structures))  # a target's Backend
                value = [overlay(blank, one) for one in value]
            value = overlay(item.get(name), coerce(copy.deepcopy(value), type_, self.structures))
            if not any(check_value(value, type_, name, self.structures)):
                item[name] = value
        return item


Pair = tuple[dict[str, Any], dict[str, Any]]
"""(stored values, the list item they make) of one resource."""


def _either(pair: Pair, path: str) -> list[Any]:
    """The values at `path` of the listed item, else (a member the list does not show, such
    as a listener's `LoadBalancerId`) of the stored values."""
    return values_at(pair[1], path) or values_at(pair[0], path)


def id_lists(id_member: str, filter_member: str | None) -> tuple[str | None, ...]:
    """The names an array of ids of a resource goes by: its Describe's id filter,
    `<IdMember>s` or `<IdMember>Set` (IsolateDBInstances' `DBInstanceIdSet`)."""
    return (filter_member, id_member + "s", id_member + "Set")


def _filled(
    values: dict[str, Any], named: list[tuple[Reference, Mapping[str, Any]]]
) -> dict[str, Any]:
    """A copy of `values` given what the references it names fill in (an instance's VPC
    from its subnet; an attachment's role id from the role name), where it has none."""
    filled = copy.deepcopy(values)
    for reference, target in named:
        head, _, rest = reference.input.partition(".")
        listed = filled.get(head)
        for path, member in reference.fill:
            if member not in target:
                continue
            if rest and isinstance(listed, list) and path.startswith(head + "."):
                within = path[len(head) + 1 :]  # into the list's items that name it
                identity = {str(value) for value in target.values()}
                for item in listed:
                    named_here = {str(value) for value in values_at(item, rest)} & identity
                    if isinstance(item, dict) and named_here and not has_path(item, within):
                        set_path(item, within, target[member])
            elif not has_path(filled, path):
                set_path(filled, path, target[member])
    return filled


def _depth(path: str) -> int:
    return path.count(".")


def _first(values: list[Any]) -> Any:
    return values[0] if values else None


def _emptied(item: dict[str, Any]) -> dict[str, Any]:
    """A synthesized item with no made-up list elements: a new resource has no tags, rules or
    addresses until it is given some."""
    return {
        name: (
            [] if isinstance(value, list) else _emptied(value) if isinstance(value, dict) else value
        )
        for name, value in item.items()
    }


def _shrunk(stored: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """The stored lists without the items `given`'s lists name: an item goes when one given
    item's members all have its values (a target by InstanceId and Port)."""
    kept = {}
    for name, value in given.items():
        if isinstance(value, list) and isinstance(stored.get(name), list):
            kept[name] = [
                item
                for item in stored[name]
                if not any(
                    isinstance(one, Mapping)
                    and isinstance(item, Mapping)
                    and all(str(item.get(k)) == str(v) for k, v in one.items())
                    for one in value
                )
            ]
    return kept


def _extended(stored: Any, given: Any) -> Any:
    """`given` added to `stored`: lists grow by its items, structures member by member."""
    if isinstance(stored, dict) and isinstance(given, Mapping):
        merged = dict(stored)
        for name, value in given.items():
            merged[name] = _extended(stored[name], value) if name in stored else value
        return merged
    if isinstance(stored, list) and isinstance(given, list):
        return stored + copy.deepcopy(given)
    return copy.deepcopy(given)
