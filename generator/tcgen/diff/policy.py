"""What `tcgen diff` fails on: a `--fail-on` level and the spec tree's policy file.

`spec/diff-policy.json` (schema: `spec/schema/diff-policy.schema.json`) lists changes a team
has reviewed and accepted, each by kind and path (the location the diff prints; `*` matches
any run of characters) with a reason and optionally an expiry date. An accepted change is still
reported, marked accepted with its reason, and never fails the run; after its expiry date the
acceptance no longer applies and the report says that it expired.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from tcgen.diff.changes import BREAKING, WARNING, Change
from tcgen.spec import jsontext, paths
from tcgen.spec.problems import Problem, ProblemsError, display_path, json_pointer

FAIL_ON = ("breaking", "warning", "any", "none")
_FAILING_LEVELS = {
    "breaking": {BREAKING},
    "warning": {BREAKING, WARNING},
    "any": {BREAKING, WARNING, "compatible"},
    "none": set(),
}


def fails_level(change: Change, fail_on: str) -> bool:
    """Whether the change is at or above the `--fail-on` level (before any acceptance)."""
    return change.level in _FAILING_LEVELS[fail_on]


@dataclass(frozen=True)
class Acceptance:
    """One entry of the policy's `accepted` list."""

    index: int
    kind: str
    path: str
    reason: str
    expires: date | None

    def matches(self, change: Change) -> bool:
        return self.kind == change.kind and fnmatchcase(change.location, self.path)

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "path": self.path, "reason": self.reason}
        if self.expires is not None:
            data["expires"] = self.expires.isoformat()
        return data


@dataclass(frozen=True)
class Verdict:
    """A change as the policy sees it: accepted or not, failing the run or not."""

    change: Change
    acceptance: Acceptance | None  # the entry that matched (possibly expired)
    accepted: bool
    fails: bool

    @property
    def note(self) -> str:
        """`accepted: <reason>` / `acceptance expired on <date>: <reason>`, or empty."""
        entry = self.acceptance
        if entry is None:
            return ""
        if not self.accepted:
            return f"acceptance expired on {entry.expires}: {entry.reason}"
        until = f" (until {entry.expires})" if entry.expires is not None else ""
        return f"accepted{until}: {entry.reason}"

    def as_dict(self) -> dict[str, Any]:
        data = {
            "location": self.change.location,
            "kind": self.change.kind,
            "detail": self.change.detail,
            "level": self.change.level,
            "breaking": self.change.breaking,
            "accepted": self.accepted,
            "fails": self.fails,
        }
        if self.acceptance is not None:
            data["acceptance"] = {**self.acceptance.as_dict(), "expired": not self.accepted}
        return data


@dataclass(frozen=True)
class Policy:
    """The accepted changes of a spec tree (empty when the tree has no policy file)."""

    source: str | None = None
    accepted: tuple[Acceptance, ...] = ()

    def judge(self, changes: list[Change], fail_on: str, today: date) -> list[Verdict]:
        verdicts = []
        for change in changes:
            matching = [a for a in self.accepted if a.matches(change)]
            live = [a for a in matching if not a.expired(today)]
            entry = live[0] if live else matching[0] if matching else None
            accepted = bool(live)
            fails = not accepted and fails_level(change, fail_on)
            verdicts.append(Verdict(change, entry, accepted, fails))
        return verdicts

    def unused(self, verdicts: list[Verdict]) -> list[Acceptance]:
        """Entries that matched no change: stale, or a path with a typo."""
        used = {v.acceptance.index for v in verdicts if v.acceptance is not None}
        return [a for a in self.accepted if a.index not in used]


def policy_schema_path(spec_dir: Path) -> Path:
    """The tree's own policy schema when it has one, else the one shipped with tcgen."""
    own = spec_dir / "schema" / paths.POLICY_SCHEMA_FILE
    return own if own.exists() else paths.BUNDLED_POLICY_SCHEMA


def load_policy(path: Path, schema_file: Path = paths.BUNDLED_POLICY_SCHEMA) -> Policy:
    """Read and validate a policy file; every problem located by JSON pointer, all at once."""
    label = display_path(path)
    try:
        data = jsontext.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemsError([Problem(label, "", f"cannot read: {exc}")]) from None
    except json.JSONDecodeError as exc:
        message = f"invalid JSON at line {exc.lineno}: {exc.msg}"
        raise ProblemsError([Problem(label, "", message)]) from None
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    errors = Draft202012Validator(schema).iter_errors(data)
    problems = [Problem(label, json_pointer(e.absolute_path), e.message) for e in errors]
    if problems:
        raise ProblemsError(problems)
    accepted = []
    for index, entry in enumerate(data["accepted"]):
        expires = None
        if "expires" in entry:
            try:
                expires = date.fromisoformat(entry["expires"])
            except ValueError:
                pointer = json_pointer(["accepted", index, "expires"])
                problems.append(Problem(label, pointer, f"not a date: {entry['expires']!r}"))
                continue
        accepted.append(Acceptance(index, entry["kind"], entry["path"], entry["reason"], expires))
    if problems:
        raise ProblemsError(problems)
    return Policy(label, tuple(accepted))


def tree_policy(spec_dir: Path) -> Policy:
    """The policy kept with a spec tree (`<spec>/diff-policy.json`), or an empty one."""
    path = spec_dir / paths.POLICY_FILE
    if not path.exists():
        return Policy()
    return load_policy(path, policy_schema_path(spec_dir))
