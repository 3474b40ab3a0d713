"""Resource blocks that ship with tcgen, for services whose names inference cannot read.

`RunInstances` makes instances, CDB answers its ids next to a deal id, CAM reads roles by
`DescribeRoleList`: no naming rule finds those, and lifecycles, references and error codes
are not in tccli's models at all. So the blocks of the resources people use most are
written by hand, as data (`spec/resources/<service>/<version>.json` among tcgen's assets,
`{"resources": [block, ...]}`, the meta-schema's `$defs/resource`), and `tcgen import-tccli`
and `tcgen infer-resources` add them to a service's `service.json`. A block the file already
has (by name) is kept as it is, so a hand edit survives a later import; a block naming an
action the service version lacks (another release of tccli's models) is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tcgen.spec import paths


def shipped_file(service: str, version: str, root: Path = paths.BUNDLED_RESOURCES) -> Path:
    return root / service / f"{version}.json"


def shipped_blocks(
    service: str, version: str, root: Path = paths.BUNDLED_RESOURCES
) -> list[dict[str, Any]]:
    """tcgen's own blocks for a service version (none for most)."""
    path = shipped_file(service, version, root)
    if not path.is_file():
        return []
    blocks: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["resources"]
    return blocks


def actions_named(block: Mapping[str, Any]) -> set[str]:
    """Every action a block names (its roles, moves, sets, and the actions of references)."""
    names = {block["create"], *block.get("modify", ()), *block.get("extend", ())}
    names |= {block[role] for role in ("describe", "get", "delete") if role in block}
    names |= set(block.get("set", {})) | set(block.get("states", {}).get("actions", {}))
    for reference in block.get("references", ()):
        names |= set(reference.get("actions", ()))
    return names


def applicable(blocks: Iterable[Mapping[str, Any]], actions: Iterable[str]) -> list[dict[str, Any]]:
    """The shipped blocks whose actions the service version has (another release of tccli's
    models may lack one: its block is left out rather than failing the import)."""
    have = set(actions)
    return [dict(block) for block in blocks if actions_named(block) <= have]


def with_shipped(
    existing: Iterable[Mapping[str, Any]], shipped: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The blocks a service.json keeps, then the shipped ones it has no block of that name of."""
    kept = [dict(block) for block in existing]
    names = {block["name"] for block in kept}
    return kept + [dict(block) for block in shipped if block["name"] not in names]
