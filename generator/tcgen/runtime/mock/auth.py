"""Verify a request's signature the way the real endpoint does, with Tencent's AuthFailure codes.

The signature is recomputed with the client's own signing functions (`signing`, `v1signing`)
over the Host header and Content-Type exactly as received: tccli with
`--endpoint http://127.0.0.1:8080` signs `Host: http://127.0.0.1:8080`, and a server that
normalised the header would reject every correct tccli call.

The canonical URI is `/` (API 3.0 is served at the root), or the request's own path: the
Node.js SDK signs the path of its URL, and a client reaching a service through `tcgen mock`'s
path (`http://127.0.0.1:PORT/cvm/`) calls another path than `/`.

The credential scope's service (`Credential=<id>/<date>/<service>/tc3_request`) must name this
service, or be exactly what an official SDK derives from the address it was given when that
address is a loopback/IP address rather than a Tencent host: the Node.js SDK takes the first
dot-separated label of its `endpoint`, so `127.0.0.1:PORT` signs `.../127/...` and
`localhost:PORT` signs `.../localhost:PORT/...` (`local_scope`). A scope naming any other
service is refused with `AuthFailure.SignatureFailure`, as Tencent refuses it.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterable, Mapping

from .. import signing
from . import v1signing
from .fault import Fault
from .request import V1, ApiRequest

_SECONDS = re.compile(r"[0-9]{1,12}")
"""Unix seconds as Tencent takes them: ASCII digits only (`int()` also reads `1_7`, ` 17`)."""
MAX_SKEW = 300
"""Seconds a request timestamp may differ from the server clock."""
SKIP = "SKIP"
"""The Authorization of a call sent unsigned (the official SDK's `SkipSign`), which actions
marked `unsigned` (STS AssumeRoleWithWebIdentity) accept."""

_AUTHORIZATION = re.compile(
    r"TC3-HMAC-SHA256 Credential=(?P<secret_id>[^/\s,]+)/(?P<date>\d{4}-\d{2}-\d{2})/"
    r"(?P<service>[^/\s,]+)/tc3_request, *SignedHeaders=(?P<signed>[a-z0-9;-]+), *"
    r"Signature=(?P<signature>[0-9a-f]{64})"
)


_LOCAL_ADDRESS = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?", re.IGNORECASE
)


def local_scope(host: str) -> str | None:
    """The scope service an SDK derives from `host` (its first label) when `host` is an IP
    address or `localhost`, with or without port and scheme; None for any other host."""
    address = host.split("://", 1)[-1].rstrip("/")
    if _LOCAL_ADDRESS.fullmatch(address) is None:
        return None
    return address.split(".", 1)[0]


def scope_accepted(scope: str, service: str, host: str) -> bool:
    """Whether a TC3 credential scope's service is acceptable for `service` reached at `host`."""
    return scope == service or (scope != "" and scope == local_scope(host))


def signed_hosts(host: str) -> list[str]:
    """The `host` values a correct TC3 signature may cover: the Host header as received and,
    when it carries a port, the header without it (the Node.js SDK signs the URL's hostname)."""
    bare = re.sub(r":\d{1,5}$", "", host)
    return [host] if bare == host else [host, bare]


def _invalid(message: str) -> Fault:
    return Fault("AuthFailure.InvalidAuthorization", message)


def _timestamp(text: str | None, name: str, now: float) -> int:
    if not text:
        raise Fault("MissingParameter", f"missing required parameter {name}")
    if not _SECONDS.fullmatch(text):
        raise Fault("InvalidParameterValue", f"{name} must be Unix seconds, got {text!r}")
    timestamp = int(text)
    if abs(now - timestamp) > MAX_SKEW:
        raise Fault(
            "AuthFailure.SignatureExpire",
            f"{name} {timestamp} is more than {MAX_SKEW} s from the server time {int(now)}",
        )
    return timestamp


def _secret_key(keys: Mapping[str, str], secret_id: str) -> str:
    secret_key = keys.get(secret_id)
    if secret_key is None:
        raise Fault("AuthFailure.SecretIdNotFound", f"SecretId {secret_id} does not exist")
    return secret_key


def _mismatch(expected: str, received: str) -> None:
    _mismatch_all([expected], received)


def _mismatch_all(expected: Iterable[str], received: str) -> None:
    if not any(hmac.compare_digest(one.encode(), received.encode()) for one in expected):
        raise Fault("AuthFailure.SignatureFailure", "the request signature does not match")


def _canonical_headers(
    request: ApiRequest, names: list[str], host: str
) -> list[tuple[tuple[str, str], ...] | None]:
    """The signed headers a correct signature may cover, built from the request's own
    headers: None for the usual `content-type;host` (values exactly as sent); for any other
    set, each value trimmed as sent and also lowercased (Tencent's documentation and
    TecoSigner lowercase values; the official SDKs never sign more than the two)."""
    if names == ["content-type", "host"]:
        return [None]
    sent = [(name, host if name == "host" else request.headers[name].strip()) for name in names]
    lowered = [(name, value.lower()) for name, value in sent]
    return [tuple(sent)] if lowered == sent else [tuple(sent), tuple(lowered)]


def _verify_tc3(
    request: ApiRequest, keys: Mapping[str, str] | None, service: str, now: float
) -> str:
    match = _AUTHORIZATION.fullmatch(request.headers.get("authorization", "").strip())
    if match is None:
        raise _invalid(
            "Authorization must be 'TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/"
            "tc3_request, SignedHeaders=content-type;host, Signature=<hex>'"
        )
    names = match["signed"].split(";")
    if not {"content-type", "host"} <= set(names):
        raise _invalid(f"SignedHeaders must include content-type and host, got {match['signed']}")
    absent = [name for name in names if name not in request.headers]
    if absent:
        raise _invalid(f"the signed header {absent[0]} is not in the request")
    timestamp = _timestamp(request.headers.get("x-tc-timestamp"), "X-TC-Timestamp", now)
    secret_id = match["secret_id"]
    if keys is None:
        return secret_id
    secret_key = _secret_key(keys, secret_id)
    scope, date = match["service"], signing.utc_date(timestamp)
    if not scope_accepted(scope, service, request.host) or match["date"] != date:
        raise Fault(
            "AuthFailure.SignatureFailure",
            f"credential scope {match['date']}/{scope} does not match {date}/{service}",
        )
    expected = (  # lazily: the usual first candidate matches, and the rest cost an HMAC each
        signing.sign(
            secret_id=secret_id,
            secret_key=secret_key,
            service=scope,
            host=host,
            method=request.method,
            query=request.query,
            content_type=request.content_type,
            payload=request.body if request.method == "POST" else b"",
            timestamp=timestamp,
            unsigned_payload=request.headers.get("x-tc-content-sha256") == signing.UNSIGNED_PAYLOAD,
            headers=headers,
            path=path,
        ).signature
        for host in signed_hosts(request.host)
        for headers in _canonical_headers(request, names, host)
        for path in dict.fromkeys(("/", request.path))
    )
    _mismatch_all(expected, match["signature"])
    return secret_id


def _verify_v1(request: ApiRequest, keys: Mapping[str, str] | None, now: float) -> str:
    fields = request.fields
    secret_id, received = fields.get("SecretId"), fields.get(v1signing.SIGNATURE)
    if not secret_id or not received:
        raise _invalid("send an Authorization header (TC3) or SecretId and Signature fields (v1)")
    method = fields.get("SignatureMethod", "HmacSHA1")
    if method not in v1signing.DIGESTS:
        raise _invalid(f"SignatureMethod must be one of {', '.join(v1signing.DIGESTS)}")
    _timestamp(fields.get("Timestamp"), "Timestamp", now)
    if not fields.get("Nonce"):
        raise Fault("MissingParameter", "missing required parameter Nonce")
    if keys is None:
        return secret_id
    # the Python SDK given an endpoint with a path sends it in Host too, and signs it once
    path = "/" if "/" in request.host.split("://", 1)[-1] else request.path
    text = v1signing.string_to_sign(request.method, request.host, path, fields)
    _mismatch(v1signing.signature(_secret_key(keys, secret_id), text, method), received)
    return secret_id


def authenticate(
    request: ApiRequest,
    keys: Mapping[str, str] | None,
    service: str,
    now: float,
    unsigned: bool = False,
) -> str:
    """The caller's SecretId once the signature checks out; `keys=None` accepts any key pair.

    An `unsigned` action also takes `Authorization: SKIP` (its caller is then "").
    """
    if unsigned and _skipped(request):
        return ""
    if request.style == V1:
        return _verify_v1(request, keys, now)
    return _verify_tc3(request, keys, service, now)


def signature_method(request: ApiRequest) -> str:
    """How the request was signed, for the call log."""
    if request.style == V1:
        return request.fields.get("SignatureMethod", "HmacSHA1")
    return SKIP if _skipped(request) else signing.ALGORITHM


def _skipped(request: ApiRequest) -> bool:
    return request.style != V1 and request.headers.get("authorization", "").strip() == SKIP
