"""Ids checked for their shape like Tencent checks them, where the spec knows both.

A `resources` block whose id has a recorded format with a prefix (`ins-` + 8 of `a-z0-9`,
read by `spec/infer/idformats.py` from the documented ids) says what a well-formed id of that
resource looks like. An action that takes such ids (the block's id member, its id filter,
`<IdMember>s` or `<IdMember>Set`) and documents a malformed-id code for that member
(`InvalidParameterValue.InstanceIdMalformed`, `InvalidInstanceId.Malformed`) refuses an id of
another shape with that code. An action that documents no codes at all (one imported from
tccli alone) takes the malformed-id code from the service's documented codes (service.json's
`errorCodes`: the official SDK's list), `InvalidParameterValue.<Member>Malformed` before
`Invalid<Member>.Malformed`. Without a format and a code, nothing is refused for its shape: a
format read from examples is only trusted where the service itself says it checks one, and a
format without a prefix (the default) is never checked. A well-formed id that does not exist is the
resource engine's business (the block's not-found code).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from ..meta import ActionMeta
from .resources import ResourceMeta


class IdCheck(NamedTuple):
    """One resource's id check of one action: the members holding ids, the id pattern and
    the code refusing an id of another shape."""

    resource: ResourceMeta
    names: tuple[str, ...]
    pattern: re.Pattern[str]
    code: str


def _pattern(resource: ResourceMeta) -> re.Pattern[str] | None:
    form = resource.id_format
    if resource.id_type != "String" or not resource.id_member or not form.prefix:
        return None
    return _compiled(form.prefix, form.alphabet, form.length)


@functools.lru_cache(maxsize=256)
def _compiled(prefix: str, alphabet: str, length: int) -> re.Pattern[str]:
    return re.compile(f"{re.escape(prefix)}[{alphabet}]{{{length}}}")


def _code(errors: tuple[str, ...] | frozenset[str], member: str) -> str | None:
    """The documented malformed-id code for `member` among `errors`, if any."""
    ordered = sorted(errors)
    for ending in (f".{member}Malformed", f"Invalid{member}.Malformed"):
        found = next((code for code in ordered if code.endswith(ending)), None)
        if found is not None:
            return found
    return None


def checks(
    meta: ActionMeta,
    resources: Mapping[str, ResourceMeta],
    documented: frozenset[str] = frozenset(),
) -> tuple[IdCheck, ...]:
    """The id checks of an action; `documented` is every code of the service, the choice of
    an action that documents none. The same for every call of the action: `IdChecks` keeps
    them, so a call only matches its ids."""
    errors = meta.errors or documented
    found = []
    for resource in resources.values():
        pattern = _pattern(resource)
        code = _code(errors, resource.id_member) if pattern else None
        if pattern is None or code is None:
            continue
        member = resource.id_member
        names = (member, resource.filter_member, member + "s", member + "Set")
        found.append(IdCheck(resource, tuple(dict.fromkeys(n for n in names if n)), pattern, code))
    return tuple(found)


def _values(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        yield from value
    elif value is not None:
        yield value


def first_malformed(
    found: tuple[IdCheck, ...], params: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(code, message) refusing the first malformed id of a call, or None."""
    for check in found:
        for name in check.names:
            for value in _values(params.get(name)):
                if not isinstance(value, str) or check.pattern.fullmatch(value) is None:
                    form = check.resource.id_format
                    return check.code, (
                        f"{name}: {value!r} is not a {check.resource.name} id "
                        f"({form.prefix} + {form.length} of {form.alphabet})"
                    )
    return None


class IdChecks:
    """A service's id checks per action, worked out on an action's first call (a service's
    code list is hundreds long; matching it per call cost more than the call's own checks)."""

    def __init__(
        self, resources: Mapping[str, ResourceMeta], documented: frozenset[str] = frozenset()
    ) -> None:
        self._resources = resources
        self._documented = documented
        self._actions: dict[str, tuple[IdCheck, ...]] = {}

    def malformed(self, meta: ActionMeta, params: Mapping[str, Any]) -> tuple[str, str] | None:
        """(code, message) refusing the first malformed id of a call of `meta`, or None."""
        found = self._actions.get(meta.name)
        if found is None:  # (two threads may both work it out: the same value either way)
            found = self._actions[meta.name] = checks(meta, self._resources, self._documented)
        return first_malformed(found, params) if found else None
