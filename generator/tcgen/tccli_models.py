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

from .problems import Problem, ProblemsError, display_path, json_pointer

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
            [Problem("tccli", "", "tccli-intl-en is not installed; pass --tccli-dir")]
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
            problems.append(Problem(display_path(where), "", _not_found(request, available)))
        selected.update((m.label, m) for m in matches)
    if problems:
        raise ProblemsError(problems)
    return sorted(selected.values(), key=lambda m: (m.name, m.version))


def _parse_version(text: str) -> str:
    match = _VERSION_ARG.match(text)
    if match is None:
        return text
    return "-".join(part for part in match.groups() if part is not None)


def _not_found(request: str, available: list[ModelVersion]) -> str:
    name = request.partition(":")[0]
    versions = [m.version for m in available if m.name == name]
    if versions:
        return f"tccli has no version '{request}' (available: {', '.join(versions)})"
    return f"tccli has no service '{name}'"


def read_model(path: Path, required: bool) -> JSON:
    """Read one model file; a missing optional file (examples.json) reads as empty."""
    if not path.exists() and not required:
        return {}
    try:
        data: JSON = json.loads(path.read_text(encoding="utf-8"))  # its shape is checked next
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProblemsError([Problem(display_path(path), "", f"cannot read: {exc}")]) from None
    validator = Draft202012Validator(_SHAPES[path.name])
    errors = sorted(validator.iter_errors(data), key=lambda e: json_pointer(e.absolute_path))
    if errors:
        raise ProblemsError(
            Problem(display_path(path), json_pointer(e.absolute_path), e.message) for e in errors
        )
    return data
