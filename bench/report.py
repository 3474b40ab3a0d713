"""The Markdown table of a benchmark run: every figure, and each target beside its ratio."""

from __future__ import annotations

from typing import Any

# (label, measured value as section.group.key, target)
TARGETS: list[tuple[str, str, str]] = [
    ("full catalog cold generation", "generation.catalog.cold_s", "<= 120 s"),
    ("full catalog warm generation", "generation.catalog.warm_s", "<= 5 s"),
    ("one action changed", "generation.catalog.one_action_s", "<= 3 s"),
    ("capture the real-page corpus (812 pages)", "capture.corpus.total_s", "<= 30 s"),
    ("tcgen mock start-up, whole catalog", "edge.start.edge_160_s", "<= 5 s"),
]
RATIOS: list[tuple[str, str, str, str]] = [
    ("client calls/s, generated / official", "client.generated.calls_per_s",
     "client.official SDK.calls_per_s", ">= 1.5"),
    ("client CPU per call (stubbed), official / generated",
     "client.official SDK.cpu_us_per_call_stubbed", "client.generated.cpu_us_per_call_stubbed", ""),
    ("async client calls/s (1 in flight), generated / official",
     "client.generated async.calls_per_s", "client.official SDK async.calls_per_s", ">= 1.5"),
    ("async client calls/s (4 in flight), generated / official",
     "client.generated async.calls_per_s_4", "client.official SDK async.calls_per_s_4", ">= 1.5"),
    ("async client calls/s (16 in flight), generated / official",
     "client.generated async.calls_per_s_16", "client.official SDK async.calls_per_s_16",
     ">= 1.5"),
    ("async client calls/s (64 in flight), generated / official",
     "client.generated async.calls_per_s_64", "client.official SDK async.calls_per_s_64",
     ">= 1.5"),
    ("async client calls/s, generated, 16 in flight / 1 in flight",
     "client.generated async.calls_per_s_16", "client.generated async.calls_per_s", ">= 1.0"),
    ("async client CPU per call (stubbed), official / generated",
     "client.official SDK async.cpu_us_per_call_stubbed",
     "client.generated async.cpu_us_per_call_stubbed", ""),
    ("client CPU per call (stubbed), generated async / sync",
     "client.generated async.cpu_us_per_call_stubbed",
     "client.generated.cpu_us_per_call_stubbed", ""),
    ("import time, generated / official", "imports.generated.import_ms",
     "imports.official SDK.import_ms", "<= 0.5"),
    ("import time (models + client, min), this tree / 8192dd6", "imports.generated.import_ms_min",
     "imports.generated at 8192dd6.import_ms_min", "<= 1.1"),
    ("import time (package, min), this tree / 8192dd6", "imports.generated package.import_ms_min",
     "imports.generated package at 8192dd6.import_ms_min", "<= 1.1"),
    ("import time (models + client, min), this tree / c7f7894 (before issue 13)",
     "imports.generated.import_ms_min", "imports.generated at c7f7894.import_ms_min", "<= 1.1"),
    ("CLI wall time, generated / tccli", "cli.generated.wall_ms", "cli.tccli.wall_ms", "<= 0.5"),
    ("mock throughput, mock / trivial app", "mock.mock.requests_per_s",
     "mock.trivial.requests_per_s", ">= 0.5"),
    ("tcgen mock rps, whole catalog, sampled services / their own mocks",
     "edge.edge_160_sample.requests_per_s", "edge.mock_sample.requests_per_s", ">= 0.8"),
    ("tcgen mock rps, whole catalog, Live only / Live's own mock",
     "edge.edge_160_live.requests_per_s", "edge.mock_1.requests_per_s", ">= 0.8"),
    ("tcgen mock rps, Live alone / Live's own mock", "edge.edge_1.requests_per_s",
     "edge.mock_1.requests_per_s", ">= 0.8"),
    ("tcgen mock rps, whole catalog, every service / Live's own mock (other calls)",
     "edge.edge_160.requests_per_s", "edge.mock_1.requests_per_s", ""),
    ("tcgen mock server CPU per request, whole catalog, Live only / Live's own mock",
     "edge.edge_160_live.server_cpu_us_per_request", "edge.mock_1.server_cpu_us_per_request",
     ""),
    ("one-service mock rps / trivial app (edge run)", "edge.mock_1.requests_per_s",
     "edge.trivial.requests_per_s", ""),
    ("mock rps, SQLite state / in memory (DropLiveStream)", "edge.robust.sqlite_requests_per_s",
     "edge.robust.memory_requests_per_s", ">= 0.8"),
    ("mock rps, SQLite state / in memory (a create)", "edge.robust.sqlite_create_requests_per_s",
     "edge.robust.memory_create_requests_per_s", ">= 0.8"),
    ("mock rps, 2 workers / 1 (SQLite state)", "edge.robust.workers_2_requests_per_s",
     "edge.robust.sqlite_requests_per_s", ">= 1.3"),
    ("mock rps in memory / trivial app", "edge.robust.memory_requests_per_s",
     "edge.robust.trivial_requests_per_s", ">= 0.7"),
    ("server CPU per request, trivial app / mock in memory",
     "edge.robust.trivial_server_cpu_us_per_request",
     "edge.robust.memory_server_cpu_us_per_request", ""),
    ("server CPU per request, in memory / SQLite state (DropLiveStream)",
     "edge.robust.memory_server_cpu_us_per_request",
     "edge.robust.sqlite_server_cpu_us_per_request", ""),
    ("server CPU per request, in memory / SQLite state (a create)",
     "edge.robust.memory_create_server_cpu_us_per_request",
     "edge.robust.sqlite_create_server_cpu_us_per_request", ""),
    ("keep-alive clients served at once / opened", "edge.keep_alive.served",
     "edge.keep_alive.clients", ">= 1.0"),
    ("tcgen mock routing in-process, CPU per call through the edge / direct",
     "edge.in_process.edge_us_per_call", "edge.in_process.direct_us_per_call", ""),
    ("catalog bytes (all files), lean / official SDK (common once)", "sizes.catalog.lean_mb",
     "sizes.catalog.official_mb", "<= 0.5"),
    ("catalog bytes (all files), full / official SDK (common once)", "sizes.catalog.full_mb",
     "sizes.catalog.official_mb", "<= 1.0"),
    ("catalog .py bytes, lean / official SDK (common once)", "sizes.catalog.lean_py_mb",
     "sizes.catalog.official_mb", ""),
    ("catalog .py bytes, full / official SDK (common once)", "sizes.catalog.full_py_mb",
     "sizes.catalog.official_mb", ""),
    ("catalog bytes (all files), lean / official SDK (common per service)",
     "sizes.catalog.lean_mb", "sizes.catalog.official_per_service_mb", ""),
    ("catalog bytes (all files), full / official SDK (common per service)",
     "sizes.catalog.full_mb", "sizes.catalog.official_per_service_mb", ""),
    ("Live bytes (all files), lean / official SDK", "sizes.live.lean_mb",
     "sizes.live.official_mb", ""),
    ("Live bytes (all files), full / official SDK", "sizes.live.full_mb",
     "sizes.live.official_mb", ""),
]  # fmt: skip


def _get(results: dict[str, Any], dotted: str) -> float | None:
    section, group, key = dotted.split(".", 2)
    value = results.get(section, {}).get(group, {}).get(key)
    return None if value is None else float(value)


def _met(value: float, target: str) -> str:
    if not target:
        return ""
    op, bound = target.split()[0], float(target.split()[1])
    return "met" if (value <= bound if op == "<=" else value >= bound) else "NOT met"


IN_FLIGHT = (1, 4, 16, 64)
ASYNC_PAIR = ("generated async", "official SDK async")


def _in_flight(client: dict[str, dict[str, float]]) -> list[str]:
    """The async clients' calls/s at each number of calls in flight, side by side."""
    keys = ["calls_per_s" if n == 1 else f"calls_per_s_{n}" for n in IN_FLIGHT]
    groups = [client.get(name, {}) for name in ASYNC_PAIR]
    if not all(key in group for group in groups for key in keys):
        return []
    ours, theirs = ([group[key] for key in keys] for group in groups)
    return [
        "",
        "| async calls/s, calls in flight | " + " | ".join(map(str, IN_FLIGHT)) + " |",
        "| --- |" + " ---: |" * len(IN_FLIGHT),
        *(
            f"| {name} | " + " | ".join(f"{value:,.0f}" for value in values) + " |"
            for name, values in zip(ASYNC_PAIR, (ours, theirs), strict=True)
        ),
        "| generated / official | "
        + " | ".join(f"{a / b:.2f}x" for a, b in zip(ours, theirs, strict=True))
        + " |",
    ]


def markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [
        f"# tcgen benchmarks, {results['started']}",
        "",
        f"{machine['cpus']} CPUs, Python {machine['python']}. All traffic on 127.0.0.1.",
        "",
        "| target | measured | target | |",
        "| --- | ---: | --- | --- |",
    ]
    for label, path, target in TARGETS:
        value = _get(results, path)
        if value is not None:
            lines.append(f"| {label} | {value:.2f} s | {target} | {_met(value, target)} |")
    for label, top, bottom, target in RATIOS:
        a, b = _get(results, top), _get(results, bottom)
        if a is not None and b:
            lines.append(f"| {label} | {a / b:.2f}x | {target} | {_met(a / b, target)} |")
    lines += _in_flight(results.get("client", {}))
    lines += ["", "| measurement | value |", "| --- | ---: |"]
    for section, groups in results.items():
        if isinstance(groups, dict) and section != "machine":
            for group, values in groups.items():
                for key, value in values.items():
                    lines.append(f"| {section} / {group} / {key} | {value:,.2f} |")
    return "\n".join(lines) + "\n"
