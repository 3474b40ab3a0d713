"""Write API pages in the three layouts tcgen captures, from one description of the page.

The fixture pages under tests/fixtures/pages/ were written with this module (then given the
site chrome real pages carry) and the property tests use it to produce pages with arbitrary
descriptions.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class H:
    level: int
    text: str


@dataclass(frozen=True)
class P:
    text: str


@dataclass(frozen=True)
class T:
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class C:
    text: str


Item = H | P | T | C

EXPLORER = (
    "We recommend you to use API Explorer\nTry it\nAPI Explorer provides a range of "
    "capabilities, including online call, signature authentication, SDK code generation, and "
    "API quick search. It enables you to view the request, response, and auto-generated examples."
)
REQUEST_ID = (
    "The unique request ID, which is returned for each request. RequestId is required for "
    "locating a problem."
)


@dataclass(frozen=True)
class Labels:
    """The fixed words of an API page in one language (the wording of Tencent's web pages)."""

    updated: str = "Last updated: {}"
    description: str = "API Description"
    domain: str = "Domain name for API request: {}."
    value: str = "Common Params. The value used for this API: {}."
    parameters_note: str = (
        "The following request parameter list only provides API request parameters "
        "and some common parameters. For the complete common parameter list, see "
        "Common Request Parameters."
    )
    input_header: tuple[str, ...] = ("Parameter Name", "Required", "Type", "Description")
    output_header: tuple[str, ...] = ("Parameter Name", "Type", "Description")
    example: str = "Example"
    input_example: str = "Input Example"
    output_example: str = "Output Example"
    resources: str = "Developer Resources"
    sdk_note: str = (
        "TencentCloud API 3.0 integrates SDKs that support various programming "
        "languages to make it easier for you to call APIs."
    )
    error_code: str = "Error Code"
    errors_note: str = (
        "The following only lists the error codes related to the API business logic. "
        "For other error codes, see Common Error Codes."
    )
    error_header: tuple[str, ...] = ("Error Code", "Description")
    explorer: str = ""  # EXPLORER, below


CHINESE = Labels(
    updated="最近更新时间：{}",
    description="接口描述",
    domain="接口请求域名： {} 。",
    value="公共参数，本接口取值：{}。",
    parameters_note="以下请求参数列表仅列出了接口请求参数和部分公共参数。",
    input_header=("参数名称", "必选", "类型", "描述"),
    output_header=("参数名称", "类型", "描述"),
    example="示例",
    input_example="输入示例",
    output_example="输出示例",
    resources="开发者资源",
    sdk_note="云 API 3.0 提供了配套的开发工具集（SDK），支持多种编程语言。",
    error_code="错误码",
    errors_note="以下仅列出了接口业务逻辑相关的错误码，其他错误码详见公共错误码。",
    error_header=("错误码", "描述"),
    explorer="推荐使用 API Explorer\n点击调试\nAPI Explorer 提供了在线调用、签名验证等能力。",
)


@dataclass
class ActionPage:
    """The content of one API page, in the order Tencent lays it out."""

    action: str
    version: str
    host: str
    updated: str
    description: str
    rate_limit: str
    inputs: list[tuple[str, str, str, str]]  # name, Yes/No, type, description
    outputs: list[tuple[str, str, str]]  # name, type, description
    examples: list[tuple[str, str, str, str]]  # title, description, request, output
    errors: list[tuple[str, str]]
    region: tuple[str, str] = ("No", "Common Params. This parameter is not required for this API.")
    numbered: bool = True
    input_title: str = "Input Parameters"
    output_title: str = "Output Parameters"
    labels: Labels = field(default_factory=Labels)

    def items(self) -> list[Item]:
        def section(number: int, title: str) -> Item:
            return H(2, f"{number}. {title}" if self.numbered else title)

        words = self.labels
        value = words.value
        common: list[tuple[str, ...]] = [
            ("Action", "Yes", "String", value.format(self.action)),
            ("Version", "Yes", "String", value.format(self.version)),
            ("Region", self.region[0], "String", self.region[1]),
        ]
        items: list[Item] = [
            H(1, self.action),
            P(words.updated.format(self.updated)),
            section(1, words.description),
            P(words.domain.format(self.host)),
            P(self.description),
            P(self.rate_limit),
            P(words.explorer or EXPLORER),
            section(2, self.input_title),
            P(words.parameters_note),
            T(words.input_header, [*common, *self.inputs]),
            section(3, self.output_title),
            T(words.output_header, [*self.outputs]),
            section(4, words.example),
        ]
        for title, description, request, output in self.examples:
            items += [H(3, title), P(description), H(4, words.input_example)]
            items += [C(request), H(4, words.output_example), C(output)]
        items += [
            section(5, words.resources),
            H(3, "SDK"),
            P(words.sdk_note),
            section(6, words.error_code),
            P(words.errors_note),
            T(words.error_header, [*self.errors]),
        ]
        return items


@dataclass
class TypesPage:
    """A Data Types page: per structure its name, description, users and members."""

    structures: list[tuple[str, str, str, tuple[str, ...], list[tuple[str, ...]]]]
    updated: str = "2024-01-12 10:21:52"
    extra: list[Item] = field(default_factory=list)

    def items(self) -> list[Item]:
        items: list[Item] = [H(1, "Data Types"), P(f"Last updated: {self.updated}")]
        for name, description, used_by, header, members in self.structures:
            items += [H(2, name), P(description), P(f"Used by actions: {used_by}.")]
            items.append(T(header, members))
        return items + self.extra


def text(items: list[Item]) -> str:
    """The browser copy: bare lines, table cells joined by spaces, site chrome around it."""
    out = ["tencent cloud", "", "Feedback", ""]
    for item in items:
        if isinstance(item, T):
            out += [" ".join(row) for row in [item.header, *item.rows]] + [""]
        else:
            out += [item.text, ""]
    out += ["Contact Us", "", "Contact our sales team or business advisors to help your business."]
    return "\n".join(out) + "\n"


def extracted(items: list[Item]) -> str:
    """The page as text-extraction tools give it: no blank lines, bare headings and code,
    tables as pipe rows without outer pipes over a `---|---|` line."""
    out: list[str] = []
    for item in items:
        if isinstance(item, T):
            out.append(" | ".join(item.header) + " |")
            out.append("|".join("---" for _ in item.header) + "|")
            out += [" | ".join(c.replace("\n", " ") for c in row) + " |" for row in item.rows]
        else:
            out.append(item.text)
    return "\n".join(out) + "\n"


def markdown(items: list[Item]) -> str:
    """A Markdown page: `#` headings, pipe tables with `<br>` line breaks, fenced code."""
    out: list[str] = []
    for item in items:
        if isinstance(item, H):
            out += ["#" * item.level + " " + item.text, ""]
        elif isinstance(item, T):
            out.append(_pipe_row(item.header))
            out.append("|" + "|".join("---" for _ in item.header) + "|")
            out += [_pipe_row(row) for row in item.rows] + [""]
        elif isinstance(item, C):
            out += ["```", item.text, "```", ""]
        else:
            out += [item.text, ""]
    return "\n".join(out)


def _pipe_row(cells: tuple[str, ...]) -> str:
    escaped = (cell.replace("|", "\\|").replace("\n", "<br>") for cell in cells)
    return "| " + " | ".join(escaped) + " |"


def page_html(items: list[Item], title: str) -> str:
    """An HTML page shaped like the documentation site's, with head, scripts and footer."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)} - API Documentation - Tencent Cloud</title>",
        '<script>window.__CONFIG__ = {"lang": "en", "tables": "<table>"};</script>',
        "<style>.rno-document table { border: 1px solid #ddd; }</style>",
        "</head>",
        "<body>",
        '<div class="rno-header"><a href="/">tencent cloud</a> <span>Feedback</span></div>',
        '<div class="rno-document">',
    ]
    for item in items:
        if isinstance(item, H):
            out.append(f"<h{item.level}>{html.escape(item.text)}</h{item.level}>")
        elif isinstance(item, T):
            out.append('<div class="table-wrapper"><table>')
            out.append("<thead><tr>" + "".join(f"<th>{_cell(c)}</th>" for c in item.header))
            out.append("</tr></thead>\n<tbody>")
            for row in item.rows:
                out += ["<tr>", *(f"  <td>{_cell(cell)}</td>" for cell in row), "</tr>"]
            out.append("</tbody></table></div>")
        elif isinstance(item, C):
            code = html.escape(item.text)
            out.append(f'<pre><code class="language-plaintext">{code}</code></pre>')
        else:
            out.append(f"<p>{_cell(item.text)}</p>")
    out += [
        "</div>",
        '<div class="rno-footer"><h3>Contact Us</h3><p>Contact our sales team.</p></div>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return "<br>\n".join(html.escape(line, quote=False) for line in text.split("\n"))
