"""How every stage of the mock says "no": a Tencent error code and a message.

Request parsing, authentication, validation, rate limiting, injected errors and stateful
handlers all raise `Fault`; the application turns it into the one error shape clients parse.
"""

from __future__ import annotations

import json
from typing import Any


class Fault(Exception):
    """An API error to answer with; `code` is Tencent's (`AuthFailure.SignatureFailure`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


def envelope(body: dict[str, Any], request_id: str) -> bytes:
    """`{"Response": {..., "RequestId": id}}` as UTF-8 JSON, the only shape the mock answers."""
    return json.dumps({"Response": {**body, "RequestId": request_id}}, ensure_ascii=False).encode(
        "utf-8"
    )


def error_body(fault: Fault) -> dict[str, Any]:
    return {"Error": {"Code": fault.code, "Message": fault.message}}
