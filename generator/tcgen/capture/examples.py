"""Read the Example section: titled examples, each an Input Example request and its output.

A request is either `POST` with the parameters as a JSON body, or a GET URL whose query
(`?Action=...` then `&Name=value` lines) carries them flattened; `query_params` decodes it (the
decoder `tcgen import-tccli` uses too): values are typed by the parameter types and the
structures known for the service, and a structure not known yet leaves its values as text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..query_params import MemberTypes, ParameterTypes, QueryError, decode_query
from .document import Block, Code, Heading, Paragraph
from .report import Report

JSON = dict[str, Any]
_MARKERS = {"input example": "input", "output example": "output"}


@dataclass
class _Draft:
    title: str
    line: int
    description: list[str] = field(default_factory=list)
    part: str | None = None
    code: dict[str, list[Code]] = field(default_factory=lambda: {"input": [], "output": []})


@dataclass(frozen=True)
class Types:
    """What converting GET values needs: the action's input types and the service structures."""

    parameters: ParameterTypes
    structures: MemberTypes


def read_examples(blocks: Sequence[Block], types: Types, report: Report) -> list[JSON]:
    """Every example of the section, in page order; incomplete ones are reported."""
    drafts: list[_Draft] = []
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            part = _MARKERS.get(block.text.rstrip(":").strip().lower())
            if part is not None and drafts:
                drafts[-1].part = part
            elif isinstance(block, Heading) and (not drafts or drafts[-1].part is not None):
                drafts.append(_Draft(block.text, block.line))
            elif drafts:
                drafts[-1].description.append(block.text)
            else:
                report.add(block.line, f"text before the first example title: {block.text!r}")
        elif isinstance(block, Code) and drafts and drafts[-1].part is not None:
            drafts[-1].code[drafts[-1].part].append(block)
        else:
            report.add(block.line, "unexpected block in the Example section (no example title)")
    examples = (_finish(draft, types, report) for draft in drafts)
    return [example for example in examples if example is not None]


def _finish(draft: _Draft, types: Types, report: Report) -> JSON | None:
    inputs, outputs = draft.code["input"], draft.code["output"]
    if not inputs or not outputs:
        missing = "Input Example" if not inputs else "Output Example"
        report.add(draft.line, f"example {draft.title!r} has no {missing}")
        return None
    request = _request(inputs, types, report)
    response = _response(outputs, report)
    if request is None or response is None:
        return None
    example: JSON = {"title": draft.title}
    if draft.description:
        example["description"] = "\n\n".join(draft.description)
    example.update(request=request, response=response)
    return example


def _request(codes: list[Code], types: Types, report: Report) -> JSON | None:
    text = "\n\n".join(code.text for code in codes).strip()
    first = text.split("\n", 1)[0]
    line = codes[0].line
    if first.startswith("POST"):
        body = text.split("\n\n", 1)[1] if "\n\n" in text else "{}"
        params = _json_object(body, line, "request body", report)
        return None if params is None else {"method": "POST", "params": params}
    if "?" in first:
        try:
            params = decode_query(text, types.parameters, types.structures)
        except QueryError as exc:
            report.add(line, f"cannot read example query: {exc}")
            return None
        return {"method": "GET", "params": params}
    report.add(line, f"example request is neither a POST nor a GET URL: {first!r}")
    return None


def _response(codes: list[Code], report: Report) -> JSON | None:
    body = _json_object("\n".join(code.text for code in codes), codes[0].line, "output", report)
    if body is None:
        return None
    if not isinstance(body.get("Response"), dict):
        report.add(codes[0].line, 'example output has no "Response" object')
        return None
    response: JSON = body["Response"]
    return response


def _json_object(text: str, line: int, what: str, report: Report) -> JSON | None:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        report.add(line + exc.lineno - 1, f"example {what} is not valid JSON: {exc.msg}")
        return None
    if not isinstance(value, dict):
        report.add(line, f"example {what} is not a JSON object")
        return None
    return value
