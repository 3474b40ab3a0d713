"""The words Tencent's API pages use, one table per language, kept as data.

Capture reads a page by its shape (sections in order, tables by their columns, rows by their
cells); only the words that name those things live here. A page in a new wording needs one
more entry in its language's table, not new code. Every entry is written as it appears on
a page; `normalise` (case, numbering, emphasis, spacing) is applied to both sides on lookup.

Section roles: `description`, `input`, `output`, `examples`, `errors`, `resources` (action
pages) and `types` (the Data Types page). Column roles: `name`, `required`, `type`,
`description`, `code` (an error code) and `legacy` (an error table's old numeric code).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """What one language calls each part of an API page."""

    language: str
    # Section headings, by role: exact titles, then words any other title of the role holds
    # (used only for headings at the page's section level, e.g. `## 4. Error Code List`).
    sections: Mapping[str, tuple[str, ...]]
    section_words: Mapping[str, tuple[str, ...]]
    # Table column titles, by role.
    columns: Mapping[str, tuple[str, ...]]
    # Required cells.
    required_yes: tuple[str, ...]
    required_no: tuple[str, ...]
    # The label before the API host (`Domain name for API request: cvm.tencentcloudapi.com`).
    endpoint_labels: tuple[str, ...]
    # Sentences giving the rate limit; `{n}` stands for the number of requests per second.
    rate_limits: tuple[str, ...]
    # Example sub-headings or paragraphs that introduce the request and the response code.
    example_inputs: tuple[str, ...]
    example_outputs: tuple[str, ...]
    # Example sub-headings that title the example's description, not a new example.
    example_notes: tuple[str, ...]
    # Prose that ends the description (the API Explorer box).
    description_ends: tuple[str, ...]
    # Data Types pages: prefix of the navigation line naming the actions that use a type.
    used_by: tuple[str, ...]
    # Parameter descriptions: the label before an example value (`Example value: 10`), and
    # the notes saying the field may be null (`Note: This field may return null, ...`).
    example_labels: tuple[str, ...]
    nullable_notes: tuple[str, ...]


ENGLISH = Vocabulary(
    language="en",
    sections={
        "description": ("API Description", "Description", "Overview"),
        "input": ("Input Parameters", "Request Parameters", "Input Parameter"),
        "output": ("Output Parameters", "Return Parameters", "Response Parameters"),
        "examples": ("Example", "Examples", "Sample", "Samples", "Sample Code", "Sample Codes"),
        "errors": ("Error Codes", "Error Code", "Error Code List", "Errors"),
        "resources": ("Developer Resources", "Resources for Developers", "Other Resources"),
        "types": ("Data Types", "Data Structures", "Data Structure"),
    },
    section_words={
        "description": ("description",),
        "input": ("input", "request parameter"),
        "output": ("output", "return parameter", "response parameter"),
        "examples": ("example", "sample"),
        "errors": ("error code",),
        "resources": ("resource",),
    },
    columns={
        "name": ("Parameter Name", "Name", "Parameter", "Field", "Member", "Member Name"),
        "required": ("Required", "Mandatory", "Required or Not"),
        "type": ("Type", "Data Type", "Parameter Type"),
        "description": ("Description", "Error Description", "Remarks"),
        "code": ("Error Code", "Code", "Error Code (API 3.0)", "English Description"),
        "legacy": ("Legacy Error Code", "Error Number"),
    },
    required_yes=("Yes", "Required", "True", "Y"),
    required_no=("No", "Optional", "False", "N"),
    endpoint_labels=(
        "Domain name for API request",
        "API request domain name",
        "API domain name",
        "Request domain name",
        "Domain name",
        "Endpoint",
    ),
    rate_limits=(
        "A maximum of {n} requests can be initiated per second",
        "A maximum of {n} request can be initiated per second",
        "rate limit: {n} requests/second",
        "rate limit: {n} requests/sec",
        "rate limit: {n} requests per second",
        "rate limit: {n}/sec",
        "rate limit: {n}/second",
        "frequency limit: {n} times/second",
        "frequency limit: {n} times/sec",
        "frequency limit: {n} requests/second",
        "up to {n} requests per second",
    ),
    example_inputs=(
        "Input Example",
        "Input Sample Code",
        "Input Sample",
        "Input",
        "Request Example",
        "Request",
        "Request parameters",
        "Sample Request",
        "Example Request",
    ),
    example_outputs=(
        "Output Example",
        "Output Sample Code",
        "Output Sample",
        "Output",
        "Response Example",
        "Response",
        "Response parameters",
        "Sample Response",
        "Example Response",
    ),
    example_notes=("Scenario description", "Scenario", "Description", "Request description"),
    description_ends=("We recommend you to use API Explorer", "API Explorer provides"),
    used_by=("Used by actions",),
    example_labels=("Example value", "Example values", "Sample value"),
    nullable_notes=(
        "may return null",
        "may be returned as null",
        "may return a null value",
        "may be null",
        "null means no valid value",
    ),
)

CHINESE = Vocabulary(
    language="zh",
    sections={
        "description": ("接口描述", "描述", "概述"),
        "input": ("输入参数", "请求参数"),
        "output": ("输出参数", "返回参数", "响应参数"),
        "examples": ("示例", "请求示例", "调用示例"),
        "errors": ("错误码", "错误码表", "错误码列表"),
        "resources": ("开发者资源", "其他资源"),
        "types": ("数据结构", "数据类型"),
    },
    section_words={
        "description": ("描述",),
        "input": ("输入", "请求参数"),
        "output": ("输出", "返回参数"),
        "examples": ("示例",),
        "errors": ("错误码",),
        "resources": ("资源",),
    },
    columns={
        "name": ("参数名称", "名称", "参数名", "字段", "成员"),
        "required": ("必选", "是否必选", "是否必填", "必填"),
        "type": ("类型", "参数类型", "数据类型"),
        "description": ("描述", "错误描述", "说明", "参数描述"),
        "code": ("错误码", "英文描述", "错误码（API 3.0）"),
        "legacy": ("错误代码", "旧错误码"),
    },
    required_yes=("是", "必选", "必填"),
    required_no=("否", "可选", "选填"),
    endpoint_labels=("接口请求域名", "请求域名", "接口域名", "域名"),
    rate_limits=(
        "频率限制：{n}次/秒",
        "频率限制为：{n}次/秒",
        "频率限制{n}次/秒",
        "每秒最多{n}次",
        "每秒最多调用{n}次",
    ),
    example_inputs=("输入示例", "请求示例", "请求参数", "输入"),
    example_outputs=("输出示例", "返回示例", "返回参数", "响应示例", "输出"),
    example_notes=("场景描述", "场景", "描述", "请求描述"),
    description_ends=("推荐使用 API Explorer", "推荐使用API Explorer"),
    used_by=("被如下接口引用",),
    example_labels=("示例值",),
    nullable_notes=("可能返回 null", "可能返回空值 null", "可能为 null"),
)

LANGUAGES: tuple[Vocabulary, ...] = (ENGLISH, CHINESE)

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_NUMBERING = re.compile(
    r"^(?:(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+|[ivx]+)[.、)）:：]?\s*)+(?=\S)", re.IGNORECASE
)
_EMPHASIS = re.compile(r"[*_`#]+")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text as a reader sees it: compatibility forms folded (full-width letters and colons stay
    apart from NFKC's other changes), invisible characters removed, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE).replace("\u00a0", " ")).strip()


def normalise(title: str) -> str:
    """A heading or column title reduced for lookup: no numbering, emphasis, colon or case."""
    text = _EMPHASIS.sub("", clean(unicodedata.normalize("NFKC", title)))
    text = _NUMBERING.sub("", text).strip().rstrip(":：.").strip()
    return text.lower()


def _lookup(tables: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    return {normalise(word): role for role, words in tables for word in words}


SECTION_TITLES = _lookup(item for v in LANGUAGES for item in v.sections.items())
SECTION_WORDS: tuple[tuple[str, str], ...] = tuple(
    (normalise(word), role)
    for v in LANGUAGES
    for role, words in v.section_words.items()
    for word in words
)
COLUMN_TITLES = _lookup(item for v in LANGUAGES for item in v.columns.items())
REQUIRED = {normalise(w): True for v in LANGUAGES for w in v.required_yes} | {
    normalise(w): False for v in LANGUAGES for w in v.required_no
}
EXAMPLE_PARTS = _lookup(
    (role, words)
    for v in LANGUAGES
    for role, words in (("input", v.example_inputs), ("output", v.example_outputs))
)
EXAMPLE_NOTES = frozenset(normalise(w) for v in LANGUAGES for w in v.example_notes)
TYPES_TITLES = frozenset(normalise(w) for v in LANGUAGES for w in v.sections["types"])
USED_BY: tuple[str, ...] = tuple(w for v in LANGUAGES for w in v.used_by)
DESCRIPTION_ENDS: tuple[str, ...] = tuple(w for v in LANGUAGES for w in v.description_ends)


def _alternatives(phrases: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(p) for p in phrases), key=len, reverse=True))


_HOST = r"`?(?P<host>[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.tencentcloudapi\.com)`?"
ENDPOINT = re.compile(
    rf"(?:{_alternatives(w for v in LANGUAGES for w in v.endpoint_labels)})\s*[:：]\s*{_HOST}",
    re.IGNORECASE,
)


def _phrase(phrase: str, group: str) -> str:
    """A phrase as a pattern: any spacing, either colon, `{n}` a number named `group`."""
    parts = []
    for char in phrase:
        if char.isspace():
            parts.append(r"\s*")
        elif char in ":：":
            parts.append(r"\s*[:：]\s*")
        elif char == "/":
            parts.append(r"\s*/\s*")
        else:
            parts.append(re.escape(char))
    return "".join(parts).replace(re.escape("{") + "n" + re.escape("}"), rf"(?P<{group}>\d+)")


RATE_LIMIT = re.compile(
    "|".join(
        _phrase(pattern, f"n{i}")
        for i, pattern in enumerate(p for v in LANGUAGES for p in v.rate_limits)
    ),
    re.IGNORECASE,
)
COMMON_VALUE = re.compile(r"[:：]\s*`?(?P<value>[A-Za-z][A-Za-z0-9_]*)`?\s*[.。]?\s*$")
DATE_VERSION = re.compile(r"\b(?P<value>\d{4}-\d{2}-\d{2})\b")

# A version date as machine translation rewrites it (`2/28/2018`, `28.2.2018`, `Feb 28, 2018`,
# `28 February 2018`, `2018/2/28`, `2018年2月28日`). Each pattern's groups are named for what
# they hold; `a` and `b` are day and month in either order (both readings are candidates).
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
_MONTH = rf"(?P<month>{_alternatives(MONTHS)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
TRANSLATED_DATES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?<![\d/.-])(?P<year>\d{4})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<day>\d{1,2})(?![\d/.-])",
        r"(?<![\d/.-])(?P<a>\d{1,2})\s*([/.-])\s*(?P<b>\d{1,2})\s*\2\s*(?P<year>\d{4})(?!\d)",
        rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b",
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b",
        r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日",
    )
)


_LABEL = _alternatives(w for v in LANGUAGES for w in v.example_labels)
EXAMPLE_VALUE = re.compile(
    rf"(?:^|(?<=[\s.。;；,，(（]))(?:{_LABEL})\s*[:：]\s*(?P<value>[^\n]*)", re.I
)
NULLABLE = re.compile(
    "|".join(_phrase(note, "") for v in LANGUAGES for note in v.nullable_notes), re.IGNORECASE
)


def rate_limit(text: str) -> int | None:
    """The documented requests per second a sentence gives, if it gives one."""
    found = RATE_LIMIT.search(clean(text))
    if found is None:
        return None
    return int(next(value for value in found.groupdict().values() if value is not None))


def column_role(title: str) -> str | None:
    """What a table column holds, by its title (`Parameter name`, `必选`), or None."""
    return COLUMN_TITLES.get(normalise(title))


def section_role(title: str, section_level: bool) -> str | None:
    """The section a heading opens: an exact title, or (at the page's section level) a title
    holding a word of one role only."""
    key = normalise(title)
    if key in SECTION_TITLES:
        return SECTION_TITLES[key]
    if not section_level:
        return None
    roles = {role for word, role in SECTION_WORDS if word in key}
    return roles.pop() if len(roles) == 1 else None
