"""Schemathesis hooks for Tencent Cloud API 3.0: sign every call, flag the emulator's own faults.

    tcgen export openapi live --out live.json
    tcgen mock --port 8080 --secret-id AKIDfuzz --secret-key fuzzkey &
    SCHEMATHESIS_HOOKS=tcgen.emulator.schemathesis_hooks \\
    TENCENTCLOUD_SECRET_ID=AKIDfuzz TENCENTCLOUD_SECRET_KEY=fuzzkey \\
        schemathesis run live.json --url http://127.0.0.1:8080 --mode positive

`before_call` gives every call a `TC3Auth` for the document's service (`info.x-tc-service`)
with the key pair of the environment, unless the caller passed an `auth` of its own, so the
calls Schemathesis generates get past the signature check and exercise the action itself.
`no_internal_error` fails any `InternalError` answer: the common code is in every action's
documented errors, so schema conformance alone would let the emulator's own crashes pass.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis

from tcgen.emulator.tc3auth import TC3Auth

Case = schemathesis.Case[Any]
"""A generated case of any operation (the hooks need nothing of its type)."""

SECRET_ID, SECRET_KEY = "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"
TOKEN = "TENCENTCLOUD_SESSION_TOKEN"
INTERNAL_ERROR = "InternalError"


def service_of(case: Case) -> str:
    """The credential scope's service: the exported document's `info.x-tc-service`."""
    return str(case.operation.schema.raw_schema["info"]["x-tc-service"])


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: Case, kwargs: dict[str, Any]) -> None:
    secret_id, secret_key = os.environ.get(SECRET_ID), os.environ.get(SECRET_KEY)
    if secret_id and secret_key and "auth" not in kwargs:
        token = os.environ.get(TOKEN)
        kwargs["auth"] = TC3Auth(secret_id, secret_key, service_of(case), token=token)


def error_code(response: schemathesis.Response) -> str | None:
    """`Response.Error.Code` of a Tencent answer, None when it is no error (or no JSON)."""
    try:
        body = response.json()
    except ValueError:
        return None
    answer = body.get("Response") if isinstance(body, dict) else None
    error = answer.get("Error") if isinstance(answer, dict) else None
    code = error.get("Code") if isinstance(error, dict) else None
    return code if isinstance(code, str) else None


@schemathesis.check
def no_internal_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: Case
) -> bool | None:
    """The emulator answered `InternalError`: its own code failed on a valid request."""
    if error_code(response) == INTERNAL_ERROR:
        raise AssertionError(f"{case.operation.label} answered InternalError: {response.text}")
    return None
