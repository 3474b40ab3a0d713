"""Usage errors exit 2, name the parameter, and send nothing."""

from __future__ import annotations

from typing import Any

import pytest

from generated.live_v20180801._meta import ACTIONS

from .fake_api import FakeAPI
from .samples import ACTION_NAMES, every_parameter


def _without(argv: list[str], flag: str) -> list[str]:
    """argv minus one flag and its values."""
    start = argv.index(flag)
    end = next((i for i in range(start + 1, len(argv)) if argv[i].startswith("--")), len(argv))
    return argv[:start] + argv[end:]


def _cases() -> list[tuple[str, list[str], str]]:
    """(id, argv, text stderr must name), covering every required parameter of every action."""
    first = ACTION_NAMES[0]
    valid = [first, *every_parameter(ACTIONS[first], {})[0]]
    cases = [
        ("unknown action", ["DropLiveStreams"], "DropLiveStream"),
        ("no action", [], "no action"),
        ("bad output", [*valid, "--output", "yaml"], "--output"),
        ("bad filter", [*valid, "--filter", "[[["], "--filter"),
        ("bad timeout", [*valid, "--timeout", "soon"], "--timeout"),
        ("other version", [*valid, "--version", "2016-01-01"], "--version"),
        ("bad json input", [first, "--cli-input-json", "{oops"], "--cli-input-json"),
        (
            "missing file",
            [first, "--cli-input-json", "file:///nonexistent.json"],
            "--cli-input-json",
        ),
        ("value missing", [*valid, "--region"], "--region"),
    ]
    pull = [
        "CreateLivePullStreamTask",
        *every_parameter(ACTIONS["CreateLivePullStreamTask"], {})[0],
    ]
    pull = _without(pull, "--WatermarkList")
    unfold = [*pull, "--cli-unfold-argument"]
    member = "--WatermarkList.0.PictureUrl"
    cases += [
        ("dots without unfold", [*pull, member, "u"], "need --cli-unfold-argument"),
        ("unfold: not an index", [*unfold, "--WatermarkList.x.PictureUrl", "u"], "not an index"),
        ("unfold: no such member", [*unfold, "--WatermarkList.0.Nope", "u"], "no member 'Nope'"),
        ("unfold: index gap", [*unfold, "--WatermarkList.1.PictureUrl", "u"], "start from 0"),
        ("unfold: bad member value", [*unfold, "--WatermarkList.0.XPosition", "x"], "XPosition"),
        ("unfold: whole and member", [*unfold, member, "u", "--WatermarkList", "[]"], "both"),
        ("unfold: member missing", [*unfold, member, "u"], "WatermarkList.0.XPosition"),
        ("unfold: twice", [*unfold, member, "u", member, "v"], "more than once"),
    ]
    for action in ACTION_NAMES:
        argv, _ = every_parameter(ACTIONS[action], {})
        full = [action, *argv]
        cases.append(
            (f"{action} unknown parameter", [*full, "--NoSuchParam", "1"], "--NoSuchParam")
        )
        for name, type_, required in ACTIONS[action].input:
            if required:
                cases.append((f"{action} missing {name}", _without(full, f"--{name}"), f"--{name}"))
            if type_ in ("Integer", "Int64", "UInt64", "Float", "Boolean"):
                bad = _without(full, f"--{name}") + [f"--{name}", "not-a-number"]
                cases.append((f"{action} bad {name}", bad, f"--{name}"))
    return cases


@pytest.mark.parametrize(("argv", "named"), [c[1:] for c in _cases()], ids=[c[0] for c in _cases()])
def test_usage_error_exits_2_naming_the_parameter(
    cli: Any, api: FakeAPI, argv: list[str], named: str
) -> None:
    result = cli(*argv)
    assert result.status == 2, result.err
    assert named in result.err
    assert result.out == ""
    assert api.received == []


def test_missing_credentials_exit_2_before_sending(cli: Any, api: FakeAPI) -> None:
    argv, _ = every_parameter(ACTIONS["DropLiveStream"], {})
    result = cli("DropLiveStream", *argv, "--endpoint", api.url, call=False)
    assert result.status == 2
    assert "--secretId" in result.err
    assert api.received == []
