"""Importing real tccli models: exact types, layout, idempotency, selection and problems."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from tcgen.commands.main import main
from tcgen.model.service import build_all
from tcgen.sources.tccli.importer import import_tccli
from tcgen.spec import paths
from tcgen.spec.problems import ProblemsError
from tcgen.spec.tree import load_tree

from .conftest import FakeTccli, member, read


def parameters(spec: Path, relative: str, key: str) -> dict[str, dict[str, object]]:
    return {p["name"]: p for p in read(spec / relative)[key]}


def test_live_types_and_flags(imported: Path) -> None:
    live = imported / "live/2018-08-01"
    output = parameters(live, "actions/DescribeLiveStreamOnlineList.json", "output")
    assert output["OnlineInfo"] == {
        "name": "OnlineInfo",
        "type": "Array of StreamOnlineInfo",
        "description": "Active push information list.",
    }
    assert output["TotalNum"]["type"] == "UInt64"
    assert "required" not in output["TotalNum"]
    assert output["RequestId"]["type"] == "String"
    inputs = parameters(live, "actions/DescribeLiveStreamOnlineList.json", "input")
    assert (inputs["PageNum"]["type"], inputs["PageNum"]["required"]) == ("UInt64", False)
    info = read(live / "types/StreamOnlineInfo.json")
    assert [(m["name"], m["type"], m["required"]) for m in info["members"]] == [
        ("StreamName", "String", True),
        ("PublishTimeList", "Array of PublishTime", True),
        ("AppName", "String", True),
        ("DomainName", "String", True),
    ]
    assert read(live / "service.json")["endpoint"] == "live.tencentcloudapi.com"
    action = read(live / "actions/DescribeLiveStreamOnlineList.json")
    assert action["source"] == {"kind": "tccli"}
    assert action["region"] == {"required": False}


def test_cvm_types_examples_and_nullable(imported: Path) -> None:
    cvm = imported / "cvm/2017-03-12"
    service = read(cvm / "service.json")
    assert service.pop("resources")[0]["create"] == "RunInstances"  # tcgen's shipped blocks
    assert service == {
        "service": "cvm",
        "version": "2017-03-12",
        "endpoint": "cvm.tencentcloudapi.com",
    }
    run = parameters(cvm, "actions/RunInstances.json", "input")
    assert (run["Placement"]["type"], run["Placement"]["required"]) == ("Placement", False)
    assert run["DataDisks"]["type"] == "Array of DataDisk"
    out = parameters(cvm, "actions/RunInstances.json", "output")
    assert out["InstanceIdSet"]["type"] == "Array of String"
    assert out["InstanceIdSet"]["example"] == ["ins-rn79mzt1"]
    placement = {m["name"]: m for m in read(cvm / "types/Placement.json")["members"]}
    assert placement["Zone"] == {
        "name": "Zone",
        "type": "String",
        "required": True,
        "description": placement["Zone"]["description"],
        "example": "ap-guangzhou-4",
    }
    assert (placement["ProjectId"]["type"], placement["ProjectId"]["example"]) == ("Int64", 0)
    assert (cvm / "types/InstanceMarketOptionsRequest.json").exists()
    assert not (cvm / "types/RunInstancesRequest.json").exists()
    example = read(cvm / "actions/DescribeInstances.json")["examples"][0]
    assert example["request"]["method"] in {"GET", "POST"}
    assert "RequestId" in example["response"]


def test_service_dir_uses_the_api_name(imported: Path) -> None:
    """tccli's `autoscaling` is the `as` API: that name signs requests and names the host."""
    service = read(imported / "as/2018-04-19/service.json")
    assert service["endpoint"] == "as.tencentcloudapi.com"
    assert not (imported / "autoscaling").exists()


def test_imported_tree_validates_and_builds(imported: Path) -> None:
    services = build_all(load_tree(imported))
    names = {(s.name, s.version) for s in services}
    assert {("live", "2018-08-01"), ("cvm", "2017-03-12"), ("as", "2018-04-19")} <= names


def test_second_import_changes_nothing(imported: Path) -> None:
    before = {p: p.read_bytes() for p in sorted(imported.rglob("*.json"))}
    again = import_tccli(["live:v20180801", "cvm", "autoscaling:2018-04-19"], imported)
    assert [v.changed for v in again] == [0, 0, 0]
    assert {p: p.read_bytes() for p in sorted(imported.rglob("*.json"))} == before


def test_strict_import_reports_bad_examples_and_writes_nothing(spec_copy: Path) -> None:
    before = sorted(spec_copy.rglob("*"))
    with pytest.raises(ProblemsError) as caught:
        import_tccli(["live"], spec_copy, strict=True)
    messages = [str(p) for p in caught.value.problems]
    assert any(
        "examples.json#/actions/DescribeLiveStreamOnlineList/0/output: live 2018-08-01: "
        "action DescribeLiveStreamOnlineList example 1: the response is not JSON" in m
        for m in messages
    )
    assert sorted(spec_copy.rglob("*")) == before


def test_faulty_examples_are_dropped_as_warnings_by_default(spec_copy: Path) -> None:
    (version,) = import_tccli(["live"], spec_copy)
    assert any("DescribeLiveStreamOnlineList" in p.message for p in version.skipped)
    assert version.merged == ["DropLiveStream"]


@pytest.mark.parametrize(
    ("request_text", "message"),
    [
        ("nosuch", "tccli has no service 'nosuch'"),
        ("live:2019-01-01", "tccli has no version 'live:2019-01-01' (available: 2018-08-01)"),
        ("live:v2018", "tccli has no version 'live:v2018'"),
    ],
)
def test_unknown_selection(spec_copy: Path, request_text: str, message: str) -> None:
    with pytest.raises(ProblemsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_tccli([request_text], spec_copy)


def _release_without_models(root: Path, version: str = "3.0.96.1") -> Path:
    """A tccli release older than its API models: version directories hold only help.py."""
    package = root / "tccli"
    (package / "services/live/v20180801").mkdir(parents=True)
    (package / "services/live/v20180801/help.py").write_text("INFO = {}\n", encoding="utf-8")
    (package / "services/live/__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text(f"__version__ = '{version}'\n", encoding="utf-8")
    return package / "services"


@pytest.mark.parametrize("request_text", ["live", "live:2018-08-01", "live:v20180801"])
def test_release_without_api_models_names_what_is_missing(
    spec_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], request_text: str
) -> None:
    services = _release_without_models(tmp_path)
    args = ["import-tccli", request_text, "--spec-dir", str(spec_copy)]
    assert main([*args, "--tccli-dir", str(services)]) == 2
    err = capsys.readouterr().err
    assert (
        "tccli 3.0.96.1 has no API model for live 2018-08-01: "
        "its services/live/v20180801 has no api.json"
    ) in err
    assert "no service" not in err
    # another version of a service that has none: the ordinary message
    with pytest.raises(ProblemsError, match="tccli has no version 'live:2019-01-01'"):
        import_tccli(["live:2019-01-01"], spec_copy, services)
    (services.parent / "__init__.py").unlink()  # no version to name: still says what is missing
    with pytest.raises(ProblemsError, match="tccli has no API model for live 2018-08-01"):
        import_tccli(["live"], spec_copy, services)


@pytest.mark.parametrize("existing", [False, True])
def test_import_into_a_new_or_empty_directory_starts_a_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bool
) -> None:
    """As capture does: the new tree gets the common error codes and generates at once."""
    spec = tmp_path / "spec"
    if existing:
        spec.mkdir()
    assert main(["import-tccli", "live:2018-08-01", "--spec-dir", str(spec)]) == 0
    assert (spec / "common-errors.json").read_bytes() == paths.BUNDLED_COMMON_ERRORS.read_bytes()
    (service,) = build_all(load_tree(spec))
    assert (service.name, service.version, len(service.actions)) == ("live", "2018-08-01", 121)
    assert "imported 1 service version in" in capsys.readouterr().out


def test_a_failed_import_starts_no_tree(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError, match="tccli has no service 'nosuch'"):
        import_tccli(["nosuch"], tmp_path / "spec")
    assert not (tmp_path / "spec").exists()


def test_missing_tccli_names_both_pip_packages(
    spec_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    assert main(["import-tccli", "live", "--spec-dir", str(spec_copy)]) == 2
    err = capsys.readouterr().err
    assert (
        "tccli: is not installed: pip install tccli-intl-en (international edition) or "
        "pip install tccli (domestic edition), or pass --tccli-dir"
    ) in err


def test_unknown_type_names_service_object_and_member(
    spec_copy: Path, fake_tccli: FakeTccli
) -> None:
    services = fake_tccli(
        {
            "DoItRequest": {"members": [member("Size", "int", "int32")], "type": "object"},
            "DoItResponse": {"members": [member("RequestId", "string", "string")]},
        }
    )
    with pytest.raises(ProblemsError) as caught:
        import_tccli(["demo"], spec_copy, services)
    (problem,) = caught.value.problems
    assert problem.file.endswith("demo/v20200101/api.json")
    assert problem.pointer == "/objects/DoItRequest/members/0"
    assert problem.message == (
        "demo 2020-01-01: object DoItRequest member Size: "
        "unknown tccli type 'int' with member 'int32'"
    )
    assert not (spec_copy / "demo").exists()


def test_structure_named_like_a_primitive_is_a_problem(
    spec_copy: Path, fake_tccli: FakeTccli
) -> None:
    services = fake_tccli(
        {
            "DoItRequest": {"members": [member("When", "object", "Date")]},
            "DoItResponse": {"members": []},
            "Date": {"members": [member("Day", "int", "int64")], "usage": "in"},
        }
    )
    with pytest.raises(ProblemsError, match="structure Date shadows a primitive type"):
        import_tccli(["demo"], spec_copy, services)


def test_malformed_model_is_a_problem(spec_copy: Path, fake_tccli: FakeTccli) -> None:
    services = fake_tccli({"DoItRequest": {"members": [{"name": "X"}]}, "DoItResponse": {}})
    with pytest.raises(ProblemsError) as caught:
        import_tccli(["demo"], spec_copy, services)
    assert {(p.pointer, p.message) for p in caught.value.problems} == {
        ("/objects/DoItRequest/members/0", "'type' is a required property"),
        ("/objects/DoItRequest/members/0", "'member' is a required property"),
        ("/objects/DoItResponse", "'members' is a required property"),
    }


def test_examples_of_undefined_actions_are_reported(spec_copy: Path, fake_tccli: FakeTccli) -> None:
    services = fake_tccli(
        {"DoItRequest": {"members": []}, "DoItResponse": {"members": []}},
        examples={"Gone": [{"title": "t", "input": "{}", "output": '{"Response": {}}'}]},
    )
    with pytest.raises(ProblemsError, match="examples for action Gone, which api.json does not"):
        import_tccli(["demo"], spec_copy, services, strict=True)
    (version,) = import_tccli(["demo"], spec_copy, services)
    assert len(version.skipped) == 1


def test_page_captured_types_are_merged(spec_copy: Path) -> None:
    types = spec_copy / "live/2018-08-01/types"
    types.mkdir(exist_ok=True)
    page_type = {
        "name": "PublishTime",
        "description": "From the page.",
        "members": [
            {"name": "PublishTime", "type": "String", "required": True, "description": "Page."}
        ],
    }
    (types / "PublishTime.json").write_text(json.dumps(page_type), encoding="utf-8")
    import_tccli(["live"], spec_copy)
    assert read(types / "PublishTime.json") == {**page_type, "source": {"kind": "page+tccli"}}


def test_cli_reports_problems_with_exit_2(
    spec_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-tccli", "nosuch", "--spec-dir", str(spec_copy)]) == 2
    err = capsys.readouterr().err
    assert "tcgen import-tccli: 1 problem" in err
    assert "tccli has no service 'nosuch'" in err
    assert "Traceback" not in err


def test_cli_imports_and_reports(spec_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(spec_copy / "live")
    assert main(["import-tccli", "live:2018-08-01", "--spec-dir", str(spec_copy)]) == 0
    captured = capsys.readouterr()
    assert "live/2018-08-01: 121 actions, 60 data types, 182 files changed" in captured.out
    assert "warning: dropped a faulty example" in captured.err
    assert "DescribeLiveStreamOnlineList" in captured.err
