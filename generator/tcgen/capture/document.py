"""The neutral document model every page layout is parsed into.

Browser text, Markdown and HTML pages differ only in how they mark up the same few things:
headings, paragraphs, tables and code. Parsing each layout into this model lets one
interpreter (`interpret.py`) read all of them, so a page captures the same whatever its layout.
Every block keeps the line it came from, so problems can point at the page.
"""

from __future__ import annotations

from dataclasses import dataclass

# The column titles API pages use, mapped to what the column holds. Layouts use the titles to
# recognise a table; the interpreter uses the roles to read a row whatever the column order.
COLUMN_ROLES: dict[str, str] = {
    "Parameter Name": "name",
    "Name": "name",
    "Error Code": "code",
    "Required": "required",
    "Type": "type",
    "Description": "description",
}


@dataclass(frozen=True)
class Heading:
    """A section or sub-section title (`2. Input Parameters`, `Example1 ...`)."""

    text: str
    line: int


@dataclass(frozen=True)
class Paragraph:
    """Prose; line breaks inside it are kept as `\\n`."""

    text: str
    line: int


@dataclass(frozen=True)
class Row:
    """One table row split into cells; `text` is the row as written, for problem messages."""

    cells: tuple[str, ...]
    line: int
    text: str


@dataclass(frozen=True)
class Table:
    """A table with its header cells (`Parameter Name`, `Required`, ...) and body rows."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    line: int


@dataclass(frozen=True)
class Code:
    """A literal block (an example request or response), verbatim."""

    text: str
    line: int


Block = Heading | Paragraph | Table | Code


@dataclass(frozen=True)
class Document:
    """A page as a flat sequence of blocks; `source` names the page in problems."""

    source: str
    blocks: tuple[Block, ...]
