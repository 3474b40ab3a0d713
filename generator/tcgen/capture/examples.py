"""Read the Example section: titled examples, each an Input Example request and its output.

A request is either `POST` with the parameters as a JSON body, or a GET URL whose query
(`?Action=...` then `&Name=value` lines) carries them flattened: `List.0=x` is an array,
`Obj.Field=v` an object. Query values are text, so they are converted to JSON values by the
parameter types (structure members by the structures known for the service); values of
unknown type stay strings. Common parameters (Action, Version, ...) are not part of `params`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from .. import typesys
from .document import Block, Code, Heading, Paragraph
from .report import Report

JSON = dict[str, Any]
MemberTypes = Mapping[str, Mapping[str, str]]  # structure name -> member name -> type

COMMON_PARAMETERS = frozenset(
    {
        "Action", "Version", "Region", "Timestamp", "Nonce", "SecretId", "Signature",
        "SignatureMethod", "Token", "Language", "RequestClient",
    }
)  # fmt: skip
_MARKERS = {"input example": "input", "output example": "output"}


def _boolean(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise ValueError(f"{text!r} is not a Boolean")
    return text.lower() == "true"


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "integer": int,
    "number": float,
    "boolean": _boolean,
}


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

    parameters: Mapping[str, str]
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
            params = _query_params(text.split("?", 1)[1], types)
        except ValueError as exc:
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


def _query_params(query: str, types: Types) -> JSON:
    """Decode `Name=v&List.0=x&Obj.Field=y` (one pair per line allowed) into typed params."""
    tree: JSON = {}
    pairs = "".join(line.strip() for line in query.splitlines()).split("&")
    for pair in pairs:
        if not pair or pair.startswith("<"):
            continue
        key, _, value = pair.partition("=")
        path = unquote_plus(key).split(".")
        if path[0] in COMMON_PARAMETERS:
            continue
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ValueError(f"{key} nests under a parameter that has a value")
        node[path[-1]] = unquote_plus(value)
    return {
        name: _typed(_arrays(value), types.parameters.get(name), types.structures)
        for name, value in tree.items()
    }


def _arrays(value: Any) -> Any:
    """Objects keyed 0, 1, ... (from `List.0`, `List.1`) become lists, recursively."""
    if not isinstance(value, dict):
        return value
    items = {key: _arrays(item) for key, item in value.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


def _typed(value: Any, type_text: str | None, structures: MemberTypes) -> Any:
    if type_text is None:
        return value
    ref = typesys.parse(type_text)
    if ref.item is not None and isinstance(value, list):
        return [_typed(item, ref.item.spec, structures) for item in value]
    if ref.primitive is not None and isinstance(value, str):
        convert = _CONVERTERS.get(ref.primitive.json_type)
        return convert(value) if convert else value
    if ref.structure is not None and isinstance(value, dict):
        members = structures.get(ref.structure, {})
        return {key: _typed(item, members.get(key), structures) for key, item in value.items()}
    return value
