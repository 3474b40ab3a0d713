"""Deprecated actions (`"deprecated": true` in the spec): `_meta` flag, a DeprecationWarning
at the caller's line from the one call path, the docstring, CLI help, and the mock still
serving them. The committed live spec has none, so this uses a generated variant of the demo
spec (`olddemo` 2021-02-03: CreateWidgets deprecated, CreateGadgets not)."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import warnings
from types import ModuleType
from typing import Any

import pytest

from .conftest import SECRET_ID, SECRET_KEY
from .support import RecordingServer
from .variant import generate_variant

PARAMS: dict[str, Any] = {"Widgets": [{"Name": "w1"}]}


@pytest.fixture(scope="session")
def olddemo(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generate_variant(
        tmp_path_factory.mktemp("olddemo"),
        "olddemo",
        "2021-02-03",
        {"CreateWidgets": {"deprecated": True}, "CreateGadgets": {}},
    )


def client(package: ModuleType, endpoint: str | None = None) -> Any:
    return package.OlddemoClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-guangzhou", endpoint=endpoint
    )


def widget(package: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.models").Widget(name=name)


def test_meta_flags_only_the_deprecated_action(olddemo: ModuleType) -> None:
    meta = olddemo._meta
    assert meta.ACTIONS["CreateWidgets"].deprecated is True
    assert meta.ACTIONS["CreateGadgets"].deprecated is False
    assert inspect.getsource(meta).count("deprecated=") == 1


def test_typed_method_warns_at_the_callers_line(
    olddemo: ModuleType, server: RecordingServer
) -> None:
    one = widget(olddemo, "w1")
    with pytest.warns(DeprecationWarning, match="olddemo CreateWidgets is deprecated") as record:
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        client(olddemo, server.endpoint).create_widgets(widgets=[one])
    assert (record[0].filename, record[0].lineno) == (__file__, line)
    assert len(server.requests) == 1


def test_async_typed_method_warns_at_the_callers_line(
    olddemo: ModuleType, server: RecordingServer
) -> None:
    """The async method is the sync function returning `_invoke`'s coroutine: the warning
    still points at the line that awaits it."""
    one = widget(olddemo, "w1")
    aio = olddemo.AsyncOlddemoClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-guangzhou", endpoint=server.endpoint
    )

    async def caller() -> int:
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        await aio.create_widgets(widgets=[one])
        await aio.aclose()
        return line

    with pytest.warns(DeprecationWarning, match="olddemo CreateWidgets is deprecated") as record:
        line = asyncio.run(caller())
    assert (record[0].filename, record[0].lineno) == (__file__, line)
    assert len(server.requests) == 1


def test_call_escape_hatch_warns_at_the_callers_line(
    olddemo: ModuleType, server: RecordingServer
) -> None:
    with pytest.warns(DeprecationWarning) as record:
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        client(olddemo, server.endpoint).call("CreateWidgets", PARAMS)
    assert (record[0].filename, record[0].lineno) == (__file__, line)


def test_other_actions_do_not_warn(olddemo: ModuleType, server: RecordingServer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client(olddemo, server.endpoint).create_gadgets(widgets=[widget(olddemo, "w")])
        client(olddemo, server.endpoint).call("CreateGadgets", PARAMS)


def test_docstring_says_deprecated(olddemo: ModuleType) -> None:
    doc = olddemo.OlddemoClient.create_widgets.__doc__
    assert doc.startswith("Deprecated")
    assert "Deprecated" not in olddemo.OlddemoClient.create_gadgets.__doc__


def test_cli_help_marks_the_action(olddemo: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    cli = importlib.import_module(f"{olddemo.__name__}.cli")
    assert cli.run(cli.PROGRAM, ["help"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:2] == ["CreateWidgets", "[deprecated]"] for line in lines)
    assert not any("[deprecated]" in line for line in lines if "CreateGadgets" in line)
    assert cli.run(cli.PROGRAM, ["CreateWidgets", "help"]) == 0
    assert "Deprecated: this action is deprecated" in capsys.readouterr().out
    assert cli.run(cli.PROGRAM, ["CreateGadgets", "help"]) == 0
    assert "Deprecated" not in capsys.readouterr().out


def test_mock_still_serves_it(olddemo: ModuleType) -> None:
    mock = importlib.import_module(f"{olddemo.__name__}.mock")
    app = mock.create_app(keys={SECRET_ID: SECRET_KEY})
    with mock.activate(app), pytest.warns(DeprecationWarning):
        response = client(olddemo).create_widgets(widgets=[widget(olddemo, "w1")])
    assert response.request_id
    assert [(c.action, c.error) for c in app.calls()] == [("CreateWidgets", None)]
