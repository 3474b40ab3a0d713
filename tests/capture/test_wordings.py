"""Pages in the wordings Tencent has used over the years, both languages, written here.

Each page is a small hand-written Markdown page in one era's wording (never a copy of a real
page); the tests capture it as a user would and check what lands in the spec, so a change to
the reader that loses any of these wordings fails here in the default run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tcgen.commands.main import main
from tcgen.sources.capture import vocabulary

from .conftest import capture, load
from .pages import CHINESE, ActionPage, extracted, markdown, page_html, text

CHINESE_PAGE = """\ufeff## 1. 接口描述

接口请求域名： cvm.tencentcloudapi.com 。

本接口 (DescribeKeyPairs) 用于查询密钥对信息。

默认接口请求频率限制：20次/秒。

推荐使用 API Explorer
[点击调试](https://console.cloud.tencent.com/api/explorer?Product=cvm&Version=2017-03-12&Action=DescribeKeyPairs)

## 2. 输入参数

以下请求参数列表仅列出了接口请求参数和部分公共参数。

| 参数名称 | 必选 | 类型 | 描述 |
|---------|---------|---------|---------|
| Action | 是 | String | 公共参数，本接口取值：DescribeKeyPairs |
| Version | 是 | String | 公共参数，本接口取值：2017-03-12 |
| Region | 是 | String | 公共参数，详见 [地域列表](https://cloud.tencent.com/x)。 |
| KeyIds.N | 否 | Array of String | 密钥对ID列表，每次请求的密钥对上限为100。 |
| Offset | 否 | Integer | 偏移量，默认为0。 |
| Limit | 否 | Integer | 返回数量，默认为20，最大值为100。 |

## 3. 输出参数

| 参数名称 | 类型 | 描述 |
|---------|---------|---------|
| TotalCount | Integer | 符合条件的密钥对数量。 |
| KeyPairSet | Array of [KeyPair](https://cloud.tencent.com/x#KeyPair) | 密钥对列表。 |
| RequestId | String | 唯一请求 ID，每次请求都会返回。 |

## 4. 示例

### 示例1 查询密钥对

查询全部密钥对。

#### 输入示例

```
https://cvm.tencentcloudapi.com/?Action=DescribeKeyPairs
&KeyIds.0=skey-mv9yzyjj
&Limit=1
&<公共请求参数>
```

#### 输出示例

```json
{
  "Response": {
    "TotalCount": 1,
    "KeyPairSet": [],
    "RequestId": "b7b7b7b7-0000-4000-8000-000000000001"
  }
}
```

## 5. 开发者资源

### 腾讯云 API 平台

## 6. 错误码

以下仅列出了接口业务逻辑相关的错误码，其他错误码详见 [公共错误码](https://cloud.tencent.com/document/api/213/15694#.E5.85.AC.E5.85.B1.E9.94.99.E8.AF.AF.E7.A0.81)。

| 错误码 | 描述 |
|---------|---------|
| InvalidKeyPairId.Malformed | 密钥对ID不合法。 |
| InvalidParameterValue.LimitExceeded | 参数值数量超过限制。 |
"""

KEY_PAIR_TYPE = """# 数据结构

## KeyPair

描述密钥对信息。

被如下接口引用：DescribeKeyPairs。

| 名称 | 类型 | 必选 | 描述 |
|------|------|------|------|
| KeyId | String | 是 | 密钥对的`ID`。 |
| PublicKey | String | 否 | 公钥。 |
"""

# An older English wording: other labels, lower-case column titles, a description with an
# unescaped pipe, a row ending after its last pipe, HTML in cells, an empty cell, a
# zero-width space, CRLF line ends and curly quotes in the output example.
OLD_ENGLISH_PAGE = (
    "## 1. API Description\n\n"
    "API domain name: cvm.tencentcloudapi.com.\n\n"
    "This API is used to create CDH instances.\n\n"
    "Default API request rate limit: 10 requests/sec.\n\n"
    "## 2. Input Parameters\n\n"
    "| Parameter name | Required | Type | Description |\n"
    "|---------|---------|---------|---------|\n"
    "| Action | Yes | String | Common parameter. Value\u200bused in this API: AllocateHosts |\n"
    "| Version | Yes | String | Common parameter. Value used in this API: 2017-03-12 |\n"
    "| HostChargeType | No | String | Billing type:<li>PREPAID: monthly</li><li>"
    "pay-as-you-go | CDHPAID</li> |\n"
    "| HostType | No | String | CDH model, e.g. <a href='x'>HS1</a> |.\n"
    "| HostCount | Yes | Integer | |\n"
    "| HostName | No | String | Name<br>Up to 60 characters. |\n\n"
    "## 3. Output Parameters\n\n"
    "| Parameter name | Type | Description |\n"
    "|---------|---------|---------|\n"
    "| HostIdSet | Array of String | IDs. |\n"
    "| RequestId | String | The request ID. |\n\n"
    "## 4. Example\n\n"
    "### Example 1 Creating a CDH\n\n"
    "#### Input Example\n\n"
    "```\nhttps://cvm.tencentcloudapi.com/?Action=AllocateHosts\n&HostCount=1\n"
    "&<Common request parameters>\n```\n\n"
    "#### Output Example\n\n"
    "```\n{\n  \u201cResponse\u201d: {\n    \u201cHostIdSet\u201d: [\u201chost-1\u201d],\n"
    "    \u201cRequestId\u201d: \u201cabc\u201d\n  }\n}\n```\n\n"
    "## 5. Error Codes\n\n"
    "| Error Code | Description |\n"
    "|---------|---------|\n"
    "| InvalidPeriod | Invalid period. |\n"
).replace("\n", "\r\n")

# A page with its own structure: numbered sub-headings, a member rows of a structure the
# page defines itself, a table that is not a parameter table, and an older three-column
# error table (legacy number, description, API 3.0 code).
NESTED_PAGE = """## 1. 接口描述

接口请求域名： `monitor.tencentcloudapi.com`

接口调用频率限制为：20次/秒，1200次/分钟。

## 2. 输入参数

### 2.1 输入参数

#### 2.1.1 输入参数总览

| 参数名称 | 是否必选 | 类型 | 描述 |
| --- | --- | --- | --- |
| Action | 是 | String | 公共参数，本接口取值：GetMonitorData |
| Version | 是 | String | 公共参数，本接口取值： 2018-07-24 |
| Namespace | 是 | String | 命名空间 |
| Instances.N | 是 | Array of Instance | 实例对象的维度组合 |
| Instances.N.Dimensions.N | 是 | Array of Dimension | 维度 |
| Instances.N.Dimensions.N.Name | 是 | String | 维度名称 |
| Instances.N.Dimensions.N.Value | 是 | String | 维度值 |

#### 2.1.2 各维度对应参数总览

| 参数名称 | 维度名称 | 维度解释 | 格式 |
| --- | --- | --- | --- |
| Instances.N.Dimensions.0.Name | CcnId | 云联网 ID | String 类型维度名称 |

## 3. 输出参数

| 参数名称 | 类型 | 描述 |
| --- | --- | --- |
| Period | Integer | 统计周期 |
| RequestId | String | 唯一请求 ID |

## 4. 错误码表

| 错误代码 | 错误描述 | 英文描述 |
| --- | --- | --- |
| -502 | 资源不存在 | OperationDenied.SourceNotExists |
| -503 | 请求参数有误 | InvalidParameter |
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    page = tmp_path / "pages" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_bytes(text.encode("utf-8"))
    return page


def _action(spec: Path, service: str, version: str, action: str) -> Any:
    return load(spec / service / version / "actions" / f"{action}.json")


def test_chinese_page_with_its_data_types_page(tmp_path: Path, empty_spec: Path) -> None:
    page = _write(tmp_path, "DescribeKeyPairs.md", CHINESE_PAGE)
    types = _write(tmp_path, "DataTypes.md", KEY_PAIR_TYPE)
    assert capture(page, types, "--spec-dir", empty_spec) == 0
    data = _action(empty_spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    assert data["rateLimit"] == 20
    assert data["description"] == "本接口 (DescribeKeyPairs) 用于查询密钥对信息。"
    assert data["region"] == {"required": True}
    assert [(p["name"], p["type"], p["required"]) for p in data["input"]] == [
        ("KeyIds", "Array of String", False),
        ("Offset", "Integer", False),
        ("Limit", "Integer", False),
    ]
    assert [(p["name"], p["type"]) for p in data["output"]] == [
        ("TotalCount", "Integer"),
        ("KeyPairSet", "Array of KeyPair"),
        ("RequestId", "String"),
    ]
    assert [e["code"] for e in data["errorCodes"]] == [
        "InvalidKeyPairId.Malformed",
        "InvalidParameterValue.LimitExceeded",
    ]
    (example,) = data["examples"]
    assert example["title"] == "示例1 查询密钥对"
    assert example["description"] == "查询全部密钥对。"
    assert example["request"] == {
        "method": "GET",
        "params": {"KeyIds": ["skey-mv9yzyjj"], "Limit": 1},
    }
    key_pair = load(empty_spec / "cvm" / "2017-03-12" / "types" / "KeyPair.json")
    assert key_pair["description"] == "描述密钥对信息。"
    assert [(m["name"], m["required"]) for m in key_pair["members"]] == [
        ("KeyId", True),
        ("PublicKey", False),
    ]
    assert key_pair["members"][0]["description"] == "密钥对的ID。"


def test_older_english_wording_with_untidy_markdown(
    tmp_path: Path, empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path, "AllocateHosts.md", OLD_ENGLISH_PAGE)
    assert capture(page, "--spec-dir", empty_spec) == 0
    err = capsys.readouterr().err
    assert "curly quotes" in err  # the page's slip is read as meant, and said
    data = _action(empty_spec, "cvm", "2017-03-12", "AllocateHosts")
    assert load(empty_spec / "cvm" / "2017-03-12" / "service.json")["endpoint"] == (
        "cvm.tencentcloudapi.com"
    )
    assert data["rateLimit"] == 10
    inputs = {p["name"]: p for p in data["input"]}
    assert list(inputs) == ["HostChargeType", "HostType", "HostCount", "HostName"]
    assert inputs["HostChargeType"]["description"] == (
        "Billing type:\nPREPAID: monthly\npay-as-you-go | CDHPAID"
    )
    assert inputs["HostType"]["description"] == "CDH model, e.g. HS1."
    assert inputs["HostCount"] == {
        "name": "HostCount",
        "type": "Integer",
        "required": True,
        "description": "",
    }
    assert inputs["HostName"]["description"] == "Name\nUp to 60 characters."
    (example,) = data["examples"]
    assert example["response"] == {"HostIdSet": ["host-1"], "RequestId": "abc"}
    assert [e["code"] for e in data["errorCodes"]] == ["InvalidPeriod"]


def test_member_rows_sub_headings_and_legacy_error_table(tmp_path: Path, empty_spec: Path) -> None:
    page = _write(tmp_path, "GetMonitorData.md", NESTED_PAGE)
    assert capture(page, "--spec-dir", empty_spec) == 0
    data = _action(empty_spec, "monitor", "2018-07-24", "GetMonitorData")
    assert data["rateLimit"] == 20
    assert [(p["name"], p["type"]) for p in data["input"]] == [
        ("Namespace", "String"),
        ("Instances", "Array of Instance"),
    ]
    types = empty_spec / "monitor" / "2018-07-24" / "types"
    instance = load(types / "Instance.json")
    assert [(m["name"], m["type"], m["required"]) for m in instance["members"]] == [
        ("Dimensions", "Array of Dimension", True)
    ]
    dimension = load(types / "Dimension.json")
    assert [m["name"] for m in dimension["members"]] == ["Name", "Value"]
    assert data["errorCodes"] == [
        {"code": "OperationDenied.SourceNotExists", "description": "资源不存在"},
        {"code": "InvalidParameter", "description": "请求参数有误"},
    ]
    assert main(["validate", "--spec-dir", str(empty_spec)]) == 0


def test_empty_directory_gets_a_tree_the_other_commands_accept(
    tmp_path: Path, empty_spec: Path
) -> None:
    page = _write(tmp_path, "GetMonitorData.md", NESTED_PAGE)
    assert capture(page, "--spec-dir", empty_spec) == 0
    assert (empty_spec / "common-errors.json").is_file()
    assert main(["validate", "--spec-dir", str(empty_spec)]) == 0
    assert main(["schema", "monitor", "GetMonitorData", "--spec-dir", str(empty_spec)]) == 0
    out = tmp_path / "generated"
    assert main(["generate", "--spec-dir", str(empty_spec), "--out", str(out)]) == 0
    assert (out / "monitor_v20180724" / "client.py").is_file()


@pytest.mark.parametrize("lenient", [False, True])
def test_a_page_that_yields_nothing_fails_even_when_lenient(
    tmp_path: Path, empty_spec: Path, capsys: pytest.CaptureFixture[str], lenient: bool
) -> None:
    page = _write(tmp_path, "Notes.md", "## Release notes\n\nNothing about any API here.\n")
    args = ["--lenient"] if lenient else []
    assert capture(page, "--spec-dir", empty_spec, *args) == 2
    err = capsys.readouterr().err
    assert "Notes.md: nothing captured: no action and no data types" in err
    assert "Traceback" not in err
    assert not any(empty_spec.iterdir())


def test_a_broken_example_costs_only_that_example(
    tmp_path: Path, empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = CHINESE_PAGE.replace('"TotalCount": 1,', '"TotalCount": 1,,')
    page = _write(tmp_path, "DescribeKeyPairs.md", broken)
    types = _write(tmp_path, "DataTypes.md", KEY_PAIR_TYPE)
    assert capture(page, types, "--spec-dir", empty_spec) == 0
    err = capsys.readouterr().err
    assert "DescribeKeyPairs.md#L" in err and "example output is not valid JSON" in err
    data = _action(empty_spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    assert data["examples"] == [] and len(data["input"]) == 3


def test_row_without_its_required_cell_and_swapped_cells(
    tmp_path: Path, empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CHINESE_PAGE.replace("| Offset | 否 | Integer |", "| Offset | Integer |").replace(
        "| Limit | 否 | Integer |", "| Limit | Integer | 是 |"
    )
    page = _write(tmp_path, "DescribeKeyPairs.md", text)
    types = _write(tmp_path, "DataTypes.md", KEY_PAIR_TYPE)
    assert capture(page, types, "--spec-dir", empty_spec) == 0
    assert "row has no Required cell" in capsys.readouterr().err
    data = _action(empty_spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    assert [(p["name"], p["type"], p["required"]) for p in data["input"]][1:] == [
        ("Offset", "Integer", False),
        ("Limit", "Integer", True),
    ]


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("## 2. Input Parameters", "input"),
        ("二、输出参数", "output"),
        ("**4. 错误码**", "errors"),
        ("5. Error Code List", "errors"),
        ("Example 3 Querying errors", "examples"),
        ("Resources for Developers", "resources"),
    ],
)
def test_section_titles_by_vocabulary_and_words(title: str, role: str) -> None:
    assert vocabulary.section_role(title, section_level=True) == role


def test_sub_headings_open_no_section_by_a_word_alone() -> None:
    assert vocabulary.section_role("Sample 2. Error", section_level=False) is None
    assert vocabulary.section_role("2.1.1 输入参数总览", section_level=False) is None


@pytest.mark.parametrize(
    ("sentence", "limit"),
    [
        ("A maximum of 100 requests can be initiated per second for this API.", 100),
        ("Default API request rate limit: 20 requests/sec.", 20),
        ("Default API request frequency limit: 30 times/second.", 30),
        ("Default request rate limit: 40/sec.", 40),
        ("默认接口请求频率限制：50次/秒。", 50),
        ("接口调用频率限制为：60次/秒，1200次/分钟。", 60),
        ("This API returns up to 100 items.", None),
    ],
)
def test_rate_limit_sentences(sentence: str, limit: int | None) -> None:
    assert vocabulary.rate_limit(sentence) == limit


def test_every_vocabulary_word_is_reachable() -> None:
    """No entry of a table is shadowed by one of another role after normalisation."""
    for language in vocabulary.LANGUAGES:
        for role, titles in language.sections.items():
            for title in titles:
                assert vocabulary.section_role(title, section_level=False) == role, title
        for role, titles in language.columns.items():
            for title in titles:
                assert vocabulary.column_role(title) == role, title
    assert json.dumps(vocabulary.REQUIRED)  # plain data


CHINESE_WEB_PAGE = ActionPage(
    action="DescribeKeyPairs",
    version="2017-03-12",
    host="cvm.tencentcloudapi.com",
    updated="2024-05-06 10:11:12",
    description="本接口 (DescribeKeyPairs) 用于查询密钥对信息。\n密钥对是一对密钥。",
    rate_limit="默认接口请求频率限制：20次/秒。",
    inputs=[
        ("KeyIds.N", "否", "Array of String", "密钥对ID列表。\n每次请求的上限为100。"),
        ("Offset", "否", "Integer", "偏移量，默认为0。"),
        ("Limit", "是", "Integer", "返回数量，默认为20。"),
    ],
    outputs=[
        ("TotalCount", "Integer", "符合条件的密钥对数量。"),
        ("RequestId", "String", "唯一请求 ID，每次请求都会返回。"),
    ],
    examples=[
        (
            "示例1 查询密钥对",
            "查询一个密钥对。",
            "https://cvm.tencentcloudapi.com/?Action=DescribeKeyPairs\n&KeyIds.0=skey-1\n"
            "&Limit=1\n&<公共请求参数>",
            '{\n  "Response": {\n    "TotalCount": 1,\n    "RequestId": "r-1"\n  }\n}',
        )
    ],
    errors=[("InvalidKeyPairId.Malformed", "密钥对ID不合法。")],
    region=("是", "公共参数，详见产品支持的地域列表。"),
    input_title="输入参数",
    output_title="输出参数",
    labels=CHINESE,
)


def test_chinese_web_page_captures_alike_in_every_layout(tmp_path: Path) -> None:
    items = CHINESE_WEB_PAGE.items()
    pages = {"txt": text(items), "md": markdown(items), "html": page_html(items, "查询密钥对")}
    pages["extracted.txt"] = extracted(items)
    captured = {}
    for layout, page_text in pages.items():
        spec = tmp_path / layout / "spec"
        page = _write(tmp_path / layout, f"DescribeKeyPairs.{layout}", page_text)
        assert capture(page, "--spec-dir", spec) == 0, layout
        captured[layout] = _action(spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    extracted_text = captured.pop("extracted.txt")
    assert captured["txt"] == captured["md"] == captured["html"]
    data = captured["md"]
    # extraction joins a cell's lines with spaces; everything else comes out the same
    flattened = json.loads(json.dumps(data))
    for parameter in flattened["input"]:
        parameter["description"] = parameter["description"].replace("\n", " ")
    assert extracted_text == flattened
    assert data["description"] == CHINESE_WEB_PAGE.description
    assert data["rateLimit"] == 20
    assert data["region"] == {"required": True}
    assert [(p["name"], p["type"], p["required"]) for p in data["input"]] == [
        ("KeyIds", "Array of String", False),
        ("Offset", "Integer", False),
        ("Limit", "Integer", True),
    ]
    assert data["input"][0]["description"] == "密钥对ID列表。\n每次请求的上限为100。"
    assert [e["code"] for e in data["errorCodes"]] == ["InvalidKeyPairId.Malformed"]
    (example,) = data["examples"]
    assert example["title"] == "示例1 查询密钥对"
    assert example["request"]["params"] == {"KeyIds": ["skey-1"], "Limit": 1}
    assert data["source"]["updated"] == "2024-05-06 10:11:12"


def test_browser_copy_without_required_cells(
    tmp_path: Path, empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A browser copy of a current Chinese page where the Required column copies empty."""
    items = CHINESE_WEB_PAGE.items()
    copy = text(items)
    for name, flag, type_text, _ in CHINESE_WEB_PAGE.inputs:
        copy = copy.replace(f"{name} {flag} {type_text}", f"{name} {type_text}")
    page = _write(tmp_path, "DescribeKeyPairs.txt", copy)
    assert capture(page, "--spec-dir", empty_spec) == 0
    assert capsys.readouterr().err.count("row has no Required cell") == 3
    data = _action(empty_spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    assert [(p["name"], p["type"], p["required"]) for p in data["input"]] == [
        ("KeyIds", "Array of String", False),
        ("Offset", "Integer", False),
        ("Limit", "Integer", False),
    ]
    assert data["input"][0]["description"] == "密钥对ID列表。\n每次请求的上限为100。"


def test_untitled_data_types_page_as_the_markdown_sources_write_it(
    tmp_path: Path, empty_spec: Path
) -> None:
    untitled = KEY_PAIR_TYPE.removeprefix("# 数据结构\n\n")
    page = _write(tmp_path, "DescribeKeyPairs.md", CHINESE_PAGE)
    types = _write(tmp_path, "DataTypes.md", untitled)
    assert capture(page, types, "--spec-dir", empty_spec) == 0
    key_pair = load(empty_spec / "cvm" / "2017-03-12" / "types" / "KeyPair.json")
    assert [m["name"] for m in key_pair["members"]] == ["KeyId", "PublicKey"]


def test_browser_copy_with_the_sites_navigation(tmp_path: Path, empty_spec: Path) -> None:
    """The site's side menu copies along: its entries name sections and the Data Types page."""
    menu = "API Documentation\n\nData Types\n\nError Codes\n\nExample\n\n"
    copy = text(CHINESE_WEB_PAGE.items()).replace("Feedback\n\n", "Feedback\n\n" + menu)
    page = _write(tmp_path, "DescribeKeyPairs.txt", copy)
    assert capture(page, "--spec-dir", empty_spec) == 0
    data = _action(empty_spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    assert [e["code"] for e in data["errorCodes"]] == ["InvalidKeyPairId.Malformed"]
    assert len(data["examples"]) == 1 and len(data["input"]) == 3


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_pages_saved_in_other_encodings(
    tmp_path: Path, empty_spec: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    page = tmp_path / "DescribeKeyPairs.md"
    page.write_bytes(CHINESE_PAGE.removeprefix("\ufeff").encode(encoding))
    types = _write(tmp_path, "DataTypes.md", KEY_PAIR_TYPE)
    assert capture(page, types, "--spec-dir", empty_spec) == 0
    assert ("read as GB18030" in capsys.readouterr().err) == (encoding == "gb18030")
    data = _action(empty_spec, "cvm", "2017-03-12", "DescribeKeyPairs")
    assert data["description"] == "本接口 (DescribeKeyPairs) 用于查询密钥对信息。"
