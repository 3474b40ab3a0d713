"""tccli (a subprocess) calling the mock server with `--endpoint http://127.0.0.1:PORT`.

tccli sends and signs `Host: http://127.0.0.1:PORT`; the mock must verify that header as
received for these calls to succeed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generated.live_v20180801 import mock as live_mock

from .helpers import SECRET_ID, SECRET_KEY, STREAM

TCCLI = Path(sys.executable).with_name("tccli")


def tccli(
    endpoint: str, secret_id: str, secret_key: str, home: Path
) -> subprocess.CompletedProcess[str]:
    args = [f"--{name}={value}" for name, value in STREAM.items()]
    return subprocess.run(
        [str(TCCLI), "live", "DropLiveStream", *args, "--endpoint", endpoint,
         "--secretId", secret_id, "--secretKey", secret_key, "--region", "ap-guangzhou"],
        capture_output=True, text=True, timeout=60,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},  # no user profile, no proxy
    )  # fmt: skip


def test_tccli_succeeds_with_right_keys(
    server: live_mock.ServerThread, app: live_mock.MockApp, tmp_path: Path
) -> None:
    result = tccli(server.endpoint, SECRET_ID, SECRET_KEY, tmp_path)
    assert result.returncode == 0, result.stderr
    [call] = app.calls()
    assert json.loads(result.stdout)["RequestId"] == call.request_id
    assert call.host == server.endpoint  # the scheme is part of the signed Host
    assert call.params == STREAM


@pytest.mark.parametrize(
    ("secret_id", "secret_key", "code"),
    [
        (SECRET_ID, "wrong", "AuthFailure.SignatureFailure"),
        ("AKIDunknown", SECRET_KEY, "AuthFailure.SecretIdNotFound"),
    ],
)
def test_tccli_reports_the_auth_failure(
    server: live_mock.ServerThread, tmp_path: Path, secret_id: str, secret_key: str, code: str
) -> None:
    result = tccli(server.endpoint, secret_id, secret_key, tmp_path)
    assert result.returncode != 0
    assert f"code:{code} " in result.stderr
