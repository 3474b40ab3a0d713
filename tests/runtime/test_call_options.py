"""Per-call options (`with_options`: timeout, headers, region, retry), the client's lifecycle
(`close`, context manager) and the HTTP side of an answer (`response.http`), against the
runtime's own mock over loopback HTTP and in process."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tcgen.runtime.credentials import Credentials, Sources
from tcgen.runtime.exceptions import APIError, TransportError
from tcgen.runtime.mock.app import MockApp
from tcgen.runtime.mock.route import Intercept, service_hosts
from tcgen.runtime.mock.serve import ServerThread
from tcgen.runtime.request import Endpoint
from tcgen.runtime.retry import RetryPolicy
from tcgen.runtime.transport import Transport

from .demo import ENDPOINT, SERVICE, SPEC, VERSION
from .test_client_cli import KEYS, DemoClient, GetRequest, GetResponse

LIMITED = dataclasses.replace(SPEC, error_codes=frozenset({"RequestLimitExceeded"}))


@pytest.fixture
def mock() -> MockApp:
    return MockApp(LIMITED, keys=KEYS)


@pytest.fixture
def server(mock: MockApp) -> Iterator[str]:
    with ServerThread(mock) as running:
        yield running.endpoint


def client(tmp_path: Path, **options: Any) -> DemoClient:
    sources = Sources(environ={}, home=tmp_path)
    return DemoClient(secret_id="id", secret_key="key", sources=sources, **options)


def get(demo: DemoClient) -> GetResponse:
    return demo._invoke("Get", GetRequest(name="a"), GetResponse)


def test_with_options_changes_one_call_and_leaves_the_client_as_it_was(
    mock: MockApp, server: str, tmp_path: Path
) -> None:
    demo = client(tmp_path, endpoint=server, region="ap-guangzhou")
    other = demo.with_options(region="ap-beijing", headers={"X-Trace": "t1"}, timeout=3)
    assert get(other).counter == 7 and get(demo).counter == 7
    assert [call.region for call in mock.calls()] == ["ap-beijing", "ap-guangzhou"]
    assert other.transport.prepare("Get", {"Name": "a"}).headers["X-Trace"] == "t1"
    assert "X-Trace" not in demo.transport.prepare("Get", {"Name": "a"}).headers
    assert (other.transport.timeout, demo.transport.timeout) == ((3.0, 3.0), (5.0, 60.0))
    assert other.transport.session is demo.transport.session  # one connection pool
    assert other.with_options(headers={"X-More": "m"}).transport.headers == {
        "X-Trace": "t1",
        "X-More": "m",
    }


def test_a_per_call_timeout_and_retry_policy_apply(
    mock: MockApp, server: str, tmp_path: Path
) -> None:
    demo = client(tmp_path, endpoint=server)
    mock.inject_latency("Get", 1.0)
    with pytest.raises(TransportError, match="timed out"):
        get(demo.with_options(timeout=0.2))
    mock.inject_latency("Get", 0)
    mock.inject_error("Get", "RequestLimitExceeded")
    with pytest.raises(APIError, match="RequestLimitExceeded"):
        get(demo)
    mock.inject_error("Get", "RequestLimitExceeded")
    pauses: list[float] = []
    patient = demo.with_options(retry=RetryPolicy(attempts=2, sleep=pauses.append))
    assert get(patient).counter == 7 and len(pauses) == 1
    assert demo.retry.attempts == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"headers": {"Authorization": "x"}}, "Authorization is set by signing"),
        ({"headers": {"x-tc-region": "x"}}, "x-tc-region is set by signing"),
        ({"timeout": 0}, "timeout must be positive seconds: 0"),
        ({"timeout": (1.0, -1.0)}, "timeout must be positive"),
    ],
)
def test_options_that_cannot_work_are_refused(
    tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        client(tmp_path).with_options(**options)


def test_responses_carry_the_http_status_and_headers(mock: MockApp, tmp_path: Path) -> None:
    with Intercept(mock, service_hosts(ENDPOINT)):
        response = get(client(tmp_path))
    assert response.http is not None and response.http.status == 200
    assert response.http.headers["content-type"].startswith("application/json")
    assert GetResponse.from_wire({"Counter": 1}).http is None  # built by hand: no HTTP side


def test_the_stdlib_path_reports_the_answer_too(server: str) -> None:
    sender = Transport(
        SERVICE, VERSION, Endpoint.parse(server), Credentials("id", "key"), stdlib_http=True
    )
    body, answer = sender.exchange(sender.prepare("Get", {"Name": "a"}), lambda code: APIError)
    assert body["Counter"] == 7 and answer.status == 200
    assert answer.headers["Content-Type"].startswith("application/json")
    assert sender._backend is not None and len(sender._backend.idle) == 1  # type: ignore[union-attr]
    sender.close()
    assert sender._backend.idle == []  # type: ignore[union-attr]


def _pools(demo: DemoClient) -> int:
    return sum(len(a.poolmanager.pools) for a in demo.transport.session.adapters.values())


def test_close_and_the_context_manager_release_the_connections(server: str, tmp_path: Path) -> None:
    with client(tmp_path, endpoint=server) as demo:
        copy = demo.with_options(timeout=5)
        get(copy)
        copy.close()  # a copy shares the client's connections: they stay open
        assert _pools(demo) == 1
    assert _pools(demo) == 0
    assert get(demo).counter == 7  # a later call opens new ones
