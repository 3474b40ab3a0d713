"""The official Python SDK (tencentcloud-sdk-python-intl-en) against a `tcgen mock` endpoint:
one typed client per service, each call a typed request and the answer as the SDK parsed it."""

from __future__ import annotations

import importlib
import json
from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

SECRET_ID, SECRET_KEY = "AKIDscenario", "scenario-secret-key"
REGION = "ap-guangzhou"


class Cloud:
    """Calls `service` `action`s at `endpoint` (`127.0.0.1:PORT`) through the SDK's clients."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._clients: dict[str, Any] = {}

    def _client(self, service: str, version: str) -> tuple[Any, Any]:
        package = f"tencentcloud.{service}.{version}"
        models = importlib.import_module(f"{package}.models")
        if service not in self._clients:
            module = importlib.import_module(f"{package}.{service}_client")
            http = HttpProfile(endpoint=self.endpoint, protocol="http")
            client_class = getattr(module, f"{service.capitalize()}Client")
            secret = credential.Credential(SECRET_ID, SECRET_KEY)
            profile = ClientProfile(httpProfile=http)
            self._clients[service] = client_class(secret, REGION, profile)
        return self._clients[service], models

    def call(self, service: str, version: str, action: str, **params: Any) -> dict[str, Any]:
        """The answer of `action` as a dict (what the SDK's response model holds)."""
        client, models = self._client(service, version)
        request = getattr(models, f"{action}Request")()
        request.from_json_string(json.dumps(params))
        answer: dict[str, Any] = json.loads(getattr(client, action)(request).to_json_string())
        return answer

    def fails(self, service: str, version: str, action: str, **params: Any) -> str:
        """The error code `action` answers (the test fails if it succeeds)."""
        try:
            self.call(service, version, action, **params)
        except TencentCloudSDKException as exc:
            return str(exc.code)
        raise AssertionError(f"{service} {action} succeeded")
