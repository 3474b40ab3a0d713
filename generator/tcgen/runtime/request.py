"""Build and sign one API call: the exact bytes the official SDK would send.

Everything action-specific arrives as data (action name, wire parameters), so the client,
the CLI and `--dry-run` share this one path. Requests are built the way the official SDK
builds them (same JSON body, same GET query), so their signatures are byte-identical.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from . import signing
from .credentials import Credentials
from .exceptions import ParameterError
from .meta import MULTIPART, Body

USER_AGENT = "tcgen-python"
JSON_CONTENT = "application/json"
FORM_CONTENT = "application/x-www-form-urlencoded"

_SIGNATURE = re.compile(r"Signature=\w+")
_SETTING = re.compile(r"[A-Za-z0-9_.-]+")
"""What a region or a language may hold: they travel as header values, so CR/LF (a header
injection) or a space must stop here, not as http.client's raw ValueError."""


def check_setting(name: str, value: str | None) -> str | None:
    """`value` if it is a well-formed region/language name (or empty), else ParameterError."""
    if value and not _SETTING.fullmatch(value):
        raise ParameterError(
            "InvalidParameterValue",
            name,
            f"{name} {value!r}: expected letters, digits, '-', '_' or '.' (e.g. ap-guangzhou)",
        )
    return value


@dataclass(frozen=True)
class PreparedCall:
    """A fully signed request, ready to send (or to print for `--dry-run`)."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes

    def safe_headers(self) -> dict[str, str]:
        """Headers fit for logs: the signature and the session token are masked."""
        safe = dict(self.headers)
        safe["Authorization"] = _SIGNATURE.sub("Signature=***", safe["Authorization"])
        if "X-TC-Token" in safe:
            safe["X-TC-Token"] = "***"
        return safe


@dataclass
class Endpoint:
    """Where calls go: scheme + host (+ port); `Host` is sent and signed as the host part."""

    url: str

    @classmethod
    def parse(cls, endpoint: str) -> Endpoint:
        """`live.tencentcloudapi.com` or `http://127.0.0.1:8080` (scheme optional)."""
        url = endpoint if "://" in endpoint else f"https://{endpoint}"
        return cls(url.rstrip("/") + "/")

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


def prepare_call(
    *,
    service: str,
    version: str,
    endpoint: Endpoint,
    credentials: Credentials,
    action: str,
    params: Mapping[str, Any],
    timestamp: int,
    method: str = "POST",
    region: str | None = None,
    language: str | None = None,
    request_client: str = USER_AGENT,
    upload: tuple[Body, bytes] | None = None,
) -> PreparedCall:
    """Sign a call; POST sends JSON, GET sends the flattened parameters in the query, and an
    `upload` (an action's `Body` and the bytes) sends the bytes as the official SDK's
    `call_octet_stream` does: its content type, the parameters as `<prefix><Name>` headers
    (a multipart action's parameters are the form's parts, `multipart`)."""
    check_setting("region", region)
    check_setting("language", language)
    extra: dict[str, str] = {}
    if upload is not None and upload[0].content_type == MULTIPART:
        boundary = os.urandom(16).hex()
        method, query, body = "POST", "", multipart(params, boundary, upload[0].binary)
        content_type = f"{MULTIPART}; boundary={boundary}"  # signed as sent, as the SDK does
    elif upload is not None:
        meta, data = upload
        method, content_type, query, body = "POST", meta.content_type, "", data
        prefix = meta.header_prefix or ""
        extra = {f"{prefix}{name}": _header(value) for name, value in params.items() if prefix}
    elif method == "GET":
        content_type = FORM_CONTENT
        query = urlencode(list(flatten(params).items()))
        body = b""
    else:
        content_type = JSON_CONTENT
        query = ""
        body = json.dumps(params).encode("utf-8")  # the SDK's exact bytes (ASCII, ", ")
    host = endpoint.host
    parts = signing.sign(
        secret_id=credentials.secret_id,
        secret_key=credentials.secret_key,
        service=service,
        host=host,
        method=method,
        query=query,
        content_type=content_type,
        payload=body,
        timestamp=timestamp,
    )
    headers = {
        "Authorization": parts.authorization,
        "Content-Type": content_type,
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Version": version,
        "X-TC-RequestClient": request_client,
    }
    if region:
        headers["X-TC-Region"] = region
    if credentials.token:
        headers["X-TC-Token"] = credentials.token
    if language:
        headers["X-TC-Language"] = language
    headers.update(extra)
    url = endpoint.url + (f"?{query}" if query else "")
    return PreparedCall(method, url, headers, body)


def multipart(params: Mapping[str, Any], boundary: str, binary: Container[str] = ()) -> bytes:
    """`params` as `multipart/form-data` parts, as the official SDK's `IsMultipart` writes
    them: text as is, structures and arrays as `application/json` parts, bytes and the
    `binary` members (`BinaryParams`; text as UTF-8) as a file part named like the
    parameter; other values as their JSON text."""
    mark = boundary.encode("ascii")
    parts = []
    for name, value in params.items():
        head = b'--%s\r\nContent-Disposition: form-data; name="%s"' % (mark, name.encode())
        if name in binary and isinstance(value, str):
            value = value.encode("utf-8")
        if isinstance(value, bytes):
            head, data = head + b'; filename="%s"\r\n' % name.encode(), value
        elif isinstance(value, (dict, list)):
            head += b"\r\nContent-Type: application/json\r\n"
            data = json.dumps(value).encode("utf-8")
        else:
            head, data = head + b"\r\n", _header(value).encode("utf-8")
        parts.append(head + b"\r\n" + data + b"\r\n")
    return b"".join(parts) + (b"--%s--\r\n" % mark if parts else b"")


def _header(value: Any) -> str:
    """A parameter as a header value: text as is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Tencent's GET form as the official SDK builds it: `{"A": [{"B": 1}]}` -> `{"A.0.B": "1"}`.

    Order is kept and None values are dropped; values are `str()`-ed like `urlencode` does, so
    booleans travel as `True`/`False`, exactly what the official SDK and tccli send and sign.
    """
    if value is None:
        return {}
    if isinstance(value, Mapping):
        items: dict[str, str] = {}
        for key, inner in value.items():
            items.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return items
    if isinstance(value, (list, tuple)):
        items = {}
        for index, inner in enumerate(value):
            items.update(flatten(inner, f"{prefix}.{index}" if prefix else str(index)))
        return items
    return {prefix: str(value)}
