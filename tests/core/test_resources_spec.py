"""The spec's `resources` blocks: validated against the actions they name, and inferred."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tcgen.spec.infer.idformats import evidence, infer_format, integer_format, string_format
from tcgen.spec.infer.resources import infer
from tcgen.spec.infer.shapes import ActionShape, Member

from .helpers import edit_json, tcgen

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = Path("live/2018-08-01/service.json")
# Live's templates and rules that have a Create, a Describe list and a Delete (its pad
# template and pad rule have only a Create, so there is nothing to list them with).
LIVE_TEMPLATES = ("Callback", "Record", "Snapshot", "TimeShift", "Transcode")
LIVE_RULES = ("Callback", "Record", "Snapshot", "TimeShift", "Transcode", "Watermark")


@pytest.fixture
def live_spec(tmp_path: Path) -> Path:
    target = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", target)
    return target


def test_live_declares_its_domains_templates_and_rules(live_spec: Path) -> None:
    blocks = {b["name"]: b for b in json.loads((live_spec / MANIFEST).read_text())["resources"]}
    callback = blocks["LiveCallbackTemplate"]
    assert callback["describe"] == "DescribeLiveCallbackTemplates"
    assert callback["id"] == {"member": "TemplateId", "type": "Int64", "format": {"digits": 4}}
    assert callback["list"] == "Templates" and callback["delete"] == "DeleteLiveCallbackTemplate"
    templates = {n for n in blocks if n.endswith("Template")}
    assert templates == {f"Live{k}Template" for k in LIVE_TEMPLATES}
    assert {n for n in blocks if n.endswith("Rule")} == {f"Live{k}Rule" for k in LIVE_RULES}
    assert blocks["LiveTranscodeRule"]["id"] == {
        "key": ["DomainName", "AppName", "StreamName", "TemplateId"]
    }
    domain = blocks["LiveDomain"]
    assert domain["id"] == {"key": ["DomainName"]} and domain["create"] == "AddLiveDomain"
    assert set(domain["set"]) == {"EnableLiveDomain", "ForbidLiveDomain"}


def test_blocks_naming_missing_actions_or_members_are_located(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def break_blocks(data: dict[str, Any]) -> None:
        data["resources"][1]["describe"] = "DescribeNothing"
        data["resources"][3]["list"] = "NotAList"
        data["resources"][2]["id"]["format"]["prefix"] = "tpl-"
        data["resources"][0]["fields"]["Nothing"] = "DomainName"
        data["resources"][0]["match"][0]["input"] = "Absent"
        data["resources"][0]["set"]["EnableLiveDomain"] = {"Unknown": 1}
        data["resources"][0]["id"]["key"].append("AppName")  # AddLiveDomain takes none

    edit_json(live_spec / MANIFEST, break_blocks)
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "Traceback" not in run.err
    for pointer in (
        "#/resources/1/describe",
        "#/resources/3/list",
        "#/resources/2/id/format/prefix",
        "#/resources/0/fields/Nothing",
        "#/resources/0/match/0/input",
        "#/resources/0/set/EnableLiveDomain/Unknown",
        "#/resources/0/id/key",
    ):
        assert pointer in run.err, pointer
    edit_json(live_spec / MANIFEST, lambda data: data["resources"][2].update(surprise=1))
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "#/resources/2: Additional properties" in run.err


def test_constraints_naming_what_the_block_lacks_are_located(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def constrain(data: dict[str, Any]) -> None:
        data["resources"][0].update(
            unique=["DomainName", {"members": ["Nowhere"], "classes": {"Else": {"a": "b"}}}],
            cidrs=[{"member": "Missing", "within": {"input": "VpcId", "member": "CidrBlock",
                                                    "code": "InvalidParameterValue"}}],
            allocate=[{"member": "Absent", "from": {"input": "SubnetId", "member": "Cidr"}}],
        )  # fmt: skip

    edit_json(live_spec / MANIFEST, constrain)
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "Traceback" not in run.err
    for pointer in (
        "#/resources/0/unique/1",
        "#/resources/0/unique/1/classes/Else",
        "#/resources/0/cidrs/0/member",
        "#/resources/0/cidrs/0/within/input",
        "#/resources/0/allocate/0/member",
        "#/resources/0/allocate/0/from/input",
    ):
        assert pointer in run.err, pointer
    assert "#/resources/0/unique/0" not in run.err  # DomainName is stored
    edit_json(
        live_spec / MANIFEST,
        lambda data: data["resources"][0].update(
            unique=[], cidrs=[], allocate=[{"member": "DomainName"}]
        ),
    )
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "#/resources/0/allocate/0" in run.err  # neither from nor pool


def test_made_values_and_on_delete_naming_what_the_block_lacks_are_located(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = {"input": "DomainName", "resource": "LiveDomain",
                 "onDelete": {"delete": "Nope", "set": {"Ghost": 1, "Type": 0}}}  # fmt: skip

    def made(data: dict[str, Any]) -> None:
        data["resources"][0].update(
            assigned={"Nowhere": {"digits": 7}, "Name": {"digits": 3}},
            derived={"Type": "qcs::live::uin/{uin}:{Missing}/{DomainName}"},
            itemDefaults={"Nothing": {"Weight": 10}},
            collect=[{"member": "Unshown", "resource": "LiveDomain", "input": "DomainName"}],
            references=[reference],
        )

    edit_json(live_spec / MANIFEST, made)
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "Traceback" not in run.err
    for message in (
        "#/resources/0/assigned/Nowhere: Nowhere is answered neither by a read nor the create",
        "#/resources/0/assigned/Name: Name is a String: a format of that type",
        "#/resources/0/derived/Type: {Missing} is not a member the resource stores",
        "#/resources/0/itemDefaults/Nothing: Nothing is not a list the resource stores",
        "#/resources/0/collect/0/member: Unshown is answered by no read",
        "#/resources/0/references/0/onDelete: Nope is neither listed nor stored",
        "#/resources/0/references/0/onDelete: Ghost is neither listed nor stored",
    ):
        assert message in run.err, message
    assert "{DomainName}" not in run.err and "{uin}" not in run.err


def test_without_blocks_the_key_is_not_written(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "resources" not in json.loads((spec_copy / MANIFEST).read_text())
    assert tcgen(capsys, "validate", "--spec-dir", spec_copy).status == 0


def test_infer_command_reports_coverage_and_writes_only_with_write(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop(data: dict[str, Any]) -> None:
        data.pop("resources")

    edit_json(live_spec / MANIFEST, drop)
    run = tcgen(capsys, "infer-resources", "--spec-dir", live_spec, "live")
    assert run.status == 0
    assert "live 2018-08-01: 16 of 21 Create actions" in run.out
    assert "not inferred, its answer carries no id: 3" in run.out
    assert "9 of 16 ids have a format from the examples" in run.out
    assert "resources" not in json.loads((live_spec / MANIFEST).read_text())
    assert tcgen(capsys, "infer-resources", "--spec-dir", live_spec, "--write").status == 0
    written = json.loads((live_spec / MANIFEST).read_text())["resources"]
    committed = json.loads((ROOT / "spec" / MANIFEST).read_text())["resources"]
    # every committed block is inferred as it stands, except the domain, declared by hand
    # (DomainInfo names AddLiveDomain's DomainName `Name`)
    by_name = {block["name"]: block for block in committed if block["name"] != "LiveDomain"}
    inferred = {block["name"]: block for block in written}
    # and one the committed spec leaves to the examples: a record task, listed by
    # DescribeRecordTask, found as the one read action whose list carries the TaskId
    assert inferred.pop("RecordTask")["describe"] == "DescribeRecordTask"
    # and a recording no action lists: its TaskId is kept for DeleteLiveRecord to find
    record = inferred.pop("LiveRecord")
    assert "describe" not in record and record["delete"] == "DeleteLiveRecord"
    assert record["id"]["member"] == "TaskId"
    # the domain, keyed by what DeleteLiveDomain requires (the hand-written one lists it)
    domain = inferred.pop("LiveDomain")
    assert domain["id"] == {"key": ["DomainName", "DomainType"]} and "describe" not in domain
    assert inferred == by_name


def _shape(name: str, inputs: list[Member], outputs: list[Member], errors: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return name, ActionShape(name, tuple(inputs), tuple(outputs), errors)


def test_inference_of_a_cvm_like_service() -> None:
    ident = Member("InstanceId", "String")
    ids = Member("InstanceIds", "Array of String")
    actions = dict(
        [
            _shape("CreateInstance", [], [ident]),
            _shape(
                "DescribeInstances",
                [ids, Member("Offset", "Integer"), Member("Limit", "Integer")],
                [Member("TotalCount", "Integer"), Member("InstanceSet", "Array of Instance")],
            ),
            _shape("ModifyInstance", [ident, Member("Name", "String")], []),
            _shape(
                "DeleteInstance",
                [ident],
                [],
                ("ResourceNotFound.Instance", "ResourceNotFound.Disk", "InternalError"),
            ),
            _shape("CreateDisks", [], [Member("DiskIdSet", "Array of String")]),
            _shape("CreateSnapshot", [], [Member("A", "String")]),
            _shape("CreateImage", [], [Member("ImageId", "String")]),
            _shape("CreateVpc", [], [Member("Vpc", "Vpc")]),
            _shape("DescribeVpcs", [], [Member("VpcSet", "Array of Vpc")]),
            _shape("DescribeImages", [], [Member("Ids", "Array of String")]),
        ]
    )
    structures = {
        "Instance": (ident, Member("Name", "String")),
        "Vpc": (Member("VpcId", "String"), Member("CidrBlock", "String")),
    }
    found = {one.create: one for one in infer(actions, structures)}
    assert found["CreateInstance"].block == {
        "name": "Instance",
        "id": {"member": "InstanceId", "type": "String"},
        "create": "CreateInstance",
        "describe": "DescribeInstances",
        "list": "InstanceSet",
        "total": "TotalCount",
        "filter": "InstanceIds",
        "offset": "Offset",
        "limit": "Limit",
        "modify": ["ModifyInstance"],
        "delete": "DeleteInstance",
        "notFound": "ResourceNotFound.Instance",
    }
    assert found["CreateVpc"].block is not None
    assert found["CreateVpc"].block["id"] == {"member": "VpcId", "type": "String"}
    assert found["CreateDisks"].reason == (
        "no DescribeDiskses action (nor a List, Get or ...List form)"
    )
    assert found["CreateSnapshot"].reason == "its answer carries no id"
    assert found["CreateImage"].reason == "DescribeImages answers no list of items with ImageId"


def test_a_rule_is_inferred_with_the_key_its_delete_takes() -> None:
    key = [Member("DomainName", "String", True), Member("AppName", "String")]
    actions = dict(
        [
            _shape(
                "CreateWidgetRule",
                [*key, Member("TemplateId", "Int64", True)],
                [],
                ("InvalidParameter.DomainNotExist", "FailedOperation.RuleAlreadyExist"),
            ),
            _shape(
                "DescribeWidgetRules",
                [Member("TemplateIds", "Array of Int64"), Member("Other", "String")],
                [Member("Rules", "Array of RuleInfo")],
            ),
            _shape("DeleteWidgetRule", key, [], ("ResourceNotFound.Rule",)),
            _shape("CreateLonelyRule", key, []),
            _shape("DescribeLonelyRules", [], [Member("Rules", "Array of RuleInfo")]),
        ]
    )
    structures = {
        "RuleInfo": (*key, Member("TemplateId", "Int64"), Member("CreateTime", "String")),
    }
    found = {one.create: one for one in infer(actions, structures)}
    assert found["CreateWidgetRule"].block == {
        "name": "WidgetRule",
        "id": {"key": ["DomainName", "AppName"]},
        "create": "CreateWidgetRule",
        "describe": "DescribeWidgetRules",
        "list": "Rules",
        "match": [{"input": "TemplateIds", "item": "TemplateId"}],
        "delete": "DeleteWidgetRule",
        "notFound": "ResourceNotFound.Rule",
        "exists": "FailedOperation.RuleAlreadyExist",
    }
    assert found["CreateLonelyRule"].reason == (
        "its answer carries no id, and no one DeleteLonelyRule names it"
    )


def test_a_singular_describe_that_lists_is_the_read_when_no_plural_exists() -> None:
    ident, paging = Member("EndPointServiceId", "String"), Member("Limit", "Int64")
    key = [Member("InstanceId", "String", True), Member("User", "String", True)]
    listed = [Member("TotalCount", "Int64"), Member("ServiceSet", "Array of Service")]
    actions = dict(
        [
            _shape("CreateEndPointService", [], [ident]),
            _shape("DescribeEndPointService", [paging], listed),
            _shape("DescribeEndPointServiceWhiteList", [paging], [  # also lists the id
                Member("UserSet", "Array of Service")
            ]),
            _shape("CreateUser", [*key], []),
            _shape("DescribeUser", [paging], [Member("Users", "Array of User")]),
            _shape("DeleteUser", [*key], []),
            _shape("CreateFleet", [], [Member("FleetId", "String")]),
            _shape("DescribeFleet", [paging], [Member("Fleet", "Fleet")]),
            _shape("DescribeFleetList", [paging], [Member("Items", "Array of Fleet")]),
        ]
    )  # fmt: skip
    structures = {
        "Service": (ident, Member("Name", "String")),
        "Fleet": (Member("FleetId", "String"),),
        "User": (*key, Member("Remark", "String")),
    }
    found = {one.create: one for one in infer(actions, structures)}
    block = found["CreateEndPointService"].block
    assert block is not None
    assert (block["describe"], block["list"], block["limit"]) == (
        "DescribeEndPointService", "ServiceSet", "Limit"
    )  # fmt: skip
    user = found["CreateUser"].block  # keyed: its Describe is found the same way
    assert user is not None and (user["id"], user["describe"]) == (
        {"key": ["InstanceId", "User"]}, "DescribeUser"
    )  # fmt: skip
    fleet = found["CreateFleet"].block  # a plural form wins over the singular
    assert fleet is not None and fleet["describe"] == "DescribeFleetList"


def test_an_id_inside_the_one_structure_a_create_answers() -> None:
    pair = Member("KeyPair", "KeyPair")
    actions = dict(
        [
            _shape("CreateKeyPair", [Member("KeyName", "String")], [pair]),
            _shape("DescribeKeyPairs", [Member("KeyIds", "Array of String")], [
                Member("KeyPairSet", "Array of KeyPair")
            ]),
            _shape("CreateExport", [], [Member("Job", "Job")]),
            _shape("DescribeExports", [], [Member("Jobs", "Array of Job")]),
        ]
    )  # fmt: skip
    structures = {
        "KeyPair": (Member("KeyId", "String"), Member("KeyName", "String")),
        "Job": (Member("FileId", "String"), Member("BucketId", "String"), Member("Url", "String")),
    }
    found = {one.create: one for one in infer(actions, structures)}
    block = found["CreateKeyPair"].block
    assert block is not None
    assert (block["id"], block["list"], block["filter"]) == (
        {"member": "KeyId", "type": "String"}, "KeyPairSet", "KeyIds"
    )  # fmt: skip
    assert found["CreateExport"].block is None  # two ids in it: which one is the export's?


def test_an_id_without_id_in_its_name_is_the_one_the_delete_takes() -> None:
    definition, name = Member("Definition", "UInt64"), Member("Name", "String")
    actions = dict(
        [
            _shape("CreateTranscodeTemplate", [name], [definition]),
            _shape("DescribeTranscodeTemplates", [Member("Definitions", "Array of UInt64")], [
                Member("TemplateSet", "Array of Template")
            ]),
            _shape("DeleteTranscodeTemplate", [definition], []),
            _shape("CreateAccount", [name], [name]),  # it answers what it was given: a key
            _shape("DescribeAccounts", [], [Member("Accounts", "Array of Template")]),
            _shape("DeleteAccount", [name], []),
        ]
    )  # fmt: skip
    structures = {"Template": (definition, name)}
    found = {one.create: one for one in infer(actions, structures)}
    block = found["CreateTranscodeTemplate"].block
    assert block is not None
    assert (block["id"], block["filter"], block["delete"]) == (
        {"member": "Definition", "type": "UInt64"}, "Definitions", "DeleteTranscodeTemplate"
    )  # fmt: skip
    account = found["CreateAccount"].block
    assert account is not None and account["id"] == {"key": ["Name"]}


INS = {"prefix": "ins-", "length": 8, "alphabet": "a-z0-9"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["ins-r8hr2upy", "ins-xxxxxxxx", ["ins-5d8a23rs"]], INS),
        (["ins-xxxxxxxx"], INS),
        (["UpTbk5RSVhRQ", "Ab3dEfGh1jKl"], {"length": 12, "alphabet": "a-zA-Z0-9"}),
        (["10000", "10054", "123"], {"length": 5, "alphabet": "0-9"}),
        (["lb-ABC12345"], {"prefix": "lb-", "length": 8, "alphabet": "A-Z0-9"}),
        (["test", "abcdefgh", "a_b-c", "x"], None),  # words and odd shapes say nothing
        (["vpc-12345678", "subnet-12345678"], None),  # a tie between two shapes
        ([], None),
    ],
)  # fmt: skip
def test_string_id_formats_from_examples(values: list[Any], expected: Any) -> None:
    assert string_format(values) == expected


def test_integer_id_formats_from_examples() -> None:
    assert integer_format([1000, 1000, 362894, 0, True]) == {"digits": 4}
    assert integer_format([123, 10001]) == {"digits": 5}  # a tie: the longer
    assert integer_format([[12, 13]]) == {"digits": 2}
    assert integer_format(["1000", 0, -5]) is None


def test_an_id_format_is_read_from_every_place_the_spec_shows_the_id() -> None:
    ident = Member("InstanceId", "String", description="Instance ID, such as ins-xxxxxxxx.")
    strings = "Array of String"
    listed = Member("InstanceSet", "Array of Instance")
    actions = dict(
        [
            ("CreateInstance", ActionShape(
                "CreateInstance", (), (ident,), (), (({}, {"InstanceId": "ins-r8hr2upy"}),)
            )),
            ("DescribeInstances", ActionShape(
                "DescribeInstances", (Member("InstanceIds", strings, example=["ins-5d8a23rs"]),),
                (listed,), (), (({}, {"InstanceSet": [{"InstanceId": "ins-k3j9d02m"}]}),),
            )),
            ("DeleteInstance", ActionShape(
                "DeleteInstance", (ident,), (), (), (({"InstanceId": "ins-0a9b8c7d"}, {}),)
            )),
            ("DescribeVolumes", ActionShape(
                "DescribeVolumes", (), (), (), (({}, {"InstanceId": "i-NOT-THIS"}),)
            )),
        ]
    )  # fmt: skip
    structures = {"Instance": (ident, Member("Name", "String"))}
    block = {
        "id": {"member": "InstanceId", "type": "String"},
        "create": "CreateInstance",
        "describe": "DescribeInstances",
        "delete": "DeleteInstance",
        "list": "InstanceSet",
        "filter": "InstanceIds",
    }
    roles = ("CreateInstance", "DescribeInstances", "DeleteInstance")
    values = evidence(
        "InstanceId", [actions[n] for n in roles], ("InstanceIds",), structures["Instance"]
    )
    assert sorted(v if isinstance(v, str) else v[0] for v in values) == [
        "ins-0a9b8c7d", "ins-5d8a23rs", "ins-k3j9d02m", "ins-r8hr2upy", "ins-xxxxxxxx"
    ]  # fmt: skip
    assert infer_format(block, actions, structures) == {
        "prefix": "ins-",
        "length": 8,
        "alphabet": "a-z0-9",
    }
    inferred = {one.create: one for one in infer(actions, structures)}["CreateInstance"]
    assert inferred.block is not None and inferred.block["id"]["format"]["prefix"] == "ins-"


def test_a_hand_written_format_is_kept_and_checked(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def by_hand(data: dict[str, Any]) -> None:
        task = next(b for b in data["resources"] if b["name"] == "LivePullStreamTask")
        task["id"]["format"] = {"prefix": "task-", "length": 10}

    edit_json(live_spec / MANIFEST, by_hand)
    assert tcgen(capsys, "infer-resources", "--spec-dir", live_spec, "--write").status == 0
    blocks = json.loads((live_spec / MANIFEST).read_text())["resources"]
    task = next(b for b in blocks if b["name"] == "LivePullStreamTask")
    assert task["id"]["format"] == {"prefix": "task-", "length": 10}
    edit_json(live_spec / MANIFEST, lambda d: d["resources"][1]["id"]["format"].update(length=3))
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "#/resources/1/id" in run.err


def test_a_block_without_a_list_needs_no_describe_but_not_half_of_one(
    live_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def unlist(data: dict[str, Any]) -> None:
        for key in ("describe", "list", "total"):
            data["resources"][1].pop(key, None)  # a template Create made, kept for Delete

    edit_json(live_spec / MANIFEST, unlist)
    assert tcgen(capsys, "validate", "--spec-dir", live_spec).status == 0
    edit_json(live_spec / MANIFEST, lambda data: data["resources"][2].pop("list"))
    run = tcgen(capsys, "validate", "--spec-dir", live_spec)
    assert run.status == 2 and "Traceback" not in run.err
    assert "#/resources/2: 'list' is a dependency of 'describe'" in run.err
