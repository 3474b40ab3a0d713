"""Tasks as resources that `tcgen infer-resources` finds on its own, through the official
Python SDK on `tcgen mock`: a WeData task (`CreateTask` answers `Data.TaskId`, `ListTasks`
lists it inside `Data`, `GetTask` reads it, `DeleteTask` removes it) and a DBbrain report
task (`CreateDBDiagReportTask` answers only an `AsyncRequestId`: the task it started, which
`DescribeDBDiagReportTasks` lists), with the services imported and generated as a user would."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.scenarios.conftest import serving
from tests.scenarios.sdk import Cloud
from tests.tccli_tree import import_and_generate, tcgen

WEDATA, DBBRAIN = "2025-08-06", "2021-05-27"
WEDATA_SDK, DBBRAIN_SDK = "v20250806", "v20210527"
PROJECT = {"ProjectId": "2428908825624145920"}


@pytest.fixture(scope="module")
def tasks_cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cloud]:
    work = tmp_path_factory.mktemp("tasks")
    spec, out = import_and_generate(work, [f"wedata:{WEDATA}", f"dbbrain:{DBBRAIN}"])
    tcgen("infer-resources", "--spec-dir", spec, "--write")
    tcgen("generate", "--spec-dir", spec, "--out", out)
    with serving(out) as endpoint:
        yield Cloud(endpoint)


def _task(name: str) -> dict[str, object]:
    return {
        **PROJECT,
        "TaskBaseAttribute": {"TaskName": name, "TaskTypeId": "35", "WorkflowId": "wf-1"},
        "TaskConfiguration": {"ResourceGroup": "20231124174317834475"},
        "TaskSchedulerConfiguration": {"CycleType": "DAY_CYCLE"},
    }


def test_a_task_is_created_read_listed_and_deleted(tasks_cloud: Cloud) -> None:
    def call(action: str, **params: object) -> dict[str, object]:
        return tasks_cloud.call("wedata", WEDATA_SDK, action, **params)

    made = [call("CreateTask", **_task(name))["Data"] for name in ("nightly", "hourly")]
    ids = [one["TaskId"] for one in made]  # type: ignore[index]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"[0-9]{17}", one) for one in ids), ids
    got = call("GetTask", **PROJECT, TaskId=ids[0])["Data"]
    assert got["TaskBaseAttribute"]["TaskName"] == "nightly"  # type: ignore[index]
    listed = call("ListTasks", **PROJECT, PageNumber=1, PageSize=1)["Data"]
    assert listed["TotalCount"] == 2  # type: ignore[index]
    assert [item["TaskId"] for item in listed["Items"]] == ids[:1]  # type: ignore[index]
    call("DeleteTask", **PROJECT, TaskId=ids[0])
    code = tasks_cloud.fails("wedata", WEDATA_SDK, "GetTask", **PROJECT, TaskId=ids[0])
    assert code.startswith("ResourceNotFound")
    remaining = call("ListTasks", **PROJECT)["Data"]
    assert [item["TaskId"] for item in remaining["Items"]] == ids[1:]  # type: ignore[index]


def test_a_report_task_known_by_its_request_id_is_listed(tasks_cloud: Cloud) -> None:
    def call(action: str, **params: object) -> dict[str, object]:
        return tasks_cloud.call("dbbrain", DBBRAIN_SDK, action, **params)

    made = call(
        "CreateDBDiagReportTask",
        InstanceId="cdb-test1234",
        StartTime="2025-01-01T00:00:00+08:00",
        EndTime="2025-01-02T00:00:00+08:00",
        SendMailFlag=0,
        Product="mysql",
    )
    task = made["AsyncRequestId"]
    assert isinstance(task, int) and task > 0
    listed = call("DescribeDBDiagReportTasks", Product="mysql")
    assert listed["TotalCount"] == 1
    assert [one["AsyncRequestId"] for one in listed["Tasks"]] == [task]  # type: ignore[index]
