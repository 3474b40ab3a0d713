"""Read Tencent's answer: the `Response` object, or the API error it carries, raised.

The same for both HTTP backends and for every caller (client, CLI).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .exceptions import APIError, MalformedResponseError


def parse_response(
    status: int, content: bytes, error_class: Callable[[str], type[APIError]]
) -> dict[str, Any]:
    """The `Response` object of a Tencent answer, or the matching APIError raised.

    A well-formed `Response.Error` is the API's answer whatever the HTTP status; anything
    else that is not HTTP 200 with a `Response` object (HTML error pages, proxies' plain text,
    truncated JSON) is a MalformedResponseError carrying the status and body.
    """
    try:
        document = json.loads(content)
        response = document["Response"]
    except (ValueError, KeyError, TypeError, RecursionError):
        raise MalformedResponseError(
            f"HTTP {status}: not a Tencent Cloud API response: {content[:200]!r}", status, content
        ) from None
    if not isinstance(response, dict):
        raise MalformedResponseError(f"HTTP {status}: 'Response' is not an object", status, content)
    error = response.get("Error")
    if error is not None:
        if not isinstance(error, dict) or "Code" not in error:
            raise MalformedResponseError(f"HTTP {status}: malformed 'Error'", status, content)
        code = str(error["Code"])
        request_id = str(response.get("RequestId", ""))
        raise error_class(code)(code, str(error.get("Message", "")), request_id)
    if status != 200:
        raise MalformedResponseError(
            f"HTTP {status}: a 'Response' without 'Error' on a failed request", status, content
        )
    return response


def raise_error(
    response: dict[str, Any], error_class: Callable[[str], type[APIError]], request_id: str = ""
) -> None:
    """Raise the APIError of a `Response`-shaped object (or event) that carries `Error`."""
    error = response.get("Error")
    if isinstance(error, dict) and "Code" in error:
        code = str(error["Code"])
        found = str(response.get("RequestId", request_id))
        raise error_class(code)(code, str(error.get("Message", "")), found)
