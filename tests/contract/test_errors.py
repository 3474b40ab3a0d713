"""Every error code reaches the caller intact: the mock injects it, the client raises the
code's own class with code, message and request id, and the CLI prints
`{"Code", "Message", "RequestId"}` on stderr and exits 1.

Action codes are checked on their action; every code the package has a class for (common
codes and synthesized parents included) on the service's first action.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .harness import Mocked, credentials, run_inprocess, run_subprocess, valid_params
from .target import TARGET, Case, Generated, action_cases, error_cases, service_cases


def message(code: str) -> str:
    return f"contract: injected {code} ü"


def check_client_raises(mocked: Mocked, case: Case, pkg: Generated, code: str) -> None:
    app, client = mocked
    app.inject_error(case.action.name, code, message=message(code))
    with pytest.raises(pkg.exceptions.APIError) as raised:
        client.call(case.action.name, valid_params(case))
    assert type(raised.value) is pkg.errors.error_class(code) is pkg.errors.ERRORS[code]
    error = raised.value
    (call,) = app.calls(case.action.name)
    assert (error.code, error.message, error.request_id) == (code, message(code), call.request_id)


@pytest.mark.parametrize(("case", "code"), error_cases(TARGET, every_code=False), ids=str)
def test_client_raises_the_class_of_each_action_code(
    mocked: Mocked, case: Case, pkg: Generated, code: str
) -> None:
    check_client_raises(mocked, case, pkg, code)


@pytest.mark.parametrize(("case", "code"), error_cases(TARGET, every_code=True), ids=str)
def test_client_raises_the_class_of_every_package_code(
    mocked: Mocked, case: Case, pkg: Generated, code: str
) -> None:
    check_client_raises(mocked, case, pkg, code)


def cli_errors(
    served: Callable[[Generated], Any], case: Case, pkg: Generated, codes: list[str]
) -> None:
    """Inject each code in turn and run the CLI in-process once per code."""
    app = served(pkg)
    params = json.dumps(valid_params(case))
    for code in codes:
        app.inject_error(case.action.name, code, message=message(code))
        argv = [case.action.name, "--cli-input-json", params, *credentials(app.endpoint)]
        result = run_inprocess(pkg, *argv)
        request_id = app.calls(case.action.name)[-1].request_id
        assert (result.status, result.out) == (1, ""), (code, result)
        assert result.error == {"Code": code, "Message": message(code), "RequestId": request_id}


@pytest.mark.parametrize("case", action_cases(TARGET), ids=str)
def test_cli_reports_each_action_code(
    served: Callable[[Generated], Any], case: Case, pkg: Generated
) -> None:
    cli_errors(served, case, pkg, [e.code for e in case.action.error_codes])


@pytest.mark.parametrize("case", service_cases(TARGET), ids=lambda c: c.service.package)
def test_cli_reports_every_package_code(
    served: Callable[[Generated], Any], case: Case, pkg: Generated
) -> None:
    cli_errors(served, case, pkg, [e.code for e in case.service.error_codes])


@pytest.mark.parametrize("case", service_cases(TARGET), ids=lambda c: c.service.package)
def test_cli_process_reports_an_error(
    served: Callable[[Generated], Any], case: Case, pkg: Generated, tmp_path: Path
) -> None:
    """The same as a real `python -m <package>` process: stderr JSON, exit status 1."""
    app = served(pkg)
    code = (case.action.error_codes or case.service.error_codes)[-1].code
    app.inject_error(case.action.name, code, message=message(code))
    params = json.dumps(valid_params(case))
    argv = [case.action.name, "--cli-input-json", params, *credentials(app.endpoint)]
    result = run_subprocess(pkg, tmp_path, *argv)
    request_id = app.calls(case.action.name)[-1].request_id
    assert (result.status, result.out) == (1, ""), result
    assert result.error == {"Code": code, "Message": message(code), "RequestId": request_id}
