"""The `tencent_mock` fixture, registered by tcgen's pytest11 entry point."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tcgen.emulator.pytest_plugin import MockFactory

from .helpers import KEYS, STREAM, official_client, sdk_call

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "generated.live_v20180801"


def test_fixture_gives_an_active_mock(tencent_mock: MockFactory) -> None:
    app: Any = tencent_mock(PACKAGE, keys=KEYS)
    app.seed({"streams": [STREAM]})
    assert sdk_call(official_client(), "DropLiveStream", STREAM) == "ok"
    assert app.snapshot()["streams"][0]["State"] == "inactive"


def test_the_fixture_answers_async_clients_too(tencent_mock: MockFactory) -> None:
    from generated.live_v20180801 import AsyncLiveClient

    app: Any = tencent_mock(PACKAGE, keys=KEYS)
    [(secret_id, secret_key)] = KEYS.items()

    async def drop() -> str:
        async with AsyncLiveClient(
            secret_id=secret_id, secret_key=secret_key, region="ap-guangzhou"
        ) as client:
            answer = await client.call("DropLiveStream", STREAM)
        return str(answer["RequestId"])

    assert asyncio.run(drop()) == app.calls()[0].request_id


def test_every_test_gets_a_fresh_mock(tencent_mock: MockFactory) -> None:
    app: Any = tencent_mock(PACKAGE, keys=KEYS)
    assert app.calls() == [] and app.snapshot() == {}


def test_entry_point_loads_the_plugin_in_a_fresh_pytest(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(f"""
            from tencentcloud.common import credential
            from tencentcloud.live.v20180801 import live_client, models

            def test_drop(tencent_mock):
                app = tencent_mock({PACKAGE!r}, keys={{"id": "key"}})
                client = live_client.LiveClient(credential.Credential("id", "key"), "ap-guangzhou")
                request = models.DropLiveStreamRequest()
                request._deserialize({STREAM!r})
                client.DropLiveStream(request)
                assert [call.action for call in app.calls()] == ["DropLiveStream"]
            """))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
