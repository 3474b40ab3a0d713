"""`tcgen export openapi`: valid OpenAPI 3.1 (openapi-spec-validator), the schemas
`tcgen schema` derives, every documented fact of an action, byte-for-byte reproducible."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from tcgen.commands.main import main
from tcgen.model.schema import action_schemas
from tcgen.model.service import Service
from tcgen.output import openapi

from tests.openapi.conftest import ROOT

TC_HEADERS = {"X-TC-Action", "X-TC-Version", "X-TC-Timestamp", "X-TC-Region"}


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    target: Any = document
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return dict(target)


def _operation(document: dict[str, Any], action: str) -> dict[str, Any]:
    return dict(document["paths"][f"/#X-TC-Action={action}"]["post"])


def test_the_live_document_is_valid_openapi_3_1(live_document: dict[str, Any]) -> None:
    validate(live_document)  # raises on any violation of the OpenAPI 3.1 schema
    assert live_document["openapi"] == "3.1.0"


def test_every_action_is_one_operation_on_its_own_path(
    live: Service, live_document: dict[str, Any]
) -> None:
    paths = live_document["paths"]
    assert len(paths) == len(live.actions) == 121
    for action in live.actions:
        operation = _operation(live_document, action.name)
        assert operation["operationId"] == action.name
        headers = {_resolve(live_document, p)["name"]: p for p in operation["parameters"]}
        assert set(headers) >= TC_HEADERS
        action_header = _resolve(live_document, headers["X-TC-Action"])
        assert action_header["schema"]["enum"] == [action.name]
        assert action_header["required"] is True
        version = _resolve(live_document, headers["X-TC-Version"])
        assert version["schema"]["enum"] == ["2018-08-01"]


def test_tc3_is_the_security_scheme_and_authorization_its_header(
    live_document: dict[str, Any],
) -> None:
    scheme = live_document["components"]["securitySchemes"]["TC3"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert "TC3-HMAC-SHA256" in scheme["description"]
    assert live_document["security"] == [{"TC3": []}]
    assert live_document["servers"][0]["url"] == "https://live.tencentcloudapi.com"


def test_schemas_are_the_ones_tcgen_schema_derives(
    live: Service, live_document: dict[str, Any]
) -> None:
    """The request schema of each action validates exactly what its `tcgen schema` does."""
    components = live_document["components"]
    action = next(a for a in live.actions if a.name == "DescribeLiveStreamOnlineList")
    derived = action_schemas(live, action)
    exported = _resolve(live_document, {"$ref": f"#/components/schemas/{action.request_class}"})
    assert exported["properties"] == derived["input"]["properties"]
    assert exported.get("required") == derived["input"].get("required")
    answer = components["schemas"][action.response_class]
    assert set(answer["properties"]) == set(derived["output"]["properties"])
    # a structure answered by several actions is defined once and referenced
    refs = json.dumps(live_document["paths"]).count('"#/components/schemas/')
    assert refs >= 2 * len(live.actions)


def test_a_structure_both_sent_and_answered_has_two_components(
    live: Service, live_document: dict[str, Any]
) -> None:
    schemas = live_document["components"]["schemas"]
    both = [name for name in schemas if name.endswith("Input") and name[:-5] in schemas]
    assert both, "Live sends and answers some structure (e.g. a rule or template)"
    for name in both:
        assert schemas[name]["properties"].keys() == schemas[name[:-5]]["properties"].keys()


def test_answers_are_the_response_or_a_documented_error(live_document: dict[str, Any]) -> None:
    operation = _operation(live_document, "DropLiveStream")
    media = operation["responses"]["200"]["content"]["application/json"]
    root = {"$ref": "#/x", "x": media["schema"], "components": live_document["components"]}
    validator = Draft202012Validator(root)
    ok = {"Response": {"RequestId": "r-1"}}
    documented = {"Response": {"Error": {"Code": "ResourceNotFound.UserNotExist", "Message": "m"},
                               "RequestId": "r-2"}}  # fmt: skip
    common = {"Response": {"Error": {"Code": "AuthFailure.SignatureExpire", "Message": "m"},
                           "RequestId": "r-3"}}  # fmt: skip
    undocumented = {"Response": {"Error": {"Code": "NoSuch.Code", "Message": "m"},
                                 "RequestId": "r-4"}}  # fmt: skip
    assert validator.is_valid(ok) and validator.is_valid(documented) and validator.is_valid(common)
    assert not validator.is_valid(undocumented)
    assert not validator.is_valid({"Response": {"RequestId": "r", "Unknown": 1}})
    assert "ResourceNotFound.UserNotExist" in operation["x-tc-error-codes"]
    assert "| `ResourceNotFound.UserNotExist` |" in operation["description"]
    assert media["examples"]["example1"]["value"]["Response"]["RequestId"]


def test_rate_limit_pagination_deprecation_and_examples(
    live: Service, live_document: dict[str, Any]
) -> None:
    paged = next(a for a in live.actions if a.pagination is not None and a.examples)
    assert paged.pagination is not None
    operation = _operation(live_document, paged.name)
    assert operation["x-tc-pagination"]["items"] == paged.pagination.items.wire_name
    assert "**Pagination:**" in operation["description"]
    body = operation["requestBody"]["content"]["application/json"]
    assert body["examples"]["example1"]["value"] == paged.examples[0].params
    limited = next(a for a in live.actions if a.rate_limit)
    operation = _operation(live_document, limited.name)
    assert operation["x-tc-rate-limit"] == limited.rate_limit
    assert f"{limited.rate_limit} requests per second" in operation["description"]
    deprecated = [a.name for a in live.actions if a.deprecated]
    flagged = [
        name
        for name in (a.name for a in live.actions)
        if _operation(live_document, name).get("deprecated")
    ]
    assert flagged == deprecated


def test_the_command_writes_a_file_and_is_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b" / "live.json"
    assert main(["export", "openapi", "live", "--out", str(first)]) == 0
    assert main(["export", "openapi", "live:2018-08-01", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["paths"]


def test_a_directory_gets_one_file_per_service_version_and_check_finds_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "openapi"
    assert main(["export", "openapi", "--out", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == ["live-2018-08-01.openapi.json"]
    assert main(["export", "openapi", "--out", str(out), "--check"]) == 0
    written = out / "live-2018-08-01.openapi.json"
    written.write_text(written.read_text(encoding="utf-8").replace("DropLiveStream", "Drop"))
    assert main(["export", "openapi", "--out", str(out), "--check"]) == 1
    assert "stale or missing" in capsys.readouterr().err
    assert main(["export", "openapi", "--out", str(out)]) == 0
    assert main(["export", "openapi", "--out", str(out), "--check"]) == 0


def test_standard_output_takes_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "openapi", "live"]) == 0
    assert json.loads(capsys.readouterr().out)["info"]["x-tc-service"] == "live"


def test_bad_selections_are_problems_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "openapi", "nosuch", "--out", str(tmp_path / "x.json")]) == 2
    assert "nosuch" in capsys.readouterr().err
    assert main(["export", "openapi", "live", "--check"]) == 2
    assert "--check needs --out" in capsys.readouterr().err


def test_the_committed_spec_exports_what_the_command_prints(
    live_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "openapi", "live", "--spec-dir", str(ROOT / "spec")]) == 0
    assert json.loads(capsys.readouterr().out) == live_document


def test_an_error_only_an_example_answers_is_a_documented_code(live: Service) -> None:
    """Tencent documents some errors only as an example's answer (tke, teo, postgres)."""
    action = next(a for a in live.actions if a.name == "DropLiveStream")
    answer = {"Error": {"Code": "FailedOperation.OnlyInExample", "Message": "m"}, "RequestId": "r"}
    example = dataclasses.replace(action.examples[0], response=answer)
    changed = dataclasses.replace(action, examples=[*action.examples, example])
    document = openapi.document(dataclasses.replace(live, actions=[changed]))
    operation = _operation(document, "DropLiveStream")
    assert operation["x-tc-error-codes"][-1] == "FailedOperation.OnlyInExample"
    code = operation["responses"]["200"]["content"]["application/json"]["schema"]["properties"][
        "Response"
    ]["oneOf"][1]["properties"]["Error"]["properties"]["Code"]
    assert "FailedOperation.OnlyInExample" in code["anyOf"][1]["enum"]


def test_a_spec_change_makes_a_committed_export_stale(tmp_path: Path) -> None:
    spec, out = tmp_path / "spec", tmp_path / "openapi"
    shutil.copytree(ROOT / "spec", spec)
    assert main(["export", "openapi", "--spec-dir", str(spec), "--out", str(out)]) == 0
    action = spec / "live" / "2018-08-01" / "actions" / "DropLiveStream.json"
    data = json.loads(action.read_text(encoding="utf-8"))
    data["rateLimit"] = 7
    action.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["export", "openapi", "--spec-dir", str(spec), "--out", str(out), "--check"]) == 1
    assert main(["export", "openapi", "--spec-dir", str(spec), "--out", str(out)]) == 0
    document = json.loads((out / "live-2018-08-01.openapi.json").read_text(encoding="utf-8"))
    assert _operation(document, "DropLiveStream")["x-tc-rate-limit"] == 7


def test_streamed_answers_and_raw_bodies_are_described(live: Service) -> None:
    """A streamed action (hunyuan) answers Server-Sent Events too; a raw-body action (cls
    UploadLog) sends its body as such and its parameters as prefixed headers."""
    action = next(a for a in live.actions if a.name == "DropLiveStream")
    streamed = dataclasses.replace(action, stream=(None,))
    raw = dataclasses.replace(action, name="UploadX", body=("application/octet-stream", "X-LIVE-"))
    document = openapi.document(dataclasses.replace(live, actions=[streamed, raw]))
    validate(document)
    content = _operation(document, "DropLiveStream")["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/event-stream"}
    upload = _operation(document, "UploadX")
    assert set(upload["requestBody"]["content"]) == {"application/octet-stream"}
    headers = {_resolve(document, p)["name"] for p in upload["parameters"]}
    assert {"X-LIVE-StreamName", "X-LIVE-DomainName", "X-LIVE-AppName"} <= headers
