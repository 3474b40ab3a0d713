"""Package versions and changelogs: each regeneration that changes the spec is a release.

The previous release lives in the generated package itself (`_release.json`: version and
history; `_spec.json.xz`: the spec snapshot it was generated from, see `runtime/snapshot.py`),
so generation stays a pure function of (spec, templates, previous generated tree) and
`tcgen check` recomputes exactly what `tcgen generate` wrote. A record of an older tcgen that
still holds the snapshot itself (`spec` in `_release.json`) is read as well. The version
follows semver from the semantic diff: major for a breaking change, minor for additions and
deprecations, patch for everything else. Removing something an earlier release deprecated
names that release in the change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from lzma import LZMAError
from pathlib import Path
from typing import Any

from tcgen.diff.changes import WAS_DEPRECATED, Change, diff_snapshots, removed_deprecated
from tcgen.runtime import snapshot as stored
from tcgen.spec.snapshot import Snapshot

RELEASE_FILE = "_release.json"
SNAPSHOT_FILE = stored.FILE
INITIAL_VERSION = "1.0.0"
_DEPRECATION_KINDS = ("deprecated", "undeprecated")


@dataclass(frozen=True)
class Entry:
    """One release in a package's history."""

    version: str
    spec_hash: str
    changes: list[Change]

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    @property
    def warnings(self) -> list[Change]:
        return [c for c in self.changes if c.level == "warning"]

    @property
    def deprecations(self) -> list[Change]:
        return [c for c in self.changes if c.kind in _DEPRECATION_KINDS and not c.breaking]

    @property
    def other(self) -> list[Change]:
        return [
            c for c in self.changes if c.level == "compatible" and c.kind not in _DEPRECATION_KINDS
        ]


@dataclass(frozen=True)
class Release:
    """What the templates need: the version, the history (newest first) and the record; and
    the spec snapshot's file."""

    version: str
    history: list[Entry]
    record: str  # the exact text of _release.json
    snapshot: bytes  # the exact bytes of _spec.json.xz


def bump(version: str, changes: list[Change]) -> str:
    major, minor, patch = (int(part) for part in version.split("."))
    if any(c.breaking for c in changes):
        return f"{major + 1}.0.0"
    if any(c.kind in ("added", "deprecated") for c in changes):
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "version": entry.version,
        "specHash": entry.spec_hash,
        "changes": [c.as_dict() for c in entry.changes],
    }


def _entry_from_json(data: dict[str, Any]) -> Entry:
    return Entry(data["version"], data["specHash"], [Change.from_dict(c) for c in data["changes"]])


def _deprecated_since(changes: list[Change], history: list[Entry]) -> list[Change]:
    """A removal of something deprecated names the release that deprecated it."""
    result = []
    for change in changes:
        if removed_deprecated(change):
            since = next(
                (
                    entry.version
                    for entry in history
                    for old in entry.changes
                    if old.kind == "deprecated" and old.location == change.location
                ),
                None,
            )
            if since is not None:
                detail = change.detail.removesuffix(WAS_DEPRECATED)
                change = Change(
                    change.location, change.kind, f"{detail} (deprecated since {since})", True
                )
        result.append(change)
    return result


def _read_previous(path: Path) -> dict[str, Any] | None:
    """The previous record with its snapshot under `spec`, or None when there is none (or it
    cannot be read): the history then starts afresh."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if "spec" not in data:
            data["spec"] = stored.decode((path.parent / SNAPSHOT_FILE).read_bytes())
    except (OSError, ValueError, LZMAError):
        return None
    return data if {"version", "history", "spec"} <= data.keys() else None


def plan_release(previous_file: Path, snapshot: Snapshot, spec_hash: str) -> Release:
    """The release for a spec: unchanged if the spec is, else a new version with its changes."""
    previous = _read_previous(previous_file)
    if previous is None:
        history = [Entry(INITIAL_VERSION, spec_hash, [])]
    else:
        history = [_entry_from_json(e) for e in previous["history"]]
        if history[0].spec_hash != spec_hash:
            changes = _deprecated_since(diff_snapshots(previous["spec"], snapshot), history)
            history.insert(0, Entry(bump(previous["version"], changes), spec_hash, changes))
    record = {"version": history[0].version, "history": [_entry_json(e) for e in history]}
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    return Release(history[0].version, history, text, stored.dump(snapshot))
