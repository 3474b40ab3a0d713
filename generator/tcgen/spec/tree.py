"""Load, validate and write the JSON spec tree.

Layout (one file per action and per data type, so an API update is a small git diff):

    spec/schema/tcgen-spec.schema.json      meta-schema (JSON Schema 2020-12)
    spec/common-errors.json                 Tencent's common error codes, once per tree
    spec/<service>/<version>/service.json   service name, version, endpoint
    spec/<service>/<version>/actions/<Action>.json
    spec/<service>/<version>/types/<Structure>.json
    spec/<service>/<version>/extensions/<path>     optional: the service's own code (below)

Extensions are code that belongs to one service rather than to every package, such as the
stateful handlers of Live's mock (`extensions/mock/handlers.py`). Each file is copied into
that service's package at `<path>`, replacing what a template renders there; Python files
must parse, and none may go into `_runtime/`, which every package shares. They are not spec
data: they do not enter the spec hash (like templates, they change code, not the API).
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tcgen.spec import jsontext, paths
from tcgen.spec.cache import cache_dir, digest, store
from tcgen.spec.problems import Problem, ProblemsError, display_path, json_pointer

JSON = dict[str, Any]

# Key order for every object the tools write: identity first, then shape, then prose and data.
KEY_ORDER = [
    "service", "version", "endpoint", "action", "name", "code", "title", "type", "required",
    "nullable", "deprecated", "description", "example", "rateLimit", "region", "regions",
    "input", "output", "pagination", "credentials", "body", "contentType", "headerPrefix",
    "binaryParams",    "stream", "when", "members", "examples",
    "request", "method", "params", "response", "events", "errorCodes", "source", "kind", "updated",
    "position", "size", "firstPage", "items", "total", "next", "duration", "defaultSeconds",
]  # fmt: skip
_OPAQUE_KEYS = {
    "example",
    "params",
    "response",
    "events",
}  # user data: keep the page's own key order


@dataclass
class SpecFile:
    """One JSON file of the tree with its parsed content."""

    path: Path
    data: JSON

    @property
    def label(self) -> str:
        return display_path(self.path)


@dataclass(frozen=True)
class Extension:
    """A file of a service's own code, copied into its package at `target`."""

    path: Path
    target: str
    text: str


@dataclass
class ServiceSpec:
    """The raw files of one service version."""

    directory: Path
    service: SpecFile
    actions: list[SpecFile] = field(default_factory=list)
    structures: list[SpecFile] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)

    def files(self) -> Iterator[SpecFile]:
        yield self.service
        yield from self.actions
        yield from self.structures


@dataclass
class SpecTree:
    """All raw files of a spec tree, validated against the meta-schema."""

    root: Path
    common_errors: SpecFile
    services: list[ServiceSpec]

    def service_hash(self, service: ServiceSpec) -> str:
        """A content hash of what generates one package: its files plus the common errors."""
        digest = hashlib.sha256()
        for spec_file in [self.common_errors, *service.files()]:
            digest.update(spec_file.path.relative_to(self.root).as_posix().encode())
            digest.update(b"\0")
            digest.update(canonical_dumps(spec_file.data).encode())
            digest.update(b"\0")
        return digest.hexdigest()


def canonical(data: Any, _key: str | None = None) -> Any:
    """Order keys the way tcgen writes them, recursively, leaving example data untouched."""
    if _key in _OPAQUE_KEYS:
        return data
    if isinstance(data, dict):
        rank = {key: i for i, key in enumerate(KEY_ORDER)}
        keys = sorted(data, key=lambda k: (rank.get(k, len(rank)), k))
        return {key: canonical(data[key], key) for key in keys}
    if isinstance(data, list):
        return [canonical(item) for item in data]
    return data


def canonical_dumps(data: Any) -> str:
    """The exact text tcgen writes for a spec file: stable keys, 2-space indent, UTF-8."""
    return json.dumps(canonical(data), indent=2, ensure_ascii=False) + "\n"


def write_spec_file(path: Path, data: JSON) -> bool:
    """Write a spec file if its content changed; returns whether it was written."""
    text = canonical_dumps(data)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def new_tree_files(spec_dir: Path) -> dict[Path, JSON]:
    """What a tree needs besides its services, when `spec_dir` lacks it: tcgen's common error
    codes. Capture and import add it to what they write, so that writing into a new or empty
    directory starts a tree that validate and generate accept."""
    common = spec_dir / paths.COMMON_ERRORS_FILE
    if common.exists():
        return {}
    return {common: json.loads(paths.BUNDLED_COMMON_ERRORS.read_text(encoding="utf-8"))}


def schema_path(spec_dir: Path) -> Path:
    """The tree's own meta-schema when it has one, else the one shipped with tcgen."""
    own = spec_dir / "schema" / paths.SCHEMA_FILE
    return own if own.exists() else paths.BUNDLED_SCHEMA


@lru_cache(maxsize=4)
def _validators(schema_file: Path) -> dict[str, Draft202012Validator]:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    Draft202012Validator.check_schema(schema)
    return {
        kind: Draft202012Validator({"$ref": f"{schema['$id']}#/$defs/{kind}"}, registry=registry)
        for kind in ("commonErrors", "service", "action", "structure")
    }


def _read_json(path: Path, problems: list[Problem]) -> tuple[JSON, bytes] | None:
    """(parsed object, raw bytes), or None with the problem recorded."""
    try:
        raw = path.read_bytes()
        data = jsontext.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(display_path(path), "", f"cannot read: {exc}"))
        return None
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(display_path(path), "", f"invalid JSON at line {exc.lineno}: {exc.msg}")
        )
        return None
    if not isinstance(data, dict):
        problems.append(Problem(display_path(path), "", "expected a JSON object"))
        return None
    return data, raw


def validate_document(
    kind: str, data: JSON, label: str, spec_dir: Path | None = None
) -> list[Problem]:
    """Meta-schema problems of one file's content (`kind`: commonErrors, service, action or
    structure), located by `label` and JSON pointer; `spec_dir` selects the tree's own schema."""
    schema = schema_path(spec_dir) if spec_dir is not None else paths.BUNDLED_SCHEMA
    return _schema_problems(schema, kind, data, label)


def _schema_problems(schema: Path, kind: str, data: JSON, label: str) -> list[Problem]:
    errors = sorted(_validators(schema)[kind].iter_errors(data), key=lambda e: list(e.path))
    return [Problem(label, json_pointer(error.absolute_path), error.message) for error in errors]


def _load(path: Path, kind: str, schema: Path, problems: list[Problem]) -> SpecFile | None:
    """Parse and validate one file; a file whose exact bytes validated before skips jsonschema.

    jsonschema is ~90% of loading a whole catalog (~20 s for ~19k files); the marker of a
    valid file is keyed by (schema bytes, kind, file bytes), so any edit validates again.
    """
    read = _read_json(path, problems)
    if read is None:
        return None
    data, raw = read
    marker = _valid_marker(schema, kind, raw)
    if marker is not None and marker.exists():
        return SpecFile(path, data)
    errors = _schema_problems(schema, kind, data, display_path(path))
    problems.extend(errors)
    if errors:
        return None
    if marker is not None:
        store(marker, b"")
    return SpecFile(path, data)


@lru_cache(maxsize=4)
def _schema_digest(schema: Path) -> str:
    return digest(schema.read_bytes())


def _valid_marker(schema: Path, kind: str, raw: bytes) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    return root / "valid" / digest(_schema_digest(schema).encode(), kind.encode(), raw)


def _check_name(spec_file: SpecFile, key: str, problems: list[Problem]) -> None:
    if spec_file.data[key] != spec_file.path.stem:
        problems.append(
            Problem(
                spec_file.label,
                f"/{key}",
                f"'{spec_file.data[key]}' does not match the file name '{spec_file.path.name}'",
            )
        )


def _load_service(directory: Path, schema: Path, problems: list[Problem]) -> ServiceSpec | None:
    service = _load(directory / paths.SERVICE_FILE, "service", schema, problems)
    if service is None:
        return None
    expected = (directory.parent.name, directory.name)
    if (service.data["service"], service.data["version"]) != expected:
        problems.append(
            Problem(
                service.label,
                "",
                f"service/version {service.data['service']}/{service.data['version']} "
                f"does not match its directory {expected[0]}/{expected[1]}",
            )
        )
    spec = ServiceSpec(directory, service)
    for kind, sub, target, key in (
        ("action", paths.ACTIONS_DIR, spec.actions, "action"),
        ("structure", paths.TYPES_DIR, spec.structures, "name"),
    ):
        for path in sorted((directory / sub).glob("*.json")):
            loaded = _load(path, kind, schema, problems)
            if loaded is not None:
                _check_name(loaded, key, problems)
                target.append(loaded)
    spec.extensions = load_extensions(directory, problems)
    return spec


def load_extensions(directory: Path, problems: list[Problem]) -> list[Extension]:
    """The files under `<service dir>/extensions/`, checked: UTF-8, Python that parses, none
    bound for `_runtime/`."""
    root = directory / paths.EXTENSIONS_DIR
    found: list[Extension] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        target = path.relative_to(root).as_posix()
        label = display_path(path)
        if target.split("/")[0] == paths.RUNTIME_DIR:
            message = f"extensions cannot replace {paths.RUNTIME_DIR}/, which every package shares"
            problems.append(Problem(label, "", message))
            continue
        try:
            text = path.read_text(encoding="utf-8")
            if target.endswith(".py"):
                ast.parse(text, label)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(label, "", f"cannot read: {exc}"))
            continue
        except SyntaxError as exc:
            problems.append(Problem(f"{label}:{exc.lineno}", "", f"does not parse: {exc.msg}"))
            continue
        found.append(Extension(path, target, text))
    return found


def service_dirs(spec_dir: Path) -> list[Path]:
    """Every `<service>/<version>` directory holding a service.json, sorted."""
    return sorted(p.parent for p in spec_dir.glob(f"*/*/{paths.SERVICE_FILE}"))


def select_dirs(spec_dir: Path, only: list[str] | None = None) -> tuple[list[Path], list[Problem]]:
    """The service directories `only` selects (all when None), and problems with the selection.

    `only` names services by `service` or `service:version`.
    """
    if not spec_dir.is_dir():
        return [], [Problem(display_path(spec_dir), "", "spec directory not found")]
    every = service_dirs(spec_dir)
    problems: list[Problem] = []
    if only:
        known = {f"{d.parent.name}:{d.name}" for d in every} | {d.parent.name for d in every}
        for name in only:
            if name not in known:
                problems.append(Problem(display_path(spec_dir), "", f"no service '{name}'"))
    return [d for d in every if not only or _selected(d, only)], problems


def load_tree(spec_dir: Path, only: list[str] | None = None) -> SpecTree:
    """Load and validate a spec tree; raises ProblemsError listing every problem found.

    `only` selects services by `service` or `service:version`.
    """
    directories, problems = select_dirs(spec_dir, only)
    if not spec_dir.is_dir():
        raise ProblemsError(problems)
    schema = schema_path(spec_dir)
    common = _load(spec_dir / paths.COMMON_ERRORS_FILE, "commonErrors", schema, problems)
    services = []
    for directory in directories:
        loaded = _load_service(directory, schema, problems)
        if loaded is not None:
            services.append(loaded)
    if problems or common is None:
        raise ProblemsError(problems)
    return SpecTree(spec_dir, common, services)


def _selected(directory: Path, only: list[str]) -> bool:
    service, version = directory.parent.name, directory.name
    return service in only or f"{service}:{version}" in only
