"""Find the API models the official tccli package ships and select service versions from them.

tccli-intl-en keeps one model per service version at
`tccli/services/<name>/v<YYYYMMDD>/api.json` (+ `examples.json`). It is the most complete
machine-readable source of Tencent's API surface, so the importer reads it from the installed
package instead of keeping a copy.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from tcgen.spec import jsontext
from tcgen.spec.problems import Problem, ProblemsError, display_path, json_pointer

_VERSION_DIR = re.compile(r"^v(\d{4})(\d{2})(\d{2})$")
_VERSION_ARG = re.compile(r"^(?:v(\d{4})(\d{2})(\d{2})|(\d{4})-(\d{2})-(\d{2}))$")

JSON = dict[str, Any]

# The parts of tccli's model format the importer relies on; checked up front so a malformed
# model is a list of Problems instead of a traceback halfway through an import.
_SHAPES = {
    "api.json": {
        "type": "object",
        "required": ["actions", "objects"],
        "properties": {
            "actions": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["input", "output"],
                    "properties": {
                        "input": {"type": "string"},
                        "output": {"type": "string"},
                        "name": {"type": "string"},
                        "document": {"type": "string"},
                        "status": {"type": "string"},
                    },
                },
            },
            "objects": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["members"],
                    "properties": {
                        "document": {"type": "string"},
                        "members": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["name", "type", "member"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "type": {"type": "string"},
                                    "member": {"type": "string"},
                                    "document": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
            "metadata": {"type": "object"},
        },
    },
    "examples.json": {
        "type": "object",
        "properties": {
            "actions": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "object"}},
            }
        },
    },
}


@dataclass(frozen=True)
class ModelVersion:
    """One tccli service version: its tccli name (`autoscaling`), version and model files."""

    name: str
    version: str
    directory: Path

    @property
    def api_file(self) -> Path:
        return self.directory / "api.json"

    @property
    def examples_file(self) -> Path:
        return self.directory / "examples.json"

    @property
    def label(self) -> str:
        return f"{self.name}:{self.version}"


def default_services_dir() -> Path:
    """`tccli/services` of the installed package, located without importing tccli (slow)."""
    spec = importlib.util.find_spec("tccli")
    if spec is None or not spec.submodule_search_locations:
        raise ProblemsError(
            [
                Problem(
                    "tccli",
                    "",
                    "is not installed: pip install tccli-intl-en (international edition) or "
                    "pip install tccli (domestic edition), or pass --tccli-dir",
                )
            ]
        )
    return Path(spec.submodule_search_locations[0]) / "services"


def discover(services_dir: Path) -> list[ModelVersion]:
    """Every service version under a tccli services directory, sorted by name and version."""
    if not services_dir.is_dir():
        raise ProblemsError([Problem(display_path(services_dir), "", "directory not found")])
    found = []
    for api_file in services_dir.glob("*/v*/api.json"):
        match = _VERSION_DIR.match(api_file.parent.name)
        if match:
            version = "-".join(match.groups())
            found.append(ModelVersion(api_file.parent.parent.name, version, api_file.parent))
    return sorted(found, key=lambda m: (m.name, m.version))


def select(available: list[ModelVersion], requests: list[str], where: Path) -> list[ModelVersion]:
    """Resolve `service` (all its versions) and `service:2018-08-01` / `service:v20180801`."""
    selected: dict[str, ModelVersion] = {}
    problems = []
    for request in requests:
        name, _, version_arg = request.partition(":")
        matches = [m for m in available if m.name == name]
        if version_arg:
            version = _parse_version(version_arg)
            matches = [m for m in matches if m.version == version]
        if not matches:
            message = _no_model(where, name, version_arg) or _not_found(request, available, where)
            problems.append(Problem(display_path(where), "", message))
        selected.update((m.label, m) for m in matches)
    if problems:
        raise ProblemsError(problems)
    return sorted(selected.values(), key=lambda m: (m.name, m.version))


def _parse_version(text: str) -> str:
    match = _VERSION_ARG.match(text)
    if match is None:
        return text
    return "-".join(part for part in match.groups() if part is not None)


_VERSION_ASSIGNMENT = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.M)


def _release_of(services_dir: Path) -> str:
    """`tccli 3.0.96.1` from the package's `__init__.py` next to `services/`, else `tccli`."""
    try:
        text = (services_dir.parent / "__init__.py").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "tccli"
    match = _VERSION_ASSIGNMENT.search(text)
    return f"tccli {match.group(1)}" if match else "tccli"


def _no_model(services_dir: Path, name: str, version_arg: str) -> str | None:
    """The service's version directories exist but hold no api.json (tccli releases before
    their API models shipped, such as 3.0.96.1): say so instead of 'no service'."""
    wanted = _parse_version(version_arg) if version_arg else None
    missing = []
    for directory in sorted((services_dir / name).glob("v*")):
        match = _VERSION_DIR.match(directory.name)
        if not match or not directory.is_dir() or (directory / "api.json").exists():
            continue
        version = "-".join(match.groups())
        if wanted is None or version == wanted:
            missing.append(
                f"{_release_of(services_dir)} has no API model for {name} {version}: its "
                f"services/{name}/{directory.name} has no api.json"
            )
    return "; ".join(missing) or None


def _not_found(request: str, available: list[ModelVersion], where: Path) -> str:
    name = request.partition(":")[0]
    versions = [m.version for m in available if m.name == name]
    if versions:
        return f"tccli has no version '{request}' (available: {', '.join(versions)})"
    if (where / name).is_dir():  # the service is there, with no API model in any version
        return f"tccli has no version '{request}' with an API model"
    return f"tccli has no service '{name}'"


def read_model(path: Path, required: bool) -> JSON:
    """Read one model file; a missing optional file (examples.json) reads as empty."""
    if not path.exists() and not required:
        return {}
    try:
        data: JSON = jsontext.loads(path.read_text(encoding="utf-8"))  # its shape is checked next
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProblemsError([Problem(display_path(path), "", f"cannot read: {exc}")]) from None
    validator = Draft202012Validator(_SHAPES[path.name])
    errors = sorted(validator.iter_errors(data), key=lambda e: json_pointer(e.absolute_path))
    if errors:
        raise ProblemsError(
            Problem(display_path(path), json_pointer(e.absolute_path), e.message) for e in errors
        )
    return data
