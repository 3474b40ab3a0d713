"""Ids checked for their shape like Tencent checks them, where the spec knows both.

A `resources` block whose id has a recorded format with a prefix (`ins-` + 8 of `a-z0-9`,
read by `spec/infer/idformats.py` from the documented ids) says what a well-formed id of that
resource looks like. An action that takes such ids (the block's id member, its id filter,
`<IdMember>s` or `<IdMember>Set`) and documents a malformed-id code for that member
(`InvalidParameterValue.InstanceIdMalformed`, `InvalidInstanceId.Malformed`) refuses an id of
another shape with that code. Without both, nothing is refused for its shape: a format read
from examples is only trusted where the service itself says it checks one, and a format
without a prefix (the default) is never checked. A well-formed id that does not exist is the
resource engine's business (the block's not-found code).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..meta import ActionMeta
from .resources import ResourceMeta


def _pattern(resource: ResourceMeta) -> re.Pattern[str] | None:
    form = resource.id_format
    if resource.id_type != "String" or not resource.id_member or not form.prefix:
        return None
    return _compiled(form.prefix, form.alphabet, form.length)


@functools.lru_cache(maxsize=256)
def _compiled(prefix: str, alphabet: str, length: int) -> re.Pattern[str]:
    return re.compile(f"{re.escape(prefix)}[{alphabet}]{{{length}}}")


def _code(errors: tuple[str, ...], member: str) -> str | None:
    """The action's documented malformed-id code for `member`, if any."""
    endings = (f".{member}Malformed", f"Invalid{member}.Malformed")
    return next((code for code in errors if code.endswith(endings) or code in endings), None)


def _values(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        yield from value
    elif value is not None:
        yield value


def malformed(
    meta: ActionMeta, params: Mapping[str, Any], resources: Mapping[str, ResourceMeta]
) -> tuple[str, str] | None:
    """(code, message) refusing the first malformed id of a call, or None."""
    for resource in resources.values():
        pattern = _pattern(resource)
        code = _code(meta.errors, resource.id_member) if pattern else None
        if pattern is None or code is None:
            continue
        member = resource.id_member
        names = (member, resource.filter_member, member + "s", member + "Set")
        for name in dict.fromkeys(n for n in names if n):
            for value in _values(params.get(name)):
                if not isinstance(value, str) or pattern.fullmatch(value) is None:
                    form = resource.id_format
                    return code, (
                        f"{name}: {value!r} is not a {resource.name} id "
                        f"({form.prefix} + {form.length} of {form.alphabet})"
                    )
    return None
