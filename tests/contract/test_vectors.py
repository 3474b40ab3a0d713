"""Golden vectors: our signed request equals the official SDK's, byte for byte, per action.

Each stored vector (`vectors/<service>_<version>/<Action>.json`, written by
`python -m tests.contract.record_vectors`) is first re-derived from the official SDK and the
spec, proving it is current; then the generated client's `Transport.prepare` must produce
its URL, headers (all but the client's name), body and signature exactly, for POST and GET.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .golden import UNCOMPARED, derive, signature, vector_path
from .target import TARGET, Case, Generated, action_cases

CASES = action_cases(TARGET)
RECORD = "python -m tests.contract.record_vectors"


def stored(case: Case) -> dict[str, Any]:
    path = vector_path(TARGET.vectors_dir, case.service, case.action)
    if not path.is_file():
        pytest.fail(f"no golden vector {path}: run `{RECORD}`")
    vector: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return vector


@pytest.mark.parametrize("case", CASES, ids=str)
def test_vector_is_what_the_official_sdk_sends_now(case: Case) -> None:
    assert stored(case) == derive(case.service, case.action), f"stale vector: run `{RECORD}`"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_client_prepares_the_vector_byte_for_byte(case: Case, pkg: Generated) -> None:
    vector = stored(case)
    for expected in vector["requests"]:
        client = pkg.client(
            secret_id=vector["secretId"],
            secret_key=vector["secretKey"],
            token=vector["token"],
            region=vector["region"],
            language=vector["language"],
            endpoint=vector["endpoint"],
            method=expected["method"],
            clock=lambda: vector["timestamp"],
        )
        call = client.transport.prepare(case.action.name, vector["params"])
        headers = {k: v for k, v in call.headers.items() if k not in UNCOMPARED}
        assert (call.method, call.url) == (expected["method"], expected["url"])
        assert call.body == expected["body"].encode("utf-8")
        assert headers == expected["headers"]
        assert signature(headers["Authorization"]) == expected["signature"]
