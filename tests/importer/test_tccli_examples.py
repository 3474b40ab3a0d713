"""Example HTTP text becomes replayable data; unreadable examples raise with the part at fault."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.sources.tccli.examples import ExampleError, parse_example

INPUTS = {
    "InstanceIds": "Array of String",
    "Limit": "Int64",
    "DryRun": "Boolean",
    "Filters": "Array of Filter",
    "Placement": "Placement",
    "Time": "Timestamp ISO8601",
    "Tags": "Array of Tag",  # a structure not known (yet): its values stay text
}
STRUCTURES = {
    "Filter": {"Name": "String", "Values": "Array of String"},
    "Placement": {"Zone": "String", "ProjectId": "UInt64"},
}
OUTPUTS = {"TotalCount": "Int64", "Name": "String"}
OUTPUT = '{\n  "Response": {\n    "TotalCount": 1,\n    "RequestId": "r-1"\n  }\n}'
POST = (
    "POST / HTTP/1.1\nHost: cvm.tencentcloudapi.com\nContent-Type: application/json\n"
    'X-TC-Action: DescribeInstances\n<Common request parameters>\n\n{\n  "Limit": 1\n}'
)


def parse(request: str, output: str = OUTPUT, **raw: Any) -> dict[str, Any]:
    example = {"title": "Sample", "input": request, "output": output, **raw}
    return parse_example(example, 1, INPUTS, OUTPUTS, STRUCTURES)


def test_post_body_and_response() -> None:
    assert parse(POST, document=" Query one. ") == {
        "title": "Sample",
        "description": "Query one.",
        "request": {"method": "POST", "params": {"Limit": 1}},
        "response": {"TotalCount": 1, "RequestId": "r-1"},
    }


def test_values_the_text_mistypes_are_typed_by_the_declared_parameters() -> None:
    request = '{"Limit": "20", "DryRun": "false", "Placement": {"ProjectId": "3"}, "Tags": [1]}'
    output = '{"Response": {"TotalCount": "2", "Name": 7, "RequestId": "r-1"}}'
    example = parse(request, output)
    assert example["request"]["params"] == {
        "Limit": 20,
        "DryRun": False,
        "Placement": {"ProjectId": 3},
        "Tags": [1],
    }
    assert example["response"] == {"TotalCount": 2, "Name": "7", "RequestId": "r-1"}


def test_values_that_cannot_be_typed_are_kept_as_written() -> None:
    example = parse('{"Limit": "many"}', '{"Response": {"Extra": 1, "RequestId": "r"}}')
    assert example["request"]["params"] == {"Limit": "many"}
    assert example["response"] == {"Extra": 1, "RequestId": "r"}


def test_post_without_blank_line_and_bare_json_body() -> None:
    glued = POST.replace("\n", "")
    assert parse(glued)["request"] == {"method": "POST", "params": {"Limit": 1}}
    assert parse('{"Limit": 2}')["request"] == {"method": "POST", "params": {"Limit": 2}}


def test_get_query_is_nested_and_typed() -> None:
    request = (
        "https://cvm.tencentcloudapi.com/?Action=DescribeInstances\n&Version=2017-03-12\n"
        "&InstanceIds.0=ins-1\n&InstanceIds.1=ins-2\n&Limit=20\n&DryRun=TRUE\n"
        "&Filters.0.Name=zone\n&Filters.0.Values.0=ap-guangzhou-1\n"
        "&Placement.Zone=ap%2Dguangzhou\n&Placement.ProjectId=0\n&Tags.0.Key=k&Tags.0.Count=1\n"
        "&Time=2019-01-01T00:00:00+08:00\n&<Common request parameters>"
    )
    assert parse(request)["request"] == {
        "method": "GET",
        "params": {
            "InstanceIds": ["ins-1", "ins-2"],
            "Limit": 20,
            "DryRun": True,
            "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-1"]}],
            "Placement": {"Zone": "ap-guangzhou", "ProjectId": 0},
            "Tags": [{"Key": "k", "Count": "1"}],
            "Time": "2019-01-01T00:00:00+08:00",  # `+` stays literal
        },
    }


def test_untitled_example_gets_a_numbered_title() -> None:
    assert parse(POST, title="")["title"] == "Example 1"


@pytest.mark.parametrize(
    ("request_text", "output", "part", "message"),
    [
        (POST.replace('"Limit": 1', '"Limit": 1\n"DryRun": true'), OUTPUT, "input", "not JSON"),
        (POST + "\n\n{}", OUTPUT, "input", "text follows"),
        ("POST / HTTP/1.1\nHost: x", OUTPUT, "input", "no JSON body"),
        ("PUT /", OUTPUT, "input", "neither a POST"),
        ("https://x/?Limit=ten", OUTPUT, "input", "'Limit' = 'ten' is not of type Int64"),
        ("https://x/?Unknown=1", OUTPUT, "input", "unknown parameter 'Unknown'"),
        ("https://x/?InstanceIds.1=a", OUTPUT, "input", "do not count from 0"),
        ("https://x/?Limit=1&Limit=2", OUTPUT, "input", "'Limit' is given twice"),
        ("https://x/?Placement=p", OUTPUT, "input", "should be a structure"),
        ("https://x/?Limit", OUTPUT, "input", "is not Name=value"),
        (POST, '{"Response": {"A": 1,}}', "output", "not JSON"),
        (POST, '{"Total": 1}', "output", "no 'Response' object"),
        (POST, '{"Response": {"RequestId": null}}', "output", "RequestId is not a string"),
    ],
)
def test_unreadable_examples_raise(request_text: str, output: str, part: str, message: str) -> None:
    with pytest.raises(ExampleError, match=message) as caught:
        parse(request_text, output)
    assert caught.value.part == part
