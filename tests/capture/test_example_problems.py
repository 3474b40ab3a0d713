"""A broken Example section costs only that example: a warning at its line, the rest captured.

Each case edits the Example section of the DropLiveStream fixture page (text layout) the way a
page can go wrong: a part missing, a request without its POST line, bodies that are not JSON
objects, an output without its `Response` (read as the response, as the page meant it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import PAGES, capture, load

PAGE = (PAGES / "DropLiveStream.txt").read_text(encoding="utf-8")
BODY = """{
    "AppName": "live",
    "StreamName": "stream1",
    "DomainName": "5000.livepush.myqcloud.com"
}"""
OUTPUT = """{
    "Response": {
        "RequestId": "8e50cdb5-56dc-408b-89b0-31818958d424"
    }
}"""

HEADERS = """POST / HTTP/1.1
Host: live.tencentcloudapi.com
Content-Type: application/json
X-TC-Action: DropLiveStream
<Common request parameters>

"""

CASES: dict[str, tuple[list[tuple[str, str]], int, str]] = {
    # name: (replacements in the page, line of the warning, the warning)
    "no output part": (
        [("Output Example\n\n" + OUTPUT, "")],
        41,
        "example 'Example1 Sample request' has no response: left out",
    ),
    "request without its POST line": (
        [(HEADERS, "")],
        41,
        "example 'Example1 Sample request' has no request: left out",
    ),
    "request body not JSON": (
        [(BODY, '{"AppName": "live",')],
        47,
        "example request body is not valid JSON (Expecting property name" "",
    ),
    "request body not an object": (
        [(BODY, '["live"]')],
        47,
        "example request body is not a JSON object: example left out",
    ),
    "output not JSON": ([(OUTPUT, '{"Response": ')], 61, "example output is not valid JSON"),
    "output not an object": ([(OUTPUT, "[1, 2]")], 61, "example output is not a JSON object"),
}
KEPT = "output without Response"  # read as the response: the example stays
CASES[KEPT] = (
    [(OUTPUT, '{"RequestId": "r"}')],
    61,
    'example output has no "Response" object: read as the response',
)


def _edit(text: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("case", list(CASES))
def test_broken_example_is_a_warning_and_costs_only_that_example(
    empty_spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    replacements, line, warning = CASES[case]
    page = tmp_path / "DropLiveStream.txt"
    page.write_text(_edit(PAGE, replacements), encoding="utf-8")
    assert capture(page, "--spec-dir", empty_spec) == 0
    err = capsys.readouterr().err
    assert f"warning: {page}#L{line}: {warning}" in err, err  # at the line of the broken part
    action = load(empty_spec / "live" / "2018-08-01" / "actions" / "DropLiveStream.json")
    assert [p["name"] for p in action["input"]] == ["StreamName", "DomainName", "AppName"]
    if case == KEPT:
        assert action["examples"][0]["response"] == {"RequestId": "r"}
    else:
        assert action["examples"] == []


def test_the_unbroken_page_captures(spec_copy: Path) -> None:
    """The cases' baseline: unedited, the page captures without a problem."""
    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 0
