"""Live's callback templates, domains and rules as data: create/list/modify/delete rounds on
one port through the official Python SDK, the official Node.js SDK and tccli, each seeing
the others' work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tcgen.emulator.endpoint import EdgeApp
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from tests.mock.helpers import SECRET_ID, SECRET_KEY, official_client
from tests.nodesdk import NodeCall, node_calls

from .test_one_endpoint import _tccli

NOT_FOUND = "ResourceNotFound"


def _names(listed: dict[str, Any]) -> dict[int, str]:
    return {one["TemplateId"]: one["TemplateName"] for one in listed["Templates"]}


def test_callback_templates_round_across_clients(
    node_sdk: Path, edge: EdgeApp, edge_server: str, tmp_path: Path
) -> None:
    address = edge_server.removeprefix("http://")
    python = official_client(address)

    def python_call(action: str, params: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = python.call_json(action, params)["Response"]
        return answer

    def node(*calls: NodeCall) -> list[dict[str, Any]]:
        outcomes = node_calls(node_sdk, address, list(calls), secret_id=SECRET_ID,
                              secret_key=SECRET_KEY)  # fmt: skip
        assert all(outcome.ok for outcome in outcomes), outcomes
        return [outcome.response for outcome in outcomes]

    def cli(action: str, *args: str) -> dict[str, Any]:
        done = _tccli(edge_server, tmp_path, "live", action, *args)
        assert done.returncode == 0, done.stderr
        answer: dict[str, Any] = json.loads(done.stdout)
        return answer

    assert python_call("DescribeLiveCallbackTemplates", {})["Templates"] == []
    first = python_call("CreateLiveCallbackTemplate", {"TemplateName": "py"})["TemplateId"]
    [created] = node(NodeCall("CreateLiveCallbackTemplate", {"TemplateName": "node"}))
    second = created["TemplateId"]
    third = cli("CreateLiveCallbackTemplate", "--TemplateName", "cli")["TemplateId"]
    assert len({first, second, third}) == 3
    expected = {first: "py", second: "node", third: "cli"}
    assert _names(python_call("DescribeLiveCallbackTemplates", {})) == expected
    assert _names(node(NodeCall("DescribeLiveCallbackTemplates", {}))[0]) == expected
    assert _names(cli("DescribeLiveCallbackTemplates")) == expected

    node(NodeCall("ModifyLiveCallbackTemplate", {"TemplateId": first, "TemplateName": "py2"}))
    cli("ModifyLiveCallbackTemplate", "--TemplateId", str(second), "--TemplateName", "node2")
    python_call("DeleteLiveCallbackTemplate", {"TemplateId": third})
    expected = {first: "py2", second: "node2"}
    assert _names(cli("DescribeLiveCallbackTemplates")) == expected
    one = python_call("DescribeLiveCallbackTemplate", {"TemplateId": second})["Template"]
    assert one["TemplateName"] == "node2"

    node(NodeCall("DeleteLiveCallbackTemplate", {"TemplateId": first}))
    cli("DeleteLiveCallbackTemplate", "--TemplateId", str(second))
    assert python_call("DescribeLiveCallbackTemplates", {})["Templates"] == []
    with pytest.raises(TencentCloudSDKException) as raised:
        python_call("DeleteLiveCallbackTemplate", {"TemplateId": first})
    assert raised.value.code == NOT_FOUND
    gone = _tccli(edge_server, tmp_path, "live", "DescribeLiveCallbackTemplate",
                  "--TemplateId", str(second))  # fmt: skip
    assert gone.returncode != 0 and f"code:{NOT_FOUND} " in gone.stderr


def test_synthesized_lists_count_their_items(edge_server: str) -> None:
    python = official_client(edge_server.removeprefix("http://"))
    online = python.call_json("DescribeLiveStreamOnlineList", {})["Response"]
    assert online["TotalNum"] == len(online["OnlineInfo"]) == 1
    assert online["TotalPage"] == 1


def test_a_domain_and_its_rule_round_across_clients(
    node_sdk: Path, edge_server: str, tmp_path: Path
) -> None:
    """Live's domains and rules are keyed by their request: each client sees the others'."""
    address = edge_server.removeprefix("http://")
    python = official_client(address)

    def python_call(action: str, params: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = python.call_json(action, params)["Response"]
        return answer

    def node(*calls: NodeCall) -> list[Any]:
        return node_calls(node_sdk, address, list(calls), secret_id=SECRET_ID,
                          secret_key=SECRET_KEY)  # fmt: skip

    domain = {"DomainName": "node.example.com", "DomainType": 1}
    [added] = node(NodeCall("AddLiveDomain", domain))
    assert added.ok, added
    done = _tccli(edge_server, tmp_path, "live", "ModifyLivePlayDomain",
                  "--DomainName", "node.example.com", "--PlayType", "2")  # fmt: skip
    assert done.returncode == 0, done.stderr
    listed = python_call("DescribeLiveDomains", {"DomainType": 1})
    assert [(d["Name"], d["PlayType"]) for d in listed["DomainList"]] == [("node.example.com", 2)]
    [again] = node(NodeCall("AddLiveDomain", domain))
    assert again.result == "ResourceInUse"

    rule = {"DomainName": "node.example.com", "AppName": "live", "StreamName": "s"}
    python_call("CreateLiveWatermarkRule", {**rule, "TemplateId": 100})
    [rules, deleted, empty] = node(
        NodeCall("DescribeLiveWatermarkRules"),
        NodeCall("DeleteLiveWatermarkRule", rule),
        NodeCall("DescribeLiveWatermarkRules"),
    )
    assert [(r["StreamName"], r["TemplateId"]) for r in rules.response["Rules"]] == [("s", 100)]
    assert deleted.ok and empty.response["Rules"] == []
    node(NodeCall("DeleteLiveDomain", domain))
    assert python_call("DescribeLiveDomains", {})["AllCount"] == 0
