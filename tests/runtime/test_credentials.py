"""Credential and region lookup order: arguments, environment, SDK INI file, tccli profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tcgen.runtime.credentials import Credentials, Sources, resolve_credentials, resolve_region
from tcgen.runtime.exceptions import CredentialError

ENV = {"TENCENTCLOUD_SECRET_ID": "env-id", "TENCENTCLOUD_SECRET_KEY": "env-key"}


def write_sdk_file(home: Path, section: str = "default") -> None:
    path = home / ".tencentcloud" / "credentials"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[{section}]\nsecret_id = ini-id\nsecret_key = ini-key\n")


def write_tccli(home: Path, profile: str = "default", region: str = "ap-tokyo") -> None:
    folder = home / ".tccli"
    folder.mkdir(parents=True, exist_ok=True)
    credential = {"secretId": "cli-id", "secretKey": "cli-key", "token": "cli-token"}
    (folder / f"{profile}.credential").write_text(json.dumps(credential))
    (folder / f"{profile}.configure").write_text(json.dumps({"_sys_param": {"region": region}}))


def test_explicit_arguments_win(tmp_path: Path) -> None:
    write_sdk_file(tmp_path)
    sources = Sources(environ=ENV, home=tmp_path)
    assert resolve_credentials("a", "b", "t", sources) == Credentials("a", "b", "t")


@pytest.mark.parametrize("token_variable", ["TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN"])
def test_environment_comes_next_with_either_token_variable(
    tmp_path: Path, token_variable: str
) -> None:
    write_sdk_file(tmp_path)
    sources = Sources(environ={**ENV, token_variable: "env-token"}, home=tmp_path)
    assert resolve_credentials(sources=sources) == Credentials("env-id", "env-key", "env-token")


def test_sdk_ini_file_then_tccli_profile(tmp_path: Path) -> None:
    write_tccli(tmp_path)
    write_sdk_file(tmp_path)
    sources = Sources(environ={}, home=tmp_path)
    assert resolve_credentials(sources=sources) == Credentials("ini-id", "ini-key")
    (tmp_path / ".tencentcloud" / "credentials").unlink()
    assert resolve_credentials(sources=sources) == Credentials("cli-id", "cli-key", "cli-token")


def test_named_tccli_profile_and_its_region(tmp_path: Path) -> None:
    write_tccli(tmp_path, "work", region="eu-frankfurt")
    sources = Sources(environ={}, home=tmp_path, profile="work")
    assert resolve_credentials(sources=sources).secret_id == "cli-id"
    assert resolve_region(sources=sources) == "eu-frankfurt"


def test_region_order(tmp_path: Path) -> None:
    write_tccli(tmp_path)
    sources = Sources(environ={"TENCENTCLOUD_REGION": "env-region"}, home=tmp_path)
    assert resolve_region("explicit", sources) == "explicit"
    assert resolve_region(None, sources) == "env-region"
    assert resolve_region(None, Sources(environ={}, home=tmp_path)) == "ap-tokyo"
    assert resolve_region(None, Sources(environ={}, home=tmp_path / "none")) is None


def test_missing_credentials_name_every_place(tmp_path: Path) -> None:
    (tmp_path / ".tccli").mkdir()
    (tmp_path / ".tccli" / "default.credential").write_text("{not json")
    with pytest.raises(CredentialError) as raised:
        resolve_credentials(sources=Sources(environ={}, home=tmp_path))
    message = str(raised.value)
    for place in (
        "explicit arguments",
        "TENCENTCLOUD_SECRET_ID",
        str(tmp_path / ".tencentcloud" / "credentials"),
        str(tmp_path / ".tccli" / "default.credential"),
    ):
        assert place in message


def test_client_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from generated.live_v20180801 import LiveClient

    for name, value in {**ENV, "TENCENTCLOUD_TOKEN": "tok", "TENCENTCLOUD_REGION": "r"}.items():
        monkeypatch.setenv(name, value)
    transport = LiveClient().transport  # the generated package's copy of the runtime
    found = transport.credentials
    assert (found.secret_id, found.secret_key, found.token) == ("env-id", "env-key", "tok")
    assert transport.region == "r"
    assert "env-key" not in repr(transport)
