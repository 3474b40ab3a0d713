"""Present an oracle run: the committed Markdown report, per-page text for the CLI, and JSON."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from tcgen.sources.corpus.compare import (
    CAPTURE,
    CLASSES,
    FIELDS,
    NOTE_OUTCOMES,
    PAGE_TEXT_FIELDS,
    SDK_FIELDS,
    Disagreement,
    summarise,
)
from tcgen.sources.corpus.oracle import Run
from tcgen.sources.corpus.release import PACKAGE, RELEASE, SDK_PACKAGE, sdk_release

JSON = dict[str, Any]
SIDE_NAMES = {"page": "page's own", "capture": "capture's fault"}
WHY_RELEASE = (
    "The corpus is a snapshot of tencentyun/intlcloud-documents from late 2024 (its README; "
    "the commit cannot be dated offline, and the pages themselves carry no dates). "
    f"`{PACKAGE}` {RELEASE} was uploaded to PyPI on 2024-11-12 (it is the newest release "
    "`pip index versions --uploaded-prior-to 2024-11-13` lists, and its files are stamped "
    "2024-11-12), the middle of that window: 3.0.1053.1 is the last release before "
    "2024-11-01 and 3.0.1070.1 the last before 2024-12-01; it is also the release the corpus "
    "README names. The choice hardly matters, and never for capture's faults, which are "
    "judged against the page text: judged on the reference reading, the pages' own "
    "disagreements are 1979 with 3.0.1037.1 (October), 1996 with 3.0.1053.1, 1998 with "
    "3.0.1060.1, 2021 with 3.0.1070.1 and 2027 with 3.0.1091.1 (December); later models only "
    "add parameters the (mostly older) pages do not list, and 127 pages have no model in any "
    "of them."
)


def pattern(message: str) -> str:
    """A problem message with its particulars removed, to group problems by kind."""
    text = re.sub(r"'[^']*'", "'…'", message)
    text = re.sub(r'"[^"]*"', '"…"', text)
    text = re.sub(r"\bL\d+\b", "L…", text)
    text = re.sub(r"\d+", "N", text)
    text = re.sub(r"\btype \w+ is", "type … is", text)
    text = re.sub(r"import-tccli \w+", "import-tccli …", text)
    return text[:140]


def class_counts(run: Run) -> dict[str, tuple[int, int, Disagreement, str]]:
    """Class -> (disagreements, pages, an example, its page), in `CLASSES` order."""
    found: dict[str, list[tuple[str, Disagreement]]] = defaultdict(list)
    for result in run.pages:
        for item in result.disagreements:
            found[item.cls].append((result.file, item))
    counts = {}
    for cls in CLASSES:
        if cls in found:
            items = found[cls]
            pages = len({file for file, _ in items})
            counts[cls] = (len(items), pages, items[0][1], items[0][0])
    return counts


def reasons(run: Run, cls: str) -> list[tuple[str, int, str]]:
    """The detail patterns of one class (lost pages, problems), most pages first."""
    by_pattern: dict[str, set[str]] = defaultdict(set)
    example: dict[str, str] = {}
    for result in run.pages:
        for item in result.disagreements:
            if item.cls == cls:
                key = pattern(item.detail)
                by_pattern[key].add(result.file)
                example.setdefault(key, result.file)
    ranked = sorted(by_pattern.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(key, len(files), example[key]) for key, files in ranked]


def problem_patterns(run: Run) -> list[tuple[str, int, int, str]]:
    """(problem kind, lost pages, captured pages, an example page), most pages first."""
    lost: dict[str, set[str]] = defaultdict(set)
    kept: dict[str, set[str]] = defaultdict(set)
    example: dict[str, str] = {}
    for result in run.pages:
        for problem in result.problems:
            key = pattern(problem)
            (kept if result.captured else lost)[key].add(result.file)
            example.setdefault(key, result.file)
    keys = sorted(example, key=lambda k: (-len(lost[k]) - len(kept[k]), k))
    return [(key, len(lost[key]), len(kept[key]), example[key]) for key in keys]


def _share(checks: int, agreed: int) -> str:
    return f"{100 * agreed / checks:.1f}%" if checks else "-"


def _cell(text: str, limit: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Corpus:
    """One corpus of the report: its directory as the report names it, where its pages come
    from (`corpus.describe`), its run, and the same pages judged on the raw reader's reading."""

    name: str
    origin: str
    run: Run
    reference: Run | None = None


def markdown(corpora: list[Corpus]) -> str:
    """The committed report: the first corpus in full, then each other one (the oldest
    revisions), then what the pages say beyond their tables, over all of them."""
    first, others = corpora[0], corpora[1:]
    names = " and ".join(f"`{c.name}`" for c in corpora)
    lines = [
        "# Capture against Tencent's machine model: the real-page corpus",
        "",
        "Generated by `nox -s capture_corpus` (`python -m tcgen.sources.corpus --markdown`); "
        "do not edit.",
        f"Every page of {names} is captured in memory by `tcgen.sources.capture` and "
        f"compared with the same action in `{PACKAGE}` {RELEASE}, converted by the importer. "
        "Each disagreement is judged against the raw page text: **page's own** when the page "
        "really says something other than the model, **capture's fault** when the page says "
        "what the model says (or capture lost or misread the page). Run "
        "`python -m tcgen.sources.corpus --service cvm --lang en` (`--history` for the oldest "
        "revisions) for the disagreements page by page.",
        "",
        "## Summary",
        "",
        *_summary(first),
        "",
        "## Release",
        "",
        WHY_RELEASE,
        "",
        *_sections(first, "##"),
    ]
    for corpus in others:
        lines += [
            "",
            f"## The oldest revisions: `{corpus.name}`",
            "",
            "The same actions as they were first published: older wordings, compared with the "
            "same release (a page of a version the release no longer has is `version.page`).",
            "",
            *_summary(corpus),
            "",
            *_sections(corpus, "###"),
        ]
    lines += ["", *_notes(corpora), "", *NOT_COMPARED]
    return "\n".join(lines)


def _summary(corpus: Corpus) -> list[str]:
    run = corpus.run
    total = len(run.pages)
    by_lang = Counter(r.lang for r in run.pages)
    captured_by_lang = Counter(r.lang for r in run.pages if r.captured)
    faults = sum(len(r.faults()) for r in run.pages)
    own = sum(len(r.disagreements) - len(r.faults()) for r in run.pages)
    clean = sum(r.captured and not r.faults() for r in run.pages)
    compared = sum(r.model is not None for r in run.pages)
    languages = ", ".join(f"{n} {lang}" for lang, n in sorted(by_lang.items()))
    return [
        f"- corpus: {total} pages ({languages}), {corpus.origin}",
        f"- model release: `{PACKAGE}=={RELEASE}`",
        f"- **pages captured: {run.captured}/{total}** ("
        + ", ".join(f"{lang} {captured_by_lang[lang]}/{n}" for lang, n in sorted(by_lang.items()))
        + ")",
        f"- pages with a model of their action: {compared}/{total}",
        f"- pages captured with no capture-side disagreement: {clean}/{total}",
        f"- **disagreements: {faults} capture's fault**, {own} the page's own",
    ]


def _sections(corpus: Corpus, level: str) -> list[str]:
    """Agreement per field, classes of disagreement and problems of one corpus."""
    run, reference = corpus.run, corpus.reference
    lines = [
        f"{level} Agreement per field",
        "",
        "Checks over the captured pages (a parameter, member or example is one check each; a "
        "page is one check of `page`; an error code is one check of `errorCodes`). tccli's "
        "models have no error codes: they are checked against the page's table and the SDK's "
        "codes for the service (*page, SDK*); the rate limit against the page text only.",
        "",
        "The *reference* columns judge the raw page reader's own reading "
        "(`python -m tcgen.sources.corpus --reference`) the same way: what a capture that "
        "reads every "
        "page as written reaches, so a faithful capture ends with the reference's numbers.",
        "",
        "| field | against | checks | agreed | agreement | reference |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    baseline = summarise(reference.pages) if reference is not None else {}
    for name, (checks, agreed) in summarise(run.pages).items():
        against = "page text" if name in PAGE_TEXT_FIELDS else "model"
        against = "page, SDK" if name in SDK_FIELDS else against
        if name == "page":
            against = "-"
        ref = _share(*baseline[name]) if name in baseline else "-"
        lines.append(
            f"| {name} | {against} | {checks} | {agreed} | {_share(checks, agreed)} | {ref} |"
        )
    lines += [
        "",
        f"{level} Classes of disagreement",
        "",
        "Each class with one example (page, subject, what each side says). *reference*: the "
        "count when the raw reader's reading is judged instead of capture's.",
        "",
        "| class | side | disagreements | pages | reference | example |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    counts = class_counts(run)
    ref_counts = class_counts(reference) if reference is not None else {}
    for side in (CAPTURE, "page"):
        for cls in CLASSES:
            if CLASSES[cls].side != side or (cls not in counts and cls not in ref_counts):
                continue
            number, pages, item, file = counts.get(cls) or (0, 0, *ref_counts[cls][2:])
            ref = str(ref_counts[cls][0]) if cls in ref_counts else "0"
            subject = "" if item.subject == file else f" {item.subject}:"
            example = _cell(f"`{file}`{subject} {item.detail}")
            title = CLASSES[cls].title
            lines.append(
                f"| `{cls}` {title} | {SIDE_NAMES[side]} | {number} | {pages} | {ref} | "
                f"{example} |"
            )
    if not counts:
        lines.append("| (none) | | 0 | 0 | | |")
    ranked = problem_patterns(run)
    if ranked:
        lines += [
            "",
            f"{level} What capture reported, by kind",
            "",
            "Every problem capture reported, its particulars removed (the first one is the "
            "reason a lost page gives above); a page counts once per kind.",
            "",
            "| problem | lost pages | captured pages | example |",
            "| --- | ---: | ---: | --- |",
        ]
        for key, lost, kept, file in ranked[:40]:
            lines.append(f"| {_cell(key)} | {lost} | {kept} | `{file}` |")
        if len(ranked) > 40:
            lines.append(f"| ({len(ranked) - 40} more kinds) | | | |")
    return lines


def _notes(corpora: list[Corpus]) -> list[str]:
    """How many example values and null notes the pages' prose states, and how tccli agrees."""
    lines = [
        "## Beyond the tables: example values and null notes",
        "",
        "What the descriptions state (`Example value: 10`, `示例值：10`; `This field may return "
        "null`, `此字段可能返回 null`), captured where unambiguous (`tcgen.sources.capture.notes`)"
        " and kept over tccli's by the merge, against the model's `example` and `nullable` of "
        "the same parameter: *agrees*, *differs*, *model has none* (tccli gives no example, or "
        "does not mark the field nullable), *no model parameter* (the release has no model of "
        "the action or not that parameter).",
        "",
        "| corpus | language | stated | " + " | ".join(NOTE_OUTCOMES) + " |",
        "| --- | --- | --- | " + " | ".join("---:" for _ in NOTE_OUTCOMES) + " |",
    ]
    for corpus in corpora:
        for lang in sorted({r.lang for r in corpus.run.pages}):
            totals: Counter[tuple[str, str]] = Counter()
            for result in corpus.run.pages:
                if result.lang == lang:
                    totals.update(result.notes)
            for key, label in (("example", "example values"), ("nullable", "null notes")):
                counts = [totals[(key, outcome)] for outcome in NOTE_OUTCOMES]
                lines.append(
                    f"| `{corpus.name}` | {lang} | {sum(counts)} {label} | "
                    + " | ".join(map(str, counts))
                    + " |"
                )
    return lines


NOT_COMPARED = [
    "## What is not compared, and why",
    "",
    "- Structures: the corpus has no Data Types pages and no nested member rows "
    "(`Filters.N.Name`), so its pages define no structure members; any structure capture "
    "yields is compared member by member with the model's of the same name.",
    "- Error codes and rate limits: tccli's models carry neither. Each error code is "
    "compared with the page's own table (read by `tcgen.sources.corpus.rawpage`) and with the "
    f"service version's codes in `{SDK_PACKAGE}` {sdk_release(RELEASE)} (`errorcodes.py`, "
    "per service, not per action), the SDK release tccli's depends on; the rate limit "
    "with the page's rate-limit line.",
    "- Descriptions: model and page are edited apart, so an English description agrees "
    "when its word-sequence similarity with the model's, or the share of the model's "
    "words it holds, is at least 0.5; and in either language 90% of the words of the "
    "page's description prose must be in the captured one. Chinese pages are checked "
    "against their own prose only (the model is English).",
    "- A page of an API version the release no longer has (`version.page`) is compared "
    "with the newest version that has the action.",
    "- Services the release does not ship (`model.no-service`): only the page-text checks.",
    "",
]


def page_text(run: Run, verbose: bool = False, only: str | None = None) -> str:
    """Per-page disagreements for the command line: faults first, the page's own on request;
    `only`: just the disagreements whose class starts with it, on the pages that have them."""
    out = []
    for result in run.pages:
        faults = result.faults()
        own = [d for d in result.disagreements if d.side != CAPTURE]
        shown = faults + (own if verbose or only else [])
        if only is not None:
            shown = [d for d in shown if d.cls.startswith(only)]
            if not shown:
                continue
        status = "captured" if result.captured else "LOST"
        out.append(
            f"{result.file}: {status}, model {result.model or '-'}, "
            f"{len(faults)} capture fault(s), {len(own)} page's own"
        )
        for item in shown:
            tag = "FAULT" if item.side == CAPTURE else "page "
            out.append(f"  {tag} {item.cls}: {item.subject}: {item.detail}")
    out.append("")
    rate = len(run.pages) / run.capture_seconds if run.capture_seconds else 0.0
    out.append(f"capture took {run.capture_seconds:.2f} s ({rate:.0f} pages/s)")
    out.append(summary_line(run))
    return "\n".join(out)


def faults_text(run: Run, limit: int = 60) -> str:
    """The capture faults, page by page (at most `limit` lines), then the summary: for tests."""
    out = []
    for result in run.pages:
        for item in result.faults():
            out.append(f"{result.file}: {item.cls}: {item.subject}: {item.detail}")
    shown = out[:limit] + ([f"... and {len(out) - limit} more"] if len(out) > limit else [])
    return "\n".join([*shown, summary_line(run)])


def summary_line(run: Run) -> str:
    faults = sum(len(r.faults()) for r in run.pages)
    own = sum(len(r.disagreements) - len(r.faults()) for r in run.pages)
    return (
        f"captured {run.captured}/{len(run.pages)} pages; {faults} capture fault(s), "
        f"{own} page's own; model {PACKAGE} {RELEASE}"
    )


def as_json(run: Run) -> JSON:
    return {
        "release": f"{PACKAGE}=={RELEASE}",
        "pages": len(run.pages),
        "captured": run.captured,
        "fields": {
            name: dict(zip(("checks", "agreed"), v, strict=True))
            for name, v in summarise(run.pages).items()
        },
        "classes": {
            cls: {"side": CLASSES[cls].side, "disagreements": n, "pages": p}
            for cls, (n, p, _, _) in class_counts(run).items()
        },
        "results": [
            {
                "file": r.file,
                "captured": r.captured,
                "model": r.model,
                "checks": r.checks,
                "disagreements": [
                    {"class": d.cls, "side": d.side, "subject": d.subject, "detail": d.detail}
                    for d in r.disagreements
                ],
            }
            for r in run.pages
        ],
    }


__all__ = ["FIELDS", "Corpus", "as_json", "markdown", "page_text", "summary_line"]
