"""Parse a Markdown API page (`#` headings, pipe tables, fenced code) into a `Document`.

Inline markup is reduced to the text a reader sees, so a Markdown page captures exactly like the
browser copy of the same page: links keep their text, code spans and emphasis lose their marks,
`<br>` (how Markdown tables break lines in a cell) becomes a newline and `\\|` a pipe. Pages
write HTML inside cells too: `<li>` items start a line, `<a>` keeps its text, other tags go and
entities are decoded. A byte-order mark and invisible characters (zero-width spaces) are
dropped; Windows line endings are lines like any other.

A table row keeps every cell it has: a description with an unescaped `|` has more cells than
the header, and the reader (`rows`) gives the surplus back to the description. Text after the
last pipe (`...|.`) belongs to the last cell. Two slips of hand-edited tables are read as
meant, and the row says so (`Row.flaw`, a warning naming the line): a row without its leading
pipe (`Name | String | ... |`) inside a table belongs to it when it has the table's cells
(at least all but one), and a doubled leading pipe (`|| Month | ...`) is one border, not an
empty first cell.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from tcgen.sources.capture.document import Block, Code, Document, Heading, Paragraph, Row, Table

_FENCE = re.compile(r"(```|~~~)")
_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*")
SEPARATOR = re.compile(r"\|{0,2}\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")  # `||---|`: a doubled pipe
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_TRAILER = re.compile(r"[.,;:。，；：)）]+")  # `...|.`: a last cell's stray punctuation
_HTML_TAGS = "a|b|i|u|s|em|strong|span|font|code|sup|sub|del|img|strike|tt|small|big|center"
_INLINE = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"<br\s*/?>|</?(?:p|div|ul|ol)\b[^>]*>", re.IGNORECASE), "\n"),
    (re.compile(r"</?li\b[^>]*>", re.IGNORECASE), "\n"),
    (re.compile(rf"</?(?:{_HTML_TAGS})\b[^<>]*>", re.IGNORECASE), ""),
    (re.compile(r"\\\|"), "|"),
)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)


def parse(text: str, source: str) -> Document:
    """Split the page into blocks by Markdown's own block syntax."""
    lines = text.translate(_INVISIBLE).splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        fence = _FENCE.match(stripped)
        heading = _HEADING.fullmatch(stripped)
        if not stripped:
            i += 1
        elif fence:
            end = _fence_end(lines, i, fence.group(1))
            blocks.append(Code("\n".join(lines[i + 1 : end]), i + 2))
            i = end + 1
        elif heading:
            level = len(heading.group(1))
            blocks.append(Heading(inline(heading.group(2)), i + 1, level))
            i += 1
        elif stripped.startswith("|"):
            end = _run_end(lines, i, _in_table(len(cells_of(stripped))))
            blocks.append(_table(lines, i, end))
            i = end
        else:
            end = _run_end(lines, i, _continues_paragraph)
            text_lines = (inline(line.strip()) for line in lines[i:end])
            blocks.append(Paragraph("\n".join(text_lines), i + 1))
            i = end
    return Document(source, tuple(blocks))


def inline(text: str) -> str:
    """The visible text of one line of Markdown inline markup."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    lines = (part.strip() for part in html.unescape(text).replace("\xa0", " ").split("\n"))
    return "\n".join(line for line in lines if line)


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    for i in range(start + 1, len(lines)):
        if lines[i].strip().startswith(fence):
            return i
    return len(lines)


def _run_end(lines: list[str], start: int, belongs: Callable[[str], bool]) -> int:
    end = start + 1
    while end < len(lines) and belongs(lines[end].strip()):
        end += 1
    return end


def _continues_paragraph(line: str) -> bool:
    return bool(line) and not (
        line.startswith("|") or _FENCE.match(line) or _HEADING.fullmatch(line)
    )


def _table(lines: list[str], start: int, end: int) -> Table:
    header = cells_of(lines[start])
    body = range(start + 1, end)
    rows = tuple(
        row_of(lines[i], i + 1, len(header))
        for i in body
        if not SEPARATOR.fullmatch(lines[i].strip())
    )
    return Table(header, rows, start + 1)


def _in_table(width: int) -> Callable[[str], bool]:
    """Whether a line continues a table of `width` columns: a row, or one without its pipe."""
    return lambda line: line.startswith("|") or lost_row(line, width)


def lost_row(line: str, width: int) -> bool:
    """A line inside a table that lost its leading pipe: it has the table's cells (all but
    one at least, and two or more) between unescaped pipes."""
    line = line.strip()
    if not line or line.startswith("|") or _FENCE.match(line) or _HEADING.fullmatch(line):
        return False
    return len(_CELL_BORDER.findall(line)) >= 1 and len(cells_of(line)) >= max(2, width - 1)


def row_of(line: str, number: int, width: int, bordered: bool = True) -> Row:
    """A table row; a doubled leading pipe, or a missing one where the table's rows have
    theirs (`bordered`), is read as meant, and said."""
    text = line.strip()
    cells = cells_of(text)
    flaw = None
    if text.startswith("||") and len(cells) > width and not cells[0]:
        cells, flaw = cells[1:], "a doubled leading pipe"
    elif bordered and not text.startswith("|"):
        flaw = "no leading pipe"
    return Row(cells, number, text, flaw)


def cells_of(line: str) -> tuple[str, ...]:
    """Cells between the pipes; the optional outer pipes are borders, not empty cells."""
    parts = _CELL_BORDER.split(line.strip().removeprefix("|"))
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    elif len(parts) > 1 and _TRAILER.fullmatch(parts[-1].strip()):
        trailer = parts.pop()
        parts[-1] = parts[-1].rstrip() + trailer.strip()
    return tuple(inline(part.strip()) for part in parts)
