"""Exception bases of a generated package.

`errors.py` derives one class per documented error code from `APIError`; transport and
response problems get their own types so callers can tell "the API said no" from "we never
got a well-formed answer".
"""

from __future__ import annotations


class TencentCloudError(Exception):
    """Base of every error this package raises."""


class ParameterError(TencentCloudError, ValueError):
    """Client-side validation failed before anything was sent; names the parameter."""

    def __init__(self, code: str, parameter: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.parameter = parameter
        self.message = message


class CredentialError(TencentCloudError):
    """No usable credentials were found; the message says where the client looked."""


class TransportError(TencentCloudError):
    """The request did not complete (connection refused, timeout, TLS, ...)."""


class MalformedResponseError(TencentCloudError):
    """The server answered, but not with a Tencent Cloud API 3.0 response."""

    def __init__(self, message: str, status: int | None = None, body: bytes = b"") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class APIError(TencentCloudError):
    """An error answered by the API (`Response.Error`); subclassed per error code."""

    code: str = ""

    def __init__(self, code: str, message: str, request_id: str) -> None:
        super().__init__(f"[{code}] {message} (RequestId: {request_id})")
        self.code = code
        self.message = message
        self.request_id = request_id
