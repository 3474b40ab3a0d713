"""User mistakes and hostile answers at the command line: one line on stderr and an exit
status, never a traceback; a preview (`--dry-run`) needs no secret and no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.client.support import recording_server

from .conftest import PACKAGE, ROOT, env_for, run_command

DROP = ["DropLiveStream", "--StreamName", "s", "--DomainName", "d", "--AppName", "live"]


def _one_line_error(result: Any, status: int) -> str:
    """The error line of a failed run (usage errors add a `Run ... help` hint)."""
    assert result.status == status, result.err
    assert "Traceback" not in result.err and result.out == ""
    return str(result.err.splitlines()[0])


def test_help_into_a_closed_pipe_exits_quietly(home: Path) -> None:
    """`help | head -1`: the reader is gone before we write; no BrokenPipeError traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", PACKAGE, "help"], stdout=write_end, stderr=subprocess.PIPE,
            cwd=ROOT, env=env_for(home), timeout=60,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141  # 128 + SIGPIPE, what a shell shows for `cat` in that place


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{}", "PATH is not UTF-8 text (byte 0)"),
        (b"[" * 100_000, "invalid JSON: nested too deeply"),
        (b'{"StreamName": ' + b"[" * 100_000, "invalid JSON: nested too deeply"),
    ],
)
def test_a_bad_input_file_is_a_usage_error(
    cli: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "input.json"
    source.write_bytes(content)
    line = _one_line_error(cli("DropLiveStream", "--cli-input-json", f"file://{source}"), 2)
    assert line.endswith(f"error: --cli-input-json: {message}".replace("PATH", str(source)))


def test_a_deep_structure_value_is_a_usage_error(cli: Any) -> None:
    deep = "[" * 100_000
    line = _one_line_error(cli("CreateLiveRecordTemplate", "--TemplateName", "t",
                               "--FlvParam", deep), 2)  # fmt: skip
    shown = "'" + "[" * 57 + "'... (100000 characters)"
    assert line.endswith(f"error: --FlvParam: expected a RecordParam object, got {shown}")


def test_a_region_with_cr_lf_is_a_usage_error(cli: Any) -> None:
    line = _one_line_error(cli(*DROP, "--region", "ap-guangzhou\r\nX-Evil: 1"), 2)
    assert "--region: region 'ap-guangzhou\\r\\nX-Evil: 1': expected letters" in line


def test_a_misspelled_parameter_gets_a_suggestion(cli: Any) -> None:
    line = _one_line_error(cli("DropLiveStream", "--StreamNam", "s"), 2)
    assert line.endswith(
        "--StreamNam: unknown parameter of DropLiveStream; did you mean --StreamName?"
    )
    line = _one_line_error(cli("DropLiveStream", "--stream-nam", "s"), 2)
    assert line.endswith("did you mean --stream-name?")


def test_an_answer_nested_too_deeply_is_one_line(home: Path) -> None:
    with recording_server() as server:
        server.replies.append((200, "application/json", b'{"Response": ' + b"[" * 100_000))
        command = [sys.executable, "-m", PACKAGE, *DROP, "--endpoint", server.endpoint,
                   "--secretId", "AKIDx", "--secretKey", "k"]  # fmt: skip
        result = run_command(command, home)
    line = _one_line_error(result, 1)
    assert "error: HTTP 200: not a Tencent Cloud API response" in line
    assert len(result.err.splitlines()) == 1


def test_dry_run_needs_no_credentials_and_no_network(home: Path) -> None:
    """No key anywhere: signed with a visible placeholder; the metadata service (the chain's
    last resort) is never asked."""
    with recording_server() as metadata:
        result = run_command(
            [sys.executable, "-m", PACKAGE, *DROP, "--dry-run"],
            home,
            TENCENTCLOUD_METADATA_ENDPOINT=f"{metadata.endpoint}/latest/meta-data/",
        )
        assert metadata.requests == []
    assert result.status == 0, result.err
    assert "Credential=AKIDDRYRUNPLACEHOLDERNOTAREALKEY/" in result.out
    assert "Host: live.tencentcloudapi.com" in result.out
    assert result.err == "(dry run: no credentials configured; signed with a placeholder key)\n"


def test_dry_run_uses_a_configured_key(home: Path) -> None:
    result = run_command(
        [sys.executable, "-m", PACKAGE, *DROP, "--dry-run"],
        home,
        TENCENTCLOUD_SECRET_ID="AKIDconfigured",
        TENCENTCLOUD_SECRET_KEY="key",
    )
    assert result.status == 0 and result.err == ""
    assert "Credential=AKIDconfigured/" in result.out
