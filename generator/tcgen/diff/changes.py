"""Semantic diff of two specs, each change given a level for client users.

Breaking means code written against the old generated client can fail with the new one: a
removed action, parameter, output or data type; a new required parameter; an optional
parameter made required; a type narrowed or changed; Region becoming required; an error
class disappearing from the package. A warning is a change the Python types do not show but
callers may feel: an output's documented format changing (`Timestamp` -> `Timestamp ISO8601`
or `String`, both `str`). Everything else (new optional parameters, outputs, actions, error
codes, prose) is compatible.

Kinds: `added`, `removed`, `changed`, and `deprecated` / `undeprecated` for an action or a
request, response or structure member whose `deprecated` flag turns on or off (tccli's
`status: deprecated` and `disabled`); a deprecation is compatible, and removing something the
old side had deprecated says so in its detail. An action's `pagination` block is reported as
added (compatible: new `_pages`/`_items` methods), removed (breaking) or changed (breaking
when the items member changes, as it types `_items`). The mock's `resources` blocks are
reported added, removed or changed by name, never breaking: they shape the mock only; a change
of the states, error codes or references a script under test meets is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from tcgen.spec.snapshot import Snapshot, snapshot_key
from tcgen.spec.typesys import ARRAY_PREFIX, PRIMITIVES, parse

# Input types a parameter may widen to without breaking callers (same or wider Python type).
_INPUT_WIDENINGS = {
    ("UInt64", "Int64"), ("UInt64", "Integer"), ("Int64", "Integer"), ("Integer", "Int64"),
    ("Integer", "Float"), ("Int64", "Float"), ("UInt64", "Float"),
    ("Timestamp", "String"), ("Timestamp ISO8601", "String"), ("Date", "String"),
}  # fmt: skip


# Output formats callers may parse; a change among them keeps the Python type (`str`).
FORMATS = frozenset({"Timestamp", "Timestamp ISO8601", "Date", "String", "Binary"})

KINDS = ("added", "removed", "changed", "deprecated", "undeprecated")
BREAKING, WARNING, COMPATIBLE = "breaking", "warning", "compatible"
LEVELS = (BREAKING, WARNING, COMPATIBLE)  # most severe first
WAS_DEPRECATED = " (it was deprecated)"


@dataclass(frozen=True, order=True)
class Change:
    """One difference: where (`live:2018-08-01 DropLiveStream input.StreamName`) and what."""

    location: str
    kind: str  # one of KINDS
    detail: str
    breaking: bool
    warning: bool = False  # only meaningful when not breaking

    @property
    def level(self) -> str:
        return BREAKING if self.breaking else WARNING if self.warning else COMPATIBLE

    def as_dict(self) -> dict[str, Any]:
        """The record kept in `_release.json` (`warning` only when set, so older records and
        new ones read alike)."""
        data: dict[str, Any] = {
            "location": self.location,
            "kind": self.kind,
            "detail": self.detail,
            "breaking": self.breaking,
        }
        if self.warning and not self.breaking:
            data["warning"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        return cls(
            data["location"],
            data["kind"],
            data["detail"],
            data["breaking"],
            data.get("warning", False),
        )


def _element(type_: str) -> tuple[int, str]:
    depth = 0
    while type_.startswith(ARRAY_PREFIX):
        type_, depth = type_[len(ARRAY_PREFIX) :], depth + 1
    return depth, type_


def input_type_change_breaks(old: str, new: str) -> bool:
    """A caller's old value must still be accepted: only widening is safe."""
    (old_depth, old_base), (new_depth, new_base) = _element(old), _element(new)
    if old_depth != new_depth:
        return True
    if old_base in PRIMITIVES and new_base in PRIMITIVES:
        return (old_base, new_base) not in _INPUT_WIDENINGS
    return True


def output_format_change(old: str, new: str) -> bool:
    """Same Python type, other documented format (`Array of Timestamp` -> `Array of Date`)."""
    (old_depth, old_base), (new_depth, new_base) = _element(old), _element(new)
    return old_depth == new_depth and old_base != new_base and {old_base, new_base} <= FORMATS


def _deprecated(item: dict[str, Any]) -> bool:
    return bool(item.get("deprecated", False))


def _by_name(items: list[dict[str, Any]], key: str = "name") -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


class _Differ:
    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.old, self.new = old, new
        self.prefix = snapshot_key(new)
        self.input_types = _types_reachable_from(new, "input")
        self.output_types = _types_reachable_from(new, "output")
        self.changes: list[Change] = []

    def add(
        self, where: str, kind: str, detail: str, breaking: bool, warning: bool = False
    ) -> None:
        location = f"{self.prefix} {where}".rstrip()
        self.changes.append(Change(location, kind, detail, breaking, warning and not breaking))

    def deprecation(self, where: str, noun: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        if _deprecated(old) != _deprecated(new):
            if _deprecated(new):
                self.add(where, "deprecated", f"{noun} deprecated", False)
            else:
                self.add(where, "undeprecated", f"{noun} no longer deprecated", False)

    def run(self) -> list[Change]:
        if self.old["endpoint"] != self.new["endpoint"]:
            self.add(
                "", "changed", f"endpoint {self.old['endpoint']} -> {self.new['endpoint']}", False
            )
        self.named("action", self.old["actions"], self.new["actions"], self.action)
        self.named("type", self.old["types"], self.new["types"], self.structure)
        self.error_classes()
        self.named(
            "resource",
            _by_name(self.old.get("resources", [])),
            _by_name(self.new.get("resources", [])),
            self.resource,
            where="resource ",
            removal_breaks=False,
        )
        return sorted(self.changes)

    def resource(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        """A mock resource block (`resources`): what the mock keeps, never the client's API.
        A change of what a script under test sees (its states, the codes it answers, the
        references it checks) is a warning; the rest is compatible."""
        keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        seen = [k for k in keys if k in RESOURCE_BEHAVIOUR]
        quiet = [k for k in keys if k not in RESOURCE_BEHAVIOUR]
        if seen:
            detail = (
                f"resource {', '.join(seen)} changed: "
                "the mock answers other states, codes or values"
            )
            for key in (k for k in seen if k == "states"):
                detail += _states_change(old.get(key) or {}, new.get(key) or {})
            self.add(f"resource {name}", "changed", detail, False, warning=True)
        if quiet:
            self.add(f"resource {name}", "changed", f"resource {', '.join(quiet)} changed", False)

    def named(
        self,
        what: str,
        old: dict[str, Any],
        new: dict[str, Any],
        compare: Any,
        where: str = "",
        removal_breaks: bool = True,
    ) -> None:
        """Items removed, added, then compared one by one."""
        for name in sorted(old.keys() - new.keys()):
            was = WAS_DEPRECATED if _deprecated(old[name]) else ""
            self.add(where + name, "removed", f"{what} {name} removed{was}", removal_breaks)
        for name in sorted(new.keys() - old.keys()):
            self.add(where + name, "added", f"{what} {name} added", False)
        for name in sorted(old.keys() & new.keys()):
            compare(name, old[name], new[name])

    def action(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.deprecation(name, f"action {name}", old, new)
        if old.get("description") != new.get("description"):
            self.add(name, "changed", "description changed", False)  # prose: too long to show
        if old.get("title") != new.get("title"):
            detail = f"title {old.get('title')!r} -> {new.get('title')!r}"
            self.add(name, "changed", detail, False)
        if old.get("rateLimit") != new.get("rateLimit"):
            detail = f"rate limit {old.get('rateLimit')} -> {new.get('rateLimit')} requests/second"
            self.add(name, "changed", detail, False)
        if bool(old.get("unsigned")) != bool(new.get("unsigned")):
            detail = f"unsigned {bool(old.get('unsigned'))} -> {bool(new.get('unsigned'))}"
            self.add(name, "changed", detail, False)  # the mock follows; clients sign either way
        if old.get("body") != new.get("body"):
            detail = f"body {old.get('body')} -> {new.get('body')}"
            self.add(name, "changed", detail, True)  # the method takes the body, or not
        if old.get("stream") != new.get("stream"):
            detail = f"stream {old.get('stream')} -> {new.get('stream')}"
            self.add(name, "changed", detail, True)  # the method answers an iterator, or not
        if (old.get("credentials") or None) != (new.get("credentials") or None):
            detail = (
                f"credentials {old.get('credentials') or None} -> {new.get('credentials') or None}"
            )
            self.add(name, "changed", detail, False)  # only the mock's answers follow
        old_region, new_region = old["region"]["required"], new["region"]["required"]
        if old_region != new_region:
            self.add(name, "changed", f"Region required {old_region} -> {new_region}", new_region)
        self.members(f"{name} input", old["input"], new["input"], True, "parameter")
        self.members(f"{name} output", old["output"], new["output"], False, "output")
        old_codes, new_codes = _by_name(old["errorCodes"], "code"), _by_name(
            new["errorCodes"], "code"
        )
        for code in sorted(new_codes.keys() - old_codes.keys()):
            self.add(f"{name} errors", "added", f"error code {code} added", False)
        for code in sorted(old_codes.keys() - new_codes.keys()):
            self.add(f"{name} errors", "removed", f"error code {code} no longer documented", False)
        for code in sorted(old_codes.keys() & new_codes.keys()):
            if old_codes[code]["description"] != new_codes[code]["description"]:
                self.add(
                    f"{name} errors", "changed", f"error code {code} description changed", False
                )
        if old["examples"] != new["examples"]:
            self.add(name, "changed", "examples changed", False)
        self.pagination(name, old.get("pagination") or None, new.get("pagination") or None)

    def pagination(self, name: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        """The `_pages`/`_items` methods come and go with the block; items name their type."""
        where = f"{name} pagination"
        if old == new:
            return
        if old is None:
            self.add(where, "added", f"pagination ({new and new['kind']}) added", False)
        elif new is None:
            self.add(where, "removed", "pagination removed", True)
        else:
            keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
            detail = ", ".join(f"{k} {old.get(k)} -> {new.get(k)}" for k in keys)
            self.add(where, "changed", f"pagination {detail}", "items" in keys)

    def structure(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        if old["description"] != new["description"]:
            self.add(f"type {name}", "changed", "description changed", False)
        inputs = name in self.input_types
        read = name in self.output_types or not inputs
        self.members(f"type {name}", old["members"], new["members"], inputs, "member", read)

    def members(
        self,
        where: str,
        old: list[dict[str, Any]],
        new: list[dict[str, Any]],
        inputs: bool,
        noun: str,
        outputs: bool | None = None,
    ) -> None:
        """`outputs`: the members are read by callers too (default: when not inputs)."""
        read = not inputs if outputs is None else outputs
        old_by, new_by = _by_name(old), _by_name(new)
        for name in sorted(old_by.keys() - new_by.keys()):
            was = WAS_DEPRECATED if _deprecated(old_by[name]) else ""
            self.add(f"{where}.{name}", "removed", f"{noun} {name} removed{was}", True)
        for name in sorted(new_by.keys() - old_by.keys()):
            required = inputs and new_by[name].get("required", False)
            detail = f"{'required ' if required else ''}{noun} {name} added"
            self.add(f"{where}.{name}", "added", detail, bool(required))
        for name in sorted(old_by.keys() & new_by.keys()):
            self.deprecation(f"{where}.{name}", f"{noun} {name}", old_by[name], new_by[name])
            self.member(f"{where}.{name}", old_by[name], new_by[name], inputs, read)

    def member(
        self, where: str, old: dict[str, Any], new: dict[str, Any], inputs: bool, read: bool
    ) -> None:
        if old["type"] != new["type"]:
            if inputs:
                breaking = input_type_change_breaks(old["type"], new["type"])
            else:  # readers see the Python type: Integer -> Int64 changes nothing for them
                breaking = parse(old["type"]).python != parse(new["type"]).python
            # Readers that parse the text (a timestamp, a date) break on a new format.
            warning = read and output_format_change(old["type"], new["type"])
            detail = f"type {old['type']} -> {new['type']}"
            if warning and not breaking:
                detail += " (documented format of an output changed)"
            self.add(where, "changed", detail, breaking, warning)
        old_required, new_required = old.get("required", False), new.get("required", False)
        if old_required != new_required:
            breaking = inputs and new_required
            self.add(where, "changed", f"required {old_required} -> {new_required}", breaking)
        if old.get("nullable", False) != new.get("nullable", False):
            self.add(where, "changed", f"nullable -> {new.get('nullable', False)}", False)
        if old.get("description") != new.get("description"):
            self.add(where, "changed", "description changed", False)

    def error_classes(self) -> None:
        old, new = _all_codes(self.old), _all_codes(self.new)
        for code in sorted(old - new):
            self.add("errors", "removed", f"error class for {code} removed from the package", True)


def _all_codes(snapshot: Snapshot) -> set[str]:
    codes = {e["code"] for e in snapshot["commonErrors"]}
    for action in snapshot["actions"].values():
        codes |= {e["code"] for e in action["errorCodes"]}
    return codes


def _types_reachable_from(snapshot: Snapshot, key: str) -> set[str]:
    """Structures that callers build themselves (reachable from some action's input)."""
    pending = [p["type"] for a in snapshot["actions"].values() for p in a[key]]
    seen: set[str] = set()
    while pending:
        base = _element(pending.pop())[1]
        if base in snapshot["types"] and base not in seen:
            seen.add(base)
            pending.extend(m["type"] for m in snapshot["types"][base]["members"])
    return seen


def diff_snapshots(old: Snapshot, new: Snapshot) -> list[Change]:
    """Changes from one snapshot of a service version to another."""
    return _Differ(old, new).run()


def diff_catalogs(old: dict[str, Snapshot], new: dict[str, Snapshot]) -> list[Change]:
    """Changes between two sets of service snapshots keyed by `service:version`."""
    changes: list[Change] = []
    for key in sorted(old.keys() - new.keys()):
        changes.append(Change(key, "removed", f"service version {key} removed", True))
    for key in sorted(new.keys() - old.keys()):
        changes.append(Change(key, "added", f"service version {key} added", False))
    for key in sorted(old.keys() & new.keys()):
        changes.extend(diff_snapshots(old[key], new[key]))
    return changes


def iter_breaking(changes: list[Change]) -> Iterator[Change]:
    return (c for c in changes if c.breaking)


def removed_deprecated(change: Change) -> bool:
    """A removal of something the old side had deprecated."""
    return change.kind == "removed" and change.detail.endswith(WAS_DEPRECATED)


RESOURCE_BEHAVIOUR = frozenset(
    {
        "states",
        "references",
        "notFound",
        "exists",
        "inUse",
        "badFilter",
        "unique",
        "filters",
        "idempotent",
        "cidrs",
        "allocate",
    }
)
"""Keys of a resource block whose change a script calling the mock can see."""


def _states_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """`(states gone: X; new: Y)` of a lifecycle change, when the set of states changed."""

    def names(states: Mapping[str, Any]) -> set[str]:
        found = {str(states.get("initial"))} | set(states.get("next", {}))
        found |= {str(v) for v in states.get("next", {}).values() if v is not None}
        for move in states.get("actions", {}).values():
            found |= {str(v) for v in move.get("from", [])}
            if move.get("to") is not None:
                found.add(str(move["to"]))
        return found - {"None"}

    gone, added = sorted(names(old) - names(new)), sorted(names(new) - names(old))
    parts = [f"states gone: {', '.join(gone)}"] * bool(gone)
    parts += [f"new states: {', '.join(added)}"] * bool(added)
    return f" ({'; '.join(parts)})" if parts else ""
