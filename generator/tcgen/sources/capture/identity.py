"""A page's identity (its action, version and service) from every place the page states it.

A page names itself several times: the common Action and Version rows of its input table, the
endpoint line (`Domain name for API request: cvm.tencentcloudapi.com`), the API Explorer link
(`?Product=cvm&Version=2017-03-12&Action=...`), its examples (`?Action=...`, `&Version=`,
`X-TC-Action:`, `X-TC-Version:`, the request host) and its description (`This API
(DescribeInstances) is used to...`, the last resort). Each place is read on its own, so no
single place can lose the page: the first place that states a value gives it (rows, then the
endpoint line, then the link and the examples in page order, then the description), and every
other place stating another value is a warning naming both lines. (A majority of places was
tried and is worse: on the corpus the copied-in example or link outvotes a right row.)

The Version row is read as meant when machine translation rewrote its date (`2/28/2018`,
`28/2/2018`, `Feb 28, 2018`, `2018年2月28日`): each reading of the date is a candidate, and the one
the other places state is the version. When no other place states one, an unambiguous date is
taken as it reads, an ambiguous one (`3/4/2018`) month first (how such translation writes
dates); either way with a warning naming the line. A row the other places contradict, or one
holding no date at all, yields to them, with a warning.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from tcgen.sources.capture import vocabulary
from tcgen.sources.capture.document import Block, Code, Document, Table
from tcgen.sources.capture.report import Report

_QUERY = r"(?:[?&]|&amp;)"  # HTML writes a link's `&` as `&amp;`
_ACTION = re.compile(rf"{_QUERY}Action=([A-Z][A-Za-z0-9]+)|X-TC-Action:\s*([A-Z][A-Za-z0-9]+)")
_VERSION = re.compile(
    rf"{_QUERY}Version=(\d{{4}}-\d{{2}}-\d{{2}})|X-TC-Version:\s*(\d{{4}}-\d{{2}}-\d{{2}})"
)
_REQUEST_HOST = re.compile(
    r"(?:https?://|Host:\s*)([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.tencentcloudapi\.com)"
)
_NAMED = re.compile(  # `This API (DescribeInstances) is used to ...`, `本接口（DescribeInstances）`
    r"(?:This API|This interface|本接口|该接口|此接口)\s*[(（]\s*`?([A-Z][A-Za-z0-9]+)`?\s*[)）]"
)
_PRODUCT = re.compile(rf"{_QUERY}Product=([a-z][a-z0-9]*)")
_HOST_SUFFIX = ".tencentcloudapi.com"


@dataclass(frozen=True)
class Statement:
    """One place stating a value: what it says, its line and what the place is."""

    value: str
    line: int
    place: str

    def __str__(self) -> str:
        return f"{self.place} (line {self.line}) says {self.value}"


@dataclass(frozen=True)
class Identity:
    """The action name, version and API host of a page; None where no place states it."""

    action: str | None
    version: str | None
    host: str | None

    @property
    def service(self) -> str | None:
        return self.host.split(".", 1)[0] if self.host else None


def read(document: Document, rows: dict[str, list[Statement]], report: Report) -> Identity:
    """The page's identity; `rows` are what the common rows state, raw (`Action`, `Version`:
    a page may hold a mislabelled one, `| Version | ... | DescribeX |`)."""
    texts = list(_lines(document))
    actions = _found(_ACTION, texts) + _found(_NAMED, texts, "the description")
    versions = _found(_VERSION, texts)
    hosts = _hosts(document.blocks, texts)
    action = next((row for row in rows.get("Action", []) if row.value), None)
    if action is not None:
        actions.insert(0, action)
    elif rows.get("Action") and actions:
        report.warn(rows["Action"][0].line, f"the Action row names no action: {actions[0]}")
    version = _version(_version_row(rows.get("Version", [])), versions, report)
    if version is not None:
        versions.insert(0, version)
    chosen_host = _agreed(hosts, "service", report, key=lambda h: h.split(".", 1)[0])
    return Identity(
        _agreed(actions, "action", report), _agreed(versions, "version", report), chosen_host
    )


def _agreed(
    statements: list[Statement],
    what: str,
    report: Report,
    key: Callable[[str], str] = str,
) -> str | None:
    """The first statement's value (the rows are first: on real pages a wrong place is an
    example or a link copied from another page far more often than the row); each place
    saying another value is a warning."""
    if not statements:
        return None
    first = statements[0]
    told = {key(first.value)}
    for other in statements:
        if key(other.value) not in told:
            told.add(key(other.value))
            report.warn(other.line, f"the page's {what} disagrees: {first}, {other}")
    return first.value


def _version_row(rows: list[Statement]) -> Statement | None:
    """The Version row that states a version: a date as is, else a date in another order."""
    return next(
        (r for r in rows if vocabulary.DATE_VERSION.search(r.value)),
        next((r for r in rows if translated_date(r.value)[1]), rows[0] if rows else None),
    )


def _version(row: Statement | None, others: list[Statement], report: Report) -> Statement | None:
    """The Version row's version, read as meant (module docstring); None: the others decide."""
    if row is None:
        return None
    iso = vocabulary.DATE_VERSION.search(row.value)
    if iso is not None:
        return Statement(iso.group("value"), row.line, row.place)
    written, candidates = translated_date(row.value)
    stated = [s for s in others if s.value in candidates]
    if stated:
        report.warn(
            row.line, f"Version row writes {written!r}: read as {stated[0].value} ({stated[0]})"
        )
        return Statement(stated[0].value, row.line, row.place)
    if others:
        said = f"{written!r}" if candidates else f"no date ({row.value!r})"
        report.warn(row.line, f"Version row gives {said}: read as {others[0].value} ({others[0]})")
        return None
    if not candidates:
        return None
    kind = "an ambiguous date, read month first" if len(candidates) > 1 else "a date"
    report.warn(row.line, f"Version row writes {kind} {written!r}: read as {candidates[0]}")
    return Statement(candidates[0], row.line, row.place)


def translated_date(text: str) -> tuple[str, list[str]]:
    """The first date written in another order in `text`, and its readings as `YYYY-MM-DD`
    (month-first first; empty when `text` holds none)."""
    for pattern in vocabulary.TRANSLATED_DATES:
        found = pattern.search(text)
        if found is None:
            continue
        groups = found.groupdict()
        year = int(groups["year"])
        if groups.get("a") is not None:
            a, b = int(groups["a"]), int(groups["b"])
            orders = [(a, b), (b, a)]
        else:
            month = groups["month"]
            number = vocabulary.MONTHS.get(month.lower()) or int(month)
            orders = [(number, int(groups["day"]))]
        readings = [date for month, day in orders if (date := _iso(year, month, day))]
        if readings:
            return found.group(0), list(dict.fromkeys(readings))
    return "", []


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _lines(document: Document) -> Iterator[tuple[int, str, str]]:
    """Every line of the page as written, with its number and what kind of place it is (the
    blocks' text where the page came without its lines)."""
    code = {
        block.line + offset
        for block in document.blocks
        if isinstance(block, Code)
        for offset in range(block.text.count("\n") + 1)
    }
    numbered = enumerate(document.lines, 1) if document.lines else _block_lines(document.blocks)
    for number, text in numbered:
        if "explorer" in text.lower():
            place = "the API Explorer link"
        else:
            place = "an example" if number in code else "the text"
        yield number, text, place


def _block_lines(blocks: Iterable[Block]) -> Iterator[tuple[int, str]]:
    for block in blocks:
        if isinstance(block, Table):
            yield from ((row.line, " ".join(row.cells)) for row in block.rows)
        else:
            yield from ((block.line + n, text) for n, text in enumerate(block.text.split("\n")))


def _found(
    pattern: re.Pattern[str], texts: list[tuple[int, str, str]], named: str = ""
) -> list[Statement]:
    return [
        Statement(next(g for g in found.groups() if g is not None), line, named or place)
        for line, text, place in texts
        for found in pattern.finditer(text)
    ]


def _hosts(blocks: Iterable[Block], texts: list[tuple[int, str, str]]) -> list[Statement]:
    """The API host: the endpoint line first, then request hosts and Explorer products."""
    prose = (b for b in blocks if not isinstance(b, (Table, Code)))
    labelled = [
        Statement(found.group("host").lower(), line, "the endpoint line")
        for line, text in _block_lines(prose)
        if (found := vocabulary.ENDPOINT.search(vocabulary.clean(text)))
    ]
    stated = [
        Statement(value.lower(), line, place)
        for line, text, place in texts
        for pattern, suffix in ((_REQUEST_HOST, ""), (_PRODUCT, _HOST_SUFFIX))
        for found in pattern.finditer(text)
        if (value := found.group(1) + suffix)
    ]
    return labelled + stated
