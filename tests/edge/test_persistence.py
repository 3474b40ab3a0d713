"""`tcgen mock --state-file`: the state survives a restart; the file is written atomically."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from tcgen.emulator.endpoint import EdgeApp, restore, save

from tests import servers
from tests.mock.helpers import SECRET_ID, SECRET_KEY, official_client


@contextmanager
def serving(packages: Path, state: Path) -> Iterator[str]:
    """`tcgen mock` in a subprocess, as `http://127.0.0.1:PORT`; stopped with SIGTERM (saving
    its state) on exit."""
    command = servers.tcgen_mock(packages, "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY,
                                 "--state-file", str(state))  # fmt: skip
    with servers.serving(command, clean_exit=True) as endpoint:
        yield "http://" + endpoint


def _live(endpoint: str, action: str, params: dict[str, Any]) -> dict[str, Any]:
    client = official_client(endpoint.removeprefix("http://"))
    answer: dict[str, Any] = client.call_json(action, params)["Response"]
    return answer


def test_state_survives_a_restart(packages_dir: Path, tmp_path: Path) -> None:
    state = tmp_path / "state" / "mock.json"
    rule = {"DomainName": "kept.example.com", "AppName": "live", "StreamName": "s"}
    with serving(packages_dir, state) as endpoint:
        first = _live(endpoint, "CreateLiveCallbackTemplate", {"TemplateName": "kept"})
        _live(endpoint, "AddLiveDomain", {"DomainName": rule["DomainName"], "DomainType": 0})
        _live(endpoint, "ForbidLiveDomain", {"DomainName": rule["DomainName"]})
        _live(endpoint, "CreateLiveRecordRule", {**rule, "TemplateId": first["TemplateId"]})
    document = json.loads(state.read_text())
    assert document["format"] == 1 and set(document["services"]) == {
        "cvm_v20170312",
        "live_v20180801",
    }
    with serving(packages_dir, state) as endpoint:
        listed = _live(endpoint, "DescribeLiveCallbackTemplates", {})["Templates"]
        assert [(t["TemplateId"], t["TemplateName"]) for t in listed] == [
            (first["TemplateId"], "kept")
        ]
        domains = _live(endpoint, "DescribeLiveDomains", {})
        assert domains["AllCount"] == 1
        assert [(d["Name"], d["Status"]) for d in domains["DomainList"]] == [
            (rule["DomainName"], 0)
        ]
        [kept_rule] = _live(endpoint, "DescribeLiveRecordRules", {})["Rules"]
        assert kept_rule["StreamName"] == "s" and kept_rule["TemplateId"] == first["TemplateId"]
        second = _live(endpoint, "CreateLiveCallbackTemplate", {"TemplateName": "next"})
        assert second["TemplateId"] == first["TemplateId"] + 1  # the id sequence goes on
        saved = requests.post(f"{endpoint}/_mock/save", timeout=10).json()
        assert saved == {"ok": True, "file": str(state)}
        on_request = json.loads(state.read_text())["services"]["live_v20180801"]
        assert len(on_request["resources"]["LiveCallbackTemplate"]) == 2
    assert not list(state.parent.glob(".*.tmp"))  # no temporary left behind


def test_save_and_restore_in_process(edge: EdgeApp, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    assert restore(edge, path) == 0  # a first start
    [live] = [one.app for one in edge.mounted if one.service == "live"]
    live.seed({"streams": [{"StreamName": "s", "State": "forbid"}]})
    save(edge, path)
    live.reset()
    assert restore(edge, path) == 2
    assert live.snapshot() == {"streams": [{"StreamName": "s", "State": "forbid"}]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not a state file"),
        ('{"format": 9, "services": {}}', "#/format: must be 1"),
        ('{"format": 1, "services": []}', "#/services: must map packages"),
    ],
)
def test_a_bad_state_file_exits_2(
    packages_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    from tcgen.commands.main import main

    state = tmp_path / "state.json"
    state.write_text(content)
    assert main(["mock", "--dir", str(packages_dir), "--state-file", str(state)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
