"""`tcgen mock` imports a package on its service's first request: start-up reads only each
package's routing index (`mock/routes.json`), and errors keep Tencent's shape.

Each test copies the packages to its own directory, so the package modules it looks for in
`sys.modules` are its own (the edge imports a directory's packages under a private parent
named after the directory).
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from tcgen.emulator.endpoint import (
    ROUTES_FILE,
    EdgeApp,
    Mounted,
    Routes,
    _namespace,
    load,
    read_routes,
    restore,
    save,
)
from tcgen.runtime.mock.serve import ServerThread

from tests.mock.helpers import KEYS, STREAM, tc3_headers

LIVE, CVM = "live_v20180801", "cvm_v20170312"


@pytest.fixture
def packages(packages_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "packages"
    shutil.copytree(packages_dir, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def imported(directory: Path, package: str) -> bool:
    return f"{_namespace(directory)}.{package}" in sys.modules


@contextmanager
def serving(edge: EdgeApp) -> Iterator[str]:
    with ServerThread(edge) as server:
        yield server.endpoint


def call(endpoint: str, action: str, version: str, service: str) -> dict[str, Any]:
    """A TC3 call signed like an SDK given `127.0.0.1:PORT`; the Response object."""
    body = json.dumps(STREAM if service == "live" else {}).encode()
    host = endpoint.removeprefix("http://")
    headers = tc3_headers(host, body, action=action, version=version, service=service)
    headers["X-TC-Region"] = "ap-guangzhou"
    answer = requests.post(endpoint, data=body, headers=headers, timeout=30)
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/json"
    response: dict[str, Any] = answer.json()["Response"]
    assert response["RequestId"]
    return response


def test_start_imports_nothing_and_a_call_imports_its_service_only(packages: Path) -> None:
    edge = load(packages, keys=KEYS)
    assert not imported(packages, LIVE) and not imported(packages, CVM)
    with serving(edge) as endpoint:
        listed = requests.get(f"{endpoint}/_mock/services", timeout=10).json()["services"]
        assert [(one["package"], one["loaded"]) for one in listed] == [(CVM, False), (LIVE, False)]
        assert listed[1]["actions"] == len(
            read_routes(packages / LIVE / "mock" / ROUTES_FILE).actions
        )
        regions = call(endpoint, "DescribeRegions", "2017-03-12", "cvm")
        assert regions["RegionSet"][0]["Region"] == "ap-guangzhou"
        assert imported(packages, CVM) and not imported(packages, LIVE)
        listed = requests.get(f"{endpoint}/_mock/services", timeout=10).json()["services"]
        assert [one["loaded"] for one in listed] == [True, False]
        assert "Error" not in call(endpoint, "DropLiveStream", "2018-08-01", "live")
        assert imported(packages, LIVE)


@pytest.mark.parametrize(
    ("action", "version", "service", "code"),
    [
        ("NoSuchAction", "2017-03-12", "127", "InvalidAction"),  # routed by action: none has it
        ("DropLiveStream", "2018-08-01", "vpc", "AuthFailure.SignatureFailure"),  # unknown scope
        ("", "2018-08-01", "127", "MissingParameter"),
    ],
)
def test_unknown_service_or_action_answers_in_tencents_shape_importing_nothing(
    packages: Path, action: str, version: str, service: str, code: str
) -> None:
    with serving(load(packages, keys=KEYS)) as endpoint:
        assert call(endpoint, action, version, service)["Error"]["Code"] == code
    if code != "AuthFailure.SignatureFailure":  # (answered by Live's own mock: its scope rule)
        assert not imported(packages, LIVE) and not imported(packages, CVM)


def test_an_unknown_action_of_a_named_service_is_its_mocks_answer(packages: Path) -> None:
    with serving(load(packages, keys=KEYS)) as endpoint:
        error = call(endpoint, "RunInstances", "2017-03-12", "cvm")["Error"]
    assert error["Code"] == "InvalidAction" and "cvm has no action RunInstances" in error["Message"]


def test_a_package_that_fails_to_import_answers_internal_error_naming_it(
    packages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (packages / CVM / "mock" / "examples.py").open("a") as examples:
        examples.write("\nraise RuntimeError('broken on purpose')\n")
    edge = load(packages, keys=KEYS)  # lazily: the start does not notice
    with serving(edge) as endpoint:
        for _ in range(2):  # the same answer every time, the failure printed once
            error = call(endpoint, "DescribeRegions", "2017-03-12", "cvm")["Error"]
            assert error["Code"] == "InternalError"
            assert CVM in error["Message"] and "broken on purpose" in error["Message"]
        assert "Error" not in call(endpoint, "DropLiveStream", "2018-08-01", "live")
        control = requests.get(f"{endpoint}/_mock/cvm/calls", timeout=10)
        assert control.status_code == 503 and CVM in control.json()["error"]
    assert capsys.readouterr().err.count(f"the mock of {CVM} cannot be loaded") == 1


def test_eager_start_imports_every_package(packages: Path) -> None:
    edge = load(packages, eager=True, keys=KEYS)
    assert imported(packages, LIVE) and imported(packages, CVM)
    assert all(one.loaded for one in edge.mounted)


def test_eager_start_fails_on_a_broken_package_naming_it(
    packages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tcgen.commands.main import main

    with (packages / CVM / "mock" / "examples.py").open("a") as examples:
        examples.write("\nraise RuntimeError('broken on purpose')\n")
    assert main(["mock", "--dir", str(packages), "--eager", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert f"{packages}/{CVM}" in err and "broken on purpose" in err
    assert err.count("broken on purpose") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("{not json", "", "is not a routing index"),
        ("[]", "", "must be a JSON object"),
        ('{"service": "", "version": "2017-03-12", "actions": []}', "#/service", "non-empty"),
        ('{"service": "cvm", "version": "2017-03-12", "actions": [1]}', "#/actions", "list of"),
    ],
)
def test_a_broken_routing_index_fails_the_start_naming_it(
    packages: Path, capsys: pytest.CaptureFixture[str], content: str, where: str, message: str
) -> None:
    from tcgen.commands.main import main

    index = packages / CVM / "mock" / ROUTES_FILE
    index.write_text(content)
    assert main(["mock", "--dir", str(packages), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert f"{index}{where}: " in err and message in err and "Traceback" not in err


def test_a_package_without_routing_index_is_imported_at_start(packages: Path) -> None:
    (packages / CVM / "mock" / ROUTES_FILE).unlink()  # generated before the index existed
    edge = load(packages, keys=KEYS)
    assert imported(packages, CVM) and not imported(packages, LIVE)
    with serving(edge) as endpoint:
        assert call(endpoint, "DescribeRegions", "2017-03-12", "cvm")["TotalCount"] == 1


def test_an_index_naming_another_service_is_an_internal_error_on_first_call(
    packages: Path,
) -> None:
    index = packages / CVM / "mock" / ROUTES_FILE
    index.write_text(json.dumps({"service": "cvm", "version": "2099-01-01", "actions": []}))
    with serving(load(packages, keys=KEYS)) as endpoint:
        error = call(endpoint, "DescribeRegions", "2099-01-01", "cvm")["Error"]
    assert error["Code"] == "InternalError" and "cvm 2017-03-12" in error["Message"]


def test_restored_state_waits_for_the_first_request(packages: Path, tmp_path: Path) -> None:
    streams = {"streams": [{"StreamName": "kept", "State": "forbid"}]}
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"format": 1, "services": {LIVE: streams}}))
    edge = load(packages, keys=KEYS)
    assert restore(edge, state) == 1 and not imported(packages, LIVE)
    save(edge, tmp_path / "again.json")  # not imported yet: saved as restored
    assert json.loads((tmp_path / "again.json").read_text())["services"] == {
        CVM: {},
        LIVE: streams,
    }
    [live] = [one for one in edge.mounted if one.package == LIVE]
    assert live.app.snapshot() == streams and imported(packages, LIVE)
    restore(edge, state)
    [cvm] = [one for one in edge.mounted if one.package == CVM]
    cvm.restore({"other": [1]})
    cvm.reset()  # forgets what it would have started from
    assert cvm.snapshot() == {} and not cvm.loaded


def test_concurrent_first_requests_create_one_mock() -> None:
    created: list[object] = []

    def create() -> Any:
        time.sleep(0.05)  # long enough for every thread to arrive while the first creates
        app = type("App", (), {"spec": type("Spec", (), {"service": "s", "version": "v"})})()
        created.append(app)
        return app

    mounted = Mounted("s_v", Routes("s", "v", frozenset({"A"})), create)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(mounted.app)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == 1 and seen == created * 8


class Versioned:
    """A stand-in mock of one version of `svc` that answers with its version."""

    def __init__(self, version: str, actions: set[str]) -> None:
        self.spec = type("Spec", (), {"service": "svc", "version": version, "actions": actions})

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        environ["wsgi.input"].read()  # (the body must still be there to read)
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"Response": {"Version": self.spec.version}}).encode()]


@pytest.mark.parametrize(
    ("signed", "action", "version", "answered_by"),
    [
        (True, "Both", "2020-01-01", "2020-01-01"),
        (True, "Both", "2021-01-01", "2021-01-01"),
        (True, "OnlyOld", "1999-01-01", "2020-01-01"),  # no such version: the one with the action
        (True, "Both", "1999-01-01", "2021-01-01"),  # ... else the newest answers
        (False, "Both", "2020-01-01", "2020-01-01"),  # v1: the version is a form field
        (False, "OnlyOld", "1999-01-01", "2020-01-01"),
    ],
)
def test_a_service_with_two_versions_is_routed_by_version(
    signed: bool, action: str, version: str, answered_by: str
) -> None:
    import requests as http
    from tcgen.runtime.mock.route import environ_for

    mounted = [
        Mounted(f"svc_v{v.replace('-', '')}", Routes("svc", v, frozenset(a)), app=Versioned(v, a))
        for v, a in [("2020-01-01", {"Both", "OnlyOld"}), ("2021-01-01", {"Both"})]
    ]
    edge = EdgeApp(mounted)
    if signed:
        body = b"{}"
        headers = tc3_headers("127.0.0.1:8080", body, action=action, version=version, service="svc")
    else:
        body = f"Action={action}&Version={version}&Nonce=1".encode()
        headers = {
            "Host": "svc.localhost:8080",
            "Content-Type": "application/x-www-form-urlencoded",
        }
    request = http.Request("POST", "http://127.0.0.1:8080/", headers=headers, data=body).prepare()
    answer = b"".join(edge(environ_for(request), lambda status, headers, exc_info=None: None))
    assert json.loads(answer)["Response"]["Version"] == answered_by
