"""Run API calls through the domestic tencentcloud-sdk-python, unchanged (a subprocess, so
its `tencentcloud` package is the only one imported). argv[1]: its `pip --target` directory;
stdin: JSON {endpoint, secret: [id, key] or [id, key, token], calls: [{service, version,
action, params}]}; stdout: one JSON line per call, {"ok": true, "response": ...} (a streamed
answer: {"ok": true, "events": [each event's data as JSON]}) or {"ok": false, "code": ...}."""

from __future__ import annotations

import importlib
import json
import sys
from typing import Any

sys.path.insert(0, sys.argv[1])

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile


def run(setup: dict[str, Any], call: dict[str, Any]) -> dict[str, Any]:
    service, version = call["service"], "v" + call["version"].replace("-", "")
    package = f"tencentcloud.{service}.{version}"
    models = importlib.import_module(f"{package}.models")
    module = importlib.import_module(f"{package}.{service}_client")
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=setup["endpoint"], protocol="http"))
    client = getattr(module, f"{service.capitalize()}Client")(
        credential.Credential(*setup["secret"]), "ap-guangzhou", profile
    )
    request = getattr(models, f"{call['action']}Request")()
    request.from_json_string(json.dumps(call["params"]))
    try:
        answer = getattr(client, call["action"])(request)
        if not hasattr(answer, "to_json_string"):  # the SDK's event iterator (`call_sse`)
            return {"ok": True, "events": [json.loads(event["data"]) for event in answer]}
    except TencentCloudSDKException as exc:
        return {"ok": False, "code": exc.code, "message": exc.message}
    return {"ok": True, "response": json.loads(answer.to_json_string())}


def main() -> None:
    setup = json.load(sys.stdin)
    for call in setup["calls"]:
        print(json.dumps(run(setup, call)), flush=True)


if __name__ == "__main__":
    main()
