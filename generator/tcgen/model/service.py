"""The typed intermediate model: what templates see instead of raw spec JSON.

Building the model resolves type references, precomputes every Python name (snake_case
parameters, class names, error class hierarchy) and reports semantic problems (unknown types,
name clashes) with their location. Templates only format what is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from tcgen import __version__
from tcgen.model import naming
from tcgen.runtime.meta import MULTIPART, product_name
from tcgen.spec import paths, typesys
from tcgen.spec.infer import credentials, pagination
from tcgen.spec.infer.resources import Resource
from tcgen.spec.infer.resources import check as check_resource
from tcgen.spec.infer.shapes import ActionShape
from tcgen.spec.infer.shapes import Member as ShapeMember
from tcgen.spec.problems import Problem, ProblemsError
from tcgen.spec.tree import ServiceSpec, SpecFile, SpecTree

REQUEST_ID = "RequestId"
BodyArguments = tuple[str, str | None] | tuple[str, None, tuple[str, ...]]
"""`_meta.py`'s `Body(...)` arguments; the file parts only when there are any, so the
packages of actions without them render as before."""

# Attributes of the generated client's base class: an action must not shadow them.
CLIENT_MEMBERS = frozenset(
    {"call", "transport", "retry", "rate_limiter", "error_class", "with_options", "close", "wait"}
)


@dataclass(frozen=True)
class Field:
    """A parameter of an action or a member of a structure."""

    wire_name: str
    py_name: str
    type: typesys.TypeRef
    required: bool
    description: str
    example: Any = None
    nullable: bool = False
    deprecated: bool = False

    @property
    def annotation(self) -> str:
        """Python annotation: the type, or `T | None` when the field may be absent."""
        return self.type.python if self.required else f"{self.type.python} | None"

    @property
    def kebab_name(self) -> str:
        """`stream-name`: the CLI accepts `--stream-name` as well as tccli's `--StreamName`."""
        return naming.kebab_case(self.wire_name)


@dataclass(frozen=True)
class Structure:
    """A named data type of a service (`StreamOnlineInfo`)."""

    name: str
    class_name: str
    description: str
    fields: list[Field]


@dataclass(frozen=True)
class ErrorCode:
    """An error code with its exception class; `parent` is None for top-level codes."""

    code: str
    description: str
    class_name: str
    parent: str | None
    common: bool

    @property
    def depth(self) -> int:
        return self.code.count(".")


@dataclass(frozen=True)
class Example:
    """A documented request and its response body (the object under `Response`)."""

    title: str
    description: str
    method: str
    params: dict[str, Any]
    response: dict[str, Any]


@dataclass(frozen=True)
class Pagination:
    """How an action pages (the spec's `pagination` block, its members resolved)."""

    kind: str
    position: str
    size: str | None
    items: Field
    total: str | None
    next: str | None
    first_page: int

    @property
    def meta(self) -> tuple[str | int | None, ...]:
        """The arguments of the `Paging(...)` of `_meta.py`."""
        return (
            self.kind, self.position, self.size, self.items.wire_name, self.total, self.next,
            self.first_page,
        )  # fmt: skip

    @property
    def item_type(self) -> str:
        """The Python type of one item (`Instance`)."""
        assert self.items.type.item is not None
        return self.items.type.item.python


@dataclass(frozen=True)
class Action:
    """One API action with everything the generated client, CLI and mock need."""

    name: str
    method_name: str
    title: str
    description: str
    rate_limit: int | None
    region_required: bool
    regions: list[str]
    input: list[Field]
    output: list[Field]
    examples: list[Example]
    error_codes: list[ErrorCode]
    request_class: str
    response_class: str
    deprecated: bool = False
    pagination: Pagination | None = None
    unsigned: bool = False
    """Sent without a signature (`Authorization: SKIP`), the spec's `unsigned`."""
    credentials: tuple[str | None, int] | None = None
    """Issues temporary credentials: the arguments of `_meta.py`'s `Issue(...)` (duration
    member, default seconds), the spec's `credentials` block; None: it issues none."""
    body: BodyArguments | None = None
    """Sends a raw body: the arguments of `_meta.py`'s `Body(...)` (content type, header
    prefix of the parameters and, when it has any, a multipart action's file parts), the
    spec's `body` block; None: JSON parameters."""
    stream: tuple[str | None] | None = None
    """Answers as Server-Sent Events: the arguments of `_meta.py`'s `Stream(...)` (the
    request member that asks for them, or None: always), the spec's `stream` block."""

    @property
    def file_parts(self) -> tuple[str, ...]:
        """A multipart action's members sent as files (the `body` block's `binaryParams`)."""
        return self.body[2] if self.body is not None and len(self.body) == 3 else ()

    @property
    def uploads(self) -> bool:
        """Whether the method takes raw `body` bytes (a multipart action's parts are its
        parameters)."""
        return self.body is not None and self.body[0] != MULTIPART

    @property
    def cli_aliases(self) -> dict[str, str]:
        """`--stream-name` for `--StreamName`: kebab-case names the CLI accepts, to wire names."""
        return {f.kebab_name: f.wire_name for f in self.input if f.kebab_name != f.wire_name}

    @property
    def required_input(self) -> list[Field]:
        return [f for f in self.input if f.required]

    @property
    def nullable_output(self) -> tuple[str, ...]:
        """The output members documented as possibly null (`ActionMeta.nullable`)."""
        return tuple(f.wire_name for f in self.output if f.nullable)


@dataclass(frozen=True)
class Service:
    """One service version: the unit that becomes one generated package."""

    name: str
    version: str
    endpoint: str
    title: str
    package: str
    client_class: str
    actions: list[Action]
    structures: list[Structure]
    error_codes: list[ErrorCode]
    spec_hash: str
    tcgen_version: str = __version__
    extensions: dict[str, str] = field(default_factory=dict)
    """Path in the package -> text of the service's own files (`spec_tree.Extension`)."""
    resources: list[Resource] = field(default_factory=list)
    """The checked `resources` blocks of service.json (`tcgen.spec.infer.resources`)."""

    @property
    def product_name(self) -> str:
        """`Tencent Cloud Streaming Services`: the title as docstrings and wheels show it."""
        return product_name(self.title)

    @property
    def nullable_members(self) -> dict[str, tuple[str, ...]]:
        """Structure name -> its members documented as possibly null (`_meta.NULLABLE`),
        for the structures that have any."""
        members = {
            s.name: tuple(f.wire_name for f in s.fields if f.nullable) for s in self.structures
        }
        return {name: nullable for name, nullable in members.items() if nullable}

    @property
    def compact_version(self) -> str:
        return self.version.replace("-", "")

    @property
    def async_client_class(self) -> str:
        """The async client's class name (`AsyncLiveClient`, in the package's `aio.py`)."""
        return "Async" + self.client_class

    @property
    def paginated(self) -> bool:
        return any(a.pagination for a in self.actions)

    @property
    def streamed(self) -> bool:
        """Whether an action answers Server-Sent Events (its method answers an iterator)."""
        return any(a.stream for a in self.actions)

    @property
    def awaited_imports(self) -> str:
        """What a package's `aio.py` imports from `_runtime.awaited`."""
        used = ["awaited"]
        if self.paginated:
            used.append("async_iterator")
        if self.streamed:
            used.append("awaited_stream")
        return ", ".join(sorted(used))

    @property
    def meta_imports(self) -> str:
        """What `_meta.py` imports of the runtime's `meta` (the tables it uses)."""
        used = {
            "ActionMeta": True,
            "Body": any(a.body for a in self.actions),
            "Issue": any(a.credentials for a in self.actions),
            "Member": True,
            "Paging": self.paginated,
            "Stream": self.streamed,
        }
        return ", ".join(name for name, needed in sorted(used.items()) if needed)

    @property
    def client_imports(self) -> list[str]:
        """Model classes the client's method signatures name: every request and response
        class, and the structures input parameters take (sorted, for stable output)."""
        names = {a.request_class for a in self.actions} | {a.response_class for a in self.actions}
        for action in self.actions:
            names |= {
                f.type.element.python for f in action.input if f.type.element.kind == "structure"
            }
            items = action.pagination.items.type.element if action.pagination else None
            if items is not None and items.kind == "structure":
                names.add(items.python)
        return sorted(names)


def shape_members(fields: list[Field]) -> tuple[ShapeMember, ...]:
    """Fields as resource checks and inference see them."""
    return tuple(
        ShapeMember(f.wire_name, f.type.spec, f.required, f.example, f.description) for f in fields
    )


def action_shape(action: Action) -> ActionShape:
    """What resource checks and inference need of an action."""
    return ActionShape(
        action.name,
        shape_members(action.input),
        shape_members(action.output),
        tuple(e.code for e in action.error_codes),
        tuple((e.params, e.response) for e in action.examples),
    )


@dataclass
class _Builder:
    """Builds one Service, collecting problems instead of stopping at the first."""

    tree: SpecTree
    spec: ServiceSpec
    problems: list[Problem] = field(default_factory=list)
    structure_names: set[str] = field(default_factory=set)

    def problem(self, spec_file: SpecFile, pointer: str, message: str) -> None:
        self.problems.append(Problem(spec_file.label, pointer, message))

    def resolve(self, spec_file: SpecFile, pointer: str, owner: str, raw: dict[str, Any]) -> Field:
        ref = typesys.parse(raw["type"])
        element = ref.element
        if element.kind == "structure" and element.structure not in self.structure_names:
            self.problem(
                spec_file,
                pointer + "/type",
                f"{owner} parameter {raw['name']}: unresolved type '{element.spec}' "
                f"(no types/{element.spec}.json)",
            )
        return Field(
            wire_name=raw["name"],
            py_name="",
            type=ref,
            required=raw.get("required", False),
            description=raw.get("description", ""),
            example=raw.get("example"),
            nullable=raw.get("nullable", False),
            deprecated=raw.get("deprecated", False),
        )

    def fields(
        self,
        spec_file: SpecFile,
        key: str,
        owner: str,
        skip: frozenset[str] = frozenset(),
    ) -> list[Field]:
        seen: set[str] = set()
        result = []
        for index, raw in enumerate(spec_file.data[key]):
            if raw["name"] in seen:
                self.problem(spec_file, f"/{key}/{index}/name", f"duplicate name '{raw['name']}'")
                continue
            seen.add(raw["name"])
            if raw["name"] in skip:
                continue
            result.append(self.resolve(spec_file, f"/{key}/{index}", owner, raw))
        py_names = naming.unique_names(
            [naming.safe_identifier(naming.snake_case(f.wire_name)) for f in result]
        )
        return [_with_py_name(f, py) for f, py in zip(result, py_names, strict=True)]

    def build(self) -> Service:
        data = self.spec.service.data
        self.structure_names = {s.data["name"] for s in self.spec.structures}
        errors = ErrorIndex(self.tree.common_errors.data["errorCodes"])
        actions = [self.action(a, errors) for a in self.spec.actions]
        for entry in data.get("errorCodes", []):  # after the actions': a page's words win
            errors.add(entry["code"], entry["description"])
        if not actions:  # a client, CLI and mock of nothing: surely a misplaced directory
            self.problem(self.spec.service, "", f"no actions in {paths.ACTIONS_DIR}/")
        methods = {a.method_name for a in actions}
        for spec_file, action in zip(self.spec.actions, actions, strict=True):
            for suffix in ("_pages", "_items") if action.pagination else ():
                if action.method_name + suffix in methods:
                    self.problem(
                        spec_file,
                        "/" + pagination.KEY,
                        f"pagination: method {action.method_name}{suffix} would shadow an action's",
                    )
        reserved = {a.request_class for a in actions} | {a.response_class for a in actions}
        structures = [self.structure(s, reserved) for s in self.spec.structures]
        renamed = {s.name: s.class_name for s in structures if s.name != s.class_name}
        if renamed:
            actions = [_rename_structures(a, renamed) for a in actions]
            structures = [
                Structure(s.name, s.class_name, s.description, _rename_fields(s.fields, renamed))
                for s in structures
            ]
        service = data["service"]
        resources = self.resources(data.get("resources", []), actions, structures)
        return Service(
            name=service,
            version=data["version"],
            endpoint=data["endpoint"],
            title=str(data.get("title", service)),
            package=f"{service}_v{data['version'].replace('-', '')}",
            client_class=naming.class_name(service.capitalize()) + "Client",
            actions=actions,
            structures=structures,
            error_codes=errors.all(),
            spec_hash=self.tree.service_hash(self.spec),
            extensions={e.target: e.text for e in self.spec.extensions},
            resources=resources,
        )

    def resources(
        self, blocks: list[dict[str, Any]], actions: list[Action], structures: list[Structure]
    ) -> list[Resource]:
        shapes = {a.name: action_shape(a) for a in actions}
        members = {s.name: shape_members(s.fields) for s in structures}

        def report(pointer: str, message: str) -> None:
            self.problem(self.spec.service, pointer, message)

        checked = [
            check_resource(i, block, shapes, members, report) for i, block in enumerate(blocks)
        ]
        return [resource for resource in checked if resource is not None]

    def action(self, spec_file: SpecFile, errors: ErrorIndex) -> Action:
        data = spec_file.data
        name = data["action"]
        output = self.fields(spec_file, "output", f"action {name}", skip=frozenset({REQUEST_ID}))
        return Action(
            name=name,
            method_name=_method_name(name),
            title=str(data.get("title", name)),
            description=data["description"],
            rate_limit=data.get("rateLimit"),
            region_required=data["region"]["required"],
            regions=list(data["region"].get("regions", [])),
            input=self.fields(spec_file, "input", f"action {name}"),
            output=output,
            examples=[
                Example(
                    title=e["title"],
                    description=e.get("description", ""),
                    method=e["request"]["method"],
                    params=e["request"]["params"],
                    response=e["response"],
                )
                for e in data["examples"]
            ],
            error_codes=[errors.add(e["code"], e["description"]) for e in data["errorCodes"]],
            request_class=naming.class_name(name) + "Request",
            response_class=naming.class_name(name) + "Response",
            deprecated=data.get("deprecated", False),
            pagination=self.pagination(spec_file, output),
            unsigned=data.get("unsigned", False),
            credentials=self.credentials(spec_file),
            stream=self.stream(spec_file),
            body=self.body(spec_file),
        )

    def body(self, spec_file: SpecFile) -> BodyArguments | None:
        block = spec_file.data.get("body")
        if not isinstance(block, dict):
            return None
        multipart = block["contentType"] == MULTIPART
        binary = tuple(block.get("binaryParams", ()))
        names = {p["name"] for p in spec_file.data["input"]}
        if multipart and "headerPrefix" in block:
            self.problem(spec_file, "/body/headerPrefix", "body: multipart parts are not headers")
            return None
        if binary and not multipart:
            self.problem(spec_file, "/body/binaryParams", "body: only multipart parts are files")
            return None
        unknown = [name for name in binary if name not in names]
        if unknown:
            self.problem(
                spec_file, "/body/binaryParams", f"body: {unknown[0]} is no request member"
            )
            return None
        if not multipart and "body" in names:
            self.problem(spec_file, "/body", "body: a request member named body clashes")
            return None
        if binary:
            return (block["contentType"], None, binary)
        return (block["contentType"], block.get("headerPrefix"))

    def stream(self, spec_file: SpecFile) -> tuple[str | None] | None:
        block = spec_file.data.get("stream")
        if not isinstance(block, dict):
            return None
        when = block.get("when")
        names = {p["name"]: p.get("type") for p in spec_file.data["input"]}
        if when is not None and names.get(when) != "Boolean":
            self.problem(spec_file, "/stream/when", f"stream: {when} is no Boolean request member")
            return None
        return (when,)

    def inferred_block(self, spec_file: SpecFile, rule: ModuleType) -> dict[str, Any] | None:
        """An action's block of an inference rule (`pagination`, `credentials`) when it fits
        the action's members; the rule's problems are reported, and then there is none."""
        block = spec_file.data.get(rule.KEY)
        if not isinstance(block, dict):
            return None
        found = rule.problems(spec_file.data)
        for pointer, message in found:
            self.problem(spec_file, pointer, message)
        return None if found else block

    def credentials(self, spec_file: SpecFile) -> tuple[str | None, int] | None:
        block = self.inferred_block(spec_file, credentials)
        return None if block is None else (block.get("duration"), block["defaultSeconds"])

    def pagination(self, spec_file: SpecFile, output: list[Field]) -> Pagination | None:
        block = self.inferred_block(spec_file, pagination)
        if block is None:
            return None
        items = next((f for f in output if f.wire_name == block["items"]), None)
        if items is None:
            return None
        return Pagination(
            kind=block["kind"],
            position=block["position"],
            size=block.get("size"),
            items=items,
            total=block.get("total"),
            next=block.get("next"),
            first_page=block.get("firstPage", 1),
        )

    def structure(self, spec_file: SpecFile, reserved: set[str]) -> Structure:
        data = spec_file.data
        class_name = naming.class_name(data["name"])
        while class_name in reserved:
            class_name += "Model"
        return Structure(
            name=data["name"],
            class_name=class_name,
            description=data["description"],
            fields=self.fields(spec_file, "members", f"structure {data['name']}"),
        )


class ErrorIndex:
    """All error codes of a package, with synthesized ancestors so the hierarchy is complete.

    `ResourceNotFound.UserNotExist` needs a `ResourceNotFound` class even when the page never
    lists the bare category: unknown sub-codes map to their nearest known ancestor.
    """

    def __init__(self, common: list[dict[str, str]]) -> None:
        self._codes: dict[str, ErrorCode] = {}
        self._owners: dict[str, str] = {}
        """Class name -> the code that has it: two codes may spell one name
        (`InvalidParameter.ValueTooLarge`, `InvalidParameterValue.TooLarge`)."""
        for entry in common:
            self.add(entry["code"], entry["description"], common=True)

    def add(self, code: str, description: str, common: bool = False) -> ErrorCode:
        known = self._codes.get(code)
        if known is not None:
            if not known.description and description:
                known = ErrorCode(code, description, known.class_name, known.parent, known.common)
                self._codes[code] = known
            return known
        parent_code = code.rpartition(".")[0] or None
        parent = self.add(parent_code, "", common) if parent_code else None
        error = ErrorCode(
            code=code,
            description=description,
            class_name=self._unique_name(code),
            parent=parent.class_name if parent else None,
            common=common,
        )
        self._codes[code] = error
        return error

    def _unique_name(self, code: str) -> str:
        """The code's class name; when an earlier code already has it, the name with the
        code's dots kept as underscores (`InvalidParameterValue_TooLargeError`), numbered if
        even that is taken."""
        name = _error_class_name(code)
        if name in self._owners:
            base = name = _error_class_name(code, separator="_")
            number = 2
            while name in self._owners:
                name, number = f"{base}{number}", number + 1
        self._owners[name] = code
        return name

    def all(self) -> list[ErrorCode]:
        """Parents before children, then by code: the order classes must be defined in."""
        return sorted(self._codes.values(), key=lambda e: (e.depth, e.code))


def _method_name(action: str) -> str:
    name = naming.safe_identifier(naming.snake_case(action))
    return name + "_" if name in CLIENT_MEMBERS else name


def _error_class_name(code: str, separator: str = "") -> str:
    parts = [naming.class_name(p) for p in code.split(".")]
    name = separator.join(parts)
    return name if name.endswith("Error") else name + "Error"


def _with_py_name(f: Field, py_name: str) -> Field:
    return Field(
        f.wire_name, py_name, f.type, f.required, f.description, f.example, f.nullable, f.deprecated
    )


def _rename_type(ref: typesys.TypeRef, renamed: dict[str, str]) -> typesys.TypeRef:
    """Point a type at a structure's final class name (used only after a clash rename)."""
    if ref.item is not None:
        return typesys.TypeRef(ref.spec, "array", item=_rename_type(ref.item, renamed))
    if ref.structure in renamed:
        return typesys.TypeRef(ref.spec, "structure", structure=renamed[ref.structure])
    return ref


def _rename_fields(fields: list[Field], renamed: dict[str, str]) -> list[Field]:
    return [
        Field(
            f.wire_name, f.py_name, _rename_type(f.type, renamed), f.required, f.description,
            f.example, f.nullable, f.deprecated,
        )
        for f in fields
    ]  # fmt: skip


def _rename_structures(action: Action, renamed: dict[str, str]) -> Action:
    paging = action.pagination
    if paging is not None:
        items = _rename_fields([paging.items], renamed)[0]
        paging = Pagination(**{**paging.__dict__, "items": items})
    return Action(
        **{
            **action.__dict__,
            "input": _rename_fields(action.input, renamed),
            "output": _rename_fields(action.output, renamed),
            "pagination": paging,
        }
    )


def build_service(tree: SpecTree, spec: ServiceSpec) -> Service:
    """Build the model of one service version; raises ProblemsError with every problem."""
    builder = _Builder(tree, spec)
    service = builder.build()
    if builder.problems:
        raise ProblemsError(builder.problems)
    return service


def build_all(tree: SpecTree) -> list[Service]:
    """Build every service of a tree, collecting problems across all of them."""
    services, problems = [], []
    for spec in tree.services:
        try:
            services.append(build_service(tree, spec))
        except ProblemsError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ProblemsError(problems)
    return services
