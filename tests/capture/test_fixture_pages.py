"""Capture every fixture page in every layout and check exactly what lands in the spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tcgen.commands.main import main

from .conftest import LAYOUTS, PAGES, capture, load

ROOT = Path(__file__).resolve().parents[2]
REQUEST_ID = ("RequestId", "String")

# action -> service, version, endpoint, rate limit, region, input, output, error codes
EXPECTED: dict[str, dict[str, Any]] = {
    "DescribeLiveStreamOnlineList": {
        "where": ("live", "2018-08-01", "live.tencentcloudapi.com"),
        "rateLimit": 500,
        "region": {"required": False},
        "input": [
            ("DomainName", "String", False),
            ("AppName", "String", False),
            ("PageNum", "Integer", False),
            ("PageSize", "Integer", False),
            ("StreamName", "String", False),
        ],
        "output": [
            ("TotalNum", "Integer"),
            ("TotalPage", "Integer"),
            ("PageNum", "Integer"),
            ("PageSize", "Integer"),
            ("OnlineInfo", "Array of StreamOnlineInfo"),
            REQUEST_ID,
        ],
        "errorCodes": [
            "FailedOperation",
            "InternalError",
            "InternalError.GetStreamInfoError",
            "InvalidParameter",
            "ResourceNotFound.UserNotExist",
        ],
        "request": (
            "POST",
            {
                "DomainName": "5000.livepush.myqcloud.com",
                "AppName": "live",
                "PageNum": 1,
                "PageSize": 10,
            },
        ),
    },
    "ForbidLiveStream": {
        "where": ("live", "2018-08-01", "live.tencentcloudapi.com"),
        "rateLimit": 100,
        "region": {"required": False},
        "input": [
            ("AppName", "String", True),
            ("DomainName", "String", True),
            ("StreamName", "String", True),
            ("ResumeTime", "Timestamp ISO8601", False),
            ("Reason", "String", False),
        ],
        "output": [REQUEST_ID],
        "errorCodes": [
            "FailedOperation",
            "InternalError",
            "InternalError.GetStreamInfoError",
            "InvalidParameter",
            "ResourceNotFound.UserNotExist",
            "InvalidParameterValue",
        ],
        "request": (
            "POST",
            {
                "AppName": "live",
                "DomainName": "5000.livepush.myqcloud.com",
                "StreamName": "stream1",
                "ResumeTime": "2018-11-24T12:00:00Z",
                "Reason": "forbid reason",
            },
        ),
    },
    "DescribeBillBandwidthAndFluxList": {
        "where": ("live", "2018-08-01", "live.tencentcloudapi.com"),
        "rateLimit": 20,
        "region": {"required": False},
        "input": [
            ("StartTime", "String", True),
            ("EndTime", "String", True),
            ("PlayDomains", "Array of String", False),  # `PlayDomains.N` typed `String`
            ("MainlandOrOversea", "String", False),
            ("Granularity", "Integer", False),
            ("RegionNames", "Array of String", False),  # `RegionNames.N` typed `Array of String`
        ],
        "output": [
            ("PeakBandwidthTime", "Timestamp"),
            ("PeakBandwidth", "Float"),
            ("SumFlux", "Float"),
            ("DataInfoList", "Array of BillDataInfo"),
            REQUEST_ID,
        ],
        "errorCodes": ["InternalError", "InvalidParameter"],
        "request": (
            "POST",
            {
                "StartTime": "2019-01-01 00:00:00",
                "EndTime": "2019-01-02 00:00:00",
                "PlayDomains": ["5000.liveplay.myqcloud.com", "6000.liveplay.myqcloud.com"],
                "Granularity": 60,
            },
        ),
    },
    "DescribeInstances": {
        "where": ("cvm", "2017-03-12", "cvm.tencentcloudapi.com"),
        "rateLimit": 40,
        "region": {
            "required": True,
            "regions": ["ap-guangzhou", "ap-shanghai", "ap-singapore", "na-siliconvalley"],
        },
        "input": [
            ("InstanceIds", "Array of String", False),
            ("Filters", "Array of Filter", False),
            ("Offset", "Integer", False),
            ("Limit", "Integer", False),
        ],
        "output": [("TotalCount", "Integer"), ("InstanceSet", "Array of Instance"), REQUEST_ID],
        "errorCodes": [
            "FailedOperation.IllegalTagKey",
            "InvalidFilter",
            "InvalidInstanceId.Malformed",
            "InvalidParameterValue.LimitExceeded",
            "UnauthorizedOperation.InvalidToken",
        ],
        "request": (
            "GET",
            {
                "InstanceIds": ["ins-r8hr2upy", "ins-5d8a23rs"],
                "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}],
                "Offset": 0,
                "Limit": 20,
            },
        ),
    },
    "ModifyDiskAttributes": {
        "where": ("cbs", "2017-03-12", "cbs.tencentcloudapi.com"),
        "rateLimit": 20,
        "region": {"required": True},
        "input": [
            ("DiskIds", "Array of String", True),
            ("DiskName", "String", False),
            ("Portable", "Boolean", False),
            ("ProjectId", "Integer", False),
            ("DeleteWithInstance", "Boolean", False),
        ],
        "output": [REQUEST_ID],
        "errorCodes": ["InvalidDisk.NotPortable", "InvalidDiskId.NotFound", "ResourceBusy"],
        "request": (
            "GET",
            {
                "DiskIds": ["disk-dt4jvl1s", "disk-2qjtmtwz"],
                "Portable": True,
                "ProjectId": 1,
                "DiskName": "data disk",
            },
        ),
    },
}


def _captured(spec: Path, action: str) -> dict[str, Any]:
    service, version, _ = EXPECTED[action]["where"]
    data: dict[str, Any] = load(spec / service / version / "actions" / f"{action}.json")
    return data


def capture_page(spec: Path, action: str, layout: str) -> int:
    """Capture a fixture page as a user would: a Live page with Live's Data Types page (the
    structures it links to), the cvm page leniently (its links stay unresolved: warnings)."""
    page = PAGES / f"{action}.{layout}"
    if EXPECTED[action]["where"][0] == "live":
        return capture(page, PAGES / f"LiveDataTypes.{layout}", "--spec-dir", spec)
    return capture(page, "--spec-dir", spec, "--lenient")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_fixture_page_captures_exactly(empty_spec: Path, action: str, layout: str) -> None:
    expected = EXPECTED[action]
    assert capture_page(empty_spec, action, layout) == 0
    data = _captured(empty_spec, action)
    service, version, endpoint = expected["where"]
    assert load(empty_spec / service / version / "service.json") == {
        "service": service,
        "version": version,
        "endpoint": endpoint,
    }
    assert data["action"] == action
    assert data["rateLimit"] == expected["rateLimit"]
    assert data["region"] == expected["region"]
    assert [(p["name"], p["type"], p["required"]) for p in data["input"]] == expected["input"]
    assert [(p["name"], p["type"]) for p in data["output"]] == expected["output"]
    assert all("required" not in p for p in data["output"])
    assert [e["code"] for e in data["errorCodes"]] == expected["errorCodes"]
    (example,) = data["examples"]
    method, params = expected["request"]
    assert example["request"] == {"method": method, "params": params}
    assert example["response"]["RequestId"]
    assert data["source"]["kind"] == "page"
    assert "We recommend" not in data["description"]
    assert "Domain name" not in data["description"]


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_three_layouts_capture_identically(tmp_path: Path, action: str) -> None:
    texts = {}
    for layout in LAYOUTS:
        spec = tmp_path / layout
        assert capture_page(spec, action, layout) == 0
        texts[layout] = sorted((p.relative_to(spec), p.read_bytes()) for p in spec.rglob("*.json"))
    assert texts["txt"] == texts["md"] == texts["html"]


def test_multiline_descriptions_keep_their_lines(empty_spec: Path) -> None:
    assert capture(PAGES / "ForbidLiveStream.html", "--spec-dir", empty_spec) == 0
    data = _captured(empty_spec, "ForbidLiveStream")
    reason = next(p for p in data["input"] if p["name"] == "Reason")
    assert reason["description"] == (
        "Reason for forbidding.\nNote: Be sure to enter the reason for forbidding to avoid any "
        "faulty operations.\nLength limit: 2,048 bytes."
    )
    app = data["input"][0]
    assert app["description"].endswith('is "live" by default.')
    assert data["description"].startswith("This API is used to disable a stream.")
    assert data["examples"][0]["title"] == "Example1 Disabling a stream"
    assert data["examples"][0]["description"] == (
        "This example shows you how to disable a stream until a given time."
    )
    assert data["source"]["updated"] == "2023-11-02 16:41:09"


def test_a_type_only_linked_is_one_problem_naming_the_fix(
    empty_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert capture(PAGES / "DescribeInstances.md", "--spec-dir", empty_spec) == 2
    err = capsys.readouterr().err
    for name in ("Filter", "Instance"):
        assert err.count(f"type {name} is only linked from the page") == 1
    assert "capture the service's Data Types page with it, or run `tcgen import-tccli cvm`" in err
    assert not any(empty_spec.iterdir())


def test_description_paragraphs_are_kept_apart(empty_spec: Path) -> None:
    assert capture(PAGES / "DescribeInstances.md", "--spec-dir", empty_spec, "--lenient") == 0
    description = _captured(empty_spec, "DescribeInstances")["description"]
    assert description.startswith("This API is used to query the details of instances.\n\nYou can")


def test_seed_page_reproduces_the_committed_spec(spec_copy: Path) -> None:
    """The committed DropLiveStream.json is exactly its page, captured, plus tccli's import."""
    committed = ROOT / "spec" / "live" / "2018-08-01" / "actions" / "DropLiveStream.json"
    target = spec_copy / "live" / "2018-08-01" / "actions" / "DropLiveStream.json"
    target.unlink()
    assert capture(PAGES / "DropLiveStream.txt", "--spec-dir", spec_copy) == 0
    assert load(target)["source"]["kind"] == "page"
    assert main(["import-tccli", "live:2018-08-01", "--spec-dir", str(spec_copy), "--lenient"]) == 0
    assert target.read_bytes() == committed.read_bytes()
