"""Golden request vectors: what the official SDK sends for each action, for a fixed key and time.

A vector is derived from the spec (the request parameters: the first documented example, else
`values.Schema.sample`) and the official SDK (`tencentcloud-sdk-python-intl-en`) only, never
from generated code, so it is an independent oracle for our client's `Transport.prepare`.
`python -m tests.contract.record_vectors` writes them; the tests re-derive them to prove the
stored files are not stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tcgen.model.schema import action_schemas
from tcgen.model.service import Action, Service

from tests.client.support import capture_official, frozen_sdk_clock, official_client

from .values import Schema

SECRET_ID = "AKIDgoldenVECTOR0123456789"
SECRET_KEY = "goldenVECTORsecretKEY0123456789ab"
TOKEN = "golden-session-token"
TIMESTAMP = 1_700_000_000
REGION = "ap-guangzhou"
LANGUAGE = "en-US"
METHODS = ("POST", "GET")

# Headers that name the client (X-TC-RequestClient) or are random per call (X-TC-TraceId):
# the only ones our request may differ in.
UNCOMPARED = frozenset({"X-TC-RequestClient", "X-TC-TraceId"})


def request_params(service: Service, action: Action) -> tuple[str, dict[str, Any]]:
    """(where the parameters come from, the parameters) of an action's vector."""
    if action.examples:
        return f"example: {action.examples[0].title}", action.examples[0].params
    return (
        "synthesized from the input schema",
        Schema(action_schemas(service, action)["input"]).sample(),
    )


def vector_path(vectors_dir: Path, service: Service, action: Action) -> Path:
    return vectors_dir / f"{service.name}_{service.version}" / f"{action.name}.json"


def signature(authorization: str) -> str:
    return authorization.rpartition("Signature=")[2]


def _official_request(service: Service, action: str, params: Any, method: str) -> dict[str, Any]:
    client = official_client(
        service.name,
        service.version,
        endpoint=service.endpoint,
        method=method,
        secret_id=SECRET_ID,
        secret_key=SECRET_KEY,
        token=TOKEN,
        region=REGION,
        language=LANGUAGE,
    )
    with frozen_sdk_clock(lambda: TIMESTAMP):
        sent = capture_official(client, action, params)
    query = sent.data if method == "GET" else ""
    headers = {k: v for k, v in sent.header.items() if k not in UNCOMPARED}
    return {
        "method": method,
        "url": f"https://{sent.host}{sent.uri}" + (f"?{query}" if query else ""),
        "headers": dict(sorted(headers.items())),
        "body": "" if method == "GET" else sent.data,
        "signature": signature(headers["Authorization"]),
    }


def derive(service: Service, action: Action) -> dict[str, Any]:
    """The vector of one action as the official SDK produces it now."""
    source, params = request_params(service, action)
    return {
        "service": service.name,
        "version": service.version,
        "action": action.name,
        "endpoint": service.endpoint,
        "secretId": SECRET_ID,
        "secretKey": SECRET_KEY,
        "token": TOKEN,
        "region": REGION,
        "language": LANGUAGE,
        "timestamp": TIMESTAMP,
        "paramsSource": source,
        "params": params,
        "requests": [_official_request(service, action.name, params, m) for m in METHODS],
    }


def dumps(vector: dict[str, Any]) -> str:
    return json.dumps(vector, indent=2, ensure_ascii=False) + "\n"
