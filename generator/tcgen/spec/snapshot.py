"""A service version's whole spec as one JSON document (what `diff` compares).

The same document is stored in each generated package (the `spec` entry of `_release.json`),
so regeneration can tell what changed since the last run (for the changelog and the version
bump) and a vendored package records exactly which spec it came from.
"""

from __future__ import annotations

from typing import Any

from tcgen.spec.tree import ServiceSpec, SpecTree, canonical

Snapshot = dict[str, Any]


def service_snapshot(tree: SpecTree, spec: ServiceSpec) -> Snapshot:
    """Service header, actions and types keyed by name, plus the common error codes."""
    snapshot: Snapshot = canonical(spec.service.data)
    snapshot["actions"] = {a.data["action"]: canonical(a.data) for a in spec.actions}
    snapshot["types"] = {s.data["name"]: canonical(s.data) for s in spec.structures}
    snapshot["commonErrors"] = canonical(tree.common_errors.data["errorCodes"])
    return snapshot


def snapshot_key(snapshot: Snapshot) -> str:
    return f"{snapshot['service']}:{snapshot['version']}"
