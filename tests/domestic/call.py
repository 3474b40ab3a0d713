"""Run API calls through the domestic tencentcloud-sdk-python, unchanged (a subprocess, so
its `tencentcloud` package is the only one imported). argv[1]: its `pip --target` directory;
stdin: JSON {endpoint, secret: [id, key] or [id, key, token], keepAlive, timeout, calls:
[{service, version, action, params}]}, where `keepAlive` keeps one client per service version,
reused, on a kept-alive connection, and `timeout` is the SDK's per-request timeout in seconds;
stdout: one JSON line per call, {"ok": true, "response": ...} (a streamed answer: {"ok": true,
"events": [each event's data as JSON]}) or {"ok": false, "code", "message", "requestId"}, with
the call's wall time in milliseconds, "ms".
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import time
from typing import Any

sys.path.insert(0, sys.argv[1])

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

KEPT: dict[tuple[str, str], AbstractClient] = {}


def client(setup: dict[str, Any], service: str, version: str) -> AbstractClient:
    """The service's typed client (the one `AbstractClient` of its module), else the
    CommonClient; one per service version when `keepAlive`."""
    if setup.get("keepAlive") and (service, version) in KEPT:
        return KEPT[service, version]
    http = HttpProfile(
        endpoint=setup["endpoint"], protocol="http", reqTimeout=setup.get("timeout") or 60,
        keepAlive=bool(setup.get("keepAlive")),
    )  # fmt: skip
    profile, keys = ClientProfile(httpProfile=http), credential.Credential(*setup["secret"])
    package = f"tencentcloud.{service}.v{version.replace('-', '')}"
    try:
        module = importlib.import_module(f"{package}.{service}_client")
    except ImportError:  # a version this SDK release has no client for
        made: AbstractClient = CommonClient(service, version, keys, "ap-guangzhou", profile)
    else:
        [typed] = [
            value for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, AbstractClient)
            and value.__module__ == module.__name__ and name.endswith("Client")
        ]  # fmt: skip
        made = typed(keys, "ap-guangzhou", profile)
    if setup.get("keepAlive"):
        KEPT[service, version] = made
    return made


def send(api: AbstractClient, call: dict[str, Any]) -> Any:
    """The typed method with its request model when the SDK has them and the model takes the
    parameters (tke ModifyRollOutSequence's example has strings for objects), else
    `call_json`."""
    version = "v" + call["version"].replace("-", "")
    action = call["action"]
    try:
        models = importlib.import_module(f"tencentcloud.{call['service']}.{version}.models")
        request = getattr(models, f"{action}Request")()
        method = getattr(api, action)
        request.from_json_string(json.dumps(call["params"]))
    except (ImportError, AttributeError, TypeError):  # no model, or one that refuses: sent as is
        return api.call_json(action, call["params"])
    if "body" in inspect.signature(method).parameters:  # cls UploadLog: a binary body too
        return method(request, b"")
    return method(request)


def run(setup: dict[str, Any], call: dict[str, Any]) -> dict[str, Any]:
    api = client(setup, call["service"], call["version"])
    try:
        answer = send(api, call)
        if isinstance(answer, dict):
            return {"ok": True, "response": answer.get("Response", answer)}
        if hasattr(answer, "to_json_string"):
            return {"ok": True, "response": json.loads(answer.to_json_string())}
        # the SDK's event iterator (`call_sse`)
        return {"ok": True, "events": [json.loads(event["data"]) for event in answer]}
    except TencentCloudSDKException as exc:
        return {"ok": False, "code": exc.code, "message": exc.message, "requestId": exc.requestId}
    except Exception as exc:  # the SDK choked on the answer: reported, not the run's end
        return {"ok": False, "code": f"Python:{type(exc).__name__}", "message": str(exc)}


def main() -> None:
    setup = json.load(sys.stdin)
    for call in setup["calls"]:
        start = time.perf_counter()
        outcome = run(setup, call)
        outcome["ms"] = (time.perf_counter() - start) * 1000
        print(json.dumps(outcome), flush=True)


if __name__ == "__main__":
    main()
