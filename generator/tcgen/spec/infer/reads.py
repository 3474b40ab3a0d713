"""Which action reads a resource back, when none is named after it in a form `resources`
knows (`Describe<plural>`, `List<plural>`, ...).

Services name their lists every way: `DescribeListBGPInstances`, `DescribeSkillGroupInfoList`,
`QueryTasks`, `DescribeApiAppsStatus` (the list inside `Result`). What is certain is the
shape: the read answers an array whose items carry the resource's id member (in the answer,
or in the one structure it wraps its members in), and it does not require one resource's
id (that is a read of one resource, whose arrays are its parts). Among those, the one is
taken whose name says every word of the resource's noun (singular or plural, any case; a
leading all-capitals word such as `CCC` may be left out: it is the service's name), and, of
those, the one that adds the fewest words of its own (only words that say how it lists:
`List`, `Status`, `Info`...) (`DescribeApiApp` before
`DescribeApiAppBindApisStatus`), then the one that needs fewer members. A tie is no read:
guessing would list another resource.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tcgen.runtime.primitives import ARRAY
from tcgen.spec.infer.shapes import ActionShape, Member

READ_VERBS = ("Describe", "List", "Get", "Query")
BILLING = frozenset({"hour", "post", "paid", "pre", "prepaid", "postpaid", "new"})
"""Words of how a Create bills or which version it is (`CreateHourDBInstance`,
`CreatePostPaidInstance`, `CreateInstanceNew`): what it makes is listed without them."""
LISTING_WORDS = frozenset(
    {"list", "info", "status", "detail", "all", "set", "summary", "brief", "simple", "basic"}
)
"""Words a list's name may add to the noun: they say how it lists, not what (a read that
adds `project` or `sensitive api` lists another resource that carries the id)."""
WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
"""A word of a CamelCase name: an acronym (`CCC` of `CCCSkillGroup`) or a capitalised word."""


def id_arrays(
    action: ActionShape, id_name: str, structures: Mapping[str, tuple[Member, ...]]
) -> list[tuple[str, Member]]:
    """(path, member) of the arrays of an action's answer whose items carry `id_name`: the
    answer's own, else those of the one structure it wraps them in (`Result.ApiAppSet`)."""

    def carrying(members: tuple[Member, ...]) -> list[Member]:
        return [
            m
            for m in members
            if m.type.startswith(ARRAY)
            and any(s.name == id_name for s in structures.get(m.type.removeprefix(ARRAY), ()))
        ]

    found = [(m.name, m) for m in carrying(action.output)]
    if found:
        return found
    wrappers = [m for m in action.output if m.type in structures]
    if len(wrappers) != 1:
        return []
    wrapper = wrappers[0]
    return [(f"{wrapper.name}.{m.name}", m) for m in carrying(structures[wrapper.type])]


def words(name: str) -> list[str]:
    """The words of a CamelCase name, lower case and singular (`Policies` -> `policy`)."""
    return [_singular(word.lower()) for word in WORD.findall(name)]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def named_read(
    noun: str,
    id_name: str,
    actions: Mapping[str, ActionShape],
    structures: Mapping[str, tuple[Member, ...]],
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The one read action (by the module's rule) that lists the resource `noun` by its
    `id_name`, or None."""
    wanted = words(noun)
    if len(wanted) > 1 and WORD.findall(noun)[0].isupper():
        wanted = wanted[1:]  # CCCSkillGroup: the service's name need not be said again
    if "by" in wanted[1:]:
        wanted = wanted[: wanted.index("by", 1)]  # CreateInstanceByApi makes instances
    wanted = [word for word in wanted if word not in BILLING] or wanted
    scored: list[tuple[int, int, str]] = []
    for action in actions.values():
        if action.name in exclude or not action.name.startswith(READ_VERBS):
            continue
        if len(id_arrays(action, id_name, structures)) != 1:
            continue
        if any(m.name == id_name and m.required for m in action.input):
            continue  # it reads one resource: its arrays are that one's parts
        said = words(action.name)[1:]
        if all(word in said for word in wanted) and set(said) <= set(wanted) | LISTING_WORDS:
            needs = sum(m.required for m in action.input)
            scored.append((len(said) - len(wanted), needs, action.name))
    if not scored:
        return None
    scored.sort()
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None
    return scored[0][2]
