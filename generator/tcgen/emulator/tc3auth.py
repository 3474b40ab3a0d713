"""TC3-HMAC-SHA256 as a `requests` auth: any tool built on requests can call Tencent's API.

A tool that sends an OpenAPI operation (Schemathesis, a script over `tcgen export openapi`)
knows nothing of TC3; given `auth=TC3Auth(...)`, requests hands it the prepared request, the
bytes that will travel, and it stamps `X-TC-Timestamp` and signs them with the runtime's own
`signing.sign` (the function the mock verifies with), so the signature is the client's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

import requests

from tcgen.runtime import signing


class TC3Auth(requests.auth.AuthBase):
    """Signs each request for `service` (the credential scope's service) with a key pair.

    `X-TC-Token` is the credentials' own: `token` for temporary credentials, else none, also
    when the request carried one (a tool fills the optional header with anything, and a token
    beside a long-term key is `AuthFailure.TokenFailure`)."""

    def __init__(
        self,
        secret_id: str,
        secret_key: str,
        service: str,
        clock: Callable[[], float] = time.time,
        token: str | None = None,
    ) -> None:
        self.secret_id = secret_id
        self.secret_key = secret_key
        self.service = service
        self.clock = clock
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(request.url or "")
        timestamp = int(self.clock())
        body = request.body or b""
        payload = body.encode("utf-8") if isinstance(body, str) else body
        request.headers["X-TC-Timestamp"] = str(timestamp)
        request.headers.pop("X-TC-Token", None)
        if self.token:
            request.headers["X-TC-Token"] = self.token
        parts = signing.sign(
            secret_id=self.secret_id,
            secret_key=self.secret_key,
            service=self.service,
            host=request.headers.get("Host") or url.netloc,
            method=request.method or "POST",
            query=url.query,
            content_type=request.headers.get("Content-Type", ""),
            payload=payload,
            timestamp=timestamp,
        )
        request.headers["Authorization"] = parts.authorization
        return request
