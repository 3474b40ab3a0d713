# ruff: noqa: E501  (page prose stays one string per table cell, as on the page)
"""The fixture API pages, as content; `python -m tests.capture.fixture_pages` rewrites them.

Parameter lists follow the tccli models of live 2018-08-01, cvm 2017-03-12 and cbs
2017-03-12, so the fixtures look like the pages Tencent publishes.
"""

from __future__ import annotations

import json
from pathlib import Path

from .pages import ActionPage, Item, T, TypesPage, markdown, page_html, text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
LIVE_HOST = "live.tencentcloudapi.com"
LIVE_ERRORS = [
    ("FailedOperation", "Operation failed."),
    ("InternalError", "Internal error."),
    ("InternalError.GetStreamInfoError", "Failed to get the stream information."),
    ("InvalidParameter", "Invalid parameter."),
    ("ResourceNotFound.UserNotExist", "The LVB service has not been activated."),
]
GUANGZHOU = "ap-guangzhou"


def _post(host: str, action: str, body: object) -> str:
    headers = (
        f"POST / HTTP/1.1\nHost: {host}\nContent-Type: application/json\nX-TC-Action: {action}"
    )
    return f"{headers}\n<Common request parameters>\n\n{json.dumps(body, indent=4)}"


def _output(response: object) -> str:
    return json.dumps({"Response": response}, indent=4)


ONLINE_LIST = ActionPage(
    action="DescribeLiveStreamOnlineList",
    version="2018-08-01",
    host=LIVE_HOST,
    updated="2024-03-21 11:02:45",
    description=(
        "This API is used to get the list of ongoing live streams. It queries the information "
        "of live streams after they are pushed successfully.\nNotes:\n1. This API is used to "
        "query the list of active live streams only, and should not be relied too much upon in "
        "important business scenarios.\n2. This API can query up to 20,000 streams."
    ),
    rate_limit="A maximum of 500 requests can be initiated per second for this API.",
    inputs=[
        (
            "DomainName",
            "No",
            "String",
            "Push domain name. If you use multiple paths, enter the DomainName.",
        ),
        (
            "AppName",
            "No",
            "String",
            "Push path, which is the same as the AppName in push and playback addresses and is live by default.",
        ),
        ("PageNum", "No", "Integer", "Page number to get. Default value: 1."),
        (
            "PageSize",
            "No",
            "Integer",
            "Number of entries per page. Maximum value: 100.\nValue: any integer between 10 and 100.\nDefault value: 10.",
        ),
        ("StreamName", "No", "String", "Stream name, which is used for exact query."),
    ],
    outputs=[
        ("TotalNum", "Integer", "Total number of eligible ones."),
        ("TotalPage", "Integer", "Total number of pages."),
        ("PageNum", "Integer", "Page number."),
        ("PageSize", "Integer", "Number of entries displayed per page."),
        ("OnlineInfo", "Array of StreamOnlineInfo", "Active push information list."),
        (
            "RequestId",
            "String",
            "The unique request ID, which is returned for each request. RequestId is required for locating a problem.",
        ),
    ],
    examples=[
        (
            "Example1 Querying active streams",
            "This example shows you how to query the active streams of a push domain.",
            _post(
                LIVE_HOST,
                "DescribeLiveStreamOnlineList",
                {
                    "DomainName": "5000.livepush.myqcloud.com",
                    "AppName": "live",
                    "PageNum": 1,
                    "PageSize": 10,
                },
            ),
            _output(
                {
                    "TotalNum": 1,
                    "TotalPage": 1,
                    "PageNum": 1,
                    "PageSize": 10,
                    "OnlineInfo": [
                        {
                            "StreamName": "stream1",
                            "AppName": "live",
                            "DomainName": "5000.livepush.myqcloud.com",
                            "PublishTimeList": [{"PublishTime": "2018-06-29T19:00:00Z"}],
                        }
                    ],
                    "RequestId": "4f6bc7cf-2a2f-4a2c-8a5c-3e4b3dc0c9a1",
                }
            ),
        )
    ],
    errors=LIVE_ERRORS,
)

FORBID = ActionPage(
    action="ForbidLiveStream",
    version="2018-08-01",
    host=LIVE_HOST,
    updated="2023-11-02 16:41:09",
    description=(
        "This API is used to disable a stream. You can set a time to resume the stream.\n"
        "Note:\n1. As long as the correct stream name is passed in, the stream will be disabled "
        "successfully.\n2. If you have configured domain groups, you must pass in the correct "
        "push domain in order to disable a stream."
    ),
    rate_limit="A maximum of 100 requests can be initiated per second for this API.",
    inputs=[
        (
            "AppName",
            "Yes",
            "String",
            'Push path, which is the same as the AppName in push and playback addresses and is "live" by default.',
        ),
        ("DomainName", "Yes", "String", "Your push domain name."),
        ("StreamName", "Yes", "String", "Stream name."),
        (
            "ResumeTime",
            "No",
            "Timestamp ISO8601",
            "The time (in UTC format) to resume the stream, such as 2018-11-29T19:00:00Z.\nNotes:\n1. The default stream disabling period is seven days. A stream can be disabled for up to 90 days.\n2. Beijing time is 8 hours ahead of UTC. The ISO 8601 format is used.",
        ),
        (
            "Reason",
            "No",
            "String",
            "Reason for forbidding.\nNote: Be sure to enter the reason for forbidding to avoid any faulty operations.\nLength limit: 2,048 bytes.",
        ),
    ],
    outputs=[
        (
            "RequestId",
            "String",
            "The unique request ID, which is returned for each request. RequestId is required for locating a problem.",
        )
    ],
    examples=[
        (
            "Example1 Disabling a stream",
            "This example shows you how to disable a stream until a given time.",
            _post(
                LIVE_HOST,
                "ForbidLiveStream",
                {
                    "AppName": "live",
                    "DomainName": "5000.livepush.myqcloud.com",
                    "StreamName": "stream1",
                    "ResumeTime": "2018-11-24T12:00:00Z",
                    "Reason": "forbid reason",
                },
            ),
            _output({"RequestId": "c2ea3a1c-1a4b-4f2a-bf1f-7a5d9c0e3f11"}),
        )
    ],
    errors=LIVE_ERRORS + [("InvalidParameterValue", "Invalid parameter value.")],
)

BANDWIDTH = ActionPage(
    action="DescribeBillBandwidthAndFluxList",
    version="2018-08-01",
    host=LIVE_HOST,
    updated="2024-05-09 09:12:00",
    description="This API is used to query the data of billable bandwidth and traffic.",
    rate_limit="A maximum of 20 requests can be initiated per second for this API.",
    inputs=[
        ("StartTime", "Yes", "String", "Start time point in the format of yyyy-mm-dd HH:MM:SS."),
        (
            "EndTime",
            "Yes",
            "String",
            "End time point in the format of yyyy-mm-dd HH:MM:SS. The difference between the start time and end time cannot be greater than 31 days.",
        ),
        (
            "PlayDomains.N",
            "No",
            "String",
            "LVB playback domain name. If this parameter is left empty, full data will be queried.",
        ),
        (
            "MainlandOrOversea",
            "No",
            "String",
            "Valid values:\nMainland: query data for Mainland China,\nOversea: query data for regions outside Mainland China,\nDefault: query data for all regions.",
        ),
        (
            "Granularity",
            "No",
            "Integer",
            "Data granularity. Valid values:\n5: 5-minute granularity,\n60: 1-hour granularity,\n1440: 1-day granularity.",
        ),
        (
            "RegionNames.N",
            "No",
            "Array of String",
            "Region. Valid values:\nChina Mainland\nAsia Pacific I\nEurope",
        ),
    ],
    outputs=[
        (
            "PeakBandwidthTime",
            "Timestamp",
            "Time point of peak bandwidth value in the format of yyyy-mm-dd HH:MM:SS.",
        ),
        ("PeakBandwidth", "Float", "Peak bandwidth in Mbps."),
        ("SumFlux", "Float", "Total traffic in MB."),
        ("DataInfoList", "Array of BillDataInfo", "Detailed data information."),
        (
            "RequestId",
            "String",
            "The unique request ID, which is returned for each request. RequestId is required for locating a problem.",
        ),
    ],
    examples=[
        (
            "Example1 Querying billable bandwidth",
            "This example shows you how to query billable bandwidth and traffic for two playback domains.",
            _post(
                LIVE_HOST,
                "DescribeBillBandwidthAndFluxList",
                {
                    "StartTime": "2019-01-01 00:00:00",
                    "EndTime": "2019-01-02 00:00:00",
                    "PlayDomains": ["5000.liveplay.myqcloud.com", "6000.liveplay.myqcloud.com"],
                    "Granularity": 60,
                },
            ),
            _output(
                {
                    "PeakBandwidthTime": "2019-01-01 12:00:00",
                    "PeakBandwidth": 12.5,
                    "SumFlux": 1024.0,
                    "DataInfoList": [
                        {
                            "Time": "2019-01-01 12:00:00",
                            "Bandwidth": 12.5,
                            "Flux": 1024.0,
                            "PeakTime": "2019-01-01 12:00:00",
                        }
                    ],
                    "RequestId": "b6a0b8a8-2f3d-4a41-9a6c-3cf0e6d5b1a7",
                }
            ),
        )
    ],
    errors=[("InternalError", "Internal error."), ("InvalidParameter", "Invalid parameter.")],
)

CVM_HOST = "cvm.tencentcloudapi.com"
CVM_REGION = (
    "Yes",
    "Common Params. For more information, please see the list of regions supported by the "
    "product. Valid values include ap-guangzhou, ap-shanghai, ap-singapore and na-siliconvalley.",
)
DESCRIBE_INSTANCES = ActionPage(
    action="DescribeInstances",
    version="2017-03-12",
    host=CVM_HOST,
    updated="2024-06-17 14:30:11",
    description=(
        "This API is used to query the details of instances.\n\n"
        "You can filter the query results with the instance ID, name, or billing method. See "
        "Filter for more information.\nIf no parameter is defined, a certain number of instances "
        "under the current account will be returned. The number is specified by Limit and is 20 "
        "by default."
    ),
    rate_limit="A maximum of 40 requests can be initiated per second for this API.",
    region=CVM_REGION,
    inputs=[
        (
            "InstanceIds.N",
            "No",
            "Array of String",
            "Query by instance ID(s). For example, instance ID: ins-xxxxxxxx. You can query up to 100 instances in each request. However, InstanceIds and Filters cannot be specified at the same time.",
        ),
        (
            "Filters.N",
            "No",
            "Array of Filter",
            "zone - String - Optional - Filter by the availability zone.\nproject-id - Integer - Optional - Filter by the project ID.\ninstance-name - String - Optional - Filter by the instance name.",
        ),
        ("Offset", "No", "Integer", "Offset; default value: 0."),
        ("Limit", "No", "Integer", "Number of results returned; default value: 20; maximum: 100."),
    ],
    outputs=[
        ("TotalCount", "Integer", "Number of instances meeting the filtering conditions."),
        ("InstanceSet", "Array of Instance", "Detailed instance information."),
        (
            "RequestId",
            "String",
            "The unique request ID, which is returned for each request. RequestId is required for locating a problem.",
        ),
    ],
    examples=[
        (
            "Example1 Viewing the list of instances",
            "This example shows you how to view instances in Guangzhou Zone 3 by instance ID and by zone filter.",
            "https://cvm.tencentcloudapi.com/?Action=DescribeInstances\n&Version=2017-03-12\n&Region=ap-guangzhou\n"
            "&InstanceIds.0=ins-r8hr2upy\n&InstanceIds.1=ins-5d8a23rs\n&Filters.0.Name=zone\n"
            "&Filters.0.Values.0=ap-guangzhou-3\n&Offset=0\n&Limit=20\n&<Common request parameters>",
            _output(
                {
                    "TotalCount": 1,
                    "InstanceSet": [
                        {
                            "InstanceId": "ins-r8hr2upy",
                            "InstanceName": "web 1",
                            "CPU": 1,
                            "Memory": 1,
                            "Placement": {"Zone": "ap-guangzhou-3", "ProjectId": 0},
                        }
                    ],
                    "RequestId": "6ef60bec-0242-43af-bb20-270359fb54a7",
                }
            ),
        )
    ],
    errors=[
        ("FailedOperation.IllegalTagKey", "The tag key contains invalid characters."),
        ("InvalidFilter", "Invalid filter."),
        (
            "InvalidInstanceId.Malformed",
            'Invalid instance ID. Please enter a valid ID, such as ins-xxxxxxxx ("ins-" followed by 8 alphanumeric characters).',
        ),
        (
            "InvalidParameterValue.LimitExceeded",
            "The number of parameter values exceeds the limit.",
        ),
        ("UnauthorizedOperation.InvalidToken", "Check if the token is valid."),
    ],
)

CBS_HOST = "cbs.tencentcloudapi.com"
MODIFY_DISK = ActionPage(
    action="ModifyDiskAttributes",
    version="2017-03-12",
    host=CBS_HOST,
    updated="2022-08-30 10:05:17",
    description=(
        "This API is used to modify the attributes of cloud disks.\n"
        "* Only the project ID of elastic cloud disks can be modified."
    ),
    rate_limit="Default API request rate limit: 20 requests/second.",
    region=(
        "Yes",
        "Common Params. For more information, please see the list of regions supported by the product.",
    ),
    numbered=False,
    input_title="Request Parameters",
    output_title="Return Parameters",
    inputs=[
        (
            "DiskIds.N",
            "Yes",
            "Array of String",
            "One or more cloud disk IDs to be operated. If multiple cloud disk IDs are selected, it only supports modifying all cloud disks with the same attributes.",
        ),
        ("DiskName", "No", "String", "Name of new cloud disk."),
        (
            "Portable",
            "No",
            "Boolean",
            "Whether it is an elastic cloud disk. FALSE: non-elastic cloud disk; TRUE: elastic cloud disk.",
        ),
        ("ProjectId", "No", "Integer", "The new project ID of the cloud disk."),
        (
            "DeleteWithInstance",
            "No",
            "Boolean",
            "Whether the cloud disk is terminated with the CVM after it has been successfully mounted.",
        ),
    ],
    outputs=[
        (
            "RequestId",
            "String",
            "The unique request ID, which is returned for each request. RequestId is required for locating a problem.",
        )
    ],
    examples=[
        (
            "Example1 Modifying the project of a cloud disk",
            "This example shows you how to move two elastic cloud disks to project 1.",
            "https://cbs.tencentcloudapi.com/?Action=ModifyDiskAttributes\n&DiskIds.0=disk-dt4jvl1s\n"
            "&DiskIds.1=disk-2qjtmtwz\n&Portable=TRUE\n&ProjectId=1\n&DiskName=data%20disk\n&<Common request parameters>",
            _output({"RequestId": "dbe9d8b9-0e34-4f3f-8a5c-2a0cf0e5ae05"}),
        )
    ],
    errors=[
        ("InvalidDisk.NotPortable", "Non-elastic cloud disks are not supported."),
        ("InvalidDiskId.NotFound", "The entered disk ID does not exist."),
        ("ResourceBusy", "The resource is busy. Try again later."),
    ],
)

LIVE_TYPES = TypesPage(
    structures=[
        (
            "BillDataInfo",
            "Bandwidth and traffic information.",
            "DescribeBillBandwidthAndFluxList",
            ("Name", "Type", "Description"),
            [
                ("Time", "Timestamp", "Time point in the format of yyyy-mm-dd HH:MM:SS."),
                ("Bandwidth", "Float", "Bandwidth in Mbps."),
                ("Flux", "Float", "Traffic in MB."),
                (
                    "PeakTime",
                    "Timestamp",
                    "Time point of peak value in the format of yyyy-mm-dd HH:MM:SS.",
                ),
            ],
        ),
        (
            "PublishTime",
            "Push time.",
            "DescribeLiveStreamOnlineList",
            ("Name", "Type", "Required", "Description"),
            [
                (
                    "PublishTime",
                    "Timestamp ISO8601",
                    "Yes",
                    "Push time.\nIn UTC format, such as 2018-06-29T19:00:00Z.",
                )
            ],
        ),
        (
            "StreamOnlineInfo",
            "Queries active push information",
            "DescribeLiveStreamOnlineList",
            ("Name", "Type", "Required", "Description"),
            [
                ("StreamName", "String", "Yes", "Stream name."),
                ("PublishTimeList", "Array of PublishTime", "Yes", "Push time list"),
                ("AppName", "String", "Yes", "Application name."),
                ("DomainName", "String", "Yes", "Push domain name."),
            ],
        ),
    ]
)

ACTION_PAGES = {
    page.action: page for page in (ONLINE_LIST, FORBID, BANDWIDTH, DESCRIBE_INSTANCES, MODIFY_DISK)
}
PAGES: dict[str, list[Item]] = {name: page.items() for name, page in ACTION_PAGES.items()}
PAGES["LiveDataTypes"] = LIVE_TYPES.items()


def _broken_items() -> list[Item]:
    """ForbidLiveStream with one row whose Required cell is neither Yes nor No."""
    items = FORBID.items()
    table = next(i for i in items if isinstance(i, T) and "Required" in i.header)
    rows = [
        ("Reason", "Maybe", "String", "Reason for forbidding.") if r[0] == "Reason" else r
        for r in table.rows
    ]
    return [T(table.header, rows) if item is table else item for item in items]


PAGES["BrokenForbidLiveStream"] = _broken_items()


def write_all(directory: Path = FIXTURES) -> None:
    """(Re)write every fixture page in the three layouts."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, items in PAGES.items():
        (directory / f"{name}.txt").write_text(text(items), encoding="utf-8")
        (directory / f"{name}.md").write_text(markdown(items), encoding="utf-8")
        (directory / f"{name}.html").write_text(page_html(items, name), encoding="utf-8")


if __name__ == "__main__":
    write_all()
