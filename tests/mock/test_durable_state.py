"""`--state PATH`: the state in SQLite, committed before each answer and shared by processes.

Real server processes (`python -m generated.live_v20180801.mock`, `tcgen mock`) on free
loopback ports, killed with SIGKILL where the point is that nothing is lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from tcgen.runtime.mock import durable, tracked

from generated.live_v20180801 import mock as live_mock
from tests import servers

from .helpers import SECRET_ID, SECRET_KEY, STREAM, official_client, sdk_call

ROOT = Path(__file__).resolve().parents[2]
LIVE = [sys.executable, "-m", "generated.live_v20180801.mock"]
KEYS = ["--secret-id", SECRET_ID, "--secret-key", SECRET_KEY, "--no-rate-limit"]


@contextmanager
def serving(command: Sequence[str], stop: int = signal.SIGTERM) -> Iterator[str]:
    """The server with the test keys; yields `127.0.0.1:PORT`, stops it with `stop`."""
    with servers.serving([*command, "--port", "0", *KEYS], stop=stop, cwd=ROOT) as endpoint:
        yield endpoint


def _create(endpoint: str, name: str) -> int:
    answer: dict[str, Any] = official_client(endpoint).call_json(
        "CreateLiveCallbackTemplate", {"TemplateName": name}
    )["Response"]
    template_id: int = answer["TemplateId"]
    return template_id


def _names(endpoint: str) -> list[str]:
    answer = official_client(endpoint).call_json("DescribeLiveCallbackTemplates", {})
    return sorted(template["TemplateName"] for template in answer["Response"]["Templates"])


def test_kill_9_loses_no_acknowledged_change(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with serving([*LIVE, "--state", str(state)], stop=signal.SIGKILL) as endpoint:
        created = [_create(endpoint, f"t{n:02}") for n in range(25)]
    assert len(set(created)) == 25
    with serving([*LIVE, "--state", str(state)]) as endpoint:
        assert _names(endpoint) == [f"t{n:02}" for n in range(25)]
        assert _create(endpoint, "next") == max(created) + 1  # the id sequence survived too


def test_two_servers_on_one_state_lose_nothing(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with (
        serving([*LIVE, "--state", str(state)]) as first,
        serving([sys.executable, "-m", "tcgen", "mock", "--dir", "generated", "--state",
                 str(state)]) as second,  # fmt: skip
    ):
        for n in range(15):  # interleaved: each server must see the other's change first
            _create(first, f"a{n:02}")
            _create(second, f"b{n:02}")
        expected = sorted([f"a{n:02}" for n in range(15)] + [f"b{n:02}" for n in range(15)])
        assert _names(first) == expected
        assert _names(second) == expected


def test_workers_share_one_port_and_one_state(tmp_path: Path) -> None:
    with serving([*LIVE, "--workers", "2", "--state", str(tmp_path / "s.sqlite")]) as endpoint:
        # a fresh client (connection) per call: the kernel spreads them over both workers
        for n in range(20):
            _create(endpoint, f"w{n:02}")
        assert _names(endpoint) == [f"w{n:02}" for n in range(20)]


def _within(seconds: float, probe: Callable[[], Any], done: Callable[[Any], Any]) -> Any:
    """`probe()` until `done` holds of it or `seconds` pass; its last value."""
    deadline = time.monotonic() + seconds
    value = probe()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.1)
        value = probe()
    return value


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for its reaper does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc (Linux)")
def test_workers_stop_when_their_parent_is_killed(tmp_path: Path) -> None:
    """SIGKILL cannot be passed on to the workers: they notice their parent is gone and stop,
    instead of serving its port on their own."""
    process = subprocess.Popen(
        [*LIVE, "--workers", "2", "--port", "0", *KEYS], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    listing = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    children: list[int] = []
    try:
        assert process.stdout is not None and " on http://" in process.stdout.readline()
        children = _within(
            10,
            lambda: [int(pid) for pid in listing.read_text().split()],
            lambda found: len(found) == 2,
        )
        assert len(children) == 2
        process.kill()
        process.wait(timeout=10)
        still = _within(10, lambda: [pid for pid in children if _alive(pid)], lambda left: not left)
        assert still == []
    finally:  # whatever failed, no server is left behind
        process.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_workers_without_a_state_path_share_a_temporary_one() -> None:
    with serving([*LIVE, "--workers", "2"]) as endpoint:
        for n in range(10):
            _create(endpoint, f"w{n}")
        assert len(_names(endpoint)) == 10


def _other_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    connection.close()


def _version_1(path: Path) -> None:
    """A database as the first tcgen with SQLite state wrote it (one row per entry)."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute("CREATE TABLE entries (service TEXT, key TEXT, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('format', 'tcgen-mock-state')")
        connection.execute("INSERT INTO meta VALUES ('version', '1')")
    connection.close()


def _future_version(path: Path) -> None:
    durable.check(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    connection.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_text('{"format": 1, "services": {}}'), "is not a tcgen mock"),
        (lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), "is not a"),
        (_other_sqlite, "an SQLite database of another kind"),
        (_future_version, "has state format version 99"),
        (_version_1, "has state format version 1; this tcgen reads version 2"),
        (lambda path: path.mkdir(), "is a directory"),
    ],
)
@pytest.mark.parametrize("server", ["one-service", "tcgen mock"])
def test_an_unusable_state_file_exits_2_naming_it(
    tmp_path: Path, make: Any, message: str, server: str
) -> None:
    state = tmp_path / "state.sqlite"
    make(state)
    command = LIVE if server == "one-service" else [sys.executable, "-m", "tcgen", "mock"]
    done = subprocess.run(
        [*command, "--state", str(state), "--port", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert str(state) in done.stderr and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_in_process_transactions_reload_only_what_another_connection_changed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite"
    durable.check(path)
    one, other = durable.DurableStore(path, "live 1"), durable.DurableStore(path, "live 1")
    mine: dict[str, Any] = {}
    with one.transaction(mine):
        mine["streams"] = [1]
    theirs: dict[str, Any] = {}
    with other.transaction(theirs):
        assert theirs == {"streams": [1]}
        theirs["items"] = {"A": []}
    with one.transaction(mine):
        assert mine == {"streams": [1], "items": {"A": []}}
        del mine["streams"]
    with pytest.raises(RuntimeError), other.transaction(theirs):
        theirs.clear()
        raise RuntimeError("a handler failed half-way")
    with other.transaction(theirs):  # the failed change was not written, and is forgotten
        assert theirs == {"items": {"A": []}}
    assert durable.read(path, "live 1") == {"items": {"A": []}}
    assert durable.read(path, "other 1") == {}
    one.close()
    other.close()


def test_the_json_state_file_is_imported_into_and_exported_from_the_database(
    tmp_path: Path,
) -> None:
    state, exported = tmp_path / "state.sqlite", tmp_path / "state.json"
    edge = [sys.executable, "-m", "tcgen", "mock", "--dir", "generated", "--state", str(state),
            "--state-file", str(exported), "--workers", "2"]  # fmt: skip
    with serving(edge) as endpoint:
        for n in range(6):
            _create(endpoint, f"j{n}")
    document = json.loads(exported.read_text())  # exported at stop, from the database
    templates = document["services"]["live_v20180801"]["resources"]["LiveCallbackTemplate"]
    assert sorted(one["TemplateName"] for one in templates.values()) == [f"j{n}" for n in range(6)]
    for path in tmp_path.glob("state.sqlite*"):  # the database and its WAL files
        path.unlink()
    with serving(edge) as endpoint:  # a fresh database: the JSON file is imported into it
        assert _names(endpoint) == [f"j{n}" for n in range(6)]


def test_changes_through_any_mapping_method_are_committed(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    durable.check(path)
    writer, reader = durable.DurableStore(path, "s 1"), durable.DurableStore(path, "s 1")
    store: dict[str, Any] = tracked.Tracked()
    changes = [
        lambda s: s.setdefault("a", {}).update(n=1),
        lambda s: s.get("a").update(m=2),
        lambda s: s["a"].pop("n"),
        lambda s: s.update(b=[1]),
        lambda s: next(iter(s.values())).update(v=3),
        lambda s: [value for key, value in s.items() if key == "b"][0].append(2),
        lambda s: s.pop("b"),
    ]
    expected = [{"a": {"n": 1}}, {"a": {"n": 1, "m": 2}}, {"a": {"m": 2}},
                {"a": {"m": 2}, "b": [1]}, {"a": {"m": 2, "v": 3}, "b": [1]},
                {"a": {"m": 2, "v": 3}, "b": [1, 2]}, {"a": {"m": 2, "v": 3}}]  # fmt: skip
    for change, after in zip(changes, expected, strict=True):
        with writer.transaction(store):
            change(store)
        seen: dict[str, Any] = {}
        with reader.transaction(seen):
            assert seen == after
    writer.close()
    reader.close()


def _created_rows(path: Path) -> list[tuple[str, str | None]]:
    """The rows the newest transaction wrote: (path, value or None for removed)."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT path, value FROM rows WHERE seq = (SELECT MAX(seq) FROM rows)"
        ).fetchall()
    connection.close()
    return sorted(rows)


def test_a_write_touches_the_rows_of_what_it_changed(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    durable.check(path)
    app = live_mock.create_app(keys=None, rate_limit=False, state_path=path)
    with live_mock.activate(app):
        client = official_client()
        ids = [_call(client, "CreateLiveCallbackTemplate", {"TemplateName": f"t{n}"})
               for n in range(30)]  # fmt: skip
        last = ids[-1]["TemplateId"]
        assert _created_rows(path) == [
            (f'["resources", "LiveCallbackTemplate", "{last}"]', _row_of(path, last)),
            ('["sequence"]', json.dumps({"LiveCallbackTemplate": last + 1})),
        ]  # one record and the id counter, not the 29 records before it
        records = app.state.store["resources"]["LiveCallbackTemplate"]
        assert not records.everything and records.touched == {str(last)}  # none serialized
        _call(client, "DeleteLiveCallbackTemplate", {"TemplateId": ids[0]["TemplateId"]})
        assert _created_rows(path) == [
            (f'["resources", "LiveCallbackTemplate", "{ids[0]["TemplateId"]}"]', None)
        ]
        _call(client, "ModifyLiveCallbackTemplate", {"TemplateId": last, "TemplateName": "x"})
        assert [row[0] for row in _created_rows(path)] == [
            f'["resources", "LiveCallbackTemplate", "{last}"]'
        ]
    app.state.durable.close()  # type: ignore[union-attr]
    templates = durable.read(path, "live 2018-08-01")["resources"]["LiveCallbackTemplate"]
    assert len(templates) == 29 and templates[str(last)]["TemplateName"] == "x"


def _call(client: Any, action: str, params: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = client.call_json(action, params)["Response"]
    assert "Error" not in answer, answer
    return answer


def _row_of(path: Path, template_id: int) -> str:
    with sqlite3.connect(path) as connection:
        (value,) = connection.execute(
            "SELECT value FROM rows WHERE path = ?",
            (f'["resources", "LiveCallbackTemplate", "{template_id}"]',),
        ).fetchone()
    connection.close()
    return str(value)


def test_another_process_sees_removed_records_and_emptied_resources(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    durable.check(path)
    one, other = durable.DurableStore(path, "s 1"), durable.DurableStore(path, "s 1")
    mine, theirs = tracked.Tracked(), tracked.Tracked()
    with one.transaction(mine):
        mine["resources"] = {"A": {"1": {"n": 1}, "2": {"n": 2}}, "B": {"x": {"n": 3}}}
    with other.transaction(theirs):
        assert theirs == {"resources": {"A": {"1": {"n": 1}, "2": {"n": 2}}, "B": {"x": {"n": 3}}}}
    with one.transaction(mine):
        del mine["resources"]["A"]["1"]
        mine["resources"]["A"]["2"]["n"] = 20
        del mine["resources"]["B"]["x"]
    with other.transaction(theirs):  # read incrementally: the changed rows only
        assert theirs == {"resources": {"A": {"2": {"n": 20}}, "B": {}}}
        theirs["resources"] = ["not", "records"]  # no longer kept split
    with one.transaction(mine):
        assert mine == {"resources": ["not", "records"]}
        mine["resources"] = {"C": {}}
    with other.transaction(theirs):
        assert theirs == {"resources": {"C": {}}}
    assert durable.read(path, "s 1") == {"resources": {"C": {}}}
    one.close()
    other.close()


def test_mocks_on_one_state_share_injections_latency_and_calls(tmp_path: Path) -> None:
    """Two mocks on one state database are what two workers are: an error or delay set
    through one is honoured by both, counted once, and both show every call."""
    path = tmp_path / "state.sqlite"
    durable.check(path)
    slept: list[float] = []
    first, second = (
        live_mock.create_app(keys=None, rate_limit=False, state_path=path, call_log=5)
        for _ in range(2)
    )
    first.sleep = second.sleep = slept.append
    first.inject_error("DropLiveStream", "InternalError.GetStreamInfoError", times=3)
    second.inject_latency("*", 0.25)
    outcomes = []
    for n in range(6):
        with live_mock.activate(first if n % 2 else second):
            outcomes.append(sdk_call(official_client(), "DropLiveStream", STREAM))
    assert outcomes == ["InternalError.GetStreamInfoError"] * 3 + ["ok"] * 3
    assert slept == [0.25] * 6
    assert [call.error for call in first.calls()] == [
        *["InternalError.GetStreamInfoError"] * 2,
        None,
        None,
        None,
    ]  # the newest 5 of 6: the log is a ring
    assert [c.request_id for c in first.calls()] == [c.request_id for c in second.calls()]
    second.inject_latency("*", 0)
    with live_mock.activate(first):
        assert sdk_call(official_client(), "DropLiveStream", STREAM) == "ok"
    assert len(slept) == 6
    second.reset()
    assert first.calls() == []
    for app in (first, second):
        app.state.durable.close()  # type: ignore[union-attr]


def test_workers_honour_controls_sent_to_any_of_them(tmp_path: Path) -> None:
    state = tmp_path / "s.sqlite"
    command = [*LIVE, "--workers", "2", "--state", str(state), "--call-log", "15"]
    with serving(command) as endpoint:
        control = f"http://{endpoint}/_mock"
        assert requests.post(f"{control}/errors", timeout=10, json={
            "action": "DropLiveStream", "code": "InternalError.GetStreamInfoError", "times": 8
        }).ok  # fmt: skip
        assert requests.post(
            f"{control}/latency", json={"action": "*", "seconds": 0.05}, timeout=10
        ).ok
        outcomes, started = [], time.monotonic()
        for _ in range(16):  # a fresh client (connection) per call: spread over both workers
            outcomes.append(sdk_call(official_client(endpoint), "DropLiveStream", STREAM))
        assert time.monotonic() - started >= 16 * 0.05  # every worker delayed every call
        assert outcomes == ["InternalError.GetStreamInfoError"] * 8 + ["ok"] * 8
        for _ in range(4):  # whichever worker answers, the log holds every worker's calls
            calls = requests.get(f"{control}/calls", timeout=10).json()["calls"]
            assert [call["error"] for call in calls] == [
                *["InternalError.GetStreamInfoError"] * 7,
                *[None] * 8,
            ]
