"""DEBUG logging shows what was sent, never the secret key, the token or a full signature."""

from __future__ import annotations

import logging

import pytest

from generated.live_v20180801 import LiveClient

from .conftest import SECRET_ID, SECRET_KEY
from .support import RecordingServer, api_error


def test_debug_log_hides_secrets(server: RecordingServer, caplog: pytest.LogCaptureFixture) -> None:
    from generated.live_v20180801._runtime.retry import RetryPolicy

    server.replies.append(api_error("RequestLimitExceeded"))
    client = LiveClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, token="TOKEN-SECRET-123",
        endpoint=server.endpoint, retry=RetryPolicy(attempts=2, sleep=lambda _: None),
    )  # fmt: skip
    with caplog.at_level(logging.DEBUG, logger="generated.live_v20180801"):
        client.drop_live_stream(stream_name="s", domain_name="d", app_name="a")
    text = "\n".join(record.getMessage() for record in caplog.records)
    signatures = [r.headers["authorization"].rpartition("Signature=")[2] for r in server.requests]
    assert {record.name for record in caplog.records} == {"generated.live_v20180801"}
    assert "X-TC-Action" in text and SECRET_ID in text  # useful: what was sent, by whom
    assert "retry 1" in text
    for secret in [SECRET_KEY, "TOKEN-SECRET-123", *signatures]:
        assert secret not in text
