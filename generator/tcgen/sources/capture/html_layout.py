"""Parse an HTML API page into a `Document` with the standard library's HTML parser.

Block elements map onto the model: `h1`-`h6` are headings, `table` a table (the row of `th`
cells, else the first row, is the header), `pre` code, and any other text between block
boundaries (`p`, `div`, `li`, ...) a paragraph. Inline elements only contribute their text, as
in a browser; whitespace collapses as HTML renders it and `<br>` is a newline. Script, style
and the document head are skipped. Each block remembers the source line of its element.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tcgen.sources.capture.document import Block, Code, Document, Heading, Paragraph, Row, Table

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "section", "article", "header", "footer", "main", "nav",
    "aside", "blockquote", "dl", "dt", "dd", "body", "html", "figure", "form",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "template", "noscript", "svg"}
_SPACE = re.compile(r"\s+")


def parse(text: str, source: str) -> Document:
    """Feed the whole page to the parser and return the blocks it collected."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    parser.flush()
    return Document(source, tuple(parser.blocks))


def _clean(text: str) -> str:
    """Rendered text: collapsed spaces, `\\n` only where a `<br>` was, lines trimmed."""
    return "\n".join(line.strip() for line in text.split("\n")).strip()


class _PageParser(HTMLParser):
    """Collects blocks while streaming through the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.text_line = 0
        self.heading_line: int | None = None
        self.heading_level = 0
        self.pre_line: int | None = None
        self.skipping = 0
        self.header: tuple[str, ...] | None = None
        self.rows: list[Row] = []
        self.table_line: int | None = None
        self.cells: list[str] | None = None
        self.in_cell = False
        self.header_row = False
        self.row_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.text.append("\n")
        elif self.cells is not None and tag in {"td", "th"}:
            self._end_cell()
            self.in_cell, self.text = True, []
            self.header_row = self.header_row or tag == "th"
        elif self.cells is not None:
            if tag in _BLOCKS and "".join(self.text).strip():
                self.text.append("\n")
        elif tag in _HEADINGS:
            self.flush()
            self.heading_line, self.heading_level = line, int(tag[1])
        elif tag == "pre":
            self.flush()
            self.pre_line = line
        elif tag == "table":
            self.flush()
            self.table_line, self.header, self.rows = line, None, []
        elif tag == "tr" and self.table_line is not None:
            self.cells, self.header_row, self.row_line = [], False, line
            self.text = []
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "tr" and self.cells is not None:
            self._end_row()
        elif tag in {"td", "th"}:
            self._end_cell()
        elif self.cells is not None:
            return
        elif tag in _HEADINGS and self.heading_line is not None:
            text = _clean("".join(self.text))
            self.blocks.append(Heading(text, self.heading_line, self.heading_level))
            self.text, self.heading_line = [], None
        elif tag == "pre" and self.pre_line is not None:
            code = "".join(self.text).removeprefix("\n").rstrip()
            self.blocks.append(Code(code, self.pre_line))
            self.text, self.pre_line = [], None
        elif tag == "table" and self.table_line is not None:
            self.blocks.append(Table(self.header or (), tuple(self.rows), self.table_line))
            self.table_line = None
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not "".join(self.text).strip() and self.cells is None:
            self.text_line = self.getpos()[0]
        self.text.append(data if self.pre_line is not None else _SPACE.sub(" ", data))

    def flush(self) -> None:
        """End the paragraph being collected, if any text is pending."""
        if self.heading_line is not None or self.pre_line is not None:
            return
        text = _clean("".join(self.text))
        if text:
            self.blocks.append(Paragraph(text, self.text_line))
        self.text = []

    def _end_cell(self) -> None:
        if self.in_cell and self.cells is not None:
            self.cells.append(_clean("".join(self.text)))
        self.text, self.in_cell = [], False

    def _end_row(self) -> None:
        """Close the row: the first row of `th` cells is the header, other rows are body."""
        self._end_cell()
        assert self.cells is not None
        cells = tuple(self.cells)
        if self.header is None and (self.header_row or not self.rows):
            self.header = cells
        elif cells:
            self.rows.append(Row(cells, self.row_line, " | ".join(cells)))
        self.cells = None
