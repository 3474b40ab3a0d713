"""Compare a captured page with the model of its action, field by field, and judge each difference.

Every check counts towards its field's agreement; every failed check is a `Disagreement` in one
class of `CLASSES`, and the class says whose it is:

- `page`: the page's own. The raw page text (`rawpage`) says something other than the model:
  the model's parameter has no row on the page, the row's type or Required cell differs, the
  page's example differs, the release has no model of the action.
- `capture`: capture's fault. The page text says what the model says (or what capture should
  have read) and capture produced something else, or capture lost the page or complained.

tccli's models carry neither error codes nor rate limits. Error codes are checked against the
page's table and against the service's codes in the SDK release tccli's depends on
(`errorcodes.py`); the rate limit against the page text alone.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from tcgen.sources.corpus.capturing import PageCapture
from tcgen.sources.corpus.models import ModelAction
from tcgen.sources.corpus.rawpage import RawPage, RawRow, flatten
from tcgen.spec import typesys

JSON = dict[str, Any]
Side = Literal["page", "capture"]
PAGE: Side = "page"
CAPTURE: Side = "capture"

FIELDS = (
    "page",
    "action",
    "service",
    "version",
    "endpoint",
    "description",
    "input",
    "output",
    "structures",
    "examples",
    "errorCodes",
    "rateLimit",
)
PAGE_TEXT_FIELDS = frozenset({"rateLimit"})  # no model data: page text only
SDK_FIELDS = frozenset({"errorCodes"})  # from the SDK release tccli's depends on


@dataclass(frozen=True)
class DisagreementClass:
    field: str
    side: Side
    title: str


CLASSES: dict[str, DisagreementClass] = {
    c_id: DisagreementClass(*spec)
    for c_id, spec in {
        "page.lost": ("page", CAPTURE, "page lost: capture produced no action"),
        "page.raised": ("page", CAPTURE, "capture raised an exception"),
        "page.problem": ("page", CAPTURE, "capture reported a problem on a captured page"),
        "page.bad-example": ("examples", PAGE, "an example on the page is not valid JSON"),
        "page.linked-type": (
            "page",
            PAGE,
            "the page only links to a type; its members are on a Data Types page the corpus "
            "does not hold",
        ),
        "model.no-service": ("action", PAGE, "the release has no model of the page's service"),
        "model.no-action": ("action", PAGE, "the release's service has no such action"),
        "action.capture": ("action", CAPTURE, "captured action name differs from the page's"),
        "service.capture": ("service", CAPTURE, "captured service differs from the page's"),
        "version.capture": ("version", CAPTURE, "captured version differs from the page's"),
        "version.page": ("version", PAGE, "the page's version is not the model's"),
        "endpoint.capture": ("endpoint", CAPTURE, "captured endpoint differs from the page's"),
        "endpoint.page": ("endpoint", PAGE, "the page names another endpoint than the model"),
        "description.capture": (
            "description",
            CAPTURE,
            "captured description is not the page's",
        ),
        "description.page": (
            "description",
            PAGE,
            "the page's description differs from the model's",
        ),
        "structures.unknown.page": (
            "structures",
            PAGE,
            "a structure the page names is not in the model",
        ),
        "structures.unknown.capture": (
            "structures",
            CAPTURE,
            "capture made up a structure name the page does not use",
        ),
        "examples.count.capture": (
            "examples",
            CAPTURE,
            "capture read another number of examples than the page has",
        ),
        "examples.count.page": (
            "examples",
            PAGE,
            "the page has another number of examples than the model",
        ),
        "examples.params.capture": (
            "examples",
            CAPTURE,
            "captured example request differs from the page's",
        ),
        "examples.params.page": (
            "examples",
            PAGE,
            "the page's example request has other parameters than the model's",
        ),
        "examples.values.page": (
            "examples",
            PAGE,
            "the page's example request has the model's parameters with other values",
        ),
        "errorCodes.not-captured": (
            "errorCodes",
            CAPTURE,
            "an error code in the page's table was not captured",
        ),
        "errorCodes.invented": (
            "errorCodes",
            CAPTURE,
            "captured an error code the page's table does not list",
        ),
        "errorCodes.not-in-model": (
            "errorCodes",
            PAGE,
            "the page lists an error code the release's SDK does not define for the service",
        ),
        "rateLimit.capture": ("rateLimit", CAPTURE, "captured rate limit differs from the page's"),
    }.items()
}
for _where in ("input", "output", "structures"):
    _noun = "member" if _where == "structures" else "parameter"
    CLASSES |= {
        f"{_where}.not-captured": DisagreementClass(
            _where, CAPTURE, f"a {_noun} the page has (and the model too) was not captured"
        ),
        f"{_where}.not-on-page": DisagreementClass(
            _where, PAGE, f"the model has a {_noun} the page does not list"
        ),
        f"{_where}.only-on-page": DisagreementClass(
            _where, PAGE, f"the page lists a {_noun} the model does not have"
        ),
        f"{_where}.invented": DisagreementClass(
            _where, CAPTURE, f"captured a {_noun} that is neither on the page nor in the model"
        ),
        f"{_where}.type.capture": DisagreementClass(
            _where, CAPTURE, "captured type is not the page's (the page says the model's type)"
        ),
        f"{_where}.required.capture": DisagreementClass(
            _where, CAPTURE, "captured Required is not the page's (the page says the model's)"
        ),
        f"{_where}.required.unsaid": DisagreementClass(
            _where, PAGE, "the page's row has no Required cell; the model says"
        ),
        f"{_where}.required.page": DisagreementClass(
            _where, PAGE, "the page's Required differs from the model's"
        ),
    }
    for _kind, _title in {
        "array": "array on one side, not on the other",
        "structure": "another structure name",
        "number": "another kind of number (Integer/Float/String)",
        "time": "timestamp/date on one side, String on the other",
        "other": "another type",
    }.items():
        CLASSES[f"{_where}.type.page.{_kind}"] = DisagreementClass(
            _where, PAGE, f"the page's type differs from the model's: {_title}"
        )


@dataclass(frozen=True)
class Disagreement:
    """One difference: its class, what it is about and what each side says."""

    cls: str
    subject: str
    detail: str

    @property
    def side(self) -> Side:
        return CLASSES[self.cls].side

    @property
    def field(self) -> str:
        return CLASSES[self.cls].field


@dataclass
class PageResult:
    """A page's comparison: its checks per field and the disagreements found."""

    file: str
    lang: str
    service: str
    captured: bool
    model: str | None  # `cvm 2017-03-12` when the model has the action
    checks: dict[str, list[int]] = field(default_factory=dict)  # field -> [checks, agreed]
    disagreements: list[Disagreement] = field(default_factory=list)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # everything capture reported
    notes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, outcome) -> n

    def check(self, where: str, agreed: bool) -> None:
        tally = self.checks.setdefault(where, [0, 0])
        tally[0] += 1
        tally[1] += int(agreed)

    def add(self, cls: str, subject: str, detail: str) -> None:
        assert cls in CLASSES, cls
        self.disagreements.append(Disagreement(cls, subject, detail))

    def faults(self) -> list[Disagreement]:
        return [d for d in self.disagreements if d.side == CAPTURE]


def compare(
    capture: PageCapture, raw: RawPage, model: ModelAction | None, known: bool
) -> PageResult:
    """Judge one page; `known`: the release has the page's service at all."""
    page = capture.page
    result = PageResult(
        file=page.file,
        lang=page.lang,
        service=page.service,
        captured=capture.captured,
        model=f"{model.service} {model.version}" if model else None,
        seconds=capture.seconds,
        problems=list(capture.problems) + ([capture.error] if capture.error else []),
    )
    result.check("page", capture.captured)
    if capture.error is not None:
        result.add("page.raised", page.file, capture.error)
    if not capture.captured:
        reason = capture.error or (capture.problems[0] if capture.problems else "no problem said")
        result.add("page.lost", page.file, reason)
    else:
        _problems(result, capture, raw)
    if model is None:
        if not known:
            result.add("model.no-service", page.service, f"no model of service {page.service}")
        elif not page.is_types:
            result.add("model.no-action", page.action, f"no {page.action} in any model version")
    if page.is_types:
        if model is not None:
            _structures(result, capture, raw, model)
        for name, structure in capture.structures.items():
            _notes(result, structure, model.types.get(name, {}) if model else {})
        return result
    action = capture.action
    if action is None:
        return result
    _identity(result, capture, raw, model)
    _page_text(result, action, raw, model)
    _examples(result, action, raw, model)
    _notes(result, action, model.action if model else {})
    for name, structure in capture.structures.items():
        _notes(result, structure, model.types.get(name, {}) if model else {})
    if model is None:
        return result
    _description(result, action, raw, model, page.lang)
    for where in ("input", "output"):
        _parameters(result, where, action.get(where, []), model.action.get(where, []), raw)
    _structures(result, capture, raw, model)
    return result


NOTE_OUTCOMES = ("agrees", "differs", "model has none", "no model parameter")


def _notes(result: PageResult, captured: JSON, model: JSON) -> None:
    """What the page's prose stated (`source.pageNotes`: example values, null notes) against
    the model's `example` and `nullable` of the same parameter: counted, not judged (tccli's
    are the same words typed in elsewhere, so they agree or not)."""
    source = captured.get("source")
    stated = source.get("pageNotes", []) if isinstance(source, dict) else []
    for note in stated:
        where, name, key = note.split(".")
        ours = next((p for p in captured.get(where, []) if p["name"] == name), None)
        theirs = next((p for p in model.get(where, []) if p["name"] == name), None)
        if ours is None or theirs is None:
            outcome = "no model parameter"
        elif key not in theirs or (key == "nullable" and not theirs[key]):
            outcome = "model has none"
        else:
            outcome = "agrees" if _note_text(ours[key]) == _note_text(theirs[key]) else "differs"
        result.notes[(key, outcome)] += 1


def _note_text(value: object) -> str:
    return _value_text(value if isinstance(value, str) else json.dumps(value))


_LINKED_TYPE = re.compile(r"type (\w+) is only linked from the page")


def _defines(raw: RawPage, name: str) -> bool:
    """Whether the page itself has the type's members (a heading naming it over a table)."""
    return re.search(rf"^#+\s*`?{re.escape(name)}`?\s*$", raw.text, re.MULTILINE) is not None


def _problems(result: PageResult, capture: PageCapture, raw: RawPage) -> None:
    readable = all(example is not None for example in raw.examples)
    for problem in capture.problems:
        linked = _LINKED_TYPE.search(problem)
        if "not valid JSON" in problem and not readable:
            result.add("page.bad-example", result.file, problem)
        elif linked and not _defines(raw, linked.group(1)):
            result.add("page.linked-type", linked.group(1), problem)
        else:
            result.add("page.problem", result.file, problem)


def _identity(
    result: PageResult, capture: PageCapture, raw: RawPage, model: ModelAction | None
) -> None:
    action = capture.action or {}
    expected = raw.action or (model.action["action"] if model else None)
    result.check("action", action.get("action") == expected)
    if action.get("action") != expected:
        result.add("action.capture", str(expected), f"captured {action.get('action')!r}")
    page_service = raw.endpoint.split(".", 1)[0] if raw.endpoint else None
    expected_service = model.service if model is not None else page_service
    if expected_service is not None:  # a page naming another endpoint is `endpoint.page`
        agreed = capture.service in (expected_service, page_service)
        result.check("service", agreed)
        if not agreed:
            detail = f"captured {capture.service!r}, page {page_service!r}"
            result.add("service.capture", expected_service, detail)
    if raw.version is not None:
        agreed = capture.version == raw.version
        result.check("version", agreed)
        if not agreed:
            detail = f"captured {capture.version!r}, page {raw.version!r}"
            result.add("version.capture", raw.version, detail)
        elif model is not None and model.version != raw.version:
            result.checks["version"][1] -= 1
            detail = f"page {raw.version}, model has the action in {model.version} only"
            result.add("version.page", raw.version, detail)
    if model is not None or raw.endpoint is not None:
        expected_host = model.endpoint if model is not None else raw.endpoint
        agreed = capture.endpoint == expected_host
        result.check("endpoint", agreed)
        if agreed:
            return
        detail = f"captured {capture.endpoint!r}, page {raw.endpoint!r}, model {expected_host!r}"
        if raw.endpoint not in (None, expected_host) and capture.endpoint == raw.endpoint:
            result.add("endpoint.page", str(raw.endpoint), detail)
        else:
            result.add("endpoint.capture", str(expected_host), detail)


def _page_text(result: PageResult, action: JSON, raw: RawPage, model: ModelAction | None) -> None:
    """Error codes: each as the page lists it, and known to the SDK; the rate limit as written."""
    codes = [code["code"] for code in action.get("errorCodes", [])]
    known = model.error_codes if model is not None else None
    page_codes = raw.error_codes
    for code in page_codes:
        if code not in codes:
            result.check("errorCodes", False)
            result.add(
                "errorCodes.not-captured", code, f"on the page, not captured ({len(codes)} were)"
            )
    for code in dict.fromkeys(codes):
        if code not in page_codes:
            result.check("errorCodes", False)
            result.add("errorCodes.invented", code, "captured, but not in the page's table")
        elif known is not None and code not in known:
            result.check("errorCodes", False)
            detail = f"the SDK's {len(known)} codes of {model.service if model else '?'} lack it"
            result.add("errorCodes.not-in-model", code, detail)
        else:
            result.check("errorCodes", True)
    if raw.rate_limit is not None or "rateLimit" in action:
        agreed = action.get("rateLimit") == raw.rate_limit
        result.check("rateLimit", agreed)
        if not agreed:
            detail = f"captured {action.get('rateLimit')}, page {raw.rate_limit}"
            result.add("rateLimit.capture", str(raw.rate_limit), detail)


def _few(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


def words(text: str) -> list[str]:
    """Comparable units of prose: lower-case words, or characters of CJK text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text).lower()
    return re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text)


def similarity(left: str, right: str) -> float:
    a, b = words(left), words(right)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def containment(part: str, whole: str) -> float:
    """The share of `part`'s words (counted) that `whole` has too."""
    wanted = Counter(words(part))
    have = Counter(words(whole))
    total = sum(wanted.values())
    return sum(min(n, have[w]) for w, n in wanted.items()) / total if total else 1.0


DESCRIPTION_AGREES = 0.5  # English page vs English model: the same text, loosely
CAPTURE_KEEPS = 0.9  # the page's description prose found in the captured description


def _description(
    result: PageResult, action: JSON, raw: RawPage, model: ModelAction, lang: str
) -> None:
    captured = str(action.get("description", ""))
    page_text = raw.description()
    kept = containment(page_text, captured) >= CAPTURE_KEEPS
    if lang != "en":  # the model is English: a Chinese page is checked against its own text
        result.check("description", kept)
        if not kept:
            detail = f"captured {captured[:80]!r}, page {page_text[:80]!r}"
            result.add("description.capture", result.file, detail)
        return
    wanted = str(model.action.get("description", ""))
    agreed = max(similarity(captured, wanted), containment(wanted, captured)) >= DESCRIPTION_AGREES
    result.check("description", agreed and kept)
    if agreed and kept:
        return
    if not kept:
        detail = f"captured {captured[:80]!r}, page {page_text[:80]!r}"
        result.add("description.capture", result.file, detail)
    else:
        detail = f"captured {captured[:80]!r}, model {wanted[:80]!r}"
        result.add("description.page", result.file, detail)


def _integer(type_text: str) -> str:
    depth, element = typesys.array_depth(type_text)
    element = "Integer" if element in ("Int64", "UInt64") else element
    return typesys.ARRAY_PREFIX * depth + element


def same_type(left: str, right: str) -> bool:
    """Equal as the pages write them: `Integer` stands for tccli's `Int64`/`UInt64` too."""
    return _integer(typesys.normalise(left)) == _integer(typesys.normalise(right))


_NUMBERS = frozenset({"Integer", "Int64", "UInt64", "Float", "String"})
_TIMES = frozenset({"Timestamp", "Timestamp ISO8601", "Date"})


def type_difference(page_type: str, model_type: str) -> str:
    """What kind of type difference it is (for the class of a page's own type difference)."""
    (page_depth, page_element), (model_depth, model_element) = (
        typesys.array_depth(page_type),
        typesys.array_depth(model_type),
    )
    if page_depth != model_depth:
        return "array"
    elements = {page_element, model_element}
    if elements & _TIMES and elements - _TIMES <= {"String"}:
        return "time"
    if elements <= _NUMBERS:
        return "number"
    if not elements & set(typesys.PRIMITIVES):
        return "structure"
    return "other"


def _parameters(
    result: PageResult, where: str, captured: list[JSON], model: list[JSON], raw: RawPage
) -> None:
    """Each name either side has: present on both, same type, same Required."""
    rows = raw.top_rows(where)
    _members(result, where, captured, model, rows, required=where == "input")


def _members(
    result: PageResult,
    where: str,
    captured: list[JSON],
    model: list[JSON],
    rows: dict[str, RawRow],
    required: bool,
    owner: str = "",
) -> None:
    mine = {p["name"]: p for p in captured}
    theirs = {p["name"]: p for p in model}
    for name in list(dict.fromkeys([*theirs, *mine])):
        subject = f"{owner}.{name}" if owner else name
        row, ours, other = rows.get(name), mine.get(name), theirs.get(name)
        if ours is None and other is not None:
            result.check(where, False)
            if row is not None:
                detail = f"page line {row.line} has {name} ({row.type}); model {other['type']}"
                result.add(f"{where}.not-captured", subject, detail)
            else:
                result.add(f"{where}.not-on-page", subject, f"model: {name} ({other['type']})")
            continue
        if ours is not None and other is None:
            result.check(where, False)
            if row is not None:
                result.add(f"{where}.only-on-page", subject, f"page line {row.line}: {row.type}")
            else:
                result.add(f"{where}.invented", subject, f"captured {name} ({ours['type']})")
            continue
        assert ours is not None and other is not None
        agreed = _judge_member(result, where, subject, ours, other, row, required)
        result.check(where, agreed)


def _judge_member(
    result: PageResult,
    where: str,
    subject: str,
    ours: JSON,
    other: JSON,
    row: RawRow | None,
    required: bool,
) -> bool:
    agreed = True
    if not same_type(ours["type"], other["type"]):
        agreed = False
        page_type = row.type if row is not None else ours["type"]
        detail = f"captured {ours['type']}, page {page_type or '?'}, model {other['type']}"
        if row is not None and not same_type(row.type, ours["type"]):
            # the page says the model's type, or a third one: either way not what was captured
            result.add(f"{where}.type.capture", subject, detail)
        else:
            kind = type_difference(_integer(page_type), _integer(other["type"]))
            result.add(f"{where}.type.page.{kind}", subject, detail)
    if required and ours.get("required") != other.get("required"):
        agreed = False
        page_flag = row.required if row is not None else None
        detail = f"captured {ours.get('required')}, page {page_flag}, model {other.get('required')}"
        if page_flag is not None and page_flag == other.get("required"):
            result.add(f"{where}.required.capture", subject, detail)
        elif page_flag is None:  # the page does not say (no Required cell on the row)
            result.add(f"{where}.required.unsaid", subject, detail)
        else:
            result.add(f"{where}.required.page", subject, detail)
    return agreed


def _structures(result: PageResult, capture: PageCapture, raw: RawPage, model: ModelAction) -> None:
    """Structures the page defines (nested member rows, Data Types pages) against the model's."""
    nested: dict[str, RawRow] = {}
    for row in [*raw.input, *raw.output]:
        if len(row.path) > 1:
            nested.setdefault(row.path[-1], row)
    type_cells = {row.type for row in [*raw.input, *raw.output]}
    type_cells |= {row.type for rows in raw.structures.values() for row in rows.values()}
    for name, structure in sorted(capture.structures.items()):
        rows = raw.structures.get(name, nested)
        wanted = model.types.get(name)
        if wanted is None:
            result.check("structures", False)
            named = name in raw.structures or any(
                typesys.array_depth(t)[1] == name for t in type_cells
            )
            named = named or name in raw.text
            cls = "structures.unknown.page" if named else "structures.unknown.capture"
            result.add(cls, name, f"captured structure {name}; the model has none of that name")
            continue
        members = structure.get("members", [])
        _members(
            result,
            "structures",
            members,
            wanted.get("members", []),
            rows,
            required=True,
            owner=name,
        )


def _examples(result: PageResult, action: JSON, raw: RawPage, model: ModelAction | None) -> None:
    captured = [flatten(e["request"]["params"]) for e in action.get("examples", [])]
    readable = [e for e in raw.examples if e is not None]
    agreed = len(captured) == len(readable)
    result.check("examples", agreed)
    if not agreed:
        detail = f"{len(captured)} captured, {len(readable)} readable request(s) on the page"
        result.add("examples.count.capture", result.file, detail)
        return
    theirs = [flatten(e["request"]["params"]) for e in (model.action["examples"] if model else [])]
    if model is not None and len(theirs) != len(captured):
        result.checks["examples"][1] -= 1
        detail = f"page {len(captured)}, model {len(theirs)}"
        result.add("examples.count.page", result.file, detail)
    for index, (ours, page_params) in enumerate(zip(captured, readable, strict=True)):
        mine = _stringly(ours)
        if mine != _stringly(page_params):
            result.check("examples", False)
            detail = _params_detail(mine, _stringly(page_params), "page")
            result.add("examples.params.capture", f"example {index + 1}", detail)
            continue
        if index < len(theirs):
            other = _stringly(theirs[index])
            result.check("examples", mine == other)
            if mine != other:
                detail = _params_detail(mine, other, "model")
                cls = "examples.values.page" if set(mine) == set(other) else "examples.params.page"
                result.add(cls, f"example {index + 1}", detail)


def _stringly(params: dict[str, str]) -> dict[str, str]:
    """Flattened params compared as text: `1` and `"1"`, `10` and `10.0` (a Float), `TRUE`
    and `true` (a Boolean) are one value; list indexes count from 0 in the order given (a
    page writing `Filters.1` first means the first element)."""
    return {key: _value_text(value.strip('"')) for key, value in _reindexed(params).items()}


def _value_text(text: str) -> str:
    if text.lower() in ("true", "false"):
        return text.lower()
    try:
        number = float(text)
    except ValueError:
        return text
    return repr(int(number)) if number.is_integer() and "e" not in text.lower() else text


def _reindexed(params: dict[str, str]) -> dict[str, str]:
    """Keys with each list's indexes renumbered 0, 1, ... in their numeric order."""
    indexes: dict[str, set[int]] = {}
    for key in params:
        parts = key.split(".")
        for depth, part in enumerate(parts):
            if part.isdigit():
                indexes.setdefault(".".join(parts[:depth]), set()).add(int(part))
    renumber = {
        prefix: {n: i for i, n in enumerate(sorted(found))} for prefix, found in indexes.items()
    }
    result = {}
    for key, value in params.items():
        parts = key.split(".")
        fixed = []
        for depth, part in enumerate(parts):
            prefix = ".".join(parts[:depth])
            fixed.append(str(renumber[prefix][int(part)]) if part.isdigit() else part)
        result[".".join(fixed)] = value
    return result


def _params_detail(ours: dict[str, str], other: dict[str, str], label: str) -> str:
    for key in sorted(set(ours) | set(other)):
        if ours.get(key) != other.get(key):
            return f"{key}: captured {ours.get(key)!r}, {label} {other.get(key)!r}"
    return "same parameters"


def summarise(results: Iterable[PageResult]) -> dict[str, list[int]]:
    """Field -> [checks, agreed] over many pages."""
    totals: dict[str, list[int]] = {name: [0, 0] for name in FIELDS}
    for result in results:
        for name, (checks, agreed) in result.checks.items():
            totals[name][0] += checks
            totals[name][1] += agreed
    return totals
