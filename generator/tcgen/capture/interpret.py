"""Turn a neutral `Document` into spec data: an action (API page) or structures (Data Types).

This is the only place that knows what an API page means, so the three layouts capture alike.
An API page is read by its numbered or unnumbered sections:

- the title area gives `Last updated: ...` (`source.updated`);
- API Description: `Domain name for API request: <host>.` (endpoint; the service is the host's
  first label), the rate limit (`A maximum of N requests can be initiated per second ...` or
  `Default API request rate limit: N requests/second.`) and the description, which is the
  remaining prose up to the API Explorer box;
- Input/Request Parameters: the parameter table; its Action, Version and Region rows are
  common parameters giving the action name, the version and the Region requirement (with any
  region ids the Region row lists);
- Output/Return Parameters: the output table;
- Example: see `examples.py`;
- Error Code: the error code table.

A Data Types page (a `Data Types` heading) has one section per structure: a heading with its
name, description paragraphs (`Used by actions: ...` lines are navigation, not description)
and a members table; without a Required column, members are not required.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..query_params import MemberTypes, parameter_types
from . import examples, rows
from .document import Block, Document, Heading, Paragraph, Table
from .report import Report

JSON = dict[str, Any]
StructureTypes = Callable[[str, str], MemberTypes]  # (service, version) -> structures

_SECTIONS = {
    "api description": "description",
    "input parameters": "input",
    "request parameters": "input",
    "output parameters": "output",
    "return parameters": "output",
    "response parameters": "output",
    "example": "examples",
    "examples": "examples",
    "error code": "errors",
    "error codes": "errors",
    "developer resources": "resources",
}
_TYPES_TITLE = "data types"
_NUMBERING = re.compile(r"\d+\.\s*")
_UPDATED = re.compile(r"Last updated:\s*(.+)")
_ENDPOINT = re.compile(r"Domain name for API request:\s*([A-Za-z0-9.-]+[A-Za-z0-9])")
_RATE_LIMIT = re.compile(
    r"A maximum of (\d+) requests can be initiated per second|rate limit: (\d+) requests/second"
)
_EXPLORER = "We recommend you to use API Explorer"
_API_VALUE = re.compile(r"The value used for this API:\s*(\S+?)\.?$")
_REGION_ID = re.compile(r"\b[a-z]{2}-[a-z]+\b")
_USED_BY = "Used by actions"
_COMMON_ROWS = ("Action", "Version", "Region")


@dataclass(frozen=True)
class CapturedAction:
    """An action read from a page, with the service version it belongs to."""

    service: str
    version: str
    endpoint: str
    action: JSON


def is_types_page(document: Document) -> bool:
    return any(_title(b.text) == _TYPES_TITLE for b in document.blocks if isinstance(b, Heading))


def _title(text: str) -> str:
    return _NUMBERING.sub("", text, count=1).strip().rstrip(":").lower()


def _sections(document: Document) -> dict[str, list[Block]]:
    """Blocks grouped by the section they are under; "" holds the title area."""
    sections: dict[str, list[Block]] = {"": []}
    current = ""
    for block in document.blocks:
        name = _SECTIONS.get(_title(block.text)) if isinstance(block, Heading) else None
        if name is not None:
            current = name
            sections.setdefault(name, [])
        else:
            sections[current].append(block)
    return sections


def _prose(blocks: Iterable[Block]) -> list[Paragraph | Heading]:
    return [b for b in blocks if isinstance(b, (Paragraph, Heading))]


def _search(pattern: re.Pattern[str], blocks: Iterable[Block]) -> re.Match[str] | None:
    for block in _prose(blocks):
        found = pattern.search(block.text)
        if found:
            return found
    return None


def _tables(blocks: list[Block], report: Report, what: str, line: int) -> list[Table]:
    found = [b for b in blocks if isinstance(b, Table)]
    if not found:
        report.add(line, f"no {what} table")
    return found


def read_action(
    document: Document, structures: StructureTypes, report: Report
) -> CapturedAction | None:
    """The action of an API page; None when what identifies it is missing (reported)."""
    sections = _sections(document)
    everything = list(document.blocks)
    endpoint = _search(_ENDPOINT, everything)
    if endpoint is None:
        report.add(0, "no 'Domain name for API request: ...' line: cannot tell the endpoint")
    common, inputs = _input(sections.get("input", []), report)
    for name in ("Action", "Version"):
        if name not in common:
            report.add(0, f"no {name} row with 'The value used for this API: ...'")
    if endpoint is None or "Action" not in common or "Version" not in common:
        return None
    host, version = endpoint.group(1), common["Version"]
    service = host.split(".", 1)[0]
    action: JSON = {"action": common["Action"]}
    action["description"] = _description(sections.get("description", []))
    rate = _search(_RATE_LIMIT, everything)
    if rate is not None:
        action["rateLimit"] = int(rate.group(1) or rate.group(2))
    action["region"] = common.get("Region", {"required": False})
    action["input"] = inputs
    action["output"] = [
        parameter
        for table in _tables(sections.get("output", []), report, "Output Parameters", 0)
        for row in table.rows
        if (parameter := rows.parameter(table, row, report)) is not None
    ]
    types = examples.Types(parameter_types(inputs), structures(service, version))
    action["examples"] = examples.read_examples(sections.get("examples", []), types, report)
    action["errorCodes"] = [
        code
        for table in (b for b in sections.get("errors", []) if isinstance(b, Table))
        for row in table.rows
        if (code := rows.error_code(table, row, report)) is not None
    ]
    updated = _search(_UPDATED, sections[""])
    action["source"] = {"kind": "page"} | ({"updated": updated.group(1).strip()} if updated else {})
    return CapturedAction(service, version, host, action)


def _description(blocks: list[Block]) -> str:
    """The description prose: up to the API Explorer box, without the endpoint/limit lines."""
    parts: list[str] = []
    for block in _prose(blocks):
        if block.text.startswith(_EXPLORER):
            break
        if not (_ENDPOINT.search(block.text) or _RATE_LIMIT.search(block.text)):
            parts.append(block.text)
    return "\n\n".join(parts)


def _input(blocks: list[Block], report: Report) -> tuple[dict[str, Any], list[JSON]]:
    """Common row values (`Action`, `Version`, `Region`) and the action's own parameters."""
    common: dict[str, Any] = {}
    parameters: list[JSON] = []
    for table in _tables(blocks, report, "Input Parameters", 0):
        for row in table.rows:
            parameter = rows.parameter(table, row, report)
            if parameter is None:
                continue
            if parameter["name"] not in _COMMON_ROWS:
                parameters.append(parameter)
            elif parameter["name"] == "Region":
                regions = list(dict.fromkeys(_REGION_ID.findall(parameter["description"])))
                common["Region"] = {"required": parameter["required"]}
                common["Region"] |= {"regions": regions} if regions else {}
            elif value := _API_VALUE.search(parameter["description"]):
                common[parameter["name"]] = value.group(1)
    return common, parameters


def read_structures(document: Document, report: Report) -> list[JSON]:
    """Every structure of a Data Types page, in page order.

    Structures follow the `Data Types` title (what precedes it is site chrome). A structure's
    description is the prose between its heading and its members table; prose after the table
    (the site footer) belongs to no structure.
    """
    found: list[tuple[Heading, list[str], list[Table]]] = []
    blocks = list(document.blocks)
    title = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and _title(b.text) == _TYPES_TITLE
    )
    for block in blocks[title + 1 :]:
        if isinstance(block, Heading) and rows.IDENTIFIER.fullmatch(block.text):
            found.append((block, [], []))
        elif isinstance(block, (Heading, Paragraph)):
            lines = [line for line in block.text.split("\n") if not line.startswith(_USED_BY)]
            if found and lines and not found[-1][2]:
                found[-1][1].append("\n".join(lines))
        elif isinstance(block, Table) and found:
            found[-1][2].append(block)
        else:
            report.add(block.line, "table or code outside a structure section")
    structures = []
    for heading, description, tables in found:
        if len(tables) != 1:
            report.add(
                heading.line,
                f"structure {heading.text} needs one members table, found {len(tables)}",
            )
            continue
        members = [
            member
            for row in tables[0].rows
            if (member := rows.parameter(tables[0], row, report, default_required=False))
            is not None
        ]
        structures.append(
            {
                "name": heading.text,
                "description": "\n\n".join(description),
                "members": members,
                "source": {"kind": "page"},
            }
        )
    return structures
