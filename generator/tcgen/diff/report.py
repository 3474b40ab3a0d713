"""`tcgen diff` output: the judged changes as text, JSON, Markdown or JUnit XML (for CI).

Every change is listed, accepted ones too (marked with the policy's reason); the summary counts
changes per level, deprecations, accepted and failing changes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tcgen.diff.changes import BREAKING, WARNING
from tcgen.diff.policy import Acceptance, Verdict

FORMATS = ("text", "json", "markdown", "junit")
_LABELS = {BREAKING: "BREAKING", WARNING: "WARNING"}


@dataclass(frozen=True)
class Report:
    verdicts: list[Verdict]
    fail_on: str
    policy: str | None  # the policy file's path, when there is one
    unused: list[Acceptance]
    old: str
    new: str

    def counts(self) -> dict[str, int]:
        levels = Counter(v.change.level for v in self.verdicts)
        return {
            "changes": len(self.verdicts),
            "breaking": levels[BREAKING],
            "warning": levels[WARNING],
            "deprecated": sum(v.change.kind == "deprecated" for v in self.verdicts),
            "accepted": sum(v.accepted for v in self.verdicts),
            "failing": sum(v.fails for v in self.verdicts),
        }

    def summary(self) -> str:
        c = self.counts()
        return (
            f"{c['changes']} changes, {c['breaking']} breaking, {c['warning']} warnings, "
            f"{c['deprecated']} deprecations, {c['accepted']} accepted; "
            f"{c['failing']} failing --fail-on {self.fail_on}"
        )


def render(report: Report, style: str) -> str:
    return {"text": _text, "json": _json, "markdown": _markdown, "junit": _junit}[style](report)


def _unused_lines(report: Report) -> list[str]:
    return [
        f"policy {report.policy}: accepted[{a.index}] ({a.kind} {a.path}) matched no change"
        for a in report.unused
    ]


def _text(report: Report) -> str:
    lines = []
    for verdict in report.verdicts:
        change = verdict.change
        label = _LABELS.get(change.level, "")
        note = f" [{verdict.note}]" if verdict.note else ""
        lines.append(f"{label:<9}{change.location}: {change.detail}{note}")
    return "\n".join([*lines, *_unused_lines(report), report.summary()])


def _json(report: Report) -> str:
    counts = report.counts()
    data: dict[str, Any] = {
        "old": report.old,
        "new": report.new,
        "failOn": report.fail_on,
        "policy": report.policy,
        "total": counts.pop("changes"),
        **counts,
        "changes": [v.as_dict() for v in report.verdicts],
        "unusedAcceptances": [a.as_dict() | {"index": a.index} for a in report.unused],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(report: Report) -> str:
    lines = [f"**{report.summary()}**", ""]
    if report.verdicts:
        lines += ["| | where | change | policy |", "| --- | --- | --- | --- |"]
        for verdict in report.verdicts:
            change = verdict.change
            label = _LABELS.get(change.level, "")
            policy = "; ".join(filter(None, [verdict.note, "fails" if verdict.fails else ""]))
            lines.append(
                f"| {label} | `{change.location}` | {_cell(change.detail)} | {_cell(policy)} |"
            )
    lines += [f"- {line}" for line in _unused_lines(report)]
    return "\n".join(lines)


def _junit(report: Report) -> str:
    """One testcase per change, grouped in a testsuite per service version; a change that
    fails the policy is a failure, every other change passes (accepted ones say why)."""
    counts = report.counts()
    root = ET.Element(
        "testsuites",
        name="tcgen diff",
        tests=str(counts["changes"]),
        failures=str(counts["failing"]),
        errors="0",
    )
    suites: dict[str, list[Verdict]] = {}
    for verdict in report.verdicts:
        suites.setdefault(verdict.change.location.split(" ", 1)[0], []).append(verdict)
    for name, verdicts in suites.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=name,
            tests=str(len(verdicts)),
            failures=str(sum(v.fails for v in verdicts)),
            errors="0",
            skipped="0",
        )
        for verdict in verdicts:
            change = verdict.change
            case = ET.SubElement(
                suite,
                "testcase",
                classname=name,
                name=f"{change.location}: {change.detail}",
            )
            properties = ET.SubElement(case, "properties")
            for key, value in (
                ("kind", change.kind),
                ("level", change.level),
                ("accepted", str(verdict.accepted).lower()),
            ):
                ET.SubElement(properties, "property", name=key, value=value)
            if verdict.fails:
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=change.level,
                    message=f"{change.level} change fails --fail-on {report.fail_on}",
                )
                failure.text = f"{change.location}: {change.detail}"
                if verdict.note:
                    failure.text += f"\n{verdict.note}"
            elif verdict.note:
                ET.SubElement(case, "system-out").text = verdict.note
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
