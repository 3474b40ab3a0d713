"""The corpus oracle's own logic on hand-written pages: reading, comparing, judging, reporting.

No real page and no real model here: the pages are written below (in the wordings of the
corpus's eras and languages) and the model actions are built by hand, so these tests pin the
oracle's rules whatever state capture is in.
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tcgen.sources.corpus import compare, corpus, oracle, rawpage, release, report
from tcgen.sources.corpus.__main__ import main
from tcgen.sources.corpus.capturing import PageCapture
from tcgen.sources.corpus.models import ModelAction, Models

JSON = dict[str, Any]

OLD_ENGLISH = """\ufeff## 1. API Description\r
\r
This API (RunThings) is used to run things.\u200b\r
\r
## 2. Input Parameters\r
\r
| Parameter name | Required | Type | Description |\r
|---|---|---|---|\r
| Action | Yes | String | Common parameter, the name of this API: RunThings |\r
| Version | Yes | String | Common parameter, the version of API: 2020-01-01 |\r
| ThingIds.N | Yes | String | IDs, pay-as-you-go | PREPAID \\| ok |\r
| Count | No | Integer | How many |.\r
| Mode | String | Yes | Swapped cells on the page |\r
| Note | Yes | [Label](https://example.com/x#Label) | <br>A <b>label</b> |\r
\r
## 3. Output Parameters\r
\r
| Parameter name | Type | Description |\r
|---|---|---|\r
| RunId | String | Run ID |\r
| RequestId | String | Request ID |\r
\r
## 4. Error Codes\r
\r
| Error Code | Description |\r
|---|---|\r
| FailedOperation.Busy | Busy |\r
| InvalidThing | No such thing |\r
\r
## 5. Example\r
\r
### Example 1 Run two things\r
\r
```\r
https://demo.tencentcloudapi.com/?Action=RunThings\r
&ThingIds.0=t-1\r
&ThingIds.1=t-2\r
&Count=2\r
&<Common request parameters>\r
```\r
\r
```\r
{"Response": {"RunId": "r-1", "RequestId": "x"}}\r
```\r
"""

CHINESE = """## 1. 接口描述

接口请求域名： demo.tencentcloudapi.com 。

RunThings 用于运行\u201c东西\u201d。

默认接口请求频率限制：20次/秒。

### 2. 输入参数

| 参数名称 | 必选 | 类型 | 描述 |
|---------|---------|---------|---------|
| Action | 是 | String | 公共参数，本接口取值：RunThings |
| Version | 是 | String | 公共参数，本接口取值：2020-01-01 |
| Region | 否 | String | 公共参数，本接口不需要传递此参数。 |
| ThingIds.N | 是 | Array of String | ID 列表 |

## 3. 输出参数

| 参数名称 | 类型 | 描述 |
|---------|---------|---------|
| RequestId | String | 唯一请求 ID |

## 4. 示例

### 示例1 运行

#### 输入示例

```
POST / HTTP/1.1
Host: demo.tencentcloudapi.com

{"ThingIds": ["t-1"]}
```

#### 输出示例

```
{"Response": {"RequestId": "x"}}
```

## 5. 错误码

| 错误码 | 描述 |
|---------|---------|
| FailedOperation.Busy | 忙 |
"""


def test_raw_reader_reads_an_old_english_page_as_written() -> None:
    page = rawpage.read(OLD_ENGLISH)
    assert (page.action, page.version, page.endpoint) == (
        "RunThings",
        "2020-01-01",
        "demo.tencentcloudapi.com",  # no domain line: the example URL names the host
    )
    rows = page.top_rows("input")
    assert rows["ThingIds"].type == "Array of String" and rows["ThingIds"].required is True
    assert (rows["Count"].type, rows["Count"].required) == ("Integer", False)  # `|.` line end
    assert (rows["Mode"].type, rows["Mode"].required) == ("String", True)  # swapped cells
    assert rows["Note"].type == "Label"  # a link to the Data Types page
    assert [r.name for r in page.output] == ["RunId", "RequestId"]
    assert page.error_codes == ["FailedOperation.Busy", "InvalidThing"]
    assert page.examples == [{"ThingIds.0": "t-1", "ThingIds.1": "t-2", "Count": "2"}]
    assert page.description() == "This API (RunThings) is used to run things."
    assert page.rate_limit is None


def test_raw_reader_reads_a_chinese_page() -> None:
    page = rawpage.read(CHINESE)
    assert (page.action, page.version, page.rate_limit) == ("RunThings", "2020-01-01", 20)
    assert page.endpoint == "demo.tencentcloudapi.com"
    assert page.description() == 'RunThings 用于运行"东西"。'  # curly quotes made plain
    assert [r.name for r in page.input] == ["Action", "Version", "Region", "ThingIds"]
    assert page.examples == [{"ThingIds.0": "t-1"}]
    assert page.error_codes == ["FailedOperation.Busy"]


def test_code_keeps_curly_quotes_and_an_unreadable_example_is_marked() -> None:
    text = (
        "## 4. Example\n\n### Example 1\n\n```\nPOST / HTTP/1.1\n\n"
        '{"Text": "\u201cquoted\u201d"}\n```\n\n```\n{"Response": {"RequestId": "x",}}\n```\n'
        "\n### Example 2\n\n```\nPOST / HTTP/1.1\n\n"
        '{"Text": "\u201d"}\n```\n\n```\n{"Response": {"RequestId": "\u201d"}}\n```\n'
    )
    assert rawpage.read(text).examples == [None, {"Text": "\u201d"}]


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| A | Yes | String | x \\| y |", ["A", "Yes", "String", "x \\| y"]),
        ("| A | Yes | String | x | y |", ["A", "Yes", "String", "x", "y"]),
        ("| A | Yes | String | x |.", ["A", "Yes", "String", "x"]),
        ("| A | | String | |", ["A", "", "String", ""]),
    ],
)
def test_rows_split_on_unescaped_pipes(line: str, cells: list[str]) -> None:
    assert rawpage.split_row(line) == cells


def _page(tmp_path: Path, text: str, lang: str = "en") -> corpus.CorpusPage:
    path = tmp_path / lang / "demo" / "RunThings.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return corpus.CorpusPage(f"{lang}/demo/RunThings.md", "demo", "RunThings", lang, "action", path)


def _parameter(name: str, type_text: str, required: bool | None = None) -> JSON:
    parameter: JSON = {"name": name, "type": type_text, "description": ""}
    if required is not None:
        parameter["required"] = required
    return parameter


def _model(**changes: Any) -> ModelAction:
    action: JSON = {
        "action": "RunThings",
        "description": "This API is used to run things.",
        "input": [
            _parameter("ThingIds", "Array of String", True),
            _parameter("Count", "Int64", False),
            _parameter("Mode", "String", True),
            _parameter("Note", "Label", True),
        ],
        "output": [_parameter("RunId", "String"), _parameter("RequestId", "String")],
        "examples": [
            {
                "title": "t",
                "request": {"method": "POST", "params": {"ThingIds": ["t-1", "t-2"], "Count": 2}},
                "response": {},
            }
        ],
    }
    action.update(changes)
    return ModelAction("demo", "2020-01-01", "demo.tencentcloudapi.com", action, {})


def _captured(page: corpus.CorpusPage, **changes: Any) -> PageCapture:
    """What a faithful capture of OLD_ENGLISH gives, with `changes` applied to the action."""
    action: JSON = {
        "action": "RunThings",
        "description": "This API (RunThings) is used to run things.",
        "input": [
            _parameter("ThingIds", "Array of String", True),
            _parameter("Count", "Integer", False),
            _parameter("Mode", "String", True),
            _parameter("Note", "Label", True),
        ],
        "output": [_parameter("RunId", "String"), _parameter("RequestId", "String")],
        "examples": [
            {
                "title": "Example 1",
                "request": {"method": "GET", "params": {"ThingIds": ["t-1", "t-2"], "Count": 2}},
                "response": {},
            }
        ],
        "errorCodes": [
            {"code": "FailedOperation.Busy", "description": ""},
            {"code": "InvalidThing", "description": ""},
        ],
    }
    action.update(changes)
    return PageCapture(
        page, action, "demo", "2020-01-01", "demo.tencentcloudapi.com", seconds=0.001
    )


def _judge(capture: PageCapture, model: ModelAction | None = None) -> compare.PageResult:
    raw = rawpage.read(capture.page.path.read_text(encoding="utf-8-sig"))
    return compare.compare(capture, raw, model or _model(), known=True)


def _classes(result: compare.PageResult) -> list[str]:
    return sorted(d.cls for d in result.disagreements)


def test_a_faithful_capture_of_a_page_that_matches_the_model_agrees_everywhere(
    tmp_path: Path,
) -> None:
    result = _judge(_captured(_page(tmp_path, OLD_ENGLISH)))
    assert result.disagreements == []
    assert result.checks["input"] == [4, 4]  # Integer on the page is tccli's Int64
    assert result.checks["examples"] == [2, 2]  # GET on the page, POST in the model: same data


def test_a_lost_page_is_capture_fault_with_its_reason(tmp_path: Path) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    lost = PageCapture(page, problems=["L9: no Action row"])
    result = _judge(lost)
    assert _classes(result) == ["page.lost"]
    assert result.disagreements[0].detail == "L9: no Action row"
    assert result.faults() == result.disagreements and not result.captured


def test_an_exception_in_capture_is_a_lost_page(tmp_path: Path) -> None:
    raised = PageCapture(_page(tmp_path, OLD_ENGLISH), error="KeyError at rows.py:3: 'x'")
    assert _classes(_judge(raised)) == ["page.lost", "page.raised"]


def test_missing_parameters_are_judged_by_the_page_text(tmp_path: Path) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    inputs = [_parameter("ThingIds", "Array of String", True), _parameter("Note", "Label", True)]
    inputs += [_parameter("Mode", "String", True), _parameter("Made", "String", False)]
    model = _model(
        input=[*_model().action["input"], _parameter("Zone", "String", False)],
    )
    result = _judge(_captured(page, input=inputs), model)
    by_subject = {d.subject: d.cls for d in result.disagreements}
    assert by_subject == {
        "Count": "input.not-captured",  # on the page and in the model: capture lost it
        "Zone": "input.not-on-page",  # only the model has it: the page's own
        "Made": "input.invented",  # neither the page nor the model has it
    }
    assert [d.side for d in result.disagreements if d.subject == "Zone"] == ["page"]


def test_a_parameter_only_the_page_has_is_the_pages_own(tmp_path: Path) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    model = _model(input=[p for p in _model().action["input"] if p["name"] != "Mode"])
    result = _judge(_captured(page), model)
    assert _classes(result) == ["input.only-on-page"]
    assert result.disagreements[0].side == "page"


def test_types_and_required_flags_are_judged_by_the_row(tmp_path: Path) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    model_inputs = [dict(p) for p in _model().action["input"]]
    model_inputs[1]["type"] = "Float"  # the page says Integer: the page's own
    model_inputs[2]["required"] = False  # the page says Yes: the page's own
    captured_inputs = [dict(p) for p in _captured(page).action["input"]]  # type: ignore[index]
    captured_inputs[0]["type"] = "String"  # the page says ThingIds.N: capture's fault
    captured_inputs[3]["required"] = False  # the page says Yes like the model: capture's fault
    result = _judge(_captured(page, input=captured_inputs), _model(input=model_inputs))
    assert {d.subject: d.cls for d in result.disagreements} == {
        "Count": "input.type.page.number",
        "Mode": "input.required.page",
        "ThingIds": "input.type.capture",
        "Note": "input.required.capture",
    }


def test_examples_are_counted_against_the_page_then_compared_with_the_model(
    tmp_path: Path,
) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    assert _classes(_judge(_captured(page, examples=[]))) == ["examples.count.capture"]
    other = _model(
        examples=[
            {
                "title": "t",
                "request": {"method": "POST", "params": {"ThingIds": ["t-9", "t-2"], "Count": 2}},
                "response": {},
            }
        ]
    )
    result = _judge(_captured(page), other)
    assert _classes(result) == ["examples.values.page"]
    assert "ThingIds.0" in result.disagreements[0].detail
    assert _classes(_judge(_captured(page), _model(examples=[]))) == ["examples.count.page"]


def test_error_codes_and_rate_limit_are_checked_against_the_page_text(tmp_path: Path) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    codes = [{"code": "InvalidThing", "description": ""}, {"code": "Made.Up", "description": ""}]
    result = _judge(_captured(page, errorCodes=codes, rateLimit=20))
    assert {(d.cls, d.subject) for d in result.disagreements} == {
        ("errorCodes.not-captured", "FailedOperation.Busy"),
        ("errorCodes.invented", "Made.Up"),
        ("rateLimit.capture", "None"),
    }
    assert result.checks["errorCodes"] == [3, 1]


def test_error_codes_the_sdk_lacks_are_the_pages_own(tmp_path: Path) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    sdk = dataclasses.replace(_model(), error_codes=frozenset({"FailedOperation.Busy"}))
    result = _judge(_captured(page), sdk)
    assert [(d.cls, d.subject, d.side) for d in result.disagreements] == [
        ("errorCodes.not-in-model", "InvalidThing", "page")
    ]


def test_descriptions_compare_loosely_with_the_model_and_closely_with_the_page(
    tmp_path: Path,
) -> None:
    page = _page(tmp_path, OLD_ENGLISH)
    assert _classes(_judge(_captured(page, description=""))) == ["description.capture"]
    unrelated = _model(description="Deletes a bucket from a region of a storage account.")
    assert _classes(_judge(_captured(page), unrelated)) == ["description.page"]


def test_a_page_without_a_model_is_the_pages_own(tmp_path: Path) -> None:
    capture = _captured(_page(tmp_path, OLD_ENGLISH))
    raw = rawpage.read(OLD_ENGLISH)
    unknown = compare.compare(capture, raw, None, known=False)
    assert _classes(unknown) == ["model.no-service"]
    assert _classes(compare.compare(capture, raw, None, known=True)) == ["model.no-action"]


@pytest.mark.parametrize(
    ("page_type", "model_type", "kind"),
    [
        ("String", "Array of String", "array"),
        ("String", "Timestamp", "time"),
        ("Integer", "Float", "number"),
        ("Price", "PrepayPrice", "structure"),
        ("Boolean", "Price", "other"),
    ],
)
def test_type_differences_are_named(page_type: str, model_type: str, kind: str) -> None:
    assert compare.type_difference(page_type, model_type) == kind


def test_every_class_has_a_side_and_a_known_field() -> None:
    for name, cls in compare.CLASSES.items():
        assert cls.side in ("page", "capture"), name
        assert cls.field in compare.FIELDS, name


# --- end to end on a hand-made corpus and model release -------------------------------------

CURRENT = """# RunThings

## 1. API Description

Domain name for API request: demo.tencentcloudapi.com.

This API is used to run things.

A maximum of 20 requests can be initiated per second for this API.

## 2. Input Parameters

| Parameter Name | Required | Type | Description |
|---|---|---|---|
| Action | Yes | String | Common parameter. The value used for this API: RunThings. |
| Version | Yes | String | Common parameter. The value used for this API: 2020-01-01. |
| Region | No | String | Common parameter. This parameter is not required for this API. |
| ThingIds.N | Yes | Array of String | IDs.<br>Example value: ["t-1"] |

## 3. Output Parameters

| Parameter Name | Type | Description |
|---|---|---|
| RequestId | String | The unique request ID.<br>Note: This field may return null. |

## 4. Example

### Example1 Run

#### Input Example

```
POST / HTTP/1.1
Host: demo.tencentcloudapi.com
Content-Type: application/json
X-TC-Action: RunThings
<Common request parameters>

{"ThingIds": ["t-1"]}
```

#### Output Example

```
{"Response": {"RequestId": "x"}}
```

## 5. Error Code

| Error Code | Description |
|---|---|
| FailedOperation.Busy | Busy. |
"""

API = {
    "metadata": {"serviceShortName": "demo", "apiVersion": "2020-01-01"},
    "actions": {
        "RunThings": {
            "name": "Run things",
            "document": "This API is used to run things.",
            "input": "RunThingsRequest",
            "output": "RunThingsResponse",
            "status": "online",
        }
    },
    "objects": {
        "RunThingsRequest": {
            "members": [
                {
                    "name": "ThingIds",
                    "type": "list",
                    "member": "string",
                    "required": True,
                    "example": '["t-1"]',
                },
                {"name": "Zone", "type": "string", "member": "string", "required": False},
            ]
        },
        "RunThingsResponse": {
            "members": [{"name": "RequestId", "type": "string", "member": "string"}]
        },
    },
}
EXAMPLES = {
    "actions": {
        "RunThings": [
            {
                "title": "Run",
                "input": 'POST / HTTP/1.1\n\n{"ThingIds": ["t-1"]}',
                "output": '{"Response": {"RequestId": "x"}}',
            }
        ]
    }
}


@pytest.fixture
def mini(tmp_path: Path) -> tuple[Path, Path]:
    """A one-page corpus in the current layout and a one-service model release."""
    root = tmp_path / "corpus"
    page = root / "en" / "demo" / "RunThings.md"
    page.parent.mkdir(parents=True)
    page.write_text(CURRENT, encoding="utf-8")
    entry = {"file": "en/demo/RunThings.md", "service": "demo", "action": "RunThings"}
    entry |= {"lang": "en", "kind": "action", "source": "x"}
    index = {"repository": "r", "commit": "c0ffee", "pages": [entry]}
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    models = tmp_path / "services" / "demo" / "v20200101"
    models.mkdir(parents=True)
    (models / "api.json").write_text(json.dumps(API), encoding="utf-8")
    (models / "examples.json").write_text(json.dumps(EXAMPLES), encoding="utf-8")
    return root, tmp_path / "services"


def test_a_page_in_the_current_layout_runs_end_to_end(mini: tuple[Path, Path]) -> None:
    root, services = mini
    run = oracle.run(corpus.load_index(root), services)
    [result] = run.pages
    assert run.captured == 1 and result.model == "demo 2020-01-01"
    assert [(d.cls, d.subject) for d in result.disagreements] == [("input.not-on-page", "Zone")]
    reference = oracle.run(corpus.load_index(root), services, True)
    text = report.markdown([report.Corpus("corpus/", "c0ffee", run, reference)])
    assert "**pages captured: 1/1**" in text
    assert "`input.not-on-page`" in text and "en/demo/RunThings.md" in text
    assert result.notes == {("example", "agrees"): 1, ("nullable", "model has none"): 1}
    assert "| `corpus/` | en | 1 example values | 1 | 0 | 0 | 0 |" in text
    assert "| `corpus/` | en | 1 null notes | 0 | 0 | 1 | 0 |" in text


def _flawed(page: str) -> str:
    """The mini page with every flaw a reader reads through, and a hostile example."""
    deep = '{"Response": ' + "[" * 50000 + "]" * 50000 + "}"
    return (
        page.replace("2020-01-01. |", "1/1/2020 |")
        .replace(
            'Example value: ["t-1"] |', 'Example value: ["t-1"] |\nZone | No | String | Zone. |'
        )
        .replace("| RequestId | String |", "|| RequestId | String |")
        .replace(
            "| Error Code | Description |\n|---|---|\n| FailedOperation.Busy | Busy. |",
            "| Error Code | Description | Error Code |\n|---|---|---|\n"
            "| -1 | Busy. | FailedOperation.Busy |",
        )
        .replace(
            "## 5. Error Code",
            "### Example2 Deep\n\n```\nPOST / HTTP/1.1\nX-TC-Action: RunThings\n\n"
            f'{{"ThingIds": ["t-2"]}}\n```\n\n```\n{deep}\n```\n\n## 5. Error Code',
        )
    )


def test_the_oracle_reads_the_flaws_as_capture_does(mini: tuple[Path, Path]) -> None:
    root, services = mini
    page = root / "en" / "demo" / "RunThings.md"
    flawed = _flawed(page.read_text(encoding="utf-8"))
    assert flawed.count("Zone | No") == 1 and "|| RequestId" in flawed and "-1 |" in flawed
    page.write_text(flawed, encoding="utf-8")
    run = oracle.run(corpus.load_index(root), services)
    [result] = run.pages
    assert run.captured == 1 and not result.disagreements, result.disagreements
    assert result.checks["errorCodes"] == [1, 1] and result.checks["input"] == [2, 2]


def test_the_report_covers_the_oldest_revisions_too(
    mini: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, services = mini
    history = tmp_path / "real-history"
    (history / "en" / "demo").mkdir(parents=True)
    old_page = CURRENT.replace("2020-01-01. |", "1/1/2020 |")  # machine-translated, as some are
    (history / "en" / "demo" / "RunThings.md").write_text(old_page, encoding="utf-8")
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    del index["commit"]
    index["pages"][0] |= {"commit": "ab12", "date": "2018-11-05"}
    (history / "index.json").write_text(json.dumps(index), encoding="utf-8")
    monkeypatch.setenv(corpus.ENV, str(root))
    monkeypatch.setenv(corpus.HISTORY_ENV, str(history))
    target = tmp_path / "report.md"
    assert main(["--models", str(services), "--markdown", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "## The oldest revisions: `../shared/pages/real-history/`" in text
    assert "oldest revision in tencentyun/intlcloud-documents, 2018-11-05 to 2018-11-05" in text
    assert text.count("**pages captured: 1/1**") == 2
    assert "| `../shared/pages/real-history/` | en | 1 example values | 1 |" in text
    assert main(["--models", str(services), "--history"]) == 0


def test_the_command_line_prints_and_writes_the_report(
    mini: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, services = mini
    args = ["--corpus", str(root), "--models", str(services)]
    assert main([*args, "--all"]) == 0  # no capture fault
    out = capsys.readouterr().out
    assert "page  input.not-on-page: Zone" in out and "captured 1/1 pages" in out
    assert main([*args, "--class", "output."]) == 0
    assert "RunThings" not in capsys.readouterr().out  # no output disagreement: no page shown
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["captured"] == 1
    target = tmp_path / "report.md"
    assert main([*args, "--markdown", str(target)]) == 0
    assert "tencentyun/intlcloud-documents c0ffee" in target.read_text(encoding="utf-8")
    assert main([*args, "--service", "nothing"]) == 2


def test_models_are_found_by_the_apis_short_name(tmp_path: Path) -> None:
    directory = tmp_path / "autoscaling" / "v20180419"
    directory.mkdir(parents=True)
    api = {**API, "metadata": {"serviceShortName": "as"}}
    (directory / "api.json").write_text(json.dumps(api), encoding="utf-8")
    sdk = tmp_path / "sdk" / "autoscaling" / "v20180419"
    sdk.mkdir(parents=True)
    (sdk / "errorcodes.py").write_text(
        "# Busy.\nFAILEDOPERATION_BUSY = 'FailedOperation.Busy'\n", encoding="utf-8"
    )
    models = Models(tmp_path, tmp_path / "sdk")
    found = models.find("as", "RunThings", "2018-04-19")
    assert found is not None and found.service == "as" and found.version == "2018-04-19"
    assert found.error_codes == {"FailedOperation.Busy"}
    assert models.find("as", "Nothing", None) is None and not models.has_service("cvm")


def test_the_release_is_unpacked_once_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel_dir = tmp_path / f"{release.PACKAGE}-9.9" / "wheel"
    wheel_dir.mkdir(parents=True)
    with zipfile.ZipFile(wheel_dir / "tccli_intl_en-9.9-py3-none-any.whl", "w") as archive:
        archive.writestr("tccli/services/demo/v20200101/api.json", json.dumps(API))
        archive.writestr("tccli/services/demo/v20200101/examples.json", "{}")
        archive.writestr("tccli/services/demo/demo_client.py", "")

    def no_pip(*args: object, **kwargs: object) -> None:
        raise AssertionError("pip must not run when the wheel is cached")

    monkeypatch.setattr(release.subprocess, "run", no_pip)
    services = release.services_dir("9.9", tmp_path)
    assert release.sdk_release("3.0.1060.1") == "3.0.1060"
    assert sorted(p.name for p in (services / "demo" / "v20200101").iterdir()) == [
        "api.json",
        "examples.json",
    ]
    assert release.services_dir("9.9", tmp_path) == services  # the marker short-cuts


TYPES = """# Data Types

## Label

A label.

| Name | Type | Required | Description |
|---|---|---|---|
| Key | String | Yes | Key. |
| Colour | String | No | Colour. |
"""


def test_a_data_types_page_is_compared_with_the_models_structures(
    mini: tuple[Path, Path],
) -> None:
    root, services = mini
    (root / "en" / "demo" / "DataTypes.md").write_text(TYPES, encoding="utf-8")
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    entry = {"file": "en/demo/DataTypes.md", "service": "demo", "action": ""}
    index["pages"].append(entry | {"lang": "en", "kind": "types", "source": "x"})
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    api_file = services / "demo" / "v20200101" / "api.json"
    api = json.loads(api_file.read_text(encoding="utf-8"))
    api["objects"]["Label"] = {
        "document": "A label.",
        "members": [
            {"name": "Key", "type": "string", "member": "string", "required": True},
            {"name": "Value", "type": "string", "member": "string", "required": False},
        ],
    }
    api_file.write_text(json.dumps(api), encoding="utf-8")
    for reference in (False, True):
        action_page, types_page = oracle.run(corpus.load_index(root), services, reference).pages
        assert types_page.captured and types_page.model == "demo 2020-01-01"
        assert {(d.cls, d.subject) for d in types_page.disagreements} == {
            ("structures.not-on-page", "Label.Value"),
            ("structures.only-on-page", "Label.Colour"),
        }
        assert types_page.checks["structures"] == [3, 1]
        assert not action_page.faults()
