"""Layout details: detection, and descriptions surviving every layout (property-based)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tcgen.sources.capture.detect import detect, parse_page
from tcgen.sources.capture.interpret import read_action
from tcgen.sources.capture.report import Report

from .fixture_pages import FORBID
from .pages import ActionPage, markdown, page_html, text


@pytest.mark.parametrize(
    ("name", "content", "layout"),
    [
        ("page.txt", "<!DOCTYPE html><html><body><h1>X</h1></body></html>", "html"),
        ("page.html", "# Title\n\n| a | b |\n|---|---|\n", "markdown"),
        ("page.md", "Plain\n\nParameter Name Type Description\n", "markdown"),
        ("page.txt", "Plain\n\nParameter Name Type Description\n", "text"),
        ("page", "<h2>1. API Description</h2><p>x</p>", "html"),
    ],
)
def test_detect_by_content_then_suffix(name: str, content: str, layout: str) -> None:
    assert detect(Path(name), content) == layout


_WORD = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("Ll", "Lu", "Lo", "Nd"), include_characters="\"'<&|,;()-"
    ),
    min_size=1,
    max_size=12,
)
# Words joined by single spaces (HTML collapses runs of spaces, as a browser does); a line
# starts with a lowercase word so it cannot look like the start of a row in the browser copy.
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(lambda words: " ".join(["note", *words]))
_DESCRIPTION = st.lists(_LINE, min_size=1, max_size=4).map("\n".join)


def _capture(page: ActionPage, render: str) -> dict[str, Any]:
    items = page.items()
    content = {"text": text(items), "markdown": markdown(items), "html": page_html(items, "x")}
    document = parse_page(Path(f"page.{render}"), content[render], "page")
    report = Report("page")
    captured = read_action(document, lambda service, version: {}, report)
    assert report.problems == []
    assert captured is not None
    return captured.action


@settings(max_examples=40, deadline=None)
@given(description=_DESCRIPTION, layout=st.sampled_from(["text", "markdown", "html"]))
def test_descriptions_survive_every_layout(description: str, layout: str) -> None:
    """Quotes, pipes, markup characters, non-ASCII and line breaks come back unchanged."""
    inputs = [(n, r, t, description if n == "Reason" else d) for n, r, t, d in FORBID.inputs]
    page = ActionPage(**{**FORBID.__dict__, "inputs": inputs})
    action = _capture(page, layout)
    reason = next(p for p in action["input"] if p["name"] == "Reason")
    assert reason["description"] == description
