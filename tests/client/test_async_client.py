"""The generated async client (`AsyncLiveClient`, `aio.py`) against the Live mock, in-process
(the mock's httpx routing) and over loopback, with the sync client and the official SDK's
async client as oracles: same requests byte for byte, same answers, errors, pages, retries,
rate limit, options and lifecycle."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from tcgen.model.service import Action
from tcgen.pipeline import load_services

from generated.live_v20180801 import AsyncLiveClient, LiveClient, errors, mock, models
from generated.live_v20180801._runtime.exceptions import ParameterError, TransportError
from generated.live_v20180801._runtime.ratelimit import RateLimiter
from generated.live_v20180801._runtime.retry import RetryPolicy
from generated.live_v20180801.mock.examples import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
SECRET_ID, SECRET_KEY = "AKIDasyncTEST0123456789", "asyncTESTsecretKEY0123456789abcd"
KEYS = {SECRET_ID: SECRET_KEY}
REGION = "ap-guangzhou"
STREAM = {"domain_name": "5000.livepush.myqcloud.com", "app_name": "live", "stream_name": "s1"}
# Headers that are the HTTP library's, not the call's: requests and httpx each send their own.
LIBRARY_HEADERS = {"user-agent", "accept", "accept-encoding", "connection"}

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


class Clock:
    """A pinned clock for signatures and rate windows; `sleep` moves it (never waits)."""

    def __init__(self) -> None:
        import time

        self.now = float(int(time.time()))
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Wake at now + seconds: sleepers booked in order resume in order, so the clock
        reads each one's booked time when it sends."""
        wake = self.now + seconds
        self.slept.append(seconds)
        await asyncio.sleep(0)
        self.now = max(self.now, wake)


class Recorder:
    """A WSGI wrapper that keeps each request as it reached the mock (method, target,
    headers without the HTTP library's own, body)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        body = environ["wsgi.input"].read()
        environ["wsgi.input"] = io.BytesIO(body)
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        headers["content-type"] = environ.get("CONTENT_TYPE", "")
        headers = {k: v for k, v in headers.items() if k not in LIBRARY_HEADERS}
        target = environ["PATH_INFO"] + (
            "?" + environ["QUERY_STRING"] if environ["QUERY_STRING"] else ""
        )
        self.requests.append((environ["REQUEST_METHOD"], target, headers, body))
        return self.app(environ, start_response)


def clients(clock: Clock, **options: Any) -> tuple[LiveClient, AsyncLiveClient]:
    settings = {"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "region": REGION, "clock": clock}
    return LiveClient(**settings, **options), AsyncLiveClient(**settings, **options)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> Iterator[mock.MockApp]:
    live = mock.create_app(keys=KEYS, clock=clock)
    with mock.activate(live):
        yield live


@pytest.fixture(scope="module")
def actions() -> dict[str, Action]:
    [live] = [s for s in load_services(ROOT / "spec") if s.name == "live"]
    return {action.name: action for action in live.actions}


def seeded(clock: Clock) -> mock.MockApp:
    """A fresh mock whose made-up resource ids repeat from one mock to the next."""
    live = mock.create_app(keys=KEYS, clock=clock)
    live.resources.rng = random.Random(0)
    return live


def typed_kwargs(action: Action, params: dict[str, Any]) -> dict[str, Any]:
    request = getattr(models, action.request_class).from_wire(params)
    return {f.py_name: getattr(request, f.py_name) for f in action.input}


def outcome(method: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """The answer's wire form, or the error's class and code."""
    try:
        return method(**kwargs).raw
    except Exception as exc:
        return type(exc).__name__, getattr(exc, "code", None)


async def async_outcome(method: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    try:
        return (await method(**kwargs)).raw
    except Exception as exc:
        return type(exc).__name__, getattr(exc, "code", None)


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_every_example_is_sent_byte_for_byte_as_the_sync_client_sends_it(
    clock: Clock, actions: dict[str, Action], method: str
) -> None:
    """For every Live action with examples: the typed method of each client, same clock, same
    mock (fresh per client, so stateful answers match): same request on the wire apart from
    the HTTP library's own headers, same answer or error."""
    cases = [
        (actions[name], params)
        for name, examples in sorted(EXAMPLES.items())
        for params, _ in examples
    ]
    sync, aio = clients(clock, method=method)
    expected = []
    for action, params in cases:
        recorder = Recorder(seeded(clock))
        with mock.activate(recorder):  # type: ignore[arg-type]
            answer = outcome(getattr(sync, action.method_name), typed_kwargs(action, params))
        expected.append((action.name, _without_request_id(answer), recorder.requests))

    async def calls() -> list[tuple[str, Any, list[Any]]]:
        got = []
        async with aio:
            for action, params in cases:
                recorder = Recorder(seeded(clock))
                with mock.activate(recorder):  # type: ignore[arg-type]
                    method = getattr(aio, action.method_name)
                    answer = await async_outcome(method, typed_kwargs(action, params))
                got.append((action.name, _without_request_id(answer), recorder.requests))
        return got

    assert run(calls()) == expected
    assert len(cases) >= 100 and all(requests for _, _, requests in expected)


def _without_request_id(answer: Any) -> Any:
    return (
        {k: v for k, v in answer.items() if k != "RequestId"}
        if isinstance(answer, dict)
        else answer
    )


def test_the_typed_methods_are_the_sync_ones_returning_awaitables(
    app: mock.MockApp, clock: Clock
) -> None:
    """Each async method is the sync client's own function (one line of `aio.py`): same
    parameters and documentation; on the async client it returns a coroutine, or an async
    iterator for `_pages` / `_items`, and sends nothing until awaited or iterated."""
    sync_methods = {n for n, f in vars(LiveClient).items() if inspect.isfunction(f)}
    async_methods = {n for n, f in vars(AsyncLiveClient).items() if inspect.isfunction(f)}
    assert sync_methods == async_methods and len(sync_methods) > 120
    for name in sync_methods:
        assert vars(AsyncLiveClient)[name] is vars(LiveClient)[name], name
    aio = clients(clock)[1]
    assert aio.drop_live_stream.__doc__ == LiveClient.drop_live_stream.__doc__
    call = aio.drop_live_stream(**STREAM)
    pages = aio.describe_live_stream_online_list_pages(page_size=3)
    items = aio.describe_live_stream_online_list_items(page_size=3)
    assert inspect.iscoroutine(call) and inspect.isasyncgen(pages) and inspect.isasyncgen(items)
    assert app.calls() == []
    assert isinstance(run(call), models.DropLiveStreamResponse)
    assert [c.action for c in app.calls()] == ["DropLiveStream"]


def test_the_async_methods_are_typed_with_the_sync_signatures(tmp_path: Path) -> None:
    """mypy --strict sees `await client.method(...)` with the sync method's keywords and
    result, and an async iterator of its pages / items; a wrong keyword is an error."""
    source = textwrap.dedent("""\
        from typing import assert_type
        from generated.live_v20180801 import AsyncLiveClient
        from generated.live_v20180801.models import (
            DescribeLiveStreamOnlineListResponse, DropLiveStreamResponse, StreamOnlineInfo
        )
        async def use(client: AsyncLiveClient) -> None:
            answer = await client.drop_live_stream(stream_name="s", domain_name="d", app_name="a")
            assert_type(answer, DropLiveStreamResponse)
            async for page in client.describe_live_stream_online_list_pages(page_size=3):
                assert_type(page, DescribeLiveStreamOnlineListResponse)
            async for item in client.describe_live_stream_online_list_items(max_items=3):
                assert_type(item, StreamOnlineInfo)
            await client.drop_live_stream(stream_nam="s", domain_name="d", app_name="a")  # E
            await client.drop_live_stream(stream_name=1, domain_name="d", app_name="a")  # E
            for wrong in client.describe_live_stream_online_list_items():  # E
                pass
        """)
    snippet = tmp_path / "snippet.py"
    snippet.write_text(source)
    from mypy import api

    out, err, status = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(snippet)])
    errors = [line.split(":", 2)[1:] for line in out.splitlines() if ": error: " in line]
    marked = [str(n) for n, line in enumerate(source.splitlines(), 1) if line.endswith("# E")]
    expected = [
        'Unexpected keyword argument "stream_nam"',
        'Argument "stream_name" has incompatible type "int"; expected "str"',
        '"AsyncIterator[StreamOnlineInfo]" has no attribute "__iter__"',
    ]
    assert [line for line, _ in errors] == marked, out
    for (_, message), start in zip(errors, expected, strict=True):
        assert message.startswith(f" error: {start}"), out
    assert status == 1 and not err


def test_async_calls_in_process_and_over_loopback_answer_alike(clock: Clock) -> None:
    live = mock.create_app(keys=KEYS, clock=clock)

    async def calls(client: AsyncLiveClient) -> list[Any]:
        async with client:
            answer = await client.drop_live_stream(**STREAM)
            assert answer.http is not None and answer.http.status == 200
            assert answer.http.headers["content-type"].startswith("application/json")
            await client.add_live_domain(domain_name="play.example.com", domain_type=1)
            raw = await client.call("DescribeLiveDomains", {})
            return [_without_request_id(answer.raw), _without_request_id(raw)]

    with mock.activate(live):
        in_process = run(calls(clients(clock)[1]))
    log = live.calls()
    live.reset()  # the same domain is added again over loopback
    with mock.ServerThread(live) as server:
        over_http = run(calls(clients(clock, endpoint=server.endpoint, proxies={})[1]))
    assert in_process == over_http and in_process[1]["DomainList"]
    calls_made = ["DropLiveStream", "AddLiveDomain", "DescribeLiveDomains"]
    for made in (log, live.calls()):
        assert [c.action for c in made] == calls_made and {c.error for c in made} == {None}


def test_the_official_sdks_async_client_reaches_the_in_process_mock_too(
    app: mock.MockApp, clock: Clock
) -> None:
    """What moto cannot: an httpx async client caught in-process; and ours sends what the
    official async client sends, but for the client's name and the SDK's trace id."""
    from tencentcloud.common import credential
    from tencentcloud.live.v20180801 import live_client_async
    from tencentcloud.live.v20180801 import models as sdk_models

    recorder = Recorder(app)
    request = sdk_models.DropLiveStreamRequest()
    request.from_json_string(
        json.dumps({"DomainName": STREAM["domain_name"], "AppName": "live", "StreamName": "s1"})
    )

    async def both() -> None:
        async with live_client_async.LiveClient(
            credential.Credential(SECRET_ID, SECRET_KEY), REGION
        ) as sdk:
            await sdk.DropLiveStream(request)
        async with clients(clock, endpoint="live.intl.tencentcloudapi.com")[1] as ours:
            await ours.drop_live_stream(**STREAM)

    with mock.activate(recorder):  # type: ignore[arg-type]
        import time

        clock.now = float(int(time.time()))
        run(both())
    official, generated = recorder.requests
    differing = {
        "x-tc-requestclient",
        "x-tc-traceid",
        "authorization",
        "x-tc-timestamp",
        "x-tc-language",
    }
    assert {k: v for k, v in official[2].items() if k not in differing} == {
        k: v for k, v in generated[2].items() if k not in differing
    }
    assert official[:2] == generated[:2] and official[3] == generated[3]
    assert [c.error for c in app.calls()] == [None, None]


def test_errors_are_the_sync_clients(app: mock.MockApp, clock: Clock) -> None:
    aio = clients(clock)[1]
    app.inject_error("DropLiveStream", "ResourceNotFound.ForbidService")
    with pytest.raises(errors.ResourceNotFoundForbidServiceError) as raised:
        run(aio.drop_live_stream(**STREAM))
    assert raised.value.code == "ResourceNotFound.ForbidService" and raised.value.request_id
    with pytest.raises(ParameterError, match="StreamName"):
        run(aio.call("DropLiveStream", {"DomainName": "d", "AppName": "live"}))
    assert len(app.calls()) == 1  # nothing sent for a bad call

    refused = AsyncLiveClient(
        secret_id=SECRET_ID,
        secret_key=SECRET_KEY,
        region=REGION,
        endpoint="http://127.0.0.1:9",
        proxies={},
    )
    with pytest.raises(TransportError, match="127.0.0.1:9"):
        run(refused.drop_live_stream(**STREAM))


def test_retries_wait_with_the_policy_and_sign_each_try_afresh(
    app: mock.MockApp, clock: Clock
) -> None:
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        clock.now += 1  # each try is signed at its own time

    policy = RetryPolicy(attempts=3, sleep=sleep, random=lambda: 1.0)
    aio = clients(clock, retry=policy)[1]
    app.inject_error("DropLiveStream", "RequestLimitExceeded", times=2)
    assert run(aio.drop_live_stream(**STREAM)).request_id
    assert pauses == [0.5, 1.0]
    stamps = [c.received_at for c in app.calls()]
    assert [c.error for c in app.calls()] == ["RequestLimitExceeded"] * 2 + [None]
    assert stamps == sorted(set(stamps))  # three different signing times
    app.inject_error("DropLiveStream", "ResourceNotFound.ForbidService")
    with pytest.raises(errors.ResourceNotFoundForbidServiceError):
        run(aio.drop_live_stream(**STREAM))
    assert pauses == [0.5, 1.0]  # not worth retrying: raised at once


def test_the_rate_limit_holds_under_concurrency(clock: Clock) -> None:
    """3x an action's documented rate at once with asyncio.gather: no one-second window
    holds more than the rate, and the mock (same rule, same clock) throttles none."""
    live = mock.create_app(keys=KEYS, clock=clock, rate_limit=True)
    rate = live.spec.actions["DropLiveStream"].rate_limit
    assert rate
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    aio = clients(clock, rate_limit=limiter)[1]

    async def burst() -> list[Any]:
        async with aio:
            return await asyncio.gather(*(aio.drop_live_stream(**STREAM) for _ in range(3 * rate)))

    with mock.activate(live):
        answers = run(burst())
    assert len(answers) == 3 * rate and all(a.request_id for a in answers)
    sent = sorted(c.received_at or 0.0 for c in live.calls())
    assert {c.error for c in live.calls()} == {None}
    assert max(sum(1 for t in sent if start <= t < start + 1) for start in sent) == rate
    assert sent[-1] - sent[0] >= 2  # three windows' worth took at least two seconds


def test_pages_and_items_iterate_asynchronously(app: mock.MockApp, clock: Clock) -> None:
    streams = [{"StreamName": f"s{i}", "AppName": "live", "DomainName": "d"} for i in range(7)]
    app.seed({"items": {"DescribeLiveStreamOnlineList": streams}})
    sync, aio = clients(clock)

    async def walk() -> tuple[list[int], list[str], list[str]]:
        pages = [
            len(p.online_info or [])
            async for p in aio.describe_live_stream_online_list_pages(page_size=3)
        ]
        names = [
            i.stream_name or ""
            async for i in aio.describe_live_stream_online_list_items(page_size=3)
        ]
        capped = [
            i.stream_name or ""
            async for i in aio.describe_live_stream_online_list_items(page_size=3, max_items=4)
        ]
        return pages, names, capped

    pages, names, capped = run(walk())
    expected = [i.stream_name for i in sync.describe_live_stream_online_list_items(page_size=3)]
    assert pages == [3, 3, 1] and names == expected == [s["StreamName"] for s in streams]
    assert capped == names[:4]


def test_with_options_and_wait(app: mock.MockApp, clock: Clock) -> None:
    aio = clients(clock)[1]

    async def calls() -> Any:
        async with aio:
            other = aio.with_options(region="ap-beijing", headers={"X-Trace": "t1"}, timeout=3)
            await other.drop_live_stream(**STREAM)
            assert other.transport.timeout == (3.0, 3.0) and aio.transport.timeout == (5.0, 60.0)
            assert other._http is aio._http  # one connection pool
            await other.aclose()  # a copy leaves the shared connections open
            assert aio._http is not None and aio._http.client is not None
            for name in ("a.example.com", "b.example.com"):
                await aio.add_live_domain(domain_name=name, domain_type=1)
            return await aio.wait(lambda: aio.describe_live_domains(), "AllCount", 2, interval=0)

    answer = run(calls())
    assert answer.raw["AllCount"] == 2
    assert [c.region for c in app.calls()][:1] == ["ap-beijing"]
    assert aio._http is not None and aio._http.client is None  # closed by `async with`


def test_a_closed_client_opens_new_connections(clock: Clock) -> None:
    live = mock.create_app(keys=KEYS, clock=clock)
    aio = clients(clock)[1]

    async def twice() -> None:
        with mock.activate(live):
            await aio.drop_live_stream(**STREAM)
            first = aio._http.client if aio._http else None
            await aio.close()
            await aio.drop_live_stream(**STREAM)
            assert isinstance(first, httpx.AsyncClient) and first.is_closed
            assert aio._http is not None and aio._http.client is not first
            await aio.aclose()

    run(twice())
    assert len(live.calls()) == 2


def test_importing_the_package_and_the_sync_client_never_imports_httpx() -> None:
    probe = (
        "import sys\n"
        "import generated.live_v20180801 as live\n"
        "from generated.live_v20180801 import LiveClient, models, errors\n"
        "from generated.live_v20180801 import client, cli\n"
        "LiveClient(secret_id='a', secret_key='b', region='ap-guangzhou')\n"
        "assert 'httpx' not in sys.modules, 'httpx imported'\n"
        "assert 'generated.live_v20180801.aio' not in sys.modules\n"
        "live.AsyncLiveClient\n"
        "assert 'httpx' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
