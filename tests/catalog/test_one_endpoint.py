"""The whole catalog behind one `tcgen mock` edge (in-process): loading it imports no package,
and every action of every service, called once with a TC3 signature and no parameters,
gets Tencent's shape (HTTP 200, JSON, a RequestId) from its own package, loaded on demand."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
import requests
from tcgen.emulator.endpoint import EdgeApp, _namespace, load
from tcgen.runtime.mock.route import environ_for

from tests.mock.helpers import KEYS, tc3_headers

from .conftest import Catalog

pytestmark = pytest.mark.slow

HOST = "127.0.0.1:8080"
MISROUTED = {"InvalidAction", "NoSuchVersion", "AuthFailure.SignatureFailure"}
"""What a call reaching another package (or none) would get."""


def call(edge: EdgeApp, service: str, version: str, action: str) -> tuple[str, dict[str, Any]]:
    """(HTTP status, Response object) of one parameterless call, signed like an SDK."""
    headers = tc3_headers(HOST, b"{}", action=action, version=version, service=service)
    headers["X-TC-Region"] = "ap-guangzhou"
    prepared = requests.Request("POST", f"http://{HOST}/", headers=headers, data=b"{}").prepare()
    status: list[str] = []
    body = b"".join(edge(environ_for(prepared), lambda code, *_: status.append(code)))
    response: dict[str, Any] = json.loads(body)["Response"]
    return status[0], response


def test_every_action_of_the_catalog_answers_through_one_endpoint(catalog: Catalog) -> None:
    edge = load(catalog.out, keys=KEYS)
    parent = _namespace(catalog.out)
    assert not [name for name in sys.modules if name.startswith(f"{parent}.")]
    for one in edge.mounted:
        for action in sorted(one.routes.actions):
            status, response = call(edge, one.service, one.version, action)
            assert status == "200 OK" and response["RequestId"], (one.package, action)
            error = response.get("Error", {})
            assert error.get("Code") not in MISROUTED, (one.package, action, error)
            assert "cannot be loaded" not in error.get("Message", "")
    assert all(one.loaded for one in edge.mounted)
