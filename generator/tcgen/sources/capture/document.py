"""The neutral document model every page layout is parsed into.

Browser text, Markdown and HTML pages differ only in how they mark up the same few things:
headings, paragraphs, tables and code. Parsing each layout into this model lets one
interpreter (`interpret.py`) read all of them, so a page captures the same whatever its layout.
Every block keeps the line it came from, so problems can point at the page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """A section or sub-section title (`2. Input Parameters`, `Example1 ...`).

    `level` is the markup's depth (`##` is 2, `<h3>` is 3), 0 where the layout has none
    (browser text): a heading at the level of the page's sections may open one by a word of
    its title alone, a deeper one only by an exact title.
    """

    text: str
    line: int
    level: int = 0


@dataclass(frozen=True)
class Paragraph:
    """Prose; line breaks inside it are kept as `\\n`."""

    text: str
    line: int


@dataclass(frozen=True)
class Row:
    """One table row split into cells; `text` is the row as written, for problem messages.

    `flaw` says how the row was written wrong but read as meant (`no leading pipe`): the
    interpreter turns it into a warning naming the line.
    """

    cells: tuple[str, ...]
    line: int
    text: str
    flaw: str | None = None


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
    """A page as a flat sequence of blocks; `source` names the page in problems.

    `lines` are the page's lines as written: where a page states what it is matters wherever
    the markup hides it (a link's address, `[Try it](...?Version=2018-07-24...)`).
    """

    source: str
    blocks: tuple[Block, ...]
    lines: tuple[str, ...] = ()
