"""Actions and members as resource inference and checks see them: plain, typed records
(the model builds them from its `Action`s and `Structure`s, tests write them by hand)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tcgen.runtime.primitives import ARRAY


@dataclass(frozen=True)
class Member:
    """A parameter as inference and checks see it: wire name, Tencent type, required (and
    the documented example value and description, which id formats are read from)."""

    name: str
    type: str
    required: bool = False
    example: Any = field(default=None, compare=False)
    description: str = field(default="", compare=False)


@dataclass(frozen=True)
class ActionShape:
    name: str
    input: tuple[Member, ...]
    output: tuple[Member, ...]
    errors: tuple[str, ...] = ()
    examples: tuple[tuple[Mapping[str, Any], Mapping[str, Any]], ...] = field(
        default=(), compare=False
    )
    """(request parameters, response) of each documented example."""

    def member(self, side: str, name: str | None) -> Member | None:
        members = self.input if side == "input" else self.output
        return next((m for m in members if m.name == name), None)


def output_at(
    shape: ActionShape, path: str, structures: Mapping[str, tuple[Member, ...]]
) -> Member | None:
    """The output member at a dotted path (`Result.ApiAppSet`: a list inside the structure
    an answer wraps it in), through structures, never arrays; None when there is none."""
    *parents, last = path.split(".")
    members = shape.output
    for part in parents:
        found = next((m for m in members if m.name == part), None)
        if found is None or found.type.startswith(ARRAY) or found.type not in structures:
            return None
        members = structures[found.type]
    return next((m for m in members if m.name == last), None)


def member_paths(
    members: tuple[Member, ...], structures: Mapping[str, tuple[Member, ...]], depth: int = 3
) -> list[tuple[str, Member]]:
    """(dotted path, member) of every member down to `depth` structures deep, never through
    arrays: where an answer can hold one id (ckafka's `Result.Data.InstanceId`)."""
    found = []
    for m in members:
        found.append((m.name, m))
        if m.type in structures and depth > 1:
            inner = member_paths(structures[m.type], structures, depth - 1)
            found.extend((f"{m.name}.{path}", one) for path, one in inner)
    return found
