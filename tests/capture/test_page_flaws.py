"""Pages with the flaws a human reads through, written here (never copies of real pages).

Machine translation rewrote a Version row's date, a row lost its leading pipe or got a second
one, a legacy error table put its codes last: each page captures as its author meant, with a
warning naming the line, and a page never depends on one row to say what it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tcgen.sources.capture import identity, markdown_layout, rows, tree

EXPLORER = "https://console.cloud.tencent.com/api/explorer?Product=monitor&Version={version}&Action=DescribeAlarms"


def _page(version_cell: str, link_version: str | None = "2018-07-24", rows: str = "") -> str:
    link = f"[Try it]({EXPLORER.format(version=link_version)})" if link_version else "See alarms."
    return f"""## 1. API Description

Domain name for API request: monitor.tencentcloudapi.com.

This API is used to query alarms.

{link}

## 2. Input Parameters

| Parameter Name | Required | Type | Description |
|---------|---------|---------|---------|
| Action | Yes | String | Common parameter. The value used for this API: DescribeAlarms |
| Version | Yes | String | Common parameter. The value used for this API: {version_cell} |
| Module | Yes | String | Module name. Example value: monitor |
{rows}
## 3. Output Parameters

| Parameter Name | Type | Description |
|---------|---------|---------|
| Total | Integer | Total number of alarms. |
| RequestId | String | The unique request ID. |
"""


def _plan(tmp_path: Path, text: str, name: str = "DescribeAlarms.md") -> tree.Capture:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return tree.plan([page], tmp_path / "spec", None)


def _action(result: tree.Capture) -> tuple[str, Any]:
    (path,) = [p for p in result.files if p.parent.name == "actions"]
    return path.parent.parent.name, result.files[path]


def _warnings(result: tree.Capture) -> list[str]:
    return [f"{w.pointer}: {w.message}" for w in result.warnings]


@pytest.mark.parametrize(
    ("written", "link"),
    [
        ("7/24/2018", "2018-07-24"),
        ("24/7/2018", "2018-07-24"),
        ("Jul 24, 2018", "2018-07-24"),
        ("24 July 2018", "2018-07-24"),
        ("2018/7/24", "2018-07-24"),
        ("24.07.2018", "2018-07-24"),
        ("2018年7月24日", "2018-07-24"),
        ("7/24/2018", None),
        ("3/4/2018", "2018-04-03"),
    ],
)
def test_a_translated_version_date_reads_as_the_page_means(
    tmp_path: Path, written: str, link: str | None
) -> None:
    result = _plan(tmp_path, _page(written, link))
    assert not result.empty and not result.problems
    version, _ = _action(result)
    assert version == (link or "2018-07-24")
    assert any(w.startswith("L14: Version row writes") for w in _warnings(result)), result.warnings


def test_an_ambiguous_date_alone_reads_month_first(tmp_path: Path) -> None:
    result = _plan(tmp_path, _page("3/4/2018", None))
    assert _action(result)[0] == "2018-03-04"
    assert any("ambiguous date" in w for w in _warnings(result))


@pytest.mark.parametrize("cell", ["the date of this API version", "ModifyAlarms", ""])
def test_an_unreadable_version_row_yields_to_the_rest_of_the_page(
    tmp_path: Path, cell: str
) -> None:
    result = _plan(tmp_path, _page(cell))
    assert not result.empty
    assert _action(result)[0] == "2018-07-24"
    assert any(w.startswith("L14: Version row gives") and "line 7" in w for w in _warnings(result))


def test_a_date_the_rest_of_the_page_contradicts_yields_to_it(tmp_path: Path) -> None:
    result = _plan(tmp_path, _page("1/2/2019"))
    assert _action(result)[0] == "2018-07-24"
    assert any("'1/2/2019'" in w and "2018-07-24" in w for w in _warnings(result))


def test_places_that_disagree_are_named_both(tmp_path: Path) -> None:
    text = _page("2018-07-24", "2017-03-12")
    text += "\n## 4. Example\n\n```\nhttps://cvm.tencentcloudapi.com/?Action=DescribeX\n```\n"
    result = _plan(tmp_path, text)
    _, action = _action(result)
    assert action["action"] == "DescribeAlarms"
    warnings = _warnings(result)
    assert any(
        w.startswith("L7: the page's version disagrees")
        and "the Version row (line 14) says 2018-07-24" in w
        and "the API Explorer link (line 7) says 2017-03-12" in w
        for w in warnings
    ), warnings
    assert any(w.startswith("L27: the page's action disagrees") for w in warnings), warnings
    assert any("the page's service disagrees" in w and "cvm" in w for w in warnings), warnings


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("value: 2/28/2018", ["2018-02-28"]),
        ("value: 28/2/2018", ["2018-02-28"]),
        ("value: 3/4/2018.", ["2018-03-04", "2018-04-03"]),
        ("value: Feb. 28th, 2018", ["2018-02-28"]),
        ("value: 28 of February, 2018", ["2018-02-28"]),
        ("value: 13/13/2018", []),
        ("value: 2018", []),
    ],
)
def test_translated_dates(text: str, readings: list[str]) -> None:
    assert identity.translated_date(text)[1] == readings


def test_rows_without_or_with_a_doubled_leading_pipe_belong_to_their_table(
    tmp_path: Path,
) -> None:
    rows = (
        "Period | No | Integer | Statistical period. |\n"
        "|| Month | No | String | Month of the alarms. |\n"
        "| Limit | No | Integer | Number of results. |\n"
        "Offset | No | Integer | Offset.\n"
    )
    result = _plan(tmp_path, _page("2018-07-24", rows=rows))
    assert not result.problems
    _, action = _action(result)
    names = [p["name"] for p in action["input"]]
    assert names == ["Module", "Period", "Month", "Limit", "Offset"]
    assert action["input"][2]["description"] == "Month of the alarms."
    warnings = _warnings(result)
    assert any(w.startswith("L16: table row with no leading pipe") for w in warnings)
    assert any(w.startswith("L17: table row with a doubled leading pipe") for w in warnings)
    assert any(w.startswith("L19: table row with no leading pipe") for w in warnings)


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("| Error Code | Description | English Description |", "| {n} | {d} | {c} |"),
        ("| Error Code | Error Code (API 3.0) | Description |", "| {n} | {c} | {d} |"),
        ("| Description | Error Code | Legacy Error Code |", "| {d} | {c} | {n} |"),
        ("| Code | Description | Error Number |", "| {c} | {d} | {n} |"),
    ],
)
def test_legacy_error_tables_in_any_column_order(tmp_path: Path, header: str, row: str) -> None:
    entries = [
        ("-509", "Incorrect combination of dimensions.", "InvalidParameter.DimensionGroupError"),
        ("-503", "Invalid parameter.", "InvalidParameter"),
    ]
    table = "\n".join(
        [header, "| --- | --- | --- |"]
        + [row.format(n=n, d=d, c=c) for n, d, c in entries]
        + [row.format(n="-1", d="Unknown.", c="-1"), row.format(n="-2", d="Busy.", c="")]
    )
    result = _plan(tmp_path, _page("2018-07-24") + f"\n## 4. Error Codes\n\n{table}\n")
    _, action = _action(result)
    assert action["errorCodes"] == [{"code": c, "description": d} for _, d, c in entries]
    assert any("error code -1 has no API 3.0 code" in w for w in _warnings(result))
    assert any("error code -2 has no API 3.0 code" in w for w in _warnings(result))
    assert not result.problems


def test_a_row_without_the_pipe_after_its_type(tmp_path: Path) -> None:
    rows = "| Remark | No | String Remark of the alarm, up to 100 characters |\n"
    result = _plan(tmp_path, _page("2018-07-24", rows=rows))
    assert not result.problems
    _, action = _action(result)
    remark = action["input"][1]
    assert (remark["name"], remark["type"]) == ("Remark", "String")
    assert remark["description"] == "Remark of the alarm, up to 100 characters"
    assert any(w.startswith("L16: row has no pipe after its type") for w in _warnings(result))


def _browser_copy(markdown_page: str) -> str:
    """The page as a browser copy gives it: bare lines, cells joined by spaces."""
    lines = []
    for line in markdown_page.splitlines():
        if line.startswith(("|---", "```")):
            continue
        if line.startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip("|").split("|"))
        lines.append(line.lstrip("# "))
    return "\n".join(lines) + "\n"


IMPOSSIBLE_NAMES = (
    "| import os | Yes | String | Runs code. |\n| ../../etc/passwd | No | String | A path. |\n"
)


@pytest.mark.parametrize(("name", "layout"), [("A.md", _page), ("A.txt", _browser_copy)])
def test_impossible_parameter_names_are_located_problems(
    tmp_path: Path, name: str, layout: Any
) -> None:
    text = _page("2018-07-24", rows=IMPOSSIBLE_NAMES)
    result = _plan(tmp_path, text if layout is _page else layout(text), name)
    problems = sorted(f"{p.pointer}: {p.message}" for p in result.problems)
    first = 16 if layout is _page else 15
    assert [p.split(": cannot read table row: ")[0] for p in problems] == [
        f"L{first}",
        f"L{first + 1}",
    ]
    assert "'import os' is not a parameter name" in problems[0]
    assert "'../../etc/passwd' is not a parameter name" in problems[1]
    _, action = _action(result)
    assert action["input"][0]["description"] == "Module name. Example value: monitor"


def test_a_wrapped_name_is_one_name() -> None:
    assert rows._name("Instance Ids") == "InstanceIds"
    assert rows._name("Filters. N") == "Filters.N"
    assert rows._name("import os") == "import os"


DEEP = '{"Response": ' + "[" * 50000 + "]" * 50000 + "}"
DEEP_QUERY = "&" + "A.0." * 20000 + "B=1"


@pytest.mark.parametrize("layout", ["md", "txt"])
@pytest.mark.parametrize(
    ("query", "response", "warning"),
    [
        ("", DEEP, "example output nests 50001 deep"),
        (DEEP_QUERY, '{"Response": {}}', "example query nests 40001 deep"),
    ],
)
def test_deep_json_costs_only_its_example(
    tmp_path: Path, layout: str, query: str, response: str, warning: str
) -> None:
    request = f"https://monitor.tencentcloudapi.com/?Action=DescribeAlarms\n&Module=m{query}"
    good = (
        "```\nhttps://monitor.tencentcloudapi.com/?Action=DescribeAlarms\n```\n\n"
        '```\n{"Response": {"Total": 1}}\n```\n'
    )
    text = _page("2018-07-24") + (
        f"\n## 4. Example\n\n### Example 1 Deep\n\n```\n{request}\n```\n\n```\n{response}\n```\n"
        f"\n### Example 2 Plain\n\n{good}"
    )
    page = _browser_copy(text) if layout == "txt" else text
    result = _plan(tmp_path, page, f"DescribeAlarms.{layout}")
    assert not result.problems
    _, action = _action(result)
    assert [e["title"] for e in action["examples"]] == ["Example 2 Plain"]
    assert any(warning in w for w in _warnings(result)), _warnings(result)


def test_the_row_wins_over_a_copied_example_and_the_description_is_the_last_resort(
    tmp_path: Path,
) -> None:
    copied = _page("2018-07-24", None).replace(
        "This API is used to query alarms.", "This API (DescribeAlarms) is used to query alarms."
    )
    copied += "\n## 4. Example\n\n```\nhttps://monitor.tencentcloudapi.com/?Action=Other\n```\n"
    result = _plan(tmp_path, copied)
    assert _action(result)[1]["action"] == "DescribeAlarms"
    assert any("an example (line 27) says Other" in w for w in _warnings(result))
    unnamed = _page("2018-07-24", None).replace(
        "This API is used to query alarms.", "本接口（DescribeAlarms）用于查询告警。"
    )
    unnamed = unnamed.replace("The value used for this API: DescribeAlarms", "See the list.")
    result = _plan(tmp_path, unnamed, "Unnamed.md")
    assert _action(result)[1]["action"] == "DescribeAlarms"
    assert any(w.startswith("L13: the Action row names no action") for w in _warnings(result))


def test_a_separator_with_a_doubled_pipe_is_a_separator() -> None:
    page = "| Name | Type | Description |\n||---|---|---|\n| Total | Integer | All. |\n"
    (table,) = markdown_layout.parse(page, "p.md").blocks
    assert [row.cells for row in table.rows] == [("Total", "Integer", "All.")]
