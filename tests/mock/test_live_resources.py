"""Live's domains, rules and templates as declared resources: create/list/modify/delete
rounds through the generated client in-process, the official Python SDK and tccli over
loopback, and ids in the documented format."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from generated.live_v20180801 import LiveClient, errors
from generated.live_v20180801 import mock as live_mock

from .helpers import KEYS, SECRET_ID, SECRET_KEY, official_client
from .test_tccli import TCCLI

PUSH, PLAY = 0, 1


@pytest.fixture
def client(app: live_mock.MockApp) -> Any:
    with live_mock.activate(app):
        yield LiveClient(secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-guangzhou")


def _domains(listed: Any) -> list[tuple[str, int, int, int]]:
    return [(d.name, d.type_, d.status, d.play_type) for d in listed.domain_list]


def test_a_domain_round_through_the_generated_client(client: LiveClient) -> None:
    assert client.describe_live_domains().all_count == 0
    client.add_live_domain(domain_name="push.example.com", domain_type=PUSH)
    client.add_live_domain(domain_name="play.example.com", domain_type=PLAY, play_type=2)
    client.add_live_domain(domain_name="play2.example.com", domain_type=PLAY)
    listed = client.describe_live_domains()
    assert listed.all_count == len(listed.domain_list) == 3
    assert _domains(listed)[:2] == [
        ("push.example.com", PUSH, 1, 1),  # enabled, documented default play type 1
        ("play.example.com", PLAY, 1, 2),
    ]
    with pytest.raises(errors.ResourceInUseError):  # a name is added once
        client.add_live_domain(domain_name="play.example.com", domain_type=PLAY)

    client.forbid_live_domain(domain_name="play2.example.com")
    client.modify_live_play_domain(domain_name="play.example.com", play_type=3)
    plays = client.describe_live_domains(domain_type=PLAY, domain_status=1)
    assert _domains(plays) == [("play.example.com", PLAY, 1, 3)] and plays.all_count == 1
    assert client.describe_live_domains(domain_prefix="play").all_count == 2
    page = client.describe_live_domains(page_size=2, page_num=2)
    assert page.all_count == 3 and [d.name for d in page.domain_list] == ["play2.example.com"]
    client.enable_live_domain(domain_name="play2.example.com")
    one = client.describe_live_domain(domain_name="play2.example.com").domain_info
    assert (one.name, one.status) == ("play2.example.com", 1)

    client.delete_live_domain(domain_name="play.example.com", domain_type=PLAY)
    assert [d.name for d in client.describe_live_domains().domain_list] == [
        "push.example.com",
        "play2.example.com",
    ]
    with pytest.raises(errors.ResourceNotFoundError):
        client.delete_live_domain(domain_name="play.example.com", domain_type=PLAY)
    with pytest.raises(errors.ResourceNotFoundError):
        client.describe_live_domain(domain_name="play.example.com")


def test_a_template_and_its_rule_round_through_the_generated_client(client: LiveClient) -> None:
    template = client.create_live_transcode_template(template_name="hd", video_bitrate=2000)
    assert 1000 <= template.template_id <= 9999  # four digits, as the examples show
    other = client.create_live_transcode_template(template_name="sd", video_bitrate=800)
    assert other.template_id != template.template_id
    stream = {"domain_name": "push.example.com", "app_name": "live", "stream_name": "s1"}
    client.create_live_transcode_rule(**stream, template_id=template.template_id)
    client.create_live_transcode_rule(**stream, template_id=other.template_id)
    with pytest.raises(errors.ResourceInUseError):
        client.create_live_transcode_rule(**stream, template_id=other.template_id)
    rules = client.describe_live_transcode_rules().rules
    assert [(r.stream_name, r.template_id) for r in rules] == [
        ("s1", template.template_id),
        ("s1", other.template_id),
    ]
    chosen = client.describe_live_transcode_rules(template_ids=[other.template_id]).rules
    assert [r.template_id for r in chosen] == [other.template_id]

    client.modify_live_transcode_template(template_id=template.template_id, video_bitrate=4000)
    listed = client.describe_live_transcode_templates().templates
    rates = {t.template_id: (t.template_name, t.video_bitrate) for t in listed}
    assert rates == {template.template_id: ("hd", 4000), other.template_id: ("sd", 800)}

    client.delete_live_transcode_rule(**stream, template_id=template.template_id)
    assert [r.template_id for r in client.describe_live_transcode_rules().rules] == [
        other.template_id
    ]
    with pytest.raises(errors.ResourceNotFoundError):
        client.delete_live_transcode_rule(**stream, template_id=template.template_id)
    client.delete_live_transcode_template(template_id=template.template_id)
    with pytest.raises(errors.ResourceNotFoundError):
        client.describe_live_transcode_template(template_id=template.template_id)

    # a record rule is keyed by domain, app and stream; app and stream may be left out
    client.create_live_record_rule(domain_name="push.example.com", template_id=1)
    [rule] = client.describe_live_record_rules().rules
    assert (rule.domain_name, rule.app_name, rule.stream_name) == ("push.example.com", "", "")
    client.delete_live_record_rule(domain_name="push.example.com")
    assert client.describe_live_record_rules().rules == []


def _new_ids(app: live_mock.MockApp) -> tuple[list[int], list[str]]:
    with live_mock.activate(app):
        client = LiveClient(secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-guangzhou")
        templates = [
            client.create_live_callback_template(template_name=f"t{i}").template_id
            for i in range(3)
        ]
        tasks = [
            client.create_live_pull_stream_task(
                source_type="PullLivePushLive", source_urls=["rtmp://example.com/live/a"],
                domain_name="push.example.com", app_name="live", stream_name=f"s{i}",
                start_time="2026-12-01T00:00:00Z", end_time="2026-12-02T00:00:00Z",
                operator="tester",
            ).task_id
            for i in range(3)
        ]  # fmt: skip
    return templates, tasks


def test_ids_look_documented_and_repeat_per_seed() -> None:
    templates, tasks = _new_ids(live_mock.create_app(keys=KEYS))
    assert templates == [1000, 1001, 1002]  # TemplateId examples: 1000
    assert all(re.fullmatch(r"[0-9]{5}", task) for task in tasks), tasks  # "10000", "10054"
    assert len(set(tasks)) == 3
    assert _new_ids(live_mock.create_app(keys=KEYS)) == (templates, tasks)
    assert _new_ids(live_mock.create_app(keys=KEYS, id_seed=7))[1] != tasks


def test_rounds_through_the_official_sdk_and_tccli(
    server: live_mock.ServerThread, tmp_path: Path
) -> None:
    sdk = official_client(server.endpoint.removeprefix("http://"))

    def call(action: str, params: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = sdk.call_json(action, params)["Response"]
        return answer

    def cli(action: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(TCCLI), "live", action, *args, "--endpoint", server.endpoint,
             "--secretId", SECRET_ID, "--secretKey", SECRET_KEY, "--region", "ap-guangzhou"],
            capture_output=True, text=True, timeout=60,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip

    call("AddLiveDomain", {"DomainName": "sdk.example.com", "DomainType": PLAY})
    added = cli("AddLiveDomain", "--DomainName", "cli.example.com", "--DomainType", "0")
    assert added.returncode == 0, added.stderr
    listed = json.loads(cli("DescribeLiveDomains", "--DomainType", "1").stdout)
    assert [d["Name"] for d in listed["DomainList"]] == ["sdk.example.com"]
    assert listed["AllCount"] == 1
    assert call("DescribeLiveDomains", {})["AllCount"] == 2
    call("ModifyLivePlayDomain", {"DomainName": "sdk.example.com", "PlayType": 2})
    info = call("DescribeLiveDomain", {"DomainName": "sdk.example.com"})["DomainInfo"]
    assert info["PlayType"] == 2
    twice = cli("AddLiveDomain", "--DomainName", "sdk.example.com", "--DomainType", "1")
    assert twice.returncode != 0 and "code:ResourceInUse " in twice.stderr

    template = call("CreateLiveSnapshotTemplate", {"TemplateName": "snap", "CosAppId": 1,
                                                   "CosBucket": "b", "CosRegion": "r"})  # fmt: skip
    rule = {"DomainName": "cli.example.com", "AppName": "live", "StreamName": "s"}
    call("CreateLiveSnapshotRule", {**rule, "TemplateId": template["TemplateId"]})
    rules = json.loads(cli("DescribeLiveSnapshotRules").stdout)["Rules"]
    assert [(r["StreamName"], r["TemplateId"]) for r in rules] == [("s", template["TemplateId"])]
    deleted = cli("DeleteLiveSnapshotRule", *(f"--{k}={v}" for k, v in rule.items()))
    assert deleted.returncode == 0, deleted.stderr
    assert call("DescribeLiveSnapshotRules", {})["Rules"] == []

    call("DeleteLiveDomain", {"DomainName": "sdk.example.com", "DomainType": PLAY})
    with pytest.raises(TencentCloudSDKException) as raised:
        call("DeleteLiveDomain", {"DomainName": "sdk.example.com", "DomainType": PLAY})
    assert raised.value.code == "ResourceNotFound"
    assert [d["Name"] for d in call("DescribeLiveDomains", {})["DomainList"]] == ["cli.example.com"]
