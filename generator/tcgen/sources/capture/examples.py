"""Read the Example section: titled examples, each a request and its response.

Code blocks are recognised by what they hold: a request is `POST` with the parameters as a
JSON body, or a GET URL whose query (`?Action=...` then `&Name=value` lines) carries them
flattened; anything else is a response (`{"Response": {...}}`, or a streamed action's
Server-Sent Events, kept as the example's `events`: `spec/events.py`). Sub-headings such as `Input
Example` or `输出示例` (`vocabulary`) only confirm it. An example starts at a heading after the
previous example's code (in text without headings, at a paragraph there: its first line is
the title), or at a request that follows a response; one with no title of its own is
`Example N`.

GET queries go through `query_params` (the decoder `tcgen import-tccli` uses too): values are
typed by the parameter types and the structures known for the service; a structure not known
yet leaves its values as text. The page's own flaws cost only the example concerned, as a
warning: a response that is not JSON (curly quotes and trailing commas are read as the
page meant them, with a warning), an example with a request or a response missing. A query
naming parameters the page's table lacks keeps those values as written, with a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tcgen.sources.capture import vocabulary
from tcgen.sources.capture.document import Block, Code, Heading, Paragraph, Table
from tcgen.sources.capture.report import Report
from tcgen.spec import jsontext
from tcgen.spec.events import parse_events, request_id, streamed
from tcgen.spec.query_params import MemberTypes, ParameterTypes, QueryError, decode_query_as_written

JSON = dict[str, Any]
_REQUEST = re.compile(r"\s*(?:POST\s|GET\s|https?://\S*\?|[a-z0-9.-]+\.tencentcloudapi\.com/?\?)")
_CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_QUERY_NAME = re.compile(r"[?&\s]([^=&?\s]+)=")
MAX_DEPTH = 100  # far beyond any API's data, far below Python's recursion limit


@dataclass
class _Draft:
    title: str
    line: int
    description: list[str] = field(default_factory=list)
    code: dict[str, list[Code]] = field(default_factory=lambda: {"input": [], "output": []})

    @property
    def started(self) -> bool:
        return bool(self.code["input"] or self.code["output"])


@dataclass(frozen=True)
class Types:
    """What converting GET values needs: the action's input types and the service structures."""

    parameters: ParameterTypes
    structures: MemberTypes


def read_examples(blocks: Sequence[Block], types: Types, report: Report) -> list[JSON]:
    """Every example of the section, in page order; incomplete ones are warned about."""
    drafts: list[_Draft] = []
    for block in blocks:
        if isinstance(block, Code):
            current = drafts[-1] if drafts else None
            part = "input" if _REQUEST.match(block.text) or _body_of(current) else "output"
            if current is None or (part == "input" and current.code["output"]):
                current = _Draft(f"Example {len(drafts) + 1}", block.line)
                drafts.append(current)
            current.code[part].append(block)
        elif isinstance(block, Table):
            if drafts:
                drafts[-1].description.append(_table_text(block))
        elif vocabulary.normalise(block.text) in vocabulary.EXAMPLE_PARTS:
            continue
        elif isinstance(block, Heading) and (not drafts or drafts[-1].started):
            drafts.append(_Draft(block.text, block.line))
        elif not drafts or drafts[-1].started:  # flat text: a title line, then its description
            title, _, rest = block.text.partition("\n")
            drafts.append(_Draft(title, block.line, [rest] if rest else []))
        elif drafts and not drafts[-1].started and _is_note_title(block):
            continue
        elif drafts:
            drafts[-1].description.append(block.text)
    examples = (_finish(draft, types, report) for draft in drafts)
    return [example for example in examples if example is not None]


def _body_of(draft: _Draft | None) -> bool:
    """Whether the next code block is the body of the draft's POST request (a browser copy
    splits the request line and headers from the JSON body)."""
    if draft is None or draft.code["output"] or len(draft.code["input"]) != 1:
        return False
    request = draft.code["input"][0].text
    return request.lstrip().startswith("POST") and "{" not in request


def _is_note_title(block: Heading | Paragraph) -> bool:
    return isinstance(block, Heading) and vocabulary.normalise(block.text) in (
        vocabulary.EXAMPLE_NOTES
    )


def _table_text(table: Table) -> str:
    return "\n".join(" | ".join(row) for row in (table.header, *(r.cells for r in table.rows)))


def _finish(draft: _Draft, types: Types, report: Report) -> JSON | None:
    inputs, outputs = draft.code["input"], draft.code["output"]
    if not inputs or not outputs:
        if inputs or outputs:
            missing = "request" if not inputs else "response"
            report.warn(draft.line, f"example {draft.title!r} has no {missing}: left out")
        return None
    request = _request(inputs, types, report)
    text = "\n\n".join(code.text for code in outputs)
    events = _events(text, outputs[0].line, report) if streamed(text) else None
    response = request_id(events) if events is not None else _response(outputs, report)
    if request is None or response is None or (streamed(text) and events is None):
        return None
    example: JSON = {"title": draft.title}
    if draft.description:
        example["description"] = "\n\n".join(draft.description)
    example.update(request=request, response=response)
    if events is not None:
        example["events"] = events
    return example


def _events(text: str, line: int, report: Report) -> list[JSON] | None:
    """The events of a streamed response; a page's unreadable one costs only its example."""
    try:
        return parse_events(text)
    except ValueError as exc:
        report.warn(line, f"example output: {exc}: example left out")
        return None


def _request(codes: list[Code], types: Types, report: Report) -> JSON | None:
    text = "\n\n".join(code.text for code in codes).strip()
    line = codes[0].line
    if text.startswith("POST"):
        body = _post_body(text)
        params = _json_object(body, line, "request body", report)
        return None if params is None else {"method": "POST", "params": params}
    if (
        depth := max((len(name.split(".")) for name in _QUERY_NAME.findall(text)), default=0)
    ) > MAX_DEPTH:
        report.warn(line, f"example query nests {depth} deep (at most {MAX_DEPTH}): left out")
        return None
    try:
        params, misfit = decode_query_as_written(text, types.parameters, types.structures)
    except QueryError as exc:
        report.warn(line, f"example query cannot be read ({exc}): example left out")
        return None
    if misfit is not None:
        report.warn(line, f"example query does not fit the parameters ({misfit}): kept as written")
    return {"method": "GET", "params": params}


def _post_body(request: str) -> str:
    """The body of a POST example: after the blank line that ends the headers, else from the
    first line that opens a JSON value; none is `{}`."""
    lines = request.split("\n")
    for index, line in enumerate(lines[1:], 1):
        if not line.strip() or line.lstrip().startswith(("{", "[")):
            body = "\n".join(lines[index:]).strip()
            return body or "{}"
    return "{}"


def _response(codes: list[Code], report: Report) -> JSON | None:
    body = _json_object("\n".join(code.text for code in codes), codes[0].line, "output", report)
    if body is None:
        return None
    if not isinstance(body.get("Response"), dict):
        report.warn(codes[0].line, 'example output has no "Response" object: read as the response')
        return body
    response: JSON = body["Response"]
    return response


def _json_object(text: str, line: int, what: str, report: Report) -> JSON | None:
    """The JSON object of a code block; the page's typing slips are read as meant. JSON
    nested deeper than any API answers (`MAX_DEPTH`) is not read: it costs the example."""
    if (depth := _depth(text)) > MAX_DEPTH:
        report.warn(line, f"example {what} nests {depth} deep (at most {MAX_DEPTH}): left out")
        return None
    try:
        value = jsontext.loads(text)
    except json.JSONDecodeError as exc:
        repaired = _TRAILING_COMMA.sub(r"\1", text.translate(_CURLY))
        try:
            value = jsontext.loads(repaired)
        except json.JSONDecodeError:
            at = line + exc.lineno - 1
            report.warn(at, f"example {what} is not valid JSON ({exc.msg}): example left out")
            return None
        report.warn(line, f"example {what} has curly quotes or trailing commas: read as JSON")
    if not isinstance(value, dict):
        report.warn(line, f"example {what} is not a JSON object: example left out")
        return None
    return value


def _depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), counted without parsing."""
    depth = deepest = 0
    for token in _JSON_TOKEN.findall(text):
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest
