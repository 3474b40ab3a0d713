"""Decide which layout a page is in and parse it with that layout's parser.

The content decides: a browser copy saved as `.html` or a Markdown page saved as `.txt` still
parse right. The file suffix only settles pages whose content shows no markup at all.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from tcgen.sources.capture import html_layout, markdown_layout, text_layout
from tcgen.sources.capture.document import Document

Parser = Callable[[str, str], Document]

LAYOUTS: dict[str, Parser] = {
    "html": html_layout.parse,
    "markdown": markdown_layout.parse,
    "text": text_layout.parse,
}
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
_HTML_DOCUMENT = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]", re.IGNORECASE)
_MARKDOWN = re.compile(r"^(#{1,6} \S|\|.*\|\s*$|```)", re.MULTILINE)
_HTML_BLOCK = re.compile(r"<(h[1-6]|p|table|div|pre)[\s>]", re.IGNORECASE)


def detect(path: Path, text: str) -> str:
    """The layout name of a page: by its markup, else by its suffix, else plain text."""
    if _HTML_DOCUMENT.search(text):
        return "html"
    if _MARKDOWN.search(text):
        return "markdown"
    if _HTML_BLOCK.search(text):
        return "html"
    return _SUFFIXES.get(path.suffix.lower(), "text")


def parse_page(path: Path, text: str, source: str) -> Document:
    """The page as a neutral document, whatever its layout, with its lines as written."""
    document = LAYOUTS[detect(path, text)](text, source)
    return dataclasses.replace(document, lines=tuple(text.splitlines()))
