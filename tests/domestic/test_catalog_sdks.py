"""The whole domestic catalog (tccli 3.1.189.1) behind one `tcgen mock`, called through both
domestic official SDKs at once (tencentcloud-sdk-python 3.1.189 and tencentcloud-sdk-nodejs
4.1.313), each with one client per service kept alive: one call per action (its first
example's parameters, else none). Issue 21 found about 99 such clients enough to hang every
new caller. Every call must get a Tencent-shaped answer within the SDK's timeout, none from
another service (the Node.js SDK reaches each service by its path, so the action+version pairs
two services share answer too), none an `InternalError`; the server must serve afterwards.

Slow (generating the catalog takes minutes): `nox -s domestic`. `TCGEN_DOMESTIC_SERVICES=
cvm,postgres,hunyuan` runs it on a few services. It prints what it saw: calls, answers,
errors by code and wall time per SDK.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

import pytest
from tcgen.sources.tccli.models import discover

from tests import domestic, nodesdk, servers
from tests.mock.helpers import SECRET_ID, SECRET_KEY
from tests.shared_pairs import call_log, example_params, shared_pairs
from tests.tccli_tree import import_and_generate

pytestmark = pytest.mark.slow

TIMEOUT = 20
"""Seconds the SDKs wait for one answer: a hang fails the call, not the run."""
REFUSED = {"InvalidAction", "NoSuchVersion", "InternalError"}
"""Answers that mean the call reached another service, none, or the mock's own fault."""


@dataclass(frozen=True)
class Answer:
    """One call as an SDK saw it: "ok" or the error's code, its message and RequestId."""

    call: domestic.Call
    code: str
    message: str
    request_id: str | None


@dataclass(frozen=True)
class Result:
    """One SDK's run: its answers, in the order of the calls, and its wall time."""

    name: str
    answers: list[Answer]
    seconds: float

    def summary(self) -> str:
        counts = Counter(answer.code for answer in self.answers)
        errors = ", ".join(f"{code} {n}" for code, n in counts.most_common() if code != "ok")
        return (
            f"{self.name}: {len(self.answers)} calls, {counts['ok']} answered, "
            f"{len(self.answers) - counts['ok']} errors ({errors}) in {self.seconds:.0f} s"
        )


@contextmanager
def serving(packages: Path, *options: str) -> Iterator[str]:
    """`tcgen mock` over `packages` on a free loopback port, in its own process: yields its
    `127.0.0.1:PORT`; stopped at the end."""
    with servers.serving(servers.tcgen_mock(packages, *options)) as endpoint:
        yield endpoint


def _interleaved(spec: Path) -> Iterator[domestic.Call]:
    """One call per action of every service version, round-robin over the services, so every
    client's connection stays in use for the whole run."""
    per_service = [
        [
            domestic.Call(folder.parent.name, folder.name, action.stem,
                          example_params(spec, folder.parent.name, folder.name, action.stem))
            for action in sorted((folder / "actions").glob("*.json"))
        ]  # fmt: skip
        for folder in sorted(path.parent for path in spec.glob("*/*/service.json"))
    ]
    for round_ in zip_longest(*per_service):
        yield from (call for call in round_ if call is not None)


def _python(sdk: Path, address: str, todo: list[domestic.Call]) -> Result:
    start = time.perf_counter()
    outcomes = domestic.calls(
        sdk, address, todo, secret=(SECRET_ID, SECRET_KEY), keep_alive=True,
        request_timeout=TIMEOUT, timeout=3600,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    assert len(outcomes) == len(todo), "the SDK's run ended early"
    answers = [
        Answer(call, "ok" if one.ok else str(one.code), one.message, one.request_id)
        for one, call in zip(outcomes, todo, strict=True)
    ]
    return Result("tencentcloud-sdk-python", answers, seconds)


def _node(prefix: Path, address: str, todo: list[domestic.Call]) -> Result:
    calls = [
        nodesdk.NodeCall(call.action, call.params, service=call.service, version=call.version,
                         endpoint=f"{address}/{call.service}")
        for call in todo
    ]  # fmt: skip
    start = time.perf_counter()
    outcomes = nodesdk.node_calls(
        prefix, address, calls, secret_id=SECRET_ID, secret_key=SECRET_KEY, keep_alive=True,
        request_timeout=TIMEOUT, timeout=3600,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    assert len(outcomes) == len(todo), "the SDK's run ended early"
    answers = [
        Answer(call, f"HTTP {one.http_code}" if one.http_code else one.result, one.message,
               one.request_id)
        for one, call in zip(outcomes, todo, strict=True)
    ]  # fmt: skip
    return Result("tencentcloud-sdk-nodejs", answers, seconds)


def test_the_domestic_catalog_through_both_sdks_with_kept_alive_clients(tmp_path: Path) -> None:
    sdk = domestic.install()
    models = domestic.services(sdk)
    selected = os.environ.get("TCGEN_DOMESTIC_SERVICES")
    names = selected.split(",") if selected else sorted({m.name for m in discover(models)})
    spec, out = import_and_generate(tmp_path, names, tccli_dir=models, sdk_dir=domestic.sdk(sdk))
    todo = list(_interleaved(spec))
    shared = {
        (pair.action, service, pair.version)
        for pair in shared_pairs(models)
        for service in pair.services
    }
    node = nodesdk.install(nodesdk.DOMESTIC)
    with serving(out, "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY) as address:
        runs: list[Callable[[], Result]] = [
            lambda: _python(sdk, address, todo),
            lambda: _node(node, address, todo),
        ]
        with ThreadPoolExecutor(len(runs)) as pool:
            results = list(pool.map(lambda run: run(), runs))
        [after] = domestic.calls(
            sdk, address, todo[:1], secret=(SECRET_ID, SECRET_KEY), request_timeout=TIMEOUT
        )
        owners = {(call.service, call.version) for call in todo}
        logs = {owner: call_log(address, *owner) for owner in owners & {s[1:] for s in shared}}
    twins = sum((call.action, call.service, call.version) in shared for call in todo)
    print(
        f"\n{len(todo)} actions of {len(owners)} service versions, {twins} of them on "
        "action+version pairs that several services share:"
    )
    for result in results:
        print(result.summary())
        for answer in result.answers:
            if not _tencent(answer.code):
                print(
                    f"  {answer.code} {answer.call.service} {answer.call.version} "
                    f"{answer.call.action}: {answer.message[:300]}"
                )
    assert _tencent("ok" if after.ok else str(after.code)), after  # still serving
    for result in results:
        bad = [answer for answer in result.answers if not _tencent(answer.code)]
        assert not bad, (result.name, len(bad), bad[:20])
        for answer in result.answers:
            call = answer.call
            if (call.action, call.service, call.version) in shared:
                assert answer.request_id in logs[call.service, call.version], (result.name, answer)


def _tencent(code: str) -> bool:
    """A Tencent error code (or "ok") from the service called: none of `REFUSED`, not the
    SDK's own (`ClientNetworkError`, an HTTP status, a timeout, a Python exception), not
    empty."""
    return (
        bool(code)
        and code not in REFUSED | {"None", "ClientNetworkError"}
        and not code.startswith(("HTTP ", "Python:", "Client"))
    )
