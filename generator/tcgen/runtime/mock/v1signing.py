"""The legacy v1 signature (`SignatureMethod=HmacSHA1|HmacSHA256`), which old clients still send.

The official SDK falls back to it with `ClientProfile(signMethod="HmacSHA256")`; the mock
verifies it with the same functions a client would sign with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

DIGESTS = {"HmacSHA1": hashlib.sha1, "HmacSHA256": hashlib.sha256}
SIGNATURE = "Signature"


def string_to_sign(method: str, host: str, path: str, params: Mapping[str, str]) -> str:
    """`METHOD host path ?k=v&...`: keys sorted (with `_` read as `.`), values not encoded."""
    fields = {key.replace("_", "."): value for key, value in params.items() if key != SIGNATURE}
    query = "&".join(f"{key}={fields[key]}" for key in sorted(fields))
    return f"{method}{host}{path}?{query}"


def signature(secret_key: str, text: str, method: str) -> str:
    """Base64 HMAC of the string to sign; `method` must be a key of `DIGESTS`."""
    digest = hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), DIGESTS[method])
    return base64.b64encode(digest.digest()).decode("ascii")
