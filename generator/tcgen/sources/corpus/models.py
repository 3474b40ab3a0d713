"""Tencent's machine model of an action, in spec form, by the importer's own converter.

A service is found by the API's own short name (`metadata.serviceShortName`, which names the
endpoint), so a page's `cvm.tencentcloudapi.com` finds tccli's `cvm` models whatever tccli
calls the directory. Each service version is converted once (`tccli_convert.convert`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcgen.sources.tccli.convert import Converted, convert
from tcgen.sources.tccli.errorcodes import errors_file, read_error_codes
from tcgen.sources.tccli.models import ModelVersion, discover
from tcgen.spec.problems import ProblemsError

JSON = dict[str, Any]


@dataclass(frozen=True)
class ModelAction:
    """One action of the model, with the service version it came from and its data types."""

    service: str
    version: str
    endpoint: str
    action: JSON
    types: dict[str, JSON]
    error_codes: frozenset[str] | None = None  # the SDK's codes for the service version


@dataclass
class Models:
    """Lazy access to a release's models: service short name -> versions -> converted."""

    services_dir: Path
    errors_dir: Path | None = None  # `<name>/<vYYYYMMDD>/errorcodes.py` of the SDK release
    _all: list[ModelVersion] | None = None
    _versions: dict[str, list[ModelVersion]] | None = None
    _converted: dict[ModelVersion, Converted | None] = field(default_factory=dict)

    def versions(self, service: str) -> list[ModelVersion]:
        """The model versions of a service (by API short name), oldest first."""
        if self._all is None:
            self._all = discover(self.services_dir)
        named = [m for m in self._all if m.name == service]
        if named:  # tccli names the directory after the API, as a rule
            return named
        if self._versions is None:  # else read every model's short name, once
            self._versions = {}
            for model in self._all:
                self._versions.setdefault(_short_name(model), []).append(model)
        return self._versions.get(service, [])

    def has_service(self, service: str) -> bool:
        return bool(self.versions(service))

    def find(self, service: str, action: str, version: str | None) -> ModelAction | None:
        """The action in `version` when given and present, else in the newest version with it."""
        candidates = self.versions(service)
        exact = [m for m in candidates if m.version == version]
        for model in exact + sorted(candidates, key=lambda m: m.version, reverse=True):
            converted = self._convert(model)
            if converted is not None and action in converted.actions:
                return ModelAction(
                    service=converted.service["service"],
                    version=converted.service["version"],
                    endpoint=converted.service["endpoint"],
                    action=converted.actions[action],
                    types=converted.types,
                    error_codes=self._error_codes(model),
                )
        return None

    def _convert(self, model: ModelVersion) -> Converted | None:
        if model not in self._converted:
            try:
                self._converted[model] = convert(model)
            except ProblemsError:
                self._converted[model] = None
        return self._converted[model]

    def _error_codes(self, model: ModelVersion) -> frozenset[str] | None:
        if self.errors_dir is None:
            return None
        path = errors_file(self.errors_dir, model)
        if not path.is_file():
            return None
        return frozenset(entry["code"] for entry in read_error_codes(path))


def _short_name(model: ModelVersion) -> str:
    try:
        data = json.loads(model.api_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return model.name
    name = data.get("metadata", {}).get("serviceShortName") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name else model.name
