"""TC3-HMAC-SHA256 request signing, exactly as Tencent Cloud API 3.0 specifies.

Shared by the client (to sign) and the mock (to verify), so both agree byte for byte.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import time
from collections.abc import Sequence
from dataclasses import dataclass

ALGORITHM = "TC3-HMAC-SHA256"
SIGNED_HEADERS = "content-type;host"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


@dataclass(frozen=True)
class SignedParts:
    """What a TC3 signature is made of; kept so debugging output can show each step."""

    canonical_request: str
    string_to_sign: str
    signature: str
    authorization: str


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def utc_date(timestamp: int) -> str:
    """The UTC date (YYYY-MM-DD) of a Unix timestamp, without locale or tz database."""
    return _utc_day(timestamp // 86400)


@functools.lru_cache(maxsize=4)
def _utc_day(day: int) -> str:
    """The date of the `day`th day since the epoch: formatted once a day, not per call
    (a day is 86,400 seconds in Unix time, leap seconds aside)."""
    return time.strftime("%Y-%m-%d", time.gmtime(day * 86400))


@functools.lru_cache(maxsize=16)
def signing_key(secret_key: str, date: str, service: str) -> bytes:
    """The derived key changes once a day; caching it saves three HMACs on every call."""
    k_date = _hmac(("TC3" + secret_key).encode("utf-8"), date)
    return _hmac(_hmac(k_date, service), "tc3_request")


def sign(
    *,
    secret_id: str,
    secret_key: str,
    service: str,
    host: str,
    method: str,
    query: str,
    content_type: str,
    payload: bytes,
    timestamp: int,
    unsigned_payload: bool = False,
    headers: Sequence[tuple[str, str]] | None = None,
    path: str = "/",
) -> SignedParts:
    """Sign one request; `host` and `content_type` exactly as they travel in the headers.

    `headers`: the signed headers as (lowercase name, value) in the client's order, for a
    signer that covers more than `content-type;host` (Tencent allows any set including those
    two; TecoSigner signs every header it sends); `host` and `content_type` are then unused.
    `path`: the canonical URI, `/` for API 3.0 (a client calling another path may sign it)."""
    payload_hash = hashlib.sha256(
        UNSIGNED_PAYLOAD.encode() if unsigned_payload else payload
    ).hexdigest()
    signed = (("content-type", content_type), ("host", host)) if headers is None else headers
    canonical_headers = "".join(f"{name}:{value}\n" for name, value in signed)
    signed_headers = ";".join(name for name, _ in signed)
    canonical_request = (
        f"{method}\n{path}\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}"
    )
    date = utc_date(timestamp)
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = (
        f"{ALGORITHM}\n{timestamp}\n{scope}\n"
        + hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    )
    signature = hmac.new(
        signing_key(secret_key, date, service), string_to_sign.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    authorization = (
        f"{ALGORITHM} Credential={secret_id}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )
    return SignedParts(canonical_request, string_to_sign, signature, authorization)
