"""Parse the plain text a browser copy of an API page gives into a `Document`.

The copy loses all markup: headings are bare lines, code is bare lines, and a table row is its
cells joined by single spaces (`OnlineInfo Array of StreamOnlineInfo Active push list.`). So
this layout recognises each thing by its shape:

- a table starts at a line made only of known column titles (`Parameter Name Required Type
  Description`) and runs to the next blank line; a row is split by the header: one token for a
  name, code or Required cell, the type grammar (`Array of`..., `Timestamp ISO8601`) for a Type
  cell, the rest of the line for the Description. A line that does not start like a row (a
  name token followed, in tables with Required/Type columns, by a capitalised word) continues
  the previous row's description; error-code rows start with a CamelCase or dotted code;
- code starts at `{`/`[` (one JSON value, found by decoding it), at an HTTP request line or
  URL (up to the next blank line), or at a `data:` line (Server-Sent Events, blank lines
  between events included);
- a single short line without closing punctuation is a heading, anything else a paragraph;
- everything from the site footer (`Contact Us`) on is dropped: it is not part of the page.

Text extracted from the web pages by other tools comes in two more shapes, read too: tables
kept as pipe rows without outer pipes (`参数名称 | 必选 | 类型 | 描述 |` over `---|---|`),
and no blank lines between blocks. So a pipe table starts at a row over a separator line, and
a paragraph also ends before a line that names a section or an example part (`2. 输入参数`,
`输入示例`, which is a heading), a table, or code; a GET example's code ends with its last
`&Name=value` line and a request's headers end before its JSON body.
"""

from __future__ import annotations

import json
import re

from tcgen.sources.capture import vocabulary
from tcgen.sources.capture.document import Block, Code, Document, Heading, Paragraph, Row, Table
from tcgen.sources.capture.markdown_layout import SEPARATOR, cells_of, row_of
from tcgen.sources.capture.vocabulary import REQUIRED, column_role, normalise
from tcgen.spec import typesys

_FOOTER = "Contact Us"
_NAME_TOKEN = re.compile(r"[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_CODE_TOKEN = re.compile(
    r"[A-Z][A-Za-z0-9_]*[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+"
)
_CELL_WORD = re.compile(r"[A-Z][A-Za-z0-9]*")
_ODD_NAME = re.compile(
    r"[^\w.,:;!?()'\"“”‘’、，。：；！？（）-]"
)  # `/`, `$`, `=`...: no name, no prose word
_NAME_WORDS_MAX = 3
_CODE_START = re.compile(r"(?:POST|GET) /|https?://")
_TOKEN = re.compile(r"\S+")
_HEADING_MAX = 80
_CLOSING_PUNCTUATION = tuple(".:;,!?。：；，！？")
_MULTIWORD_TYPES = {name.lower() for name in typesys.PRIMITIVES if " " in name}


def parse(text: str, source: str) -> Document:
    """Split the page into blocks; nothing is dropped except the site footer."""
    lines = text.splitlines()
    if _FOOTER in (line.strip() for line in lines):
        lines = lines[: [line.strip() for line in lines].index(_FOOTER)]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        header = _header(line)
        block: Block
        if _pipe_table_at(lines, i):
            block, i = _pipe_table(lines, i)
        elif header is not None:
            block, i = _table(lines, i, header)
        elif line.startswith(("{", "[")):
            block, i = _json_code(lines, i)
        elif line.startswith(_EVENT_FIELDS):
            end = _events_end(lines, i)
            block, i = Code("\n".join(lines[i:end]), i + 1), end
        elif _CODE_START.match(line):
            end = _code_end(lines, i)
            block, i = Code("\n".join(lines[i:end]), i + 1), end
        else:
            block, i = _prose(lines, i)
        blocks.append(block)
    return Document(source, tuple(blocks))


def _pipe_table_at(lines: list[str], start: int) -> bool:
    """A pipe row over a separator line (`a | b |` then `---|---|`)."""
    following = start + 1
    return (
        "|" in lines[start]
        and following < len(lines)
        and SEPARATOR.fullmatch(lines[following].strip()) is not None
    )


def _pipe_table(lines: list[str], start: int) -> tuple[Table, int]:
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    header = cells_of(lines[start])
    rows = tuple(
        row_of(lines[i], i + 1, len(header), bordered=False)
        for i in range(start + 2, end)
        if not SEPARATOR.fullmatch(lines[i].strip())
    )
    return Table(header, rows, start + 1), end


_EVENT_FIELDS = ("data:", "event:", "id:")


def _events_end(lines: list[str], start: int) -> int:
    """Where a Server-Sent Events answer (`data: {...}` lines, events apart by a blank line)
    starting at `start` ends: before the first line that is neither blank nor an event's."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(_EVENT_FIELDS)):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _code_end(lines: list[str], start: int) -> int:
    """Where the code starting at `start` ends: a blank line, or for a GET URL its last
    `&Name=value` line, for a request its last header line (the JSON body is its own block)."""
    end = start + 1
    query = lines[start].strip().startswith(("http://", "https://"))
    while end < len(lines) and (line := lines[end].strip()):
        if (query and not line.startswith("&")) or line.startswith(("{", "[")):
            break
        end += 1
    return end


def _opens_block(line: str) -> bool:
    """A line that cannot continue a paragraph: a section or example-part title, or code
    (a table's first line is recognised by the caller, which sees the line after it)."""
    key = normalise(line)
    return (
        vocabulary.section_role(line, False) is not None
        or key in vocabulary.EXAMPLE_PARTS
        or _CODE_START.match(line) is not None
        or line.startswith(("{", "[", *_EVENT_FIELDS))
    )


def _block_end(lines: list[str], start: int) -> int:
    """Index of the blank line (or end) closing the block starting at `start`."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def _header(line: str) -> tuple[str, ...] | None:
    """The column titles when the whole line is a table header, else None."""
    words = line.split()
    columns: list[str] = []
    while words:
        for size in (3, 2, 1):
            title = " ".join(words[:size])
            if len(words) >= size and column_role(title) is not None:
                columns.append(title)
                words = words[size:]
                break
        else:
            return None
    if len(columns) < 2 or column_role(columns[-1]) != "description":
        return None
    return tuple(columns)


def _table(lines: list[str], start: int, header: tuple[str, ...]) -> tuple[Table, int]:
    end = _block_end(lines, start)
    rows: list[Row] = []
    for number in range(start + 1, end):
        line = lines[number].strip()
        name_size = _row_start(line, header)
        if rows and not name_size:
            last = rows[-1]
            cells = last.cells[:-1] + (f"{last.cells[-1]}\n{line}",)
            rows[-1] = Row(cells, last.line, f"{last.text}\n{line}")
        else:
            rows.append(Row(_split(line, header, name_size or 1), number + 1, line))
    return Table(header, tuple(rows), start + 1), end


def _row_start(line: str, header: tuple[str, ...]) -> int:
    """How many words of the line are the name of a new row; 0: the line continues the last
    row's description.

    Besides a leading name, a row must show its structure: a Yes/No Required cell or a known
    type when the table has a Required column (so `Reason Maybe String ...` is a row, to be
    reported, while `Asia Pacific I` continues a list of values), else a capitalised type.
    A row with a name no parameter can have (`import os Yes String ...`, `../../etc/passwd
    String ...`) is a row all the same, for the reader to report with its line: in a table
    with a Required column, up to three words before a Required cell and a known type; else
    one word holding what no name or prose word holds (`/`, `$`, `;`...) before a known type.
    """
    words = line.split()
    roles = [column_role(title) for title in header]
    if roles[0] == "code":
        return int(_CODE_TOKEN.fullmatch(words[0]) is not None)
    if _NAME_TOKEN.fullmatch(words[0]) is not None and _shows_row(line, header, roles, 1):
        return 1
    if "required" in roles:
        for size in range(1, min(_NAME_WORDS_MAX, len(words) - 2) + 1):
            rest = words[size:]
            if normalise(rest[0]) in REQUIRED and _known_type(
                " ".join(rest[1 : _type_size(rest[1:]) + 1])
            ):
                return size
        return 0
    after = words[1:]
    leading_type = " ".join(after[: _type_size(after)]) if after else ""
    return int(_ODD_NAME.search(words[0]) is not None and _known_type(leading_type))


def _shows_row(line: str, header: tuple[str, ...], roles: list[str | None], size: int) -> bool:
    cells = dict(zip(roles, _split(line, header, size), strict=False))  # short rows: fewer cells
    if "required" in roles:
        flag = normalise(cells.get("required", ""))
        known = _known_type(cells.get("type", "")) or _known_type(cells.get("required", ""))
        return flag in REQUIRED or known
    return (
        "type" not in roles
        or _CELL_WORD.fullmatch(cells.get("type", "")) is not None
        or _known_type(cells.get("type", ""))
    )


def _known_type(text: str) -> bool:
    """A primitive, or any `Array of` type: what a description line hardly starts with."""
    return text.startswith(typesys.ARRAY_PREFIX) or text in typesys.PRIMITIVES


def _split(line: str, header: tuple[str, ...], name_size: int = 1) -> tuple[str, ...]:
    """Cells of one row, the first `name_size` words its name; fewer cells than columns when
    the line is too short (reported later) or has no Required cell (a type after the name)."""
    tokens = list(_TOKEN.finditer(line))
    cells: list[str] = []
    position = 0
    for index, title in enumerate(header):
        if position >= len(tokens):
            break
        role = column_role(title)
        if role == "description":
            cells.append(line[tokens[position].start() :].strip())
            position = len(tokens)
            continue
        words = [t.group() for t in tokens[position:]]
        leading_type = " ".join(words[: _type_size(words)])
        if role == "required" and normalise(words[0]) not in REQUIRED and _known_type(leading_type):
            continue  # no Required cell (the reader warns): the type follows the name
        size = _type_size(words) if role == "type" else (name_size if index == 0 else 1)
        cells.append(" ".join(t.group() for t in tokens[position : position + size]))
        position += size
    return tuple(cells)


def _type_size(words: list[str]) -> int:
    """How many words the type at the start of `words` takes (`Array of Timestamp ISO8601` = 4)."""
    size = 0
    while [w.lower() for w in words[size : size + 2]] == ["array", "of"]:
        size += 2
    if " ".join(words[size : size + 2]).lower() in _MULTIWORD_TYPES:
        return size + 2
    return min(size + 1, len(words))


def _json_code(lines: list[str], start: int) -> tuple[Code, int]:
    """A JSON value spanning lines (it may contain blank lines); to the blank line if invalid."""
    text = "\n".join(lines[start:])
    try:
        _, end = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip()))
    except (json.JSONDecodeError, RecursionError):  # nested too deep: the example says so
        stop = _block_end(lines, start)
    else:
        stop = start + text.count("\n", 0, end) + 1
    return Code("\n".join(lines[start:stop]), start + 1), stop


def _prose(lines: list[str], start: int) -> tuple[Heading | Paragraph, int]:
    end = start + 1
    if not _opens_block(lines[start].strip()):
        while (
            end < len(lines)
            and (line := lines[end].strip())
            and _header(line) is None
            and not _pipe_table_at(lines, end)
            and not _opens_block(line)
        ):
            end += 1
    text = "\n".join(line.strip() for line in lines[start:end])
    if end == start + 1 and _looks_like_heading(text):
        return Heading(text, start + 1), end
    return Paragraph(text, start + 1), end


def _looks_like_heading(line: str) -> bool:
    return (
        len(line) <= _HEADING_MAX
        and not line.endswith(_CLOSING_PUNCTUATION)
        and ": " not in line
        and "：" not in line
    )
