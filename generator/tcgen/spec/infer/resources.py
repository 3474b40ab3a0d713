"""The spec's `resources` blocks: checked against the actions they name, and inferred.

A block (in `service.json`, validated by the meta-schema, written only where set) tells the
generic mock engine (`runtime/mock/resources.py`) which actions create, describe, get, modify
and delete one kind of resource, and which members hold its id, the list, the total and the
id filter. `check` turns a block into the model's `Resource`, with located problems for
names that are not there; `infer` proposes blocks from action names and members where the
pattern is unambiguous, and says why it proposes none for every other Create action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tcgen.runtime.mock.assigned import placeholders
from tcgen.runtime.mock.lifecycle import Lifecycle, Move
from tcgen.runtime.mock.references import Reference
from tcgen.runtime.mock.resources import IdFormat, ResourceMeta, id_lists
from tcgen.runtime.mock.views import Collect
from tcgen.spec.infer.constraints import read as read_constraints
from tcgen.spec.infer.idformats import infer_format
from tcgen.spec.infer.reads import id_arrays, named_read, words
from tcgen.spec.infer.shapes import ActionShape, Member, member_paths, output_at

ARRAY = "Array of "
ID_TYPES = ("String", "Integer", "Int64", "UInt64")
CREATE_VERBS = ("Create", "Add")
DELETE_VERBS = ("Delete", "Remove", "Terminate", "Destroy", "Release")
MODIFY_VERBS = ("Modify", "Update")
MODIFY_SUFFIXES = ("", "Attribute", "Attributes")
TOTAL_NAMES = ("TotalCount", "TotalNum", "Total", "TotalNumber")
OFFSET_NAMES: tuple[str, ...] = ("Offset",)
PAGE_NAMES: tuple[str, ...] = ("PageNumber", "PageNum", "PageNo", "Page")
PAGE_SIZE_NAMES: tuple[str, ...] = ("PageSize", "Rp")
LIMIT_NAMES: tuple[str, ...] = ("Limit",)
NO_ID = "its answer carries no id"
UNLISTED = "inferred without a list"
"""A block with no read that lists (no `describe`): Create's records for Get, Modify, Delete."""
NOT_IDS = frozenset(
    {"RequestId", "TaskId", "DealId", "FlowId", "JobId", "AsyncRequestId", "BillId", "OrderId"}
)
"""Ids a Create answers beside the resource's: the request, its task, deal or bill."""
TASK_WORDS = frozenset({"task", "job", "flow"})
"""Words of a list of tasks: a Create answering only a task's id made the listed task."""
READ_FORMS = ("Describe{many}", "List{many}", "Describe{one}List", "Get{many}", "Describe{one}Set")
"""How a service names the action listing a resource (`DescribeRoleList`, `ListUsers`)."""
READ_VERBS = ("Describe", "List", "Get")
GET_FORMS = (
    "Describe{one}",
    "Get{one}",
    "Describe{one}Attribute",
    "Describe{one}Detail",
    "Describe{one}Info",
    "Get{one}Info",
    "Describe{one}Status",
    "Get{one}Status",
    "Describe{one}Result",
    "Describe{one}Progress",
    "Query{one}",
)
"""How a service names the read of one resource by its id (`GetTask`,
`DescribeClusterAssetSyncTaskStatus`: a task's state is a read of the task)."""


Resource = ResourceMeta
"""A checked block is the runtime's own record of it, rendered into `mock/resources.py`."""


Report = Callable[[str, str], None]
"""(JSON pointer, message) of a problem in a block."""


def check(
    index: int,
    block: Mapping[str, Any],
    actions: Mapping[str, ActionShape],
    structures: Mapping[str, tuple[Member, ...]],
    report: Report,
) -> Resource | None:
    """The model of `resources[index]`, or None after reporting what it names wrongly."""
    where = f"/resources/{index}"
    before = [0]

    def problem(key: str, message: str) -> None:
        before[0] += 1
        report(f"{where}/{key}", message)

    def action(key: str, name: str | None) -> ActionShape | None:
        if name is None:
            return None
        found = actions.get(name)
        if found is None:
            problem(key, f"{name} is not an action of this service")
        return found

    create = action("create", block["create"])
    describe = action("describe", block.get("describe"))
    get = action("get", block.get("get"))
    delete = action("delete", block.get("delete"))
    modify = [action(f"modify/{i}", name) for i, name in enumerate(block.get("modify", []))]
    sets = [action(f"set/{name}", name) for name in block.get("set", {})]
    ident = block["id"]
    key = tuple(ident.get("key", ()))
    aliases = block.get("aliases", {})
    form = _id_format(ident, problem)
    element: tuple[Member, ...] = ()
    if describe is not None:
        listed = output_at(describe, block["list"], structures)
        if listed is None or not listed.type.startswith(ARRAY):
            problem("list", f"{block['list']} is not an array output member of {describe.name}")
        else:
            element = structures.get(_structure_of(listed), ())
        if "total" in block and output_at(describe, block["total"], structures) is None:
            problem("total", f"{block['total']} is not an output member of {describe.name}")
        for name, side in (("filter", "input"), ("offset", "input")):
            if name in block and describe.member(side, block[name]) is None:
                problem(name, f"{block[name]} is not an {side} member of {describe.name}")
        for name in ("limit", "page", "pageSize"):
            if name in block and describe.member("input", block[name]) is None:
                problem(name, f"{block[name]} is not an input member of {describe.name}")
    extend = [action(f"extend/{i}", name) for i, name in enumerate(block.get("extend", []))]
    for i, name in enumerate(block.get("remove", [])):
        action(f"remove/{i}", name)
    stored = {m.name for m in element} | {
        m.name for shape in (create, *modify, *extend) if shape is not None for m in shape.input
    }
    for item, given in block.get("fields", {}).items():
        if element and not any(m.name == item for m in element):
            problem(f"fields/{item}", f"{item} is not a member of {block['list']}'s items")
        if (
            create is not None
            and create.member("input", given.split(".", 1)[0]) is None
            and given != ident.get("member")  # the id, made by the mock, shown renamed
        ):
            problem(f"fields/{item}", f"{given} is not an input member of {create.name}")
    for pointer, names in [("defaults", block.get("defaults", {}))] + [
        (f"set/{name}", values) for name, values in block.get("set", {}).items()
    ]:
        for name in names:
            if element and create is not None and name not in stored:
                problem(
                    f"{pointer}/{name}", f"{name} is neither stored by {create.name} nor listed"
                )
    if key:
        for shape in (create, get, delete, *modify, *sets):
            for member in key:
                named = {member} | {given for given, means in aliases.items() if means == member}
                if shape is not None and not any(shape.member("input", n) for n in named):
                    problem("id/key", f"{shape.name} takes no {member}")
    elif (
        create is not None
        and not any(  # made, then listed (under its own name or as `fields` renames it)
            block.get("fields", {}).get(m.name, m.name) == ident["member"] for m in element
        )
        and not _answers_id(create, ident["member"], structures)
    ):
        problem("id/member", f"{create.name} answers neither {ident['member']} nor a list of ids")
    else:
        for shape, name in ((get, "get"), (delete, "delete")):
            if (
                shape is not None
                and not _names_ids(shape, ident["member"], block.get("filter"))
                and not any(shape.member("input", m) for m in block.get("lookup", ()))
            ):
                problem(name, f"{shape.name} takes no {ident['member']} (nor an id list)")
    for i, one in enumerate(block.get("match", [])):
        named = {one["input"]} | {
            given for given, means in aliases.items() if means == one["input"]
        }
        if describe is not None and not any(describe.member("input", n) for n in named):
            problem(f"match/{i}/input", f"{one['input']} is not an input member of {describe.name}")
        if element and not _listed(one["item"], element, stored):
            problem(f"match/{i}/item", f"{one['item']} is neither listed nor stored")
    lifecycle = _lifecycle(block.get("states"), element, actions, problem)
    references = _references(block, actions, problem)
    shown = _shown((create, get), element, structures)
    _check_made(block, shown, stored, problem)
    for i, one in enumerate(block.get("references", [])):
        cascade = one.get("onDelete", {})
        flag = [cascade["delete"]] if isinstance(cascade.get("delete"), str) else []
        for path in flag + list(cascade.get("set", {})):
            if element and not _listed(path, element, stored):
                problem(f"references/{i}/onDelete", f"{path} is neither listed nor stored")
    for i, name in enumerate(block.get("reads", [])):
        read = action(f"reads/{i}", name)
        if read is not None and not any(
            m.type.startswith(ARRAY)
            and any(s.name == ident.get("member") for s in structures.get(_structure_of(m), ()))
            for m in read.output
        ):
            problem(f"reads/{i}", f"{name} answers no list of items with {ident.get('member')}")
    for given in block.get("each", {}):
        if create is not None and create.member("input", given) is None:
            problem(f"each/{given}", f"{given} is not an input member of {create.name}")
    if create is not None:
        for name in ("count",) if "count" in block else ():
            if create.member("input", block[name]) is None:
                problem(name, f"{block[name]} is not an input member of {create.name}")
    constraints = read_constraints(
        block,
        lambda path: _listed(path, element, stored),
        {m.name: m.type for m in element},
        problem,
    )
    if element:
        for name, path in block.get("filters", {}).items():
            if not _listed(path, element, stored):
                problem(f"filters/{name}", f"{path} is neither listed nor stored")
    if before[0]:
        return None
    return Resource(
        name=block["name"],
        id_member=ident.get("member", ""),
        id_type=ident.get("type", ""),
        create=block["create"],
        describe=block.get("describe"),
        list_member=block.get("list", ""),
        total_member=block.get("total"),
        filter_member=block.get("filter"),
        get=block.get("get"),
        modify=tuple(block.get("modify", [])),
        delete=block.get("delete"),
        not_found=block.get("notFound"),
        offset_member=block.get("offset"),
        limit_member=block.get("limit"),
        id_format=form,
        key=key,
        exists=block.get("exists"),
        fields=tuple(block.get("fields", {}).items()),
        match=tuple(
            (m["input"], m["item"], m.get("prefix", False)) for m in block.get("match", [])
        ),
        defaults=tuple(block.get("defaults", {}).items()),
        sets=tuple((name, tuple(values.items())) for name, values in block.get("set", {}).items()),
        page_member=block.get("page"),
        page_size_member=block.get("pageSize"),
        count_member=block.get("count"),
        filters=tuple(block.get("filters", {}).items()),
        lookup=tuple(block.get("lookup", ())),
        aliases=tuple(block.get("aliases", {}).items()),
        unique=constraints.unique,
        in_use=block.get("inUse"),
        extend=tuple(block.get("extend", ())),
        remove=tuple(block.get("remove", ())),
        lifecycle=lifecycle,
        references=references,
        bad_filter=block.get("badFilter"),
        each=tuple(block.get("each", {}).items()),
        stamps=tuple(block.get("stamps", {}).items()),
        reads=tuple(block.get("reads", ())),
        idempotent=block.get("idempotent", False),
        cidrs=constraints.cidrs,
        allocate=constraints.allocate,
        assigned=tuple(
            (name, shown.get(name, "String").removeprefix(ARRAY), tuple(IdFormat(**given)))
            for name, given in block.get("assigned", {}).items()
        ),
        derived=tuple(block.get("derived", {}).items()),
        collect=tuple(
            Collect(
                member=one["member"],
                resource=one["resource"],
                input=one["input"],
                service=one.get("service", ""),
                value=one.get("value", ""),
                fields=tuple(one.get("fields", {}).items()),
            )
            for one in block.get("collect", [])
        ),
        item_defaults=tuple(
            (name, tuple(values.items())) for name, values in block.get("itemDefaults", {}).items()
        ),
    )


def _shown(
    answering: tuple[ActionShape | None, ...],
    element: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
) -> dict[str, str]:
    """The members (-> type) a resource's list items, create and get answers show."""
    shown = {m.name: m.type for m in element}
    for shape in answering:
        for member in shape.output if shape is not None else ():
            shown.setdefault(member.name, member.type)
            for inner in structures.get(member.type, ()):
                shown.setdefault(inner.name, inner.type)
    return shown


def _check_made(
    block: Mapping[str, Any], shown: Mapping[str, str], stored: set[str], problem: Report
) -> None:
    """`assigned` and `derived` members are ones a read or the create answers, in a format
    of their type, and a template names only what the resource stores."""
    for name, given in block.get("assigned", {}).items():
        string = shown.get(name, "String").removeprefix(ARRAY) == "String"
        if name in shown and string == ("digits" in given):
            problem(f"assigned/{name}", f"{name} is a {shown[name]}: a format of that type")
    ident = block["id"]
    known = stored | {ident.get("member", "")} | set(ident.get("key", ()))
    known |= set(block.get("assigned", {})) | set(block.get("defaults", {}))
    for key in ("assigned", "derived"):
        for name in block.get(key, {}):
            if name not in shown:
                problem(f"{key}/{name}", f"{name} is answered neither by a read nor the create")
    for i, one in enumerate(block.get("collect", [])):
        if one["member"] not in shown:
            problem(f"collect/{i}/member", f"{one['member']} is answered by no read")
    for name in block.get("itemDefaults", {}):
        if name not in stored:
            problem(f"itemDefaults/{name}", f"{name} is not a list the resource stores")
    for name, template in block.get("derived", {}).items():
        for used in placeholders(template):
            if used not in known:
                problem(f"derived/{name}", f"{{{used}}} is not a member the resource stores")


def _answers_id(
    create: ActionShape, member: str, structures: Mapping[str, tuple[Member, ...]]
) -> bool:
    """Whether a Create's answer can show the ids it makes: the member, a list, or a
    structure holding the member (as the engine's answer fills them in)."""
    return any(m.type.startswith(ARRAY) for m in create.output) or any(
        one.name == member for _, one in member_paths(create.output, structures)
    )


def _listed(path: str, element: tuple[Member, ...], stored: set[str]) -> bool:
    """Whether a path's first member is one the list shows or the resource stores."""
    first = path.split(".", 1)[0]
    return first in stored or any(m.name == first for m in element)


def _lifecycle(
    given: Mapping[str, Any] | None,
    element: tuple[Member, ...],
    actions: Mapping[str, ActionShape],
    problem: Callable[[str, str], None],
) -> Lifecycle:
    """The block's `states` as the runtime's `Lifecycle` (an empty one when it has none)."""
    if given is None:
        return Lifecycle()
    if element and not any(m.name == given["member"] for m in element):
        problem("states/member", f"{given['member']} is not a member of the listed items")
    moves: list[Move] = []
    for name, one in given.get("actions", {}).items():
        if name not in actions:
            problem(f"states/actions/{name}", f"{name} is not an action of this service")
        target = (one["to"],) if "to" in one else ()
        sources = tuple(str(state) for state in one.get("from", ()))
        moves.append((name, sources, target, one.get("error")))
    return Lifecycle(
        member=given["member"],
        initial=given["initial"],
        next=tuple(given.get("next", {}).items()),
        moves=tuple(moves),
        errors=tuple(given.get("errors", {}).items()),
    )


def _references(
    block: Mapping[str, Any],
    actions: Mapping[str, ActionShape],
    problem: Callable[[str, str], None],
) -> tuple[Reference, ...]:
    """The block's `references`, each checked against the actions it applies to (the
    referenced resource may be another service's: that is the emulator's to find)."""
    made = []
    for i, one in enumerate(block.get("references", [])):
        applies = one.get("actions") or [block["create"]]
        first = one["input"].split(".", 1)[0]
        named = {first} | {
            given for given, means in block.get("aliases", {}).items() if means == first
        }
        for name in applies:
            shape = actions.get(name)
            if shape is None:
                problem(f"references/{i}/actions", f"{name} is not an action of this service")
            elif not any(shape.member("input", n) for n in named):
                problem(f"references/{i}/input", f"{name} takes no {first}")
        made.append(
            Reference(
                input=one["input"],
                resource=one["resource"],
                service=one.get("service", ""),
                member=one.get("member", ""),
                not_found=one.get("notFound"),
                actions=tuple(one.get("actions", ())),
                fill=tuple(one.get("fill", {}).items()),
                on_delete=_on_delete(one.get("onDelete")),
            )
        )
    return tuple(made)


def _on_delete(given: Mapping[str, Any] | None) -> tuple[Any, ...] | None:
    """A reference's `onDelete` as the runtime's plain tuple (`cascade.OnDelete`'s fields)."""
    if given is None:
        return None
    return (given.get("delete", False), tuple(given.get("set", {}).items()))


def _id_format(ident: Mapping[str, Any], problem: Callable[[str, str], None]) -> IdFormat:
    """The block's id format (defaults where it says nothing); String ids take prefix,
    length and alphabet, integer ids digits."""
    given = ident.get("format", {})
    wrong = ("digits",) if ident.get("type") == "String" else ("prefix", "length", "alphabet")
    for name in wrong:
        if name in given:
            problem(f"id/format/{name}", f"{ident.get('type', 'key')} ids take no {name}")
    return IdFormat(**given)


def _names_ids(shape: ActionShape, id_member: str, filter_member: str | None) -> bool:
    return any(
        m.name == id_member
        or (m.type.startswith(ARRAY) and m.name in id_lists(id_member, filter_member))
        for m in shape.input
    )


# -- inference ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inference:
    """What `infer` made of one Create action: a block, or why none."""

    create: str
    block: dict[str, Any] | None
    reason: str


def _noun(action: str, verbs: tuple[str, ...]) -> str | None:
    for verb in verbs:
        if action.startswith(verb) and action[len(verb) :][:1].isupper():
            return action[len(verb) :]
    return None


def _plural(noun: str) -> list[str]:
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy", "uy")):
        return [noun[:-1] + "ies", noun + "s"]
    if noun.endswith(("s", "x", "ch", "sh")):
        return [noun + "es", noun]
    return [noun + "s"]


def _id_member(
    create: ActionShape, noun: str, structures: Mapping[str, tuple[Member, ...]]
) -> tuple[Member | None, str]:
    """The id a Create answers: an `...Id` member, a one-id list (`InstanceIdSet`), or the
    `<Noun>Id` member of the one structure it answers (CreateVpc answers `Vpc.VpcId`). An id
    the request must give is the caller's, not a new one."""
    given = {m.name for m in create.input if m.required}
    ids = [
        m
        for m in create.output
        if _is_id(m.name)
        and m.type in ID_TYPES
        and not _incidental(m.name, noun)
        and m.name not in given
    ]
    id_lists = [
        m
        for m in create.output
        if m.name.endswith(("IdSet", "Ids"))
        and m.type.removeprefix(ARRAY) in ID_TYPES
        and not _incidental(m.name.removesuffix("Set").removesuffix("s"), noun)
    ]
    named = [m for m in ids if m.name == f"{noun}Id"]
    named_lists = [m for m in id_lists if m.name in (f"{noun}Ids", f"{noun}IdSet")]
    if len(named) == 1:  # CreateX answering XId and a TaskId
        return named[0], ""
    if not named and len(named_lists) == 1:
        ids, id_lists = [], named_lists
    if len(ids) == 1:
        return ids[0], ""
    if not ids and len(id_lists) == 1:
        name = id_lists[0].name.removesuffix("Set").removesuffix("s")
        return Member(name, id_lists[0].type.removeprefix(ARRAY)), ""
    if ids or id_lists:
        return None, "its answer carries several ids"
    nested = [
        member
        for m in create.output
        if m.type in structures
        for member in structures[m.type]
        if member.name == f"{noun}Id" and member.type in ID_TYPES
    ]
    if len(nested) == 1:
        return nested[0], ""
    return None, NO_ID


def _deep_id(
    create: ActionShape, noun: str, structures: Mapping[str, tuple[Member, ...]]
) -> Member | None:
    """The one id of the noun's a Create answers two or three structures deep (ckafka's
    CreatePostPaidInstance: `Result.Data.InstanceId`), tried after the shallower rules."""
    deep = {
        one.name: one
        for path, one in member_paths(create.output, structures)
        if path.count(".") > 1
        and _is_id(one.name)
        and one.type in ID_TYPES
        and (one.name == f"{noun}Id" or _says(noun, one.name))
    }
    return next(iter(deep.values())) if len(deep) == 1 else None


def _id_of_delete(
    create: ActionShape, noun: str, actions: Mapping[str, ActionShape]
) -> Member | None:
    """The id of a resource whose Create answers none (the mock still makes one, and its
    Describe shows it): the one `...Id` its one Delete takes that the Create does not."""
    deletes = [actions[verb + noun] for verb in DELETE_VERBS if verb + noun in actions]
    given = {m.name for m in create.input}
    made = [
        m
        for delete in deletes[:1]
        if len(deletes) == 1
        for m in delete.input
        if _is_id(m.name) and m.type in ID_TYPES and m.name not in given
    ]
    return made[0] if len(made) == 1 else None


def _answered_id(
    create: ActionShape, noun: str, actions: Mapping[str, ActionShape]
) -> Member | None:
    """The id of a resource whose Create answers it under a name without `Id` (MPS and VOD
    templates answer `Definition`, CLS a `ConsumerGroup`... when generated): the one scalar
    the Create answers, and was not given, that its one Delete takes."""
    deletes = [actions[verb + noun] for verb in DELETE_VERBS if verb + noun in actions]
    given = {m.name for m in create.input}
    answered = {
        m.name: m
        for m in create.output
        if m.type in ID_TYPES and m.name != "RequestId" and m.name not in given
    }
    taken = [answered[m.name] for delete in deletes[:1] if len(deletes) == 1
             for m in delete.input if m.name in answered]  # fmt: skip
    if len(taken) == 1 and not _incidental(taken[0].name, noun):
        return taken[0]
    return None


def _wrapped_id(
    create: ActionShape, noun: str, structures: Mapping[str, tuple[Member, ...]]
) -> Member | None:
    """The id of a resource whose Create answers it inside its one structure under another
    name than `<Noun>Id` (lighthouse's CreateKeyPair answers `KeyPair.KeyId`, mdp's channel
    `Info.Id`): the structure's one `...Id` that is not a task's or deal's. Tried last, after
    the key and the Delete's id, so that those keep their blocks."""
    wrappers = [m for m in create.output if _structure_of(m) in structures]
    if len(wrappers) != 1:
        return None
    inner = [
        m
        for m in structures[_structure_of(wrappers[0])]
        if _is_id(m.name) and m.type in ID_TYPES and not _incidental(m.name, noun)
    ]
    if len(inner) != 1:
        return None
    if wrappers[0].type.startswith(ARRAY) and not _says(noun, inner[0].name):
        return None  # results of another kind (AssistantCidrSet's VpcId): not the noun's ids
    return inner[0]


def _names_noun(ident: Member, noun: str) -> bool:
    """Whether an id is the noun's by its name, as a block with no list to show it needs:
    it says a word of the noun (`CvmId` of `EdgeCVMInstances`), says none (`Id`), or is a
    task's (`TaskId` of `CloudRecording`). Another (a `NamespaceId` that CreateRocketMQGroup
    answers) names where the resource is, not which it is."""
    said = set(words(_normal(ident.name).removesuffix("Id")))
    return not said or bool(said & set(words(noun))) or _normal(ident.name) in NOT_IDS


def _says(noun: str, id_name: str) -> bool:
    """Whether the noun says every word of the id's name (`RealServerId`, `AddRealServers`)."""
    return set(words(_normal(id_name).removesuffix("Id"))) <= set(words(noun))


def _task_id(create: ActionShape) -> Member | None:
    """The one id a Create answers when it is a task's, a job's or a flow's and nothing else
    (cls's CreateDataTransform answers the transform's `TaskId`, csip's export jobs a
    `JobID`): the task is what the call made, and a read listing it by that id is found
    by the noun's words, as any other resource's."""
    ids = [m for m in create.output if _is_id(m.name) and m.type in ID_TYPES]
    return ids[0] if len(ids) == 1 and _normal(ids[0].name) in NOT_IDS else None


def _lists_of(
    id_name: str,
    noun: str,
    actions: Mapping[str, ActionShape],
    structures: Mapping[str, tuple[Member, ...]],
) -> list[str]:
    """Read actions named after the noun whose one list carries the id (the noun's Describe
    under another name: `DescribeIpAccessControl`, `DescribeTaskAlarmRegulations`). The
    name must say it: an id such as `TaskId` or `TemplateId` names many kinds of resource."""
    carriers = [
        action
        for action in actions.values()
        if action.name.startswith(READ_VERBS)
        and any(
            m.type.startswith(ARRAY)
            and any(s.name == id_name for s in structures.get(_structure_of(m), ()))
            for m in action.output
        )
    ]
    return [action.name for action in carriers if noun in action.name]


def _listing(actions: Mapping[str, ActionShape], name: str) -> list[str]:
    """`Describe<noun>` (singular) as the noun's list when no plural form exists and it reads
    like a list: it takes a page, `Filters` or an array (DescribeVpcEndPointService). One
    that takes a single id is a Get (apigateway's DescribeService lists the service's APIs)."""
    action = actions.get(name)
    if action is None:
        return []
    paging = {*OFFSET_NAMES, *LIMIT_NAMES, *PAGE_NAMES, *PAGE_SIZE_NAMES}
    listing = any(m.name in paging or m.type.startswith(ARRAY) for m in action.input)
    return [name] if listing else []


def _id_lists(
    describe: ActionShape, ident: Member, structures: Mapping[str, tuple[Member, ...]]
) -> list[Member]:
    """The array members of a read whose items carry the id."""
    return [
        m
        for m in describe.output
        if m.type.startswith(ARRAY)
        and any(s.name == ident.name for s in structures.get(_structure_of(m), ()))
    ]


def _is_id(name: str) -> bool:
    """A member named as an id: `InstanceId`, `JobID`, `Id`."""
    return name.endswith(("Id", "ID"))


def _normal(id_name: str) -> str:
    """An id's name with `ID` spelled `Id` (`TaskID` is a `TaskId`)."""
    return id_name[:-2] + "Id" if id_name.endswith("ID") else id_name


def _incidental(id_name: str, noun: str) -> bool:
    """An id beside the resource's (a deal's, a task's), unless the resource is one (its
    noun says the word: `ExportJob`, `TaskFromAction`)."""
    normal = _normal(id_name)
    return normal in NOT_IDS and normal.removesuffix("Id").lower() not in words(noun)


def _structure_of(member: Member) -> str:
    return member.type.removeprefix(ARRAY)


def infer(
    actions: Mapping[str, ActionShape],
    structures: Mapping[str, tuple[Member, ...]],
    given: Iterable[Mapping[str, Any]] = (),
) -> list[Inference]:
    """One `Inference` per Create/Add action: a block where the pattern is unambiguous, and
    whose actions no other block answers (`given`: the blocks the service already has)."""
    results = []
    for name in sorted(actions):
        noun = _noun(name, CREATE_VERBS)
        if noun is None:
            continue
        results.append(_infer_one(actions[name], noun, actions, structures))
    return _apart(results, list(given))


def roles_of(block: Mapping[str, Any]) -> set[str]:
    """The actions the engine answers for a block (one block per action: it dispatches by
    the action's name)."""
    named = {block["create"], *block.get("modify", ()), *block.get("extend", ())}
    named |= set(block.get("reads", ())) | set(block.get("set", {}))
    named |= set(block.get("states", {}).get("actions", {}))
    return named | {block[role] for role in ("describe", "get", "delete") if role in block}


def _apart(results: list[Inference], given: list[Mapping[str, Any]]) -> list[Inference]:
    """The inferences with a block that shares an action with a given block, or with an
    inferred one of a shorter noun, turned into reasons: two Creates of one list
    (CreateDBInstance, CreateHourDBInstance) make one kind of resource, which the engine
    keeps once, and a given block's actions stay its own."""
    made = {block["create"] for block in given}
    owner = {action: block["name"] for block in given for action in roles_of(block)}
    order = sorted(
        ((i, one.block) for i, one in enumerate(results) if one.block and one.create not in made),
        key=lambda pair: (len(pair[1]["create"]), pair[1]["create"]),
    )
    kept = list(results)
    for i, block in order:
        clash = sorted(action for action in roles_of(block) if action in owner)
        if clash:
            reason = f"{clash[0]} answers for the {owner[clash[0]]} resource"
            kept[i] = Inference(results[i].create, None, reason)
        else:
            owner.update((action, block["name"]) for action in roles_of(block))
    return kept


def _infer_one(
    create: ActionShape,
    noun: str,
    actions: Mapping[str, ActionShape],
    structures: Mapping[str, tuple[Member, ...]],
) -> Inference:
    def none(reason: str) -> Inference:
        return Inference(create.name, None, reason)

    candidates = list(
        dict.fromkeys(
            form.format(many=many, one=noun) for form in READ_FORMS for many in _plural(noun)
        )
    )
    describes = [name for name in candidates if name in actions]
    single = [] if describes else _listing(actions, f"Describe{noun}")
    describes = describes or single
    ident, why = _id_member(create, noun, structures)
    tasked: Member | None = None
    if ident is None and why == NO_ID:
        keyed = (
            _infer_keyed(create, noun, actions[describes[0]], actions, structures)
            if len(describes) == 1
            else none(why)
        )
        if keyed.block is None:
            ident = (
                _id_of_delete(create, noun, actions)
                or _answered_id(create, noun, actions)
                or _wrapped_id(create, noun, structures)
                or _deep_id(create, noun, structures)
            )
            tasked = None if ident else _task_id(create)
            ident = ident or tasked
        unlisted = None if ident or keyed.block else _keyed_unlisted(create, noun, actions)
        if unlisted is not None:
            return Inference(create.name, unlisted, f"{UNLISTED}: {keyed.reason}")
        if ident is None:
            return keyed
    if ident is None:
        return none(why)
    if len(describes) != 1 or (
        single and len(_id_lists(actions[single[0]], ident, structures)) != 1
    ):
        describes = _lists_of(ident.name, noun, actions, structures)
    if len(describes) != 1 or len(id_arrays(actions[describes[0]], ident.name, structures)) != 1:
        other = named_read(noun, ident.name, actions, structures)
        describes = [other] if other else describes
    block: dict[str, Any] = {"name": noun, "id": {"member": ident.name, "type": ident.type}}
    block["create"] = create.name
    problem = (
        f"no {candidates[0]} action (nor a List, Get or ...List form)"
        if len(describes) != 1
        else _read(block, actions[describes[0]], ident, tasked, structures)
    )
    _roles(block, noun, ident, actions)
    if problem and not (
        any(role in block for role in ("get", "modify", "delete"))
        and _names_noun(ident, noun)
        and _answers_id(create, ident.name, structures)  # else nobody could learn the id
    ):
        return none(problem)  # nothing would read, change or delete what Create made
    form = infer_format(block, actions, structures)
    if form:
        block["id"]["format"] = form
    return Inference(create.name, block, f"{UNLISTED}: {problem}" if problem else "inferred")


def _read(
    block: dict[str, Any],
    describe: ActionShape,
    ident: Member,
    tasked: Member | None,
    structures: Mapping[str, tuple[Member, ...]],
) -> str:
    """Give the block its read (the list, its total, id filter and paging), or say why
    there is none: then the block keeps what Create made for Get, Modify and Delete."""
    lists = id_arrays(describe, ident.name, structures)
    if not lists:
        lists, shown = _renamed_list(describe, ident, block["name"], structures)
        if shown:
            block["fields"] = {shown: ident.name}
    if len(lists) != 1:
        found = "no" if not lists else "several"
        return f"{describe.name} answers {found} list of items with {ident.name}"
    if ident is tasked and not TASK_WORDS & set(
        words(lists[0][0]) + words(_structure_of(lists[0][1]))
    ):
        return f"{describe.name} lists {lists[0][0]}, not the tasks its {ident.name} names"
    block.update(describe=describe.name, list=lists[0][0])
    holder, _, _ = lists[0][0].rpartition(".")
    beside = output_at(describe, holder, structures) if holder else None
    members = structures.get(beside.type, ()) if beside else describe.output
    totals = [m.name for m in members if m.name in TOTAL_NAMES]
    if len(totals) == 1:
        block["total"] = f"{holder}.{totals[0]}" if holder else totals[0]
    filters = [
        m.name
        for m in describe.input
        if m.type.startswith(ARRAY) and m.name in (ident.name + "s", ident.name + "Set")
    ]
    if len(filters) == 1:
        block["filter"] = filters[0]
    for key, names in (("page", PAGE_NAMES), ("pageSize", PAGE_SIZE_NAMES)):
        paging = [m.name for m in describe.input if m.name in names]
        if len(paging) == 1:
            block[key] = paging[0]
    if ("page" in block) != ("pageSize" in block):  # a page number needs its size
        block.pop("page", None)
        block.pop("pageSize", None)
    for key, names in (("offset", OFFSET_NAMES), ("limit", LIMIT_NAMES)):
        paging = [m.name for m in describe.input if m.name in names]
        if paging:
            block[key] = paging[0]
    return ""


def _renamed_list(
    describe: ActionShape,
    ident: Member,
    noun: str,
    structures: Mapping[str, tuple[Member, ...]],
) -> tuple[list[tuple[str, Member]], str]:
    """The one list whose items show the id under a shorter name (quota's alarms listed by
    `Id`, teo's `L4ProxyRuleId` as `RuleId`), and that name; only for an id of the noun's
    (a `BatchId` is not the `Id` of the tasks a batch runs)."""
    if not _says(noun, ident.name):
        return [], ""
    found: list[tuple[str, Member, str]] = []
    for name in ("Id", "ID"):
        found.extend((path, m, name) for path, m in id_arrays(describe, name, structures))
    found.extend(
        (path, m, shown)
        for shown in {
            s.name
            for m in describe.output
            for s in structures.get(_structure_of(m), ())
            if _is_id(s.name) and s.name != ident.name and ident.name.endswith(s.name)
        }
        for path, m in id_arrays(describe, shown, structures)
    )
    kind = ident.type == "String"
    found = [
        (path, m, shown)
        for path, m, shown in found
        if any(  # the same kind of value: emr's clusters list an integer `Id` beside the id
            s.name == shown and (s.type == "String") == kind
            for s in structures.get(_structure_of(m), ())
        )
    ]
    if len({path for path, _, _ in found}) != 1:
        return [], ""
    path, member, shown = found[0]
    return [(path, member)], shown


def _roles(
    block: dict[str, Any], noun: str, ident: Member, actions: Mapping[str, ActionShape]
) -> None:
    """Give the block the Get, Modify and Delete named after the noun that take its id."""
    takes_id = [
        candidate
        for candidate in (form.format(one=noun) for form in GET_FORMS)
        if candidate in actions
        and candidate != block.get("describe")
        and _names_ids(actions[candidate], ident.name, block.get("filter"))
    ]
    if takes_id:
        block["get"] = takes_id[0]
    modify = [
        name
        for name in (verb + noun + suffix for verb in MODIFY_VERBS for suffix in MODIFY_SUFFIXES)
        if name in actions and _names_ids(actions[name], ident.name, None)
    ]
    if modify:
        block["modify"] = modify
    deletes = [
        verb + noun
        for verb in DELETE_VERBS
        if verb + noun in actions
        and _names_ids(actions[verb + noun], ident.name, block.get("filter"))
    ]
    if deletes:
        block["delete"] = deletes[0]
        not_found = _not_found(actions[deletes[0]], noun)
        if not_found:
            block["notFound"] = not_found


def _infer_keyed(
    create: ActionShape,
    noun: str,
    describe: ActionShape,
    actions: Mapping[str, ActionShape],
    structures: Mapping[str, tuple[Member, ...]],
) -> Inference:
    """A resource whose Create answers no id (a rule, a binding): its key is what its Delete
    takes of the Create request, when the one list of its Describe shows all of it."""
    deletes = [verb + noun for verb in DELETE_VERBS if verb + noun in actions]
    if len(deletes) != 1:
        return Inference(create.name, None, f"{NO_ID}, and no one Delete{noun} names it")
    delete = actions[deletes[0]]
    given = {m.name for m in create.input}
    key = [m.name for m in delete.input if m.name in given]
    lists = [
        m
        for m in describe.output
        if m.type.startswith(ARRAY)
        and key
        and set(key) <= {s.name for s in structures.get(_structure_of(m), ())}
    ]
    needed = {m.name for m in delete.input if m.required}
    if len(lists) != 1 or not needed <= set(key):  # an optional Delete member: not the key
        return Inference(
            create.name,
            None,
            f"{NO_ID}, and {describe.name} lists no items with {delete.name}'s key",
        )
    element = {s.name for s in structures.get(_structure_of(lists[0]), ())}
    block: dict[str, Any] = {"name": noun, "id": {"key": key}}
    block.update(create=create.name, describe=describe.name, list=lists[0].name)
    totals = [m.name for m in describe.output if m.name in TOTAL_NAMES]
    if len(totals) == 1:
        block["total"] = totals[0]
    match = [
        {"input": m.name, "item": m.name.removesuffix("s")}
        for m in describe.input
        if m.type.startswith(ARRAY) and m.name.removesuffix("s") in element
    ]
    if match:
        block["match"] = match
    block["delete"] = delete.name
    return Inference(create.name, _with_codes(block, create, delete, noun), "inferred")


def _keyed_unlisted(
    create: ActionShape, noun: str, actions: Mapping[str, ActionShape]
) -> dict[str, Any] | None:
    """A resource whose Create answers no id and which no action lists (a black list, a
    database of an instance): keyed by what its one Delete requires of the Create request,
    so a second Create of the same key and a Delete of an unknown one are refused. The key
    is scalars (a list of rules or members added is a collection, not one thing), and must
    name the thing, not only where it lives: two members, or one whose head word is the
    noun's (`Domain` of `CdnDomain`, not `RouteTableId` of `Routes`)."""
    deletes = [verb + noun for verb in DELETE_VERBS if verb + noun in actions]
    if len(deletes) != 1:
        return None
    delete = actions[deletes[0]]
    given = {m.name for m in create.input}
    key = [m.name for m in delete.input if m.required]
    if not key or not set(key) <= given:
        return None
    if any(m.type not in ID_TYPES for m in delete.input if m.name in key):
        return None
    head = [word for word in words(key[0]) if word not in ("id", "name")][-1:]
    if len(key) == 1 and head != words(noun)[-1:]:
        return None  # DeleteRoutes(RouteTableId): the table's routes, not which route
    block: dict[str, Any] = {"name": noun, "id": {"key": key}}
    block.update(create=create.name, delete=delete.name)
    return _with_codes(block, create, delete, noun)


def _with_codes(
    block: dict[str, Any], create: ActionShape, delete: ActionShape, noun: str
) -> dict[str, Any]:
    """`block` with the not-found code its delete documents and the exists code its create
    documents, where they do."""
    not_found = _not_found(delete, noun)
    if not_found:
        block["notFound"] = not_found
    exists = _exists(create, noun)
    if exists:
        block["exists"] = exists
    return block


def _exists(create: ActionShape, noun: str) -> str | None:
    """The documented 'already exists' code of a Create: one naming the noun, else the only
    one (`...Exist`, `...Exists`, `...AlreadyExist...`, `...Duplicate...`, not `NotExist`)."""
    codes = [
        c
        for c in create.errors
        if ("exist" in c.lower() or "duplicate" in c.lower()) and "notexist" not in c.lower()
    ]
    named = [c for c in codes if noun.lower() in c.lower()]
    if len(named) == 1:
        return named[0]
    return codes[0] if len(codes) == 1 else None


def _not_found(delete: ActionShape, noun: str) -> str | None:
    """The documented not-found code of a Delete action: one naming the noun, else the only one."""
    codes = [c for c in delete.errors if c.startswith("ResourceNotFound")]
    named = [c for c in codes if noun.lower() in c.lower()]
    if len(named) == 1:
        return named[0]
    return codes[0] if len(codes) == 1 else None
