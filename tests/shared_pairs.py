"""The action+version pairs that two or more services of a tccli catalog share (cvm and
postgres `DescribeZones` 2017-03-12: 52 pairs in tccli-intl-en, 74 in the domestic tccli;
issue 21), computed from the catalog's own models, and what a test needs to call them:
each action's first example, its documented output members, a service version's call log."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from tcgen.sources.tccli.models import discover


@dataclass(frozen=True)
class Pair:
    """One action+version and the services that both have it."""

    action: str
    version: str
    services: tuple[str, ...]


def shared_pairs(services_dir: Path) -> list[Pair]:
    """Every action+version more than one service of the tccli `services_dir` has."""
    owners: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for model in discover(services_dir):
        for action in json.loads(model.api_file.read_bytes())["actions"]:
            owners[action, model.version].append(model.name)
    return [
        Pair(action, version, tuple(names))
        for (action, version), names in sorted(owners.items())
        if len(names) > 1
    ]


def labels(pairs: Sequence[Pair]) -> list[str]:
    """The `service:version` selections that hold `pairs` (what `import-tccli` takes)."""
    return sorted({f"{service}:{pair.version}" for pair in pairs for service in pair.services})


def cheapest(pairs: Sequence[Pair], services_dir: Path) -> list[Pair]:
    """The pairs of the one group of services (same owners, same version) whose models are
    the smallest: a sample of the catalog's shared pairs that imports and generates fast."""
    groups: defaultdict[tuple[tuple[str, ...], str], list[Pair]] = defaultdict(list)
    for pair in pairs:
        groups[pair.services, pair.version].append(pair)

    def size(group: tuple[tuple[str, ...], str]) -> int:
        directory = "v" + group[1].replace("-", "")
        files = [services_dir / name / directory / "api.json" for name in group[0]]
        return sum(file.stat().st_size for file in files)

    return groups[min(groups, key=size)]


def _action(spec: Path, service: str, version: str, action: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (spec / service / version / "actions" / f"{action}.json").read_text(encoding="utf-8")
    )
    return document


def example_params(spec: Path, service: str, version: str, action: str) -> dict[str, Any]:
    """The request parameters of the action's first example that answers no error, else {}."""
    for example in _action(spec, service, version, action).get("examples", []):
        response, request = example.get("response") or {}, example.get("request") or {}
        if "Error" not in response and isinstance(request.get("params"), dict):
            params: dict[str, Any] = request["params"]
            return params
    return {}


def output_members(spec: Path, service: str, version: str, action: str) -> set[str]:
    """The members the action's answer may have, RequestId included."""
    outputs = _action(spec, service, version, action).get("output", [])
    return {member["name"] for member in outputs} | {"RequestId"}


def call_log(address: str, service: str, version: str) -> dict[str, str]:
    """The action of each RequestId the service version's mock at `address` logged (its
    control surface named by package: a service may have several versions)."""
    package = f"{service}_v{version.replace('-', '')}"
    answer = requests.get(f"http://{address}/_mock/{package}/calls", timeout=10).json()
    assert "calls" in answer, (package, answer)
    return {call["request_id"]: call["action"] for call in answer["calls"]}
