"""Turn a neutral `Document` into spec data: an action (API page) or structures (Data Types).

This is the only place that knows what an API page means, so the three layouts capture alike.
It reads a page by its shape; the words it looks for are `vocabulary`'s, per language.

Sections. A heading opens a section when its title names one (`2. Input Parameters`,
`## 3. 输出参数`; at the page's section level a title holding a section word will do, e.g.
`4. Error Code List`) that holds no table or code yet. A heading naming a section that holds
data is a sub-heading (`### Request parameters` inside an example); a navigation entry that
named a section before the page's own heading did is left behind.

- title area and API Description: the endpoint (`<label>: <service>.tencentcloudapi.com`; the
  service is the host's first label), the rate limit sentence, `Last updated: ...`, and the
  description: the rest of the prose up to the API Explorer box;
- Input Parameters: the parameter tables (a name and a type column); their Action, Version
  and Region rows are common parameters giving the action name (the last word after a colon),
  the version (the date) and the Region requirement (with any region ids the row lists);
  member rows (`A.N.B`) become structure members (`nesting`);
- Output Parameters: the parameter tables;
- Example(s): see `examples.py`;
- Error Codes: the error tables (a code or legacy-number column and no type column).

Tables of other shapes (a metrics list, a dimensions table) are prose, not data. When a page
leaves out the Action or Version row or the endpoint line, the API Explorer link or the
examples (`?Action=...`, `X-TC-Version: ...`, the request host) give them.

A Data Types page (a `Data Types` or `数据结构` heading) has one section per structure: a
heading with its name, description paragraphs (`Used by actions: ...` lines are navigation)
and a members table; without a Required column, members are not required.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tcgen.sources.capture import examples, identity, nesting, notes, rows, vocabulary
from tcgen.sources.capture.document import Block, Code, Document, Heading, Paragraph, Table
from tcgen.sources.capture.report import Report
from tcgen.spec.events import stream_block
from tcgen.spec.query_params import MemberTypes, parameter_types

JSON = dict[str, Any]
StructureTypes = Callable[[str, str], MemberTypes]  # (service, version) -> structures

_UPDATED = re.compile(r"(?:Last updated|最近更新时间)\s*[:：]\s*(.+)")
_REGION_ID = re.compile(r"\b[a-z]{2}-[a-z]+(?:-[a-z0-9]+)?\b")
_COMMON_ROWS = ("Action", "Version", "Region")


@dataclass(frozen=True)
class CapturedAction:
    """An action read from a page, with the service version it belongs to and the
    structures its member rows defined (name -> members)."""

    service: str
    version: str
    endpoint: str
    action: JSON
    structures: dict[str, list[JSON]] = field(default_factory=dict)


def is_types_page(document: Document) -> bool:
    """A Data Types page: its title says so or, untitled (the Markdown sources start with the
    first structure), it opens no API page section and has a structure heading (a type name)
    followed by its members table."""
    blocks = document.blocks
    if any(_names_action(b) for b in blocks if isinstance(b, Table)):
        return False  # an API page, whatever its navigation says (`Data Types`, `数据结构`)
    if _types_title(document) is not None:
        return True
    if any(isinstance(b, Heading) and vocabulary.section_role(b.text, False) for b in blocks):
        return False
    return any(
        isinstance(block, Heading)
        and rows.IDENTIFIER.fullmatch(block.text.strip("` "))
        and isinstance(table := _next_table(blocks, index), Table)
        and rows.is_parameter_table(table)
        for index, block in enumerate(blocks)
    )


def _names_action(table: Table) -> bool:
    """A parameter table with the common Action row: the input table of an API page."""
    return rows.is_parameter_table(table) and any(
        row.cells and row.cells[0].strip("` ") == "Action" for row in table.rows
    )


def _next_table(blocks: tuple[Block, ...], index: int) -> Table | None:
    """The table of the section a heading opens, if there is one before the next heading."""
    for block in blocks[index + 1 :]:
        if isinstance(block, Heading):
            return None
        if isinstance(block, Table):
            return block
    return None


def _types_title(document: Document) -> int | None:
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading) and vocabulary.normalise(block.text) in (
            vocabulary.TYPES_TITLES
        ):
            return index
    return None


def _sections(document: Document) -> dict[str, list[Block]]:
    """Blocks grouped by the section they are under; "" holds the title area."""
    levels = [
        b.level
        for b in document.blocks
        if isinstance(b, Heading) and b.level and vocabulary.section_role(b.text, False)
    ]
    section_level = min(levels, default=0)
    sections: dict[str, list[Block]] = {"": []}
    current = ""
    for block in document.blocks:
        role = None
        if isinstance(block, Heading):
            at_level = bool(section_level) and 0 < block.level <= section_level
            role = vocabulary.section_role(block.text, at_level)
        if role is not None and not _holds_data(sections.get(role)):
            current = role
            sections.setdefault(role, [])
        else:
            sections[current].append(block)
    return sections


def _holds_data(blocks: list[Block] | None) -> bool:
    """Whether a section seen before holds tables or code: a heading naming it again is then a
    sub-heading; an empty one (a navigation entry) is opened again by its real heading."""
    return blocks is not None and any(isinstance(b, (Table, Code)) for b in blocks)


def _prose(blocks: Iterable[Block]) -> list[Paragraph | Heading]:
    return [b for b in blocks if isinstance(b, (Paragraph, Heading))]


def _texts(blocks: Iterable[Block]) -> Iterable[str]:
    """Every text of the blocks: prose, code, and table cells."""
    for block in blocks:
        if isinstance(block, Table):
            yield from (cell for row in block.rows for cell in row.cells)
        else:
            yield block.text


def _first(pattern: re.Pattern[str], texts: Iterable[str]) -> str | None:
    for text in texts:
        found = pattern.search(text)
        if found:
            return next(group for group in found.groups() if group is not None)
    return None


def read_action(
    document: Document, structures: StructureTypes, report: Report
) -> CapturedAction | None:
    """The action of an API page; None when what identifies it is missing (reported)."""
    sections = _sections(document)
    everything = list(document.blocks)
    inputs = _tables(sections.get("input", []), report, "Input Parameters")
    common, named, table_rows = _input(inputs, report)
    page = identity.read(document, named, report)
    action_name, version, host = page.action, page.version, page.host
    for what, value in (("Action", action_name), ("Version", version)):
        if value is None:
            report.add(0, f"no {what}: no {what} row, API Explorer link or example states it")
    if host is None:
        report.add(0, "no endpoint line ('<service>.tencentcloudapi.com')")
    if action_name is None or version is None or host is None:
        return None
    service = host.split(".", 1)[0]
    folded = nesting.fold(table_rows, report)
    outputs = _tables(sections.get("output", []), report, "Output Parameters")
    output = nesting.fold(_table_rows(outputs, report), report)
    action: JSON = {"action": action_name}
    action["description"] = _description(sections.get("description", [])) or _description(
        [b for b in sections[""] if isinstance(b, Paragraph)]
    )
    rate = next(filter(None, map(vocabulary.rate_limit, _texts(_prose(everything)))), None)
    if rate is not None:
        action["rateLimit"] = rate
    action["region"] = common.get("Region", {"required": False})
    action["input"] = folded.parameters
    action["output"] = output.parameters
    stated = notes.read(action["input"], "input") + notes.read(action["output"], "output")
    known = structures(service, version)
    types = examples.Types(parameter_types(folded.parameters), known)
    action["examples"] = examples.read_examples(sections.get("examples", []), types, report)
    if any("events" in example for example in action["examples"]):
        action["stream"] = stream_block(action["input"])
    action["errorCodes"] = [
        code
        for table in sections.get("errors", [])
        if isinstance(table, Table) and rows.is_error_table(table)
        for row in table.rows
        if (code := rows.error_code(table, row, report)) is not None
    ]
    updated = _first(_UPDATED, _texts(_prose(sections[""])))
    action["source"] = {"kind": "page"} | ({"updated": updated.strip()} if updated else {})
    action["source"] |= notes.source(stated)
    members = folded.structures | output.structures
    return CapturedAction(service, version, host, action, members)


def _tables(blocks: list[Block], report: Report, what: str) -> list[Table]:
    found = [b for b in blocks if isinstance(b, Table) and rows.is_parameter_table(b)]
    if blocks and not found:
        report.add(blocks[0].line, f"no {what} table (columns: name, type, description)")
    return found


def _table_rows(tables: list[Table], report: Report) -> list[tuple[int, JSON]]:
    return [
        (row.line, parameter)
        for table in tables
        for row in table.rows
        if (parameter := rows.parameter(table, row, report)) is not None
    ]


def _description(blocks: list[Block]) -> str:
    """The description prose (the section's, else the title area's paragraphs): up to the API
    Explorer box, without the endpoint, rate limit and `Last updated` lines."""
    parts: list[str] = []
    for block in _prose(blocks):
        lines: list[str] = []
        for line in block.text.split("\n"):
            if line.startswith(vocabulary.DESCRIPTION_ENDS):
                return "\n\n".join(parts + (["\n".join(lines)] if lines else []))
            if not (
                vocabulary.ENDPOINT.search(vocabulary.clean(line))
                or vocabulary.rate_limit(line)
                or _UPDATED.match(line)
            ):
                lines.append(line)
        if lines:
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _input(
    tables: list[Table], report: Report
) -> tuple[dict[str, Any], dict[str, list[identity.Statement]], list[tuple[int, JSON]]]:
    """The Region row's rules, what the Action and Version rows state (their values, raw,
    for `identity`) and the action's own parameter rows."""
    common: dict[str, Any] = {}
    named: dict[str, list[identity.Statement]] = {"Action": [], "Version": []}
    parameters: list[tuple[int, JSON]] = []
    for table in tables:
        for row in table.rows:
            cells = rows.cells(table, row, report)
            if cells is None:
                continue
            name = cells.get("name", "").strip("` ")
            if name not in _COMMON_ROWS:
                if (parameter := rows.from_cells(cells, row, report)) is not None:
                    parameters.append((row.line, parameter))
                continue
            description = cells.get("description", "")
            if name == "Region":
                regions = list(dict.fromkeys(_REGION_ID.findall(description)))
                required = vocabulary.REQUIRED.get(vocabulary.normalise(cells.get("required", "")))
                common["Region"] = {"required": bool(required)}
                common["Region"] |= {"regions": regions} if regions else {}
            elif name == "Version":
                named[name].append(identity.Statement(description, row.line, "the Version row"))
            elif name == "Action":
                value = vocabulary.COMMON_VALUE.search(description)
                said = value.group("value") if value else ""
                named[name].append(identity.Statement(said, row.line, "the Action row"))
    return common, named, parameters


def read_structures(document: Document, report: Report) -> list[JSON]:
    """Every structure of a Data Types page, in page order.

    Structures follow the `Data Types` title (what precedes it is site chrome), or start the
    page when it has no title. A structure's
    description is the prose between its heading and its members table; prose after the table
    (the site footer) belongs to no structure.
    """
    found: list[tuple[Heading, list[str], list[Table]]] = []
    blocks = list(document.blocks)
    title = _types_title(document)
    for block in blocks[0 if title is None else title + 1 :]:
        name = block.text.strip("` ") if isinstance(block, Heading) else ""
        if isinstance(block, Heading) and rows.IDENTIFIER.fullmatch(name):
            found.append((Heading(name, block.line, block.level), [], []))
        elif isinstance(block, (Heading, Paragraph)):
            lines = [
                line for line in block.text.split("\n") if not line.startswith(vocabulary.USED_BY)
            ]
            if found and lines and not found[-1][2]:
                found[-1][1].append("\n".join(lines))
        elif isinstance(block, Table) and found:
            found[-1][2].append(block)
        else:
            report.add(block.line, "table or code outside a structure section")
    structures = []
    for heading, description, tables in found:
        members_tables = [t for t in tables if rows.is_parameter_table(t)]
        if len(members_tables) != 1:
            report.add(
                heading.line,
                f"structure {heading.text} needs one members table, found {len(members_tables)}",
            )
            continue
        members = [
            member
            for row in members_tables[0].rows
            if (member := rows.parameter(members_tables[0], row, report, default_required=False))
            is not None
        ]
        structures.append(
            {
                "name": heading.text,
                "description": "\n\n".join(description),
                "members": members,
                "source": {"kind": "page"} | notes.source(notes.read(members, "members")),
            }
        )
    return structures
