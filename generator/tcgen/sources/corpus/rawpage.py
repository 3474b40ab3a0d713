"""Read what a page's text says, independently of `tcgen.sources.capture`, to judge disagreements.

When capture and the model disagree, the question is whose the difference is: does the page
really say something else (the page's own), or does the page say what the model says and
capture got it wrong? This reader answers it from the raw text with deliberately simple rules
(Markdown pipe tables, headings, fenced code) that share no code with capture: a row's first
cells are fixed (name, required, type) and any surplus belongs to the description; `Name.N`
is an array; HTML, links, emphasis, escapes, zero-width spaces and curly quotes are dropped
from cells. It only has to tell what the page's rows, sections and examples say, not build a
spec, so it stays small enough to trust.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tcgen.spec import typesys

JSON = dict[str, Any]

# Section titles (numbering and emphasis removed, lower case) per language.
SECTIONS: dict[str, tuple[str, ...]] = {
    "description": ("api description", "接口描述"),
    "input": ("input parameters", "request parameters", "输入参数", "请求参数"),
    "output": (
        "output parameters",
        "response parameters",
        "return parameters",
        "输出参数",
        "返回参数",
    ),
    "examples": ("example", "examples", "sample", "samples", "sample codes", "示例"),
    "errors": ("error code", "error codes", "错误码"),
    "resources": (
        "developer resources",
        "other resources",
        "resources for developers",
        "开发者资源",
    ),
}
_SECTION_OF = {title: name for name, titles in SECTIONS.items() for title in titles}
_MAX_SECTION_LEVEL = 2  # an unnumbered `### Request parameters` is an example's sub-heading
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.、:：)]?\s*")
_SEPARATOR = re.compile(r"^\|{0,2}\s*:?-{2,}")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00a0"), " ")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_INDEX = re.compile(r"^(N|\d+)$")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_HOST = re.compile(r"(?<![\w.-])([a-z][a-z0-9-]*)\.tencentcloudapi\.com")
_ENDPOINT_SENTENCE = re.compile(
    r"^\s*(?:API domain name|Domain name for API request|API request domain name|接口请求域名)"
    r"\s*[:：]?\s*\S+\s*[.。]?",
    re.IGNORECASE,
)
_API_VALUE = re.compile(r"[:：]\s*([A-Za-z][A-Za-z0-9_]*|\d{4}-\d{2}-\d{2})\s*[.。]?\s*$")
_VERSION = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_RATE_LIMITS = (
    re.compile(r"maximum of (\d+) requests? can be initiated per second", re.IGNORECASE),
    re.compile(
        r"(?:rate|frequency) limit:\s*(\d+)\s*(?:requests?|times)?\s*/\s*(?:sec|second|s)\b",
        re.IGNORECASE,
    ),
    re.compile(r"(\d+)\s*次\s*/\s*秒"),
)
_REQUIRED = {"yes": True, "是": True, "true": True, "no": False, "否": False, "false": False}
COMMON_PARAMETERS = frozenset(
    {
        "Action", "Version", "Region", "Timestamp", "Nonce", "SecretId", "Signature",
        "SignatureMethod", "Token", "Language", "RequestClient",
    }
)  # fmt: skip


@dataclass(frozen=True)
class RawRow:
    """A parameter row: its dotted path (`Filters.N.Name` -> (Filters, Name)) and cells."""

    path: tuple[str, ...]
    array: bool  # the first segment is followed by `.N` / `.0`
    required: bool | None
    type: str  # normalised type text, `Array of` added for `Name.N` rows; "" if none
    line: int

    @property
    def name(self) -> str:
        return self.path[0]


@dataclass
class RawPage:
    """What the page text says: sections, rows, codes, examples, identity lines."""

    text: str
    sections: dict[str, list[str]] = field(default_factory=dict)
    input: list[RawRow] = field(default_factory=list)
    output: list[RawRow] = field(default_factory=list)
    error_codes: list[str] = field(default_factory=list)
    structures: dict[str, dict[str, RawRow]] = field(default_factory=dict)  # Data Types tables
    examples: list[JSON | None] = field(default_factory=list)  # request params; None: unreadable
    endpoint: str | None = None
    action: str | None = None
    version: str | None = None
    rate_limit: int | None = None

    def rows(self, where: str) -> list[RawRow]:
        return self.input if where == "input" else self.output

    def top_rows(self, where: str) -> dict[str, RawRow]:
        """The first row of each top-level name (`Filters.N` and `Filters.N.Name` -> Filters)."""
        found: dict[str, RawRow] = {}
        for row in self.rows(where):
            if row.name not in found or (len(row.path) == 1 and len(found[row.name].path) > 1):
                found[row.name] = row
        return found

    def description(self) -> str:
        """The description section's prose without the endpoint and rate-limit sentences."""
        kept = []
        for line in self.sections.get("description", []):
            if not line.strip() or line.lstrip().startswith(("|", "#", "!")):
                continue
            line = _ENDPOINT_SENTENCE.sub(" ", line)
            for pattern in _RATE_LIMITS:
                line = re.sub(
                    r"[^.。]*" + pattern.pattern + r"[^.。]*[.。]?", " ", line, flags=pattern.flags
                )
            kept.append(line)
        return clean_cell(" ".join(kept))


def clean_text(text: str) -> str:
    """Line endings and a byte-order mark made plain; code keeps every other character."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def clean_cell(text: str) -> str:
    """A cell's visible words: links to their text; tags, emphasis, escapes, invisible spaces
    and curly quotes made plain."""
    text = text.translate(_INVISIBLE).translate(_QUOTES)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = text.replace("\\|", "|").replace("**", "").replace("`", "").replace("\\", "")
    return " ".join(text.split())


def section_of(heading: str) -> str | None:
    title = _NUMBERING.sub("", clean_cell(heading).replace("*", "").replace("_", " "))
    return _SECTION_OF.get(title.strip().rstrip(":：").strip().lower())


def _is_section(level: int, title: str) -> bool:
    """A numbered heading is a section at any level; an unnumbered one only near the top."""
    return level <= _MAX_SECTION_LEVEL or re.match(r"\W*\d", title) is not None


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table row; a `\\|` stays inside its cell."""
    body = line.strip()
    body = body.removeprefix("||").removeprefix("|")  # `|| Month |`: one border doubled
    cells = re.split(r"(?<!\\)\|", body)
    if len(cells) > 1 and cells[-1].strip() in ("", "."):
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


def _in_table(line: str) -> bool:
    """A table row: it starts with a pipe, or it lost that pipe but still has two cells
    (`Name | String | ... |`, as a reader takes it: GitHub's Markdown does too)."""
    text = line.strip()
    if text.startswith("|"):
        return True
    return (
        bool(text)
        and not _HEADING.match(text)
        and not _FENCE.match(text)
        and (len(re.findall(r"(?<!\\)\|", text)) >= 2)
    )


@dataclass(frozen=True)
class _Table:
    section: str | None
    header: list[str]
    rows: list[tuple[int, list[str]]]
    owner: str | None = None  # the structure heading a Data Types table is under


def _blocks(lines: list[str]) -> Iterator[tuple[str, int, Any]]:
    """("heading", line, (level, text)), ("table", line, (header, rows)), ("code", line, text)."""
    index = 0
    while index < len(lines):
        line = lines[index]
        heading = _HEADING.match(line.strip())
        if _FENCE.match(line):
            start = index
            index += 1
            body = []
            while index < len(lines) and not _FENCE.match(lines[index]):
                body.append(lines[index])
                index += 1
            index += 1
            yield "code", start + 1, "\n".join(body)
            continue
        if heading:
            yield "heading", index + 1, (len(heading.group(1)), heading.group(2))
        elif line.lstrip().startswith("|"):
            start = index
            table = []
            while index < len(lines) and _in_table(lines[index]):
                table.append((index + 1, lines[index]))
                index += 1
            yield "table", start + 1, table
            continue
        index += 1


def read(text: str) -> RawPage:
    """Everything the oracle needs to know about what a page says."""
    text = clean_text(text)
    lines = text.split("\n")
    page = RawPage(text=text)
    section: str | None = None
    tables: list[_Table] = []
    codes: list[tuple[str | None, str]] = []
    owner: str | None = None
    for kind, _line, value in _blocks(lines):
        if kind == "heading":
            level, title = value
            found = section_of(title)
            if found is not None and _is_section(level, title):
                section, owner = found, None
            elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", clean_cell(title)):
                owner = clean_cell(title)
        elif kind == "table":
            header = split_row(value[0][1])
            body = value[1:]
            if body and _SEPARATOR.match(body[0][1].strip()):
                body = body[1:]
            rows = [(n, split_row(t)) for n, t in body]
            tables.append(_Table(section, header, rows, owner))
        else:
            codes.append((section, value))
    _fill_prose(page, lines)
    for table in tables:
        _read_table(page, table)
    for where, code in codes:
        if where != "examples":
            continue
        if _is_request(code):
            page.examples.append(_request_params(code))
        elif code.strip().startswith("{") and page.examples and not _is_json(code):
            page.examples[-1] = None  # the example's response is not JSON: unreadable
    _identity(page, codes)
    return page


def _fill_prose(page: RawPage, lines: list[str]) -> None:
    """Every line by the section it is under (prose lines included)."""
    page.sections = {"": []}
    section = ""
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        heading = _HEADING.match(line.strip())
        found = section_of(heading.group(2)) if heading and not fenced else None
        if heading and found is not None and _is_section(len(heading.group(1)), heading.group(2)):
            section = found
            page.sections.setdefault(section, [])
            continue
        if not fenced:
            page.sections.setdefault(section, []).append(line)


def _table_role(table: _Table) -> str | None:
    header = [clean_cell(cell).lower() for cell in table.header]
    if any("error code" in cell or "错误码" in cell for cell in header):
        return "errors"
    if table.owner is not None and table.section in (None, "types"):
        return "structure"
    if table.section in ("input", "output"):
        return table.section
    if any("required" in cell or "必选" in cell for cell in header):
        return "input"
    if any(cell in ("type", "类型") for cell in header):
        return "output"
    return None


def _column(header: list[str], words: tuple[str, ...]) -> int | None:
    for index, cell in enumerate(header):
        if any(word in clean_cell(cell).lower() for word in words):
            return index
    return None


def _read_table(page: RawPage, table: _Table) -> None:
    role = _table_role(table)
    if role == "errors":
        column = _code_column(table)
        for _, cells in table.rows:
            code = _error_code(cells, column)
            if code is not None:
                page.error_codes.append(code)
        return
    if role not in ("input", "output", "structure"):
        return
    required_column = _column(table.header, ("required", "必选"))
    type_column = _column(table.header, ("type", "类型"))
    name_column = _column(table.header, ("name", "名称", "parameter", "参数")) or 0
    for line_no, cells in table.rows:
        if not cells or len(cells) <= name_column:
            continue
        path, array = _path(clean_cell(cells[name_column]))
        if not path:
            continue
        required, type_text = _align(cells, name_column, required_column, type_column)
        if (
            array
            and len(path) == 1
            and type_text
            and not type_text.startswith(typesys.ARRAY_PREFIX)
        ):
            type_text = typesys.ARRAY_PREFIX + type_text
        row = RawRow(path, array, required, type_text, line_no)
        if role == "structure" and table.owner is not None:
            page.structures.setdefault(table.owner, {}).setdefault(row.name, row)
        else:
            (page.input if role == "input" else page.output).append(row)


def _align(
    cells: list[str], name: int, required: int | None, type_column: int | None
) -> tuple[bool | None, str]:
    """(Required, type) of a row, also when a cell is missing or two cells are swapped."""
    texts = [clean_cell(cell) for cell in cells]
    rest = [i for i in range(len(texts)) if i != name][:3]  # surplus cells are description

    def cell(index: int | None) -> str:
        return texts[index] if index is not None and index < len(texts) else ""

    flag = _REQUIRED.get(cell(required).lower()) if required is not None else None
    flag_at = required
    if required is not None and flag is None:
        found = [i for i in rest if texts[i].lower() in _REQUIRED]
        flag_at = found[0] if found else None
        flag = _REQUIRED[texts[flag_at].lower()] if flag_at is not None else None
    type_text = cell(type_column)
    if type_column is not None and not _looks_like_type(type_text):
        candidates = [i for i in rest if i != flag_at and _looks_like_type(texts[i])]
        type_text = texts[candidates[0]] if candidates else type_text
    return flag, typesys.normalise(type_text) if type_text else ""


def _looks_like_type(text: str) -> bool:
    if text.lower() in _REQUIRED:
        return False
    parsed = typesys.parse(typesys.normalise(text)).element
    return (
        parsed.kind == "primitive" or re.fullmatch(r"[A-Z][A-Za-z0-9_]*", parsed.spec) is not None
    )


def _path(name: str) -> tuple[tuple[str, ...], bool]:
    """(`Filters`, `Name`), True for `Filters.N.Name`; () for a cell that is not a name."""
    parts = [part for part in name.split(".") if part]
    array = len(parts) > 1 and _INDEX.match(parts[1]) is not None
    path = tuple(part for part in parts if not _INDEX.match(part))
    if not path or not all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part) for part in path):
        return (), False
    return path, array


def _code_column(table: _Table) -> int:
    """The column most of whose cells are codes (legacy tables put a number first and the
    code anywhere), else the one titled so."""
    counts: dict[int, int] = {}
    for _, cells in table.rows:
        for index, cell in enumerate(cells):
            counts[index] = counts.get(index, 0) + bool(_CODE.fullmatch(clean_cell(cell)))
    titled = _column(table.header, ("error code", "错误码")) or 0
    best = max(counts, key=lambda i: (counts[i], i == titled, -i), default=titled)
    return best if counts.get(best) else titled


def _error_code(cells: list[str], column: int) -> str | None:
    texts = [clean_cell(cell) for cell in cells]
    if column < len(texts):  # a code never holds spaces or ends in a full stop
        texts[column] = re.sub(r"\s+", "", texts[column]).rstrip(".")
    if column < len(texts) and _CODE.fullmatch(texts[column]) and "." in texts[column]:
        return texts[column]
    dotted = [t for t in texts if _CODE.fullmatch(t) and "." in t]
    if dotted:
        return dotted[0]
    if column < len(texts) and _CODE.fullmatch(texts[column]):
        return texts[column]
    return None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):  # nested deeper than Python recurses: not readable
        return False
    return True


def _is_request(code: str) -> bool:
    first = code.strip().split("\n", 1)[0].strip()
    return first.startswith(("POST", "GET", "http://", "https://")) or "?Action=" in first


def _request_params(code: str) -> JSON | None:
    """The request's own parameters, flattened (`{"Filters.0.Name": "zone"}`); None: unreadable."""
    text = code.strip()
    if text.startswith("POST"):
        start = text.find("{")
        if start < 0:
            return {}
        try:
            body, _ = json.JSONDecoder().raw_decode(text, start)
            return flatten(body) if isinstance(body, dict) else None
        except (json.JSONDecodeError, RecursionError):
            return None
    joined = "".join(line.strip() for line in text.split("\n"))
    query = joined.partition("?")[2]
    params: JSON = {}
    for part in query.split("&"):
        if not part or part.startswith("<"):
            continue
        name, _, value = part.partition("=")
        name = unquote(name)
        if name.split(".", 1)[0] in COMMON_PARAMETERS:
            continue
        params[name] = unquote(value)
    return params


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """`{"A": [{"B": 1}]}` -> `{"A.0.B": "1"}`, common parameters left out at the top."""
    flat: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if not prefix and key in COMMON_PARAMETERS:
                continue
            flat |= flatten(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            flat |= flatten(item, f"{prefix}{index}.")
    else:
        flat[prefix.rstrip(".")] = scalar_text(value)
    return flat


def scalar_text(value: Any) -> str:
    """A scalar as a query would carry it: strings as they are, the rest as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _identity(page: RawPage, codes: list[tuple[str | None, str]]) -> None:
    head = page.sections.get("", []) + page.sections.get("description", [])
    for line in head:
        host = _HOST.search(line)
        if host and page.endpoint is None:
            page.endpoint = host.group(0)
        for pattern in _RATE_LIMITS:
            rate = pattern.search(line)
            if rate and page.rate_limit is None:
                page.rate_limit = int(rate.group(1))
    if page.endpoint is None:  # older pages: only the example URLs name the host
        for _, code in codes:
            host = _HOST.search(code)
            if host:
                page.endpoint = host.group(0)
                break
    for line in page.sections.get("input", []):
        cells = split_row(line) if line.lstrip().startswith("|") else []
        if len(cells) < 2 or clean_cell(cells[0]) not in ("Action", "Version"):
            continue
        value = _API_VALUE.search(clean_cell(" ".join(cells[1:])))
        if value is None:
            continue
        if _VERSION.fullmatch(value.group(1)):  # by the value: rows are sometimes misnamed
            page.version = page.version or value.group(1)
        else:
            page.action = page.action or value.group(1)
