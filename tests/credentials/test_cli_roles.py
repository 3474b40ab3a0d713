"""tccli's role options end to end: the generated STS package's CLI calls its own mock with
role credentials from the STS mock (`--role-arn`) or the metadata stand-in (`--use-cvm-role`),
pointed at them by TENCENTCLOUD_STS_ENDPOINT / TENCENTCLOUD_METADATA_ENDPOINT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest
from tcgen.runtime.mock.temporary import TemporaryKey

from .conftest import ROLE_ARN, SOURCE_ID, SOURCE_KEY, STS, Metadata

KEYS = ["--secretId", SOURCE_ID, "--secretKey", SOURCE_KEY]
ROLE = ["--role-arn", ROLE_ARN, "--role-session-name", "cli-session"]


class Run(NamedTuple):
    status: int
    out: str
    err: str


@pytest.fixture
def cli(
    sts_package: ModuleType,
    sts: STS,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Any:
    """`cli(*argv, **env)`: the STS CLI in this process, calling the STS mock, as a user with
    an empty HOME, no keys in the environment and `env` added."""
    from sts_v20180813.cli import main

    for name in list(os.environ):
        if (
            name.startswith(("TENCENTCLOUD_", "TCCLI_"))
            and name != "TENCENTCLOUD_METADATA_ENDPOINT"
        ):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TENCENTCLOUD_STS_ENDPOINT", sts.url)

    def run(*argv: str, **env: str) -> Run:
        with monkeypatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            capsys.readouterr()
            status = main(["GetCallerIdentity", "--endpoint", sts.url, *argv])
            out, err = capsys.readouterr()
        return Run(status, out, err)

    return run


def profile(home: Path, credential: dict[str, Any], configure: dict[str, Any]) -> None:
    folder = home / ".tccli"
    folder.mkdir(exist_ok=True)
    (folder / "default.credential").write_text(json.dumps(credential))
    (folder / "default.configure").write_text(json.dumps({"_sys_param": {}, **configure}))


def role_call(sts: STS) -> tuple[str | None, str | None]:
    """Who asked STS for the role, and who then called GetCallerIdentity."""
    (assumed,) = sts.app.calls("AssumeRole")
    (called,) = sts.app.calls("GetCallerIdentity")
    assert (assumed.error, called.error) == (None, None)
    return assumed.secret_id, called.secret_id


def test_role_arn_assumes_the_role_with_the_given_key(cli: Any, sts: STS) -> None:
    result = cli(*KEYS, *ROLE)
    assert result.status == 0, result.err
    assert role_call(sts) == (SOURCE_ID, sts.issued(0).secret_id)
    (assumed,) = sts.app.calls("AssumeRole")
    assert assumed.params == {
        "RoleArn": ROLE_ARN, "RoleSessionName": "cli-session", "DurationSeconds": 7200
    }  # fmt: skip
    assert sts.tokens("GetCallerIdentity") == [sts.issued(0).token]
    assert json.loads(result.out)["RequestId"] == sts.app.calls("GetCallerIdentity")[0].request_id


def test_dry_run_shows_the_temporary_secret_id(cli: Any, sts: STS) -> None:
    result = cli(*KEYS, *ROLE, "--dry-run")
    assert result.status == 0, result.err
    issued = sts.issued(0)
    assert f"Credential={issued.secret_id}/" in result.out and "X-TC-Token: ***" in result.out
    assert issued.token not in result.out
    assert len(sts.app.calls("AssumeRole")) == 1 and not sts.app.calls("GetCallerIdentity")


def test_role_arn_needs_a_session_name(cli: Any, sts: STS) -> None:
    result = cli(*KEYS, "--role-arn", ROLE_ARN)
    assert result.status == 2
    assert "--role-arn and --role-session-name go together" in result.err
    assert not sts.app.calls()


def test_refused_role_is_an_error_not_a_traceback(cli: Any, sts: STS) -> None:
    result = cli("--secretId", SOURCE_ID, "--secretKey", "wrong", *ROLE)
    assert result.status == 1
    assert "AuthFailure.SignatureFailure" in result.err and "Traceback" not in result.err
    assert f"STS AssumeRole of {ROLE_ARN}" in result.err


def test_role_from_the_environment_unless_a_profile_is_named(cli: Any, sts: STS) -> None:
    env = {
        "TENCENTCLOUD_SECRET_ID": SOURCE_ID,
        "TENCENTCLOUD_SECRET_KEY": SOURCE_KEY,
        "TENCENTCLOUD_ROLE_ARN": ROLE_ARN,
        "TENCENTCLOUD_ROLE_SESSION_NAME": "env-session",
    }
    assert cli(**env).status == 0
    assert role_call(sts) == (SOURCE_ID, sts.issued(0).secret_id)
    sts.app.reset()
    result = cli("--profile", "default", *KEYS, **env)  # tccli: no variables with --profile
    assert result.status == 0, result.err
    assert [call.secret_id for call in sts.app.calls()] == [SOURCE_ID]


def test_role_and_sts_endpoint_from_the_tccli_profile(
    cli: Any, sts: STS, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TENCENTCLOUD_STS_ENDPOINT")
    credential = {
        "secretId": SOURCE_ID,
        "secretKey": SOURCE_KEY,
        "role-arn": ROLE_ARN,
        "role-session-name": "profile-session",
    }
    profile(tmp_path, credential, {"sts": {"endpoint": sts.url}})
    result = cli()
    assert result.status == 0, result.err
    assert role_call(sts) == (SOURCE_ID, sts.issued(0).secret_id)
    assert sts.app.calls("AssumeRole")[0].params["RoleSessionName"] == "profile-session"


def test_use_cvm_role(cli: Any, sts: STS, metadata: Metadata) -> None:
    role_key = TemporaryKey("AKIDcvm1", "cvm-key-1", "cvm-token-1", metadata.expired_time)
    sts.app.credentials.admit(role_key)  # the mock accepts the instance's role key
    result = cli("--use-cvm-role", TENCENTCLOUD_METADATA_ENDPOINT=metadata.url)
    assert result.status == 0, result.err
    (called,) = sts.app.calls("GetCallerIdentity")
    assert (called.secret_id, called.error) == ("AKIDcvm1", None)
    assert sts.tokens("GetCallerIdentity") == ["cvm-token-1"]


def test_profile_of_type_cvm_role(cli: Any, sts: STS, metadata: Metadata, tmp_path: Path) -> None:
    profile(tmp_path, {"type": "cvm-role"}, {})
    result = cli("--dry-run", TENCENTCLOUD_METADATA_ENDPOINT=metadata.url)
    assert result.status == 0, result.err
    assert "Credential=AKIDcvm1/" in result.out
    result = cli("--dry-run", *KEYS, TENCENTCLOUD_METADATA_ENDPOINT=metadata.url)
    assert f"Credential={SOURCE_ID}/" in result.out  # given keys win over the profile's type


def test_use_cvm_role_off_cvm_is_a_clear_error(cli: Any, refused_endpoint: str) -> None:
    result = cli("--use-cvm-role", TENCENTCLOUD_METADATA_ENDPOINT=refused_endpoint)
    assert result.status == 1
    assert "CVM role (instance metadata" in result.err and "unreachable" in result.err
    assert "Traceback" not in result.err


def test_use_cvm_role_as_a_command(sts_package: ModuleType, metadata: Metadata, sts: STS) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENCENTCLOUD_", "TCCLI_"))}
    env.update(
        TENCENTCLOUD_METADATA_ENDPOINT=metadata.url,
        PYTHONPATH=str(Path(sts_package.__file__).parents[1]),
        HOME=str(Path(sts_package.__file__).parents[1]),
    )
    done = subprocess.run(
        [sys.executable, "-m", "sts_v20180813", "GetCallerIdentity", "--use-cvm-role",
         "--endpoint", sts.url, "--dry-run"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Credential=AKIDcvm1/" in done.stdout
