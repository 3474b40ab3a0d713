"""One endpoint for every service (`tcgen mock`): start-up with the whole catalog, and signed
requests per second with one and with all catalog services loaded, next to the package's own
mock server (one service) and a trivial WSGI app.

Every server is a real process on 127.0.0.1 (a free port) running waitress with the same
thread count, started and stopped here; clients send TC3-signed calls over keep-alive
connections, signed like the official SDK signs for `endpoint=127.0.0.1:PORT` (the scope
names the service, the Host is the address), and every answer is checked for an error:

- `mock_1`: `python -m live_v20180801.mock`, DropLiveStream;
- `edge_1`: `tcgen mock --dir` a directory holding that package alone, the same call;
- `edge_160`: `tcgen mock --dir` the whole catalog, the call changing service on every
  request (a no-parameter action of each service, found once before measuring), so routing,
  one package per service and the answers of many services are all exercised;
- `edge_160_live`: the same server, DropLiveStream only (what 160 loaded services cost one);
- `edge_160_sample` vs `mock_sample`: `SAMPLE` catalog services spread over the rotation, their
  calls in turn through the same server, and each on its own mock server (`python -m
  <package>.mock`; the harmonic mean of their rates: the rate of the same mix), since the
  rotation's calls cost the mocks more than DropLiveStream does;
- `trivial`: `bench.serve trivial`, the floor any WSGI app on this server costs.

Every kind is measured in each of `ROUNDS` rounds (each starting one kind later) and given as
the median (and the best) rate, with the server's CPU time per request. `in_process` is the
routing's own cost, free of HTTP and of other load on the machine: CPU per call of the
rotation, each mock called directly vs through `EdgeApp`.

Start-up (`start`): seconds from launch to the first successful answer (a signed call, so it
includes importing the one package that answers it), the median of `STARTS` launches, the
first of them (`edge_160_first_s`) and one `--eager` launch (every package imported at start,
what lazy loading saves). `first_calls_s` is one call to every service in turn on a fresh
server: the first-request imports of the whole catalog.

The catalog is imported from the installed tccli and generated into a temporary directory
(timed: `catalog`), deleted afterwards; `TCGEN_BENCH_CATALOG=DIR` uses an already generated
directory instead (no generation timed).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from tcgen.emulator.endpoint import ROUTES_FILE, packages, read_routes
from tcgen.runtime import signing

from .common import (
    ACTION,
    PYTHON,
    REGION,
    ROOT,
    SECRET_ID,
    SECRET_KEY,
    STREAM,
    clean_env,
    free_port,
)

THREADS = 4  # waitress threads of every server (bench.serve.THREADS)
CLIENTS = 4
REQUESTS_PER_CLIENT = 500
ROUNDS = 7
WARM_UP = 100  # untimed requests before each timed run
STARTS = 3
SAMPLE = 6  # catalog services also measured on their own mock server
CATALOG_ENV = "TCGEN_BENCH_CATALOG"
LIVE_PACKAGE = "live_v20180801"
JSON = "application/json"
ENDPOINT = "http://127.0.0.1:8080/"  # (in-process calls: no server behind it)
Signed = tuple[bytes, dict[str, str]]


@dataclass(frozen=True)
class Call:
    """One API call, signed afresh for each server (the mock accepts a signature for minutes,
    so each is signed once, not per request: signing would measure the client)."""

    package: str
    service: str
    version: str
    action: str
    body: bytes = b"{}"

    def signed(self, port: int) -> Signed:
        host, timestamp = f"127.0.0.1:{port}", int(time.time())
        parts = signing.sign(
            secret_id=SECRET_ID, secret_key=SECRET_KEY, service=self.service, host=host,
            method="POST", query="", content_type=JSON, payload=self.body, timestamp=timestamp,
        )  # fmt: skip
        return self.body, {
            "Host": host,
            "Content-Type": JSON,
            "Authorization": parts.authorization,
            "X-TC-Action": self.action,
            "X-TC-Version": self.version,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": REGION,
        }


LIVE = Call(LIVE_PACKAGE, "live", "2018-08-01", ACTION, json.dumps(STREAM).encode())


def _error(connection: http.client.HTTPConnection, signed: Signed) -> str | None:
    """Send one call; None when it succeeded, else what went wrong."""
    connection.request("POST", "/", *signed)
    answer = connection.getresponse()
    text = answer.read()
    if answer.status != 200:
        return f"HTTP {answer.status}"
    if b'"Error"' in text:
        return str(json.loads(text)["Response"]["Error"]["Code"])
    return None


class Server:
    """One server process on a free loopback port (`{port}` in `command`)."""

    def __init__(
        self, name: str, command: Sequence[str], logs: Path, probe: Call = LIVE, **env: str
    ) -> None:
        self.name = name
        self.probe = probe
        self.port = free_port()
        self.command = [part.replace("{port}", str(self.port)) for part in command]
        self.env = clean_env(**env)
        self.log = logs / f"{name}-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        """Launch; seconds until the first successful answer to `probe` (a signed call)."""
        started = time.perf_counter()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.command, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
            )
        signed = self.probe.signed(self.port)
        deadline = time.monotonic() + 120
        while True:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                problem = _error(connection, signed)
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self._fail("did not start")
                time.sleep(0.005)
            finally:
                connection.close()
        if problem is not None:
            self._fail(f"answered {problem}")
        return time.perf_counter() - started

    def _fail(self, what: str) -> None:
        self.stop()
        log = self.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"bench server {self.name} {what}:\n{log}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server process has used so far (Linux)."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def startup(self) -> float:
        """Seconds to the first answer of a launch, stopped right after."""
        try:
            return self.start()
        finally:
            self.stop()


def _client(
    port: int, calls: list[Signed], offset: int, failures: list[str], count: int | None = None
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for index in range(offset, offset + (count or REQUESTS_PER_CLIENT)):
        problem = _error(connection, calls[index % len(calls)])
        if problem is not None:
            failures.append(problem)
    connection.close()


def throughput(server: Server, calls: Sequence[Call]) -> tuple[float, float]:
    """Requests per second of `CLIENTS` keep-alive clients, each cycling through `calls`
    from its own offset (so concurrent requests reach different services), and the server's
    CPU microseconds per request (less disturbed by other load on the machine)."""
    signed = [call.signed(server.port) for call in calls]
    failures: list[str] = []
    _client(server.port, signed, 0, failures, WARM_UP)  # a server idle for a while wakes up
    step = max(1, len(signed) // CLIENTS)
    clients = [
        threading.Thread(target=_client, args=(server.port, signed, n * step, failures))
        for n in range(CLIENTS)
    ]
    cpu, started = server.cpu_s(), time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    elapsed, cpu = time.perf_counter() - started, server.cpu_s() - cpu
    if failures:
        raise RuntimeError(f"{server.name}: {len(failures)} calls failed ({failures[:5]})")
    total = CLIENTS * REQUESTS_PER_CLIENT
    return total / elapsed, cpu * 1e6 / total


def _candidates(out: Path) -> dict[str, list[Call]]:
    """Per package, its actions as calls without parameters, Describe* first (from the
    routing indexes: nothing imported)."""
    found = {}
    for name in packages(out):
        routes = read_routes(out / name / "mock" / ROUTES_FILE)
        ordered = sorted(routes.actions, key=lambda a: (not a.startswith("Describe"), a))
        found[name] = [Call(name, routes.service, routes.version, action) for action in ordered]
    return found


def first_calls(server: Server, out: Path) -> tuple[float, list[Call]]:
    """Seconds of one call to every service in turn (each imports its package), then, per
    service, the first parameterless call that succeeds (not timed): the rotation."""
    candidates = _candidates(out)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    started = time.perf_counter()
    for calls in candidates.values():
        _error(connection, calls[0].signed(server.port))
    elapsed = time.perf_counter() - started
    rotation = []
    for calls in candidates.values():
        for call in calls:
            if _error(connection, call.signed(server.port)) is None:
                rotation.append(call)
                break
    connection.close()
    return elapsed, rotation


def _edge(name: str, directory: Path, logs: Path, *extra: str) -> Server:
    return Server(
        name,
        [PYTHON, "-m", "tcgen", "mock", "--dir", str(directory), "--threads", str(THREADS),
         "--no-rate-limit", "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY,
         "--port", "{port}", *extra],
        logs,
    )  # fmt: skip


def _mock(name: str, directory: Path, logs: Path, probe: Call = LIVE) -> Server:
    """The package's own mock server (`python -m <package>.mock`) for `probe`'s package."""
    return Server(
        name,
        [PYTHON, "-m", f"{probe.package}.mock", "--threads", str(THREADS), "--no-rate-limit",
         "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY, "--port", "{port}"],
        logs,
        probe,
        PYTHONPATH=str(directory),
    )  # fmt: skip


def _with_live(catalog: Path, one: Path, work: Path) -> Path:
    """The catalog with the committed Live package in place of the imported one, so every
    server answers DropLiveStream with the same code (symbolic links, nothing copied)."""
    every = work / "all"
    every.mkdir()
    for name in packages(catalog):
        (every / name).symlink_to((catalog / name).resolve(), target_is_directory=True)
    (every / LIVE_PACKAGE).unlink(missing_ok=True)
    (every / LIVE_PACKAGE).symlink_to(one / LIVE_PACKAGE, target_is_directory=True)
    return every


def routing_overhead(catalog: Path, rotation: Sequence[Call]) -> dict[str, float]:
    """CPU microseconds per call of the rotation in-process (no HTTP, no threads: what load
    on the machine disturbs least), each service's own mock called directly vs the same
    mocks through the edge's routing; every package imported before timing."""
    from tcgen.emulator.endpoint import load
    from tcgen.runtime.mock.route import environ_for

    edge = load(catalog, eager=True, keys={SECRET_ID: SECRET_KEY}, rate_limit=False)
    mocks = {(one.service, one.version): one.app for one in edge.mounted}

    def environs() -> list[tuple[tuple[str, str], dict[str, Any]]]:
        prepared = []
        for call in rotation:
            body, headers = call.signed(8080)
            request = requests.Request("POST", ENDPOINT, headers=headers, data=body).prepare()
            prepared.append(((call.service, call.version), environ_for(request)))
        return prepared

    def ignore(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        return None

    timed: dict[str, list[float]] = {"direct": [], "edge": []}
    for n in range(ROUNDS):
        for kind in sorted(timed, reverse=n % 2 == 1):  # each goes first every other round
            prepared = [one for _ in range(20) for one in environs()]  # (bodies are read once)
            cpu = time.process_time()
            answers = [
                b"".join((mocks[service] if kind == "direct" else edge)(environ, ignore))
                for service, environ in prepared
            ]
            timed[kind].append((time.process_time() - cpu) * 1e6 / len(prepared))
            failed = [answer for answer in answers if b'"Error"' in answer]
            if failed:
                raise RuntimeError(f"in-process {kind}: {len(failed)} calls failed: {failed[0]!r}")
    return {f"{kind}_us_per_call": statistics.median(t) for kind, t in timed.items()}


def measure(catalog: Path, work: Path) -> dict[str, dict[str, float]]:
    one = work / "one"
    one.mkdir()
    shutil.copytree(ROOT / "generated" / LIVE_PACKAGE, one / LIVE_PACKAGE)
    every = _with_live(catalog, one, work)
    start = [_edge("edge_160", every, work).startup() for _ in range(STARTS)]
    startup: dict[str, float] = {
        "edge_160_s": statistics.median(start),
        "edge_160_first_s": start[0],
        "services": len(packages(every)),
    }
    startup["edge_160_eager_s"] = _edge("edge_160_eager", every, work, "--eager").startup()
    servers = {
        "trivial": Server("trivial", [PYTHON, "-m", "bench.serve", "trivial", "{port}"], work),
        "mock_1": _mock("mock_1", one, work),
        "edge_1": _edge("edge_1", one, work),
        "edge_160": _edge("edge_160", every, work),
    }
    try:
        for name, server in servers.items():
            startup[f"{name}_s"] = server.start()
        startup["first_calls_s"], rotation = first_calls(servers["edge_160"], every)
        startup["services_called"] = len(rotation)
        sample = rotation[:: max(1, len(rotation) // SAMPLE)][:SAMPLE]
        for call in sample:  # each sampled service's own mock, for the same calls
            servers[call.package] = _mock(call.package, every, work, call)
            servers[call.package].start()
        workloads = {
            "trivial": (servers["trivial"], [LIVE]),
            "mock_1": (servers["mock_1"], [LIVE]),
            "edge_1": (servers["edge_1"], [LIVE]),
            "edge_160": (servers["edge_160"], rotation),
            "edge_160_live": (servers["edge_160"], [LIVE]),
            "edge_160_sample": (servers["edge_160"], sample),
            **{call.package: (servers[call.package], [call]) for call in sample},
        }
        kinds = list(workloads)
        rounds = [
            {kind: throughput(*workloads[kind]) for kind in kinds[n:] + kinds[:n]}
            for n in range(ROUNDS)
        ]  # alternating, each round starting one kind later: drift in machine load and
        # what runs before a kind hit every kind alike
    finally:
        for server in servers.values():
            server.stop()
    for measured in rounds:  # one request to each sampled service, from its own mock
        own = [measured.pop(call.package) for call in sample]
        measured["mock_sample"] = (
            len(own) / sum(1 / rps for rps, _ in own),
            statistics.mean(cpu for _, cpu in own),
        )
    results: dict[str, dict[str, float]] = {"start": startup}
    for kind in rounds[0]:
        results[kind] = {
            "requests_per_s": statistics.median(r[kind][0] for r in rounds),
            "requests_per_s_best": max(r[kind][0] for r in rounds),
            "server_cpu_us_per_request": statistics.median(r[kind][1] for r in rounds),
        }
    results["in_process"] = routing_overhead(every, rotation)
    return results


def _live_mock(name: str, logs: Path, *extra: str) -> Server:
    """The committed Live package's own mock server with `extra` options."""
    return Server(
        name,
        [PYTHON, "-m", f"generated.{LIVE_PACKAGE}.mock", "--threads", str(THREADS),
         "--no-rate-limit", "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY,
         "--port", "{port}", *extra],
        logs,
    )  # fmt: skip


CREATE = Call(
    LIVE_PACKAGE, "live", "2018-08-01", "CreateLiveCallbackTemplate", b'{"TemplateName": "t"}'
)


def keep_alive_clients(server: Server, count: int) -> dict[str, float]:
    """`count` connections opened and kept at once, each sending a signed call: how many were
    answered without error, and the seconds from the first connect to the last answer."""
    signed = LIVE.signed(server.port)
    started = time.perf_counter()
    connections = [
        http.client.HTTPConnection("127.0.0.1", server.port, timeout=60) for _ in range(count)
    ]
    try:
        for connection in connections:
            connection.connect()
        for connection in connections:
            connection.request("POST", "/", *signed)
        served = 0
        for connection in connections:
            answer = connection.getresponse()
            served += answer.status == 200 and b'"Error"' not in answer.read()
        return {"served": served, "clients": count, "s": time.perf_counter() - started}
    finally:
        for connection in connections:
            connection.close()


def robustness(work: Path) -> dict[str, dict[str, float]]:
    """Issue 21's figures, on Live's own mock (no catalog needed): requests per second with
    the state in SQLite vs in memory (DropLiveStream, which a handler answers from the
    state, and CreateLiveCallbackTemplate, which writes it), 2 workers vs 1 on one port
    (both on SQLite state), and `KEEP_ALIVE` keep-alive clients at once; beside the rates,
    each server's CPU per request, which the other work on a shared machine disturbs less
    than the rates (it sets how fast a server can go, not how much CPU it was given)."""
    state = work / "state.sqlite"
    servers = {
        "trivial": Server("trivial", [PYTHON, "-m", "bench.serve", "trivial", "{port}"], work),
        "memory": _live_mock("memory", work),
        "sqlite": _live_mock("sqlite", work, "--state", str(state)),
        "workers_2": _live_mock("workers_2", work, "--state", str(state), "--workers", "2"),
    }
    workloads = {
        "trivial": (servers["trivial"], [LIVE]),
        "memory": (servers["memory"], [LIVE]),
        "sqlite": (servers["sqlite"], [LIVE]),
        "workers_2": (servers["workers_2"], [LIVE]),
        "memory_create": (servers["memory"], [CREATE]),
        "sqlite_create": (servers["sqlite"], [CREATE]),
    }
    try:
        for server in servers.values():
            server.start()
        kinds = list(workloads)
        rounds = [
            {kind: throughput(*workloads[kind]) for kind in kinds[n:] + kinds[:n]}
            for n in range(ROBUST_ROUNDS)
        ]
        clients = keep_alive_clients(servers["memory"], KEEP_ALIVE)
    finally:
        for server in servers.values():
            server.stop()
    robust = {
        f"{kind}_requests_per_s": statistics.median(r[kind][0] for r in rounds) for kind in kinds
    }
    for kind in kinds:  # (the CPU of forked workers is not the parent's: not for workers_2)
        if kind != "workers_2":
            cpu = statistics.median(r[kind][1] for r in rounds)
            robust[f"{kind}_server_cpu_us_per_request"] = cpu
    return {"robust": robust, "keep_alive": clients}


KEEP_ALIVE = 1000
ROBUST_ROUNDS = 3
ROBUST_ENV = "TCGEN_BENCH_EDGE"
"""`TCGEN_BENCH_EDGE=robust` measures only `robustness` (no catalog import or generation)."""


def run() -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="tcgen-bench-edge-") as temp:
        work = Path(temp)
        robust = robustness(work)
        if os.environ.get(ROBUST_ENV) == "robust":
            return robust
        given = os.environ.get(CATALOG_ENV)
        if given:
            return {**robust, **measure(Path(given), work)}
        from .generation import generate, import_catalog

        cache = work / "cache"
        timing = {"import_s": import_catalog(work / "spec", cache)}
        timing["generate_s"] = generate(work / "spec", work / "out", cache)
        return {"catalog": timing, **robust, **measure(work / "out", work)}
