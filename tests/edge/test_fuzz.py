"""Random and mutated requests to random actions of several services through `tcgen mock`:
every answer is Tencent-shaped (HTTP 200, JSON, `Response.RequestId`, an `Error` with a code
and a message when it fails), never `InternalError` from the mock's own code, and the server
keeps serving. Hypothesis drives the requests; the signature is correct unless the case
breaks it on purpose, so the cases reach parameter checking, handlers and resources."""

from __future__ import annotations

import json
import string
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tcgen.emulator.endpoint import EdgeApp, load
from tcgen.runtime.mock.serve import ServerThread
from tcgen.runtime.mock.synth import synthesize

from tests.mock.helpers import KEYS, SECRET_KEY, tc3_headers

NAMES = st.text(alphabet=string.ascii_letters + string.digits + "._-:/*", min_size=1, max_size=12)
"""Action and version names as HTTP headers can carry them (invalid HTTP is waitress's to
refuse, before the mock sees it)."""
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def served(packages_dir: Path) -> Iterator[tuple[EdgeApp, str]]:
    edge = load(packages_dir, keys=KEYS, rate_limit=False)
    with ServerThread(edge, threads=4) as server:
        yield edge, server.endpoint


def _valid_params(edge: EdgeApp, service: str, action: str) -> dict[str, Any]:
    [one] = [m for m in edge.mounted if m.service == service]
    spec = one.app.spec
    return synthesize(spec.actions[action].input, spec.structures)


@st.composite
def cases(draw: st.DrawFn, edge: EdgeApp) -> tuple[str, str, str, bytes, dict[str, str]]:
    one = draw(st.sampled_from(edge.mounted))
    action = draw(st.sampled_from(sorted(one.routes.actions)) | NAMES)
    version = draw(st.just(one.version) | NAMES)
    if action in one.routes.actions and draw(st.booleans()):
        params = _valid_params(edge, one.service, action)
        for _ in range(draw(st.integers(0, 3))):  # mutate: drop, replace or add a member
            key = draw(st.sampled_from(sorted(params)) if params else st.text(max_size=8))
            choice = draw(st.sampled_from(["drop", "replace", "add"]))
            if choice == "drop":
                params.pop(key, None)
            else:
                params[key if choice == "replace" else key + "X"] = draw(JSON_VALUES)
        body = json.dumps(params).encode()
    else:
        body = draw(
            st.binary(max_size=64)
            | JSON_VALUES.map(lambda value: json.dumps(value).encode())
            | st.sampled_from([b"NaN", b'{"A": Infinity}', b"[" * 3000, b'{"A":1e999}'])
        )
    method = draw(st.sampled_from(["POST", "POST", "GET"]))
    content_type = draw(
        st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"])
    )
    return one.service, action, version, body, {"method": method, "content_type": content_type}


def _check(answer: requests.Response) -> str:
    """The answer's error code ("ok" when none), once it is checked to be Tencent-shaped."""
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/json"
    response = json.loads(answer.content)["Response"]
    assert isinstance(response["RequestId"], str) and response["RequestId"]
    error = response.get("Error")
    if error is not None:
        assert isinstance(error["Code"], str) and isinstance(error["Message"], str)
        assert error["Code"] != "InternalError", error
        return str(error["Code"])
    return "ok"


def test_fuzzed_requests_get_tencent_shaped_answers(served: tuple[EdgeApp, str]) -> None:
    edge, endpoint = served
    host = endpoint.removeprefix("http://")
    session = requests.Session()
    seen: Counter[str] = Counter()

    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,  # the same cases on every run: a failure reproduces
    )
    @given(cases(edge), st.sampled_from(["signed", "unsigned", "wrong key", "stale"]))
    def one(case: tuple[str, str, str, bytes, dict[str, str]], signature: str) -> None:
        service, action, version, body, shape = case
        get = shape["method"] == "GET"
        query = "Limit=1" if get else ""
        headers = tc3_headers(
            host, b"" if get else body, action=action, version=version,
            method=shape["method"], query=query, content_type=shape["content_type"],
            service=service, secret_key="wrong" if signature == "wrong key" else SECRET_KEY,
            timestamp=int(time.time()) - (4000 if signature == "stale" else 0),
        )  # fmt: skip
        if signature == "unsigned":
            headers.pop("Authorization")
        url = f"{endpoint}/?{query}" if get else endpoint
        seen[_check(session.request(shape["method"], url, data=None if get else body,
                                    headers=headers, timeout=10))] += 1  # fmt: skip

    one()
    # the cases reached every stage: signature checks, routing, parameters and answers
    expected = {"ok", "AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire",
                "InvalidParameter", "UnknownParameter", "InvalidAction"}  # fmt: skip
    assert expected <= set(seen) and sum(seen.values()) >= 200, seen
    # still serving, and serving correctly
    probe = tc3_headers(host, b"{}", action="DescribeRegions", version="2017-03-12", service="cvm")
    probe["X-TC-Region"] = "ap-guangzhou"
    answer = requests.post(endpoint, data=b"{}", headers=probe, timeout=10)
    _check(answer)
    assert "Error" not in answer.json()["Response"]
