"""Read one WSGI request into what the mock checks: envelope, signature inputs, parameters.

Three request shapes reach a Tencent endpoint: TC3 POST with a JSON body, TC3 GET with the
flattened parameters in the query, and the legacy v1 signature (GET query or form POST) with
the common parameters among the others. `read` sorts that out once, enforcing Tencent's
method and size rules before anything else looks at the bytes.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from ..meta import MULTIPART, Body, Member
from .fault import Fault
from .wireform import coerce_params, unflatten

TC3, V1 = "TC3-HMAC-SHA256", "v1"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
KB, MB = 1024, 1024 * 1024
LIMITS = {("GET", TC3): 32 * KB, ("GET", V1): 32 * KB, ("POST", TC3): 10 * MB, ("POST", V1): MB}
MAX_DEPTH = 64
"""Levels of nesting a request may have; deeper is `InvalidParameter`, never a crash."""
V1_COMMON = frozenset(
    {
        "Action", "Version", "Region", "Timestamp", "Nonce", "SecretId", "SignatureMethod",
        "Signature", "Token", "Language", "RequestClient",
    }
)  # fmt: skip
"""Tencent's common parameters: in a v1 form (and a page's GET example) they sit among the
action's parameters but are none of them."""


@dataclass(frozen=True)
class ApiRequest:
    """One API call as received; `fields` are the v1 form fields (empty for TC3)."""

    method: str
    style: str
    host: str
    path: str
    query: str
    content_type: str
    body: bytes
    headers: Mapping[str, str]
    fields: Mapping[str, str]

    def common(self, name: str) -> str | None:
        """A common parameter: `X-TC-<name>` header for TC3, the `<name>` field for v1."""
        if self.style == V1:
            return self.fields.get(name)
        return self.headers.get(f"x-tc-{name.lower()}")


def _headers(environ: Mapping[str, Any]) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = str(environ["CONTENT_TYPE"])
    return headers


def _media_type(content_type: str) -> str:
    return content_type.partition(";")[0].strip().lower()


def _form(text: str) -> dict[str, str]:
    """Form fields of a query or body; a field sent twice is a fault, not a silent overwrite."""
    fields: dict[str, str] = {}
    for key, value in parse_qsl(text, keep_blank_values=True, errors="replace"):
        if key in fields:
            raise Fault("InvalidParameter", f"{key} is given more than once")
        fields[key] = value
    return fields


def _too_large(limit: int) -> Fault:
    return Fault("RequestSizeLimitExceeded", f"the request is larger than {limit} bytes")


def _read_body(environ: Mapping[str, Any], budget: int, limit: int) -> bytes:
    """The body, refused from its Content-Length alone when it would exceed the budget."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Fault("InvalidParameter", "Content-Length is not a number") from None
    if length > budget:
        raise _too_large(limit)
    body: bytes = environ["wsgi.input"].read(length) if length > 0 else b""
    return body


def read(environ: Mapping[str, Any]) -> ApiRequest:
    """The request behind a WSGI environ; faults on method, size and undecodable forms."""
    method = str(environ.get("REQUEST_METHOD", ""))
    if method not in ("GET", "POST"):
        raise Fault(
            "UnsupportedProtocol", f"HTTP method {method} is not supported: use GET or POST"
        )
    headers = _headers(environ)
    content_type = headers.get("content-type", "")
    query = str(environ.get("QUERY_STRING", "")).encode("latin-1").decode("utf-8", "replace")
    signed_by_header = "authorization" in headers
    style = (
        TC3 if signed_by_header or (method == "POST" and _media_type(content_type) != FORM) else V1
    )
    limit = LIMITS[(method, style)]
    budget = limit - (len(query) if method == "GET" else 0)
    if budget < 0:
        raise _too_large(limit)
    body = _read_body(environ, budget, limit)
    fields: dict[str, str] = {}
    if style == V1:
        fields = _form(query if method == "GET" else body.decode("utf-8", "replace"))
    return ApiRequest(
        method=method,
        style=style,
        host=headers.get("host", ""),
        path=str(environ.get("PATH_INFO", "")) or "/",
        query=query,
        content_type=content_type,
        body=body,
        headers=headers,
        fields=fields,
    )


def _multipart_params(request: ApiRequest) -> dict[str, Any]:
    """The parameters of a TC3 `multipart/form-data` POST, one part each, as the official
    SDK writes them (`IsMultipart`): text as is, `Content-Type: application/json` parts
    decoded, file parts (`filename=`) as their bytes decoded as Latin-1 (no byte is lost)."""
    head = f"Content-Type: {request.content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    if not message.is_multipart() or message.defects:
        # Tencent's common error code for it, with its documented description (the Common
        # Error Codes of every API 3.0 error-code page, spec/common-errors.json).
        raise Fault(BAD_MULTIPART, "The multipart format of the request body is incorrect.")
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            raise Fault("InvalidParameter", "a multipart part has no name")
        data = part.get_payload(decode=True)
        raw = data if isinstance(data, bytes) else b""
        if part.get_content_type() == JSON:
            try:
                params[name] = json.loads(raw, parse_constant=_not_a_number, parse_float=_finite)
            except (ValueError, RecursionError):
                raise Fault("InvalidParameter", f"part {name} is not valid JSON") from None
        else:
            binary = part.get_param("filename", header="content-disposition") is not None
            params[name] = raw.decode("latin-1" if binary else "utf-8", "replace")
    return params


BAD_MULTIPART = "InvalidRequest"
"""The common code of a multipart body that cannot be read."""


def _unsupported(request: ApiRequest) -> Fault:
    """Tencent's refusal of a body type the action does not take. The official Python SDK's
    integration test of `IsMultipart` on cvm DescribeZones (tests/integration/common/
    test_multipart.py) expects this message; the code is the one a CloudBase client
    documents for the same refusal of JSON sent to tcb's multipart UploadFile."""
    media = _media_type(request.content_type) or "(none)"
    return Fault("UnsupportedProtocol", f"this action not support Content-Type=`{media}`")


def _json_params(request: ApiRequest) -> dict[str, Any]:
    if _media_type(request.content_type) != JSON:
        raise _unsupported(request)
    if not request.body.strip():
        raise Fault("InvalidParameter", "the request body is empty: send a JSON object")
    try:
        params = json.loads(
            request.body.decode("utf-8"), parse_constant=_not_a_number, parse_float=_finite
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Fault("InvalidParameter", "the request body is not valid UTF-8 JSON") from None
    if not isinstance(params, dict):
        raise Fault("InvalidParameter", "the request body must be a JSON object")
    return params


def _body_params(request: ApiRequest, body: Body, members: tuple[Member, ...]) -> dict[str, str]:
    """The parameters of a raw-body upload (the spec's `body` block): its Content-Type is the
    block's, its body not empty, and its parameters the `<prefix><Name>` headers."""
    if request.method != "POST" or request.style != TC3:
        raise Fault("InvalidParameter", f"send this action as a TC3 POST of {body.content_type}")
    if _media_type(request.content_type) != body.content_type:
        raise _unsupported(request)
    if not request.body:
        raise Fault("InvalidParameter", "the request body is empty: send the data to upload")
    prefix = (body.header_prefix or "").lower()
    names = {name.lower(): name for name, _, _ in members}
    return {
        names[header[len(prefix) :]]: value
        for header, value in request.headers.items()
        if prefix and header.startswith(prefix) and header[len(prefix) :] in names
    }


def _not_a_number(text: str) -> float:
    """`NaN`, `Infinity`: Python's JSON reads them, but they are no JSON number."""
    raise Fault("InvalidParameterValue", f"{text} is not a number JSON allows")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise Fault("InvalidParameterValue", f"{text} is too large for a number")
    return number


def check_depth(value: Any, limit: int = MAX_DEPTH) -> None:
    """Refuse values nested deeper than `limit` (no Tencent structure comes close), checked
    without recursion, so nothing later can overflow the stack on them."""
    level: list[Any] = [value]
    for _ in range(limit + 1):
        level = [
            child
            for node in level
            if isinstance(node, (dict, list))
            for child in (node.values() if isinstance(node, dict) else node)
        ]
        if not level:
            return
    raise Fault("InvalidParameter", f"the parameters are nested more than {limit} levels deep")


def params(
    request: ApiRequest,
    members: tuple[Member, ...],
    structures: Mapping[str, tuple[Member, ...]],
    body: Body | None = None,
) -> dict[str, Any]:
    """The action parameters as JSON values; flattened forms are unflattened and typed by spec,
    a raw-body upload's header parameters typed likewise."""
    if body is not None and body.content_type != MULTIPART:
        return coerce_params(_body_params(request, body, members), members, structures)
    if request.style == TC3 and request.method == "POST":
        multipart = _media_type(request.content_type) == MULTIPART
        if multipart != (body is not None):  # multipart only for, and always for, its actions
            raise _unsupported(request)
        if multipart:
            decoded = _multipart_params(request)
            check_depth(decoded)
            return coerce_params(decoded, members, structures)
        decoded = _json_params(request)
        check_depth(decoded)
        return decoded
    if request.style == TC3:
        pairs = list(_form(request.query).items())
    else:
        pairs = [(key, value) for key, value in request.fields.items() if key not in V1_COMMON]
    if any(key.count(".") > MAX_DEPTH for key, _ in pairs):
        raise Fault("InvalidParameter", f"the parameters are nested more than {MAX_DEPTH} levels")
    return coerce_params(unflatten(pairs), members, structures)
