"""SCF functions through the domestic Python SDK (the intl edition has no CreateFunction,
GetFunction or ListFunctions) on `tcgen mock`, with scf imported from the domestic tccli:
a function in a namespace, keyed by name and namespace, Creating -> Active, updated, deleted,
and the failures (taken name, unknown namespace, wrong state, unknown function)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from tests import domestic
from tests.scenarios.sdk import SECRET_ID, SECRET_KEY

VERSION = "2018-04-16"
CODE = {"ZipFile": base64.b64encode(b"PK\x05\x06" + bytes(18)).decode()}


def run(sdk: Path, endpoint: str, *steps: tuple[str, dict[str, Any]]) -> list[domestic.Outcome]:
    """The steps (action, parameters) in order in one SDK process."""
    todo = [domestic.Call("scf", VERSION, action, params) for action, params in steps]
    return domestic.calls(sdk, endpoint, todo, secret=(SECRET_ID, SECRET_KEY))


def code(outcome: domestic.Outcome) -> str:
    return "ok" if outcome.ok else str(outcome.code)


def test_a_function_in_a_namespace(domestic_sdk: Path, domestic_cloud: str) -> None:
    name = {"FunctionName": "resize", "Namespace": "jobs"}
    made, again, first, then, listed, other = run(
        domestic_sdk, domestic_cloud,
        ("CreateNamespace", {"Namespace": "jobs"}),
        ("CreateFunction", {**name, "Code": CODE, "Runtime": "Python3.9", "MemorySize": 256}),
        ("UpdateFunctionConfiguration", {**name, "MemorySize": 512}),
        ("GetFunction", name),
        ("GetFunction", name),
        ("ListFunctions", {"Namespace": "jobs"}),
        ("ListFunctions", {}),
    )[1:]  # fmt: skip
    assert code(made) == "ok"
    assert code(again) == "FailedOperation.UpdateFunctionConfiguration"  # still Creating
    assert code(first) == "ok" and first.response["Status"] == "Creating"
    shown = then.response
    assert (shown["Status"], shown["FunctionName"], shown["Namespace"]) == (
        "Active",
        *name.values(),
    )
    assert (shown["Runtime"], shown["MemorySize"], shown["Handler"]) == (
        "Python3.9",
        256,
        "index.main_handler",
    )
    assert first.response["AddTime"] == shown["AddTime"] != ""
    assert listed.response["TotalCount"] == 1
    [item] = listed.response["Functions"]
    assert (item["FunctionName"], item["Namespace"], item["Status"]) == ("resize", "jobs", "Active")
    assert "resize" in [one["FunctionName"] for one in other.response["Functions"]]

    outcomes = run(
        domestic_sdk, domestic_cloud,
        ("CreateFunction", {**name, "Code": CODE}),
        ("CreateFunction", {"FunctionName": "resize", "Namespace": "nowhere", "Code": CODE}),
        ("CreateFunction", {"FunctionName": "resize", "Code": CODE}),
        ("CreateFunction", {"FunctionName": "thumb", "Namespace": "default", "Code": CODE}),
        ("GetFunction", {"FunctionName": "resize", "Namespace": "default"}),
        ("UpdateFunctionConfiguration", {**name, "MemorySize": 512}),
        ("GetFunction", name),
        ("GetFunction", name),
        ("DeleteFunction", name),
        ("GetFunction", name),
        ("DeleteFunction", name),
    )  # fmt: skip
    taken, unknown, default, named, by_default, updated, updating, active, gone, missing, twice = (
        outcomes
    )
    assert code(taken) == "ResourceInUse.Function"
    assert code(unknown) == "ResourceNotFound.Namespace"
    assert code(default) == "ok"  # the same name in namespace `default`, which always exists
    assert code(named) == "ok"
    assert by_default.response["Namespace"] == "default"
    assert code(updated) == "ok" and updating.response["Status"] == "Updating"
    assert (active.response["Status"], active.response["MemorySize"]) == ("Active", 512)
    assert code(gone) == "ok"
    assert code(missing) == code(twice) == "ResourceNotFound.Function"
    [left] = run(domestic_sdk, domestic_cloud, ("GetFunction", {"FunctionName": "resize"}))
    assert left.response["Namespace"] == "default"  # the other namespace's function stays
