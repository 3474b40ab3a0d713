"""The inference rules that find the resources the naming forms miss, each on a small spec
written by hand: reads by their words, lists inside a wrapper, ids spelled `ID`, tasks, ids
deep in the answer, billing words, blocks without a list, and one block per action."""

from __future__ import annotations

from tcgen.spec.infer.reads import named_read, words
from tcgen.spec.infer.resources import Inference, infer
from tcgen.spec.infer.shapes import ActionShape, Member

S, ARRAY = "String", "Array of "


def _spec(*shapes: tuple[str, list[Member], list[Member]]) -> dict[str, ActionShape]:
    return {
        name: ActionShape(name, tuple(inputs), tuple(outputs)) for name, inputs, outputs in shapes
    }


def _found(
    actions: dict[str, ActionShape], structures: dict[str, tuple[Member, ...]], **given: object
) -> dict[str, Inference]:
    return {one.create: one for one in infer(actions, structures, **given)}  # type: ignore[arg-type]


ITEM = {"Group": (Member("SkillGroupId", "Int64"), Member("Name", S))}


def test_a_read_is_the_one_that_says_the_nouns_words_and_lists_the_id() -> None:
    one = Member("SkillGroupId", "Int64", True)
    actions = _spec(
        ("CreateCCCSkillGroup", [Member("Name", S, True)], [Member("SkillGroupId", "Int64")]),
        ("DescribeSkillGroupInfoList", [], [Member("SkillGroupList", ARRAY + "Group")]),
        ("DescribeSkillGroupMetrics", [], [Member("Metrics", ARRAY + "Group")]),  # not a list word
        ("DescribeSkillGroup", [one], [Member("Members", ARRAY + "Group")]),
    )
    block = _found(actions, ITEM)["CreateCCCSkillGroup"].block
    assert block is not None
    assert (block["describe"], block["list"]) == ("DescribeSkillGroupInfoList", "SkillGroupList")
    # a read of one group (it requires the id) is not its list, nor one adding another noun
    del actions["DescribeSkillGroupInfoList"]
    assert named_read("CCCSkillGroup", "SkillGroupId", actions, ITEM) is None
    assert words("DescribeCCCSkillGroupsPolicies") == [
        "describe",
        "ccc",
        "skill",
        "group",
        "policy",
    ]


def test_a_tie_between_two_reads_is_no_read() -> None:
    actions = _spec(
        ("DescribeGroupList", [], [Member("List", ARRAY + "Group")]),
        ("DescribeGroupInfo", [], [Member("List", ARRAY + "Group")]),
    )
    assert named_read("Group", "SkillGroupId", actions, ITEM) is None


def test_a_list_inside_the_answers_wrapper_and_its_total() -> None:
    structures = {
        "Page": (Member("TotalCount", "Integer"), Member("Items", ARRAY + "Flow")),
        "Flow": (Member("WorkflowId", S), Member("Name", S)),
        "Made": (Member("WorkflowId", S),),
    }
    actions = _spec(
        ("CreateWorkflow", [Member("Name", S, True)], [Member("Data", "Made")]),
        ("ListWorkflows", [Member("PageNumber", "Int64"), Member("PageSize", "Int64")],
         [Member("Data", "Page")]),
        ("GetWorkflow", [Member("WorkflowId", S, True)], [Member("Data", "Flow")]),
    )  # fmt: skip
    block = _found(actions, structures)["CreateWorkflow"].block
    assert block is not None
    assert (block["list"], block["total"], block["get"]) == (
        "Data.Items",
        "Data.TotalCount",
        "GetWorkflow",
    )
    assert (block["page"], block["pageSize"]) == ("PageNumber", "PageSize")


def test_an_id_spelled_ID_and_a_task_known_by_its_task_id() -> None:
    structures = {
        "Rule": (Member("RuleID", "Int64"), Member("Name", S)),
        "Job": (Member("TaskId", S), Member("Status", S)),
        "Shield": (Member("TaskId", S), Member("Name", S)),
    }
    actions = _spec(
        ("CreateSandboxRule", [Member("Name", S, True)], [Member("RuleID", "Int64")]),
        ("DescribeSandboxRuleList", [], [Member("Data", ARRAY + "Rule")]),
        ("CreateDataTransform", [Member("Name", S, True)], [Member("TaskId", S)]),
        ("DescribeDataTransformInfo", [], [Member("DataTransformTaskInfos", ARRAY + "Job")]),
        ("CreateLogExport", [Member("Name", S, True)], [Member("TaskId", S)]),
        ("DescribeLogExports", [], [Member("Shields", ARRAY + "Shield")]),
    )
    found = _found(actions, structures)
    rule = found["CreateSandboxRule"].block
    assert rule is not None and rule["id"]["member"] == "RuleID"
    transform = found["CreateDataTransform"].block  # the transform is the task it started
    assert transform is not None and transform["list"] == "DataTransformTaskInfos"
    # a Create answering a task's id beside a list of something else: not that thing's id
    assert found["CreateLogExport"].block is None
    assert "not the tasks its TaskId names" in found["CreateLogExport"].reason


def test_an_id_deep_in_the_answer_and_billing_words() -> None:
    structures = {
        "Result": (Member("Data", "Data"), Member("ReturnCode", S)),
        "Data": (Member("InstanceId", S), Member("FlowId", "Int64")),
        "Instance": (Member("InstanceId", S), Member("Name", S)),
    }
    actions = _spec(
        ("CreatePostPaidInstance", [Member("Name", S, True)], [Member("Result", "Result")]),
        ("CreateHourDBInstance", [Member("Name", S, True)], [Member("InstanceIds", ARRAY + S)]),
        ("DescribeInstances", [], [Member("InstanceList", ARRAY + "Instance")]),
        ("DescribeDBInstances", [], [Member("Instances", ARRAY + "Instance")]),
    )
    found = _found(actions, structures)
    post = found["CreatePostPaidInstance"].block
    assert post is not None and post["id"]["member"] == "InstanceId"
    assert post["describe"] == "DescribeInstances"
    hour = found["CreateHourDBInstance"].block
    assert hour is not None and hour["describe"] == "DescribeDBInstances"


def test_a_resource_no_action_lists_gets_a_block_for_its_get_and_delete() -> None:
    structures = {"Recording": (Member("TaskId", S), Member("Status", S))}
    actions = _spec(
        ("CreateCloudRecording", [Member("RoomId", S, True)], [Member("TaskId", S)]),
        ("DescribeCloudRecording", [Member("TaskId", S, True)], [Member("Status", S)]),
        ("DeleteCloudRecording", [Member("TaskId", S, True)], []),
        # the id answered is where the group lives, not which group it is
        ("CreateRocketMQGroup", [Member("GroupId", S, True)], [Member("NamespaceId", S)]),
        ("DeleteRocketMQGroup", [Member("NamespaceId", S, True), Member("GroupId", S, True)], []),
        # a task whose status is its one read
        ("CreateAssetSyncTask", [], [Member("TaskId", S)]),
        ("DescribeAssetSyncTaskStatus", [Member("TaskId", S, True)], [Member("Status", S)]),
        # nothing answers the id: nobody could name what was made
        ("CreateWaterPrintKey", [Member("Name", S, True)], []),
        ("DeleteWaterPrintKey", [Member("KeyId", S, True)], []),
    )
    found = _found(actions, structures)
    recording = found["CreateCloudRecording"]
    assert recording.block is not None and "describe" not in recording.block
    assert (recording.block["get"], recording.block["delete"]) == (
        "DescribeCloudRecording",
        "DeleteCloudRecording",
    )
    assert recording.reason.startswith("inferred without a list")
    task = found["CreateAssetSyncTask"].block
    assert task is not None and task["get"] == "DescribeAssetSyncTaskStatus"
    assert found["CreateRocketMQGroup"].block is None
    assert found["CreateWaterPrintKey"].block is None


def test_one_block_per_action_the_shorter_noun_and_given_blocks_first() -> None:
    structures = {"Instance": (Member("InstanceId", S), Member("Name", S))}
    made = [Member("InstanceId", S)]
    actions = _spec(
        ("CreateDBInstance", [Member("Name", S, True)], made),
        ("CreateHourDBInstance", [Member("Name", S, True)], made),
        ("DescribeDBInstances", [], [Member("Instances", ARRAY + "Instance")]),
    )
    found = _found(actions, structures)
    assert found["CreateDBInstance"].block is not None
    assert found["CreateHourDBInstance"].block is None
    assert found["CreateHourDBInstance"].reason == (
        "DescribeDBInstances answers for the DBInstance resource"
    )
    given = [{"name": "Hand", "id": {"key": ["Name"]}, "create": "CreateHourDBInstance",
              "describe": "DescribeDBInstances", "list": "Instances"}]  # fmt: skip
    found = _found(actions, structures, given=given)
    assert found["CreateDBInstance"].block is None
    assert "for the Hand resource" in found["CreateDBInstance"].reason


def test_a_keyed_resource_no_action_lists_is_keyed_by_what_its_delete_requires() -> None:
    name = [Member("InstanceId", S, True), Member("DBName", S, True)]
    actions = _spec(
        ("CreateDatabase", [*name, Member("CharacterSet", S)], []),
        ("DeleteDatabase", name, []),
        # a collection added to (rules of a table): no one key names what was made
        ("CreateRoutes", [Member("RouteTableId", S, True), Member("Routes", ARRAY + "Route")], []),
        ("DeleteRoutes", [Member("RouteTableId", S, True)], []),
        ("CreateFirewallRules", [Member("Rules", ARRAY + "Route", True)], []),
        ("DeleteFirewallRules", [Member("Rules", ARRAY + "Route", True)], []),
    )
    found = _found(actions, {"Route": (Member("Cidr", S),)})
    database = found["CreateDatabase"].block
    assert database == {
        "name": "Database",
        "id": {"key": ["InstanceId", "DBName"]},
        "create": "CreateDatabase",
        "delete": "DeleteDatabase",
    }
    assert found["CreateRoutes"].block is None and found["CreateFirewallRules"].block is None


def test_a_list_showing_the_id_under_a_shorter_name_renames_it() -> None:
    structures = {
        "Alarm": (Member("Id", "Int64"), Member("Name", S)),
        "Run": (Member("Id", "Int64"), Member("BatchId", "Int64", False)),
        "Cluster": (Member("Id", "Int64"), Member("Name", S)),
    }
    actions = _spec(
        ("CreateAlarm", [Member("Name", S, True)], [Member("AlarmId", "Int64")]),
        ("DescribeAlarms", [], [Member("Data", ARRAY + "Alarm")]),
        # the id of a batch is not the Id of the tasks it runs
        ("CreateTasks", [Member("Name", S, True)], [Member("BatchId", "Int64")]),
        ("DescribeTasks", [], [Member("TaskList", ARRAY + "Cluster")]),
        # a String id is not the integer Id a list shows beside it
        ("CreateInstance", [Member("Name", S, True)], [Member("InstanceId", S)]),
        ("DescribeInstances", [], [Member("ClusterList", ARRAY + "Cluster")]),
    )
    found = _found(actions, structures)
    alarm = found["CreateAlarm"].block
    assert alarm is not None and (alarm["list"], alarm["fields"]) == ("Data", {"Id": "AlarmId"})
    assert found["CreateTasks"].block is None and found["CreateInstance"].block is None
