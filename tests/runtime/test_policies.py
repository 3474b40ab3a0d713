"""Retries and signing, on their own with injected time."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from tcgen.runtime import signing
from tcgen.runtime.exceptions import APIError, TransportError
from tcgen.runtime.retry import RetryPolicy


def test_retry_runs_until_success_with_a_pause_between_tries() -> None:
    slept: list[float] = []
    retried: list[tuple[int, float]] = []
    outcomes: list[Exception | str] = [
        TransportError("a"),
        APIError("RequestLimitExceeded", "", ""),
        "ok",
    ]

    def operation() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    policy = RetryPolicy(attempts=5, base_delay=1.0, sleep=slept.append, random=lambda: 1.0)
    assert policy.run(operation, lambda n, pause, error: retried.append((n, pause))) == "ok"
    assert slept == [1.0, 2.0] and retried == [(1, 1.0), (2, 2.0)]


def test_retry_gives_up_at_once_on_other_errors_and_never_sleeps_last() -> None:
    slept: list[float] = []
    policy = RetryPolicy(attempts=3, sleep=slept.append, random=lambda: 0.0)

    def refused() -> None:
        raise TransportError("refused")

    def invalid() -> None:
        raise APIError("InvalidParameter", "", "")

    with pytest.raises(TransportError):
        policy.run(refused)
    assert len(slept) == 2  # three tries, two pauses
    with pytest.raises(APIError):
        policy.run(invalid)
    assert len(slept) == 2


def test_tc3_signature_follows_the_documented_derivation() -> None:
    parts = signing.sign(
        secret_id="id",
        secret_key="key",
        service="live",
        host="live.tencentcloudapi.com",
        method="POST",
        query="",
        content_type="application/json",
        payload=b"{}",
        timestamp=86400,
    )
    assert parts.canonical_request == (
        "POST\n/\n\ncontent-type:application/json\nhost:live.tencentcloudapi.com\n\n"
        "content-type;host\n" + hashlib.sha256(b"{}").hexdigest()
    )

    def mac(key: bytes, text: str) -> bytes:
        return hmac.new(key, text.encode(), hashlib.sha256).digest()

    key = mac(mac(mac(b"TC3key", "1970-01-02"), "live"), "tc3_request")
    assert parts.signature == hmac.new(key, parts.string_to_sign.encode(), "sha256").hexdigest()
    assert parts.authorization == (
        "TC3-HMAC-SHA256 Credential=id/1970-01-02/live/tc3_request, "
        f"SignedHeaders=content-type;host, Signature={parts.signature}"
    )
