"""Parse tccli's examples (HTTP text, as the pages print them) into spec example objects.

tccli keeps each example's request as the page's HTTP text: a `POST` with headers and a JSON
body, or a GET URL whose parameters follow on `&Name=value` lines (decoded by
`query_params`, as `tcgen capture` decodes the pages' own). The response is the JSON text
`{"Response": {...}}`, or for a streamed action Server-Sent Events (`data: {...}` blocks),
kept as the example's `events` (the data of each). The spec stores data instead
(`request: {method, params}`, `response`: the object under `Response`) so tests and the mock
can replay it. A bare JSON object is read as a POST
body, the only way the API accepts JSON. Anything else raises ExampleError: documentation
examples are often hand-edited and invalid, and the importer reports those rather than guess.
"""

from __future__ import annotations

import json
from typing import Any

from tcgen.spec import jsontext
from tcgen.spec.events import parse_events, request_id, streamed
from tcgen.spec.query_params import MemberTypes, ParameterTypes, QueryError, decode_query, retype

JSON = dict[str, Any]


class ExampleError(Exception):
    """An example that cannot be read; `part` is the tccli key at fault (input or output)."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part


def parse_example(
    raw: JSON,
    number: int,
    inputs: ParameterTypes,
    outputs: ParameterTypes,
    structures: MemberTypes,
) -> JSON:
    """One spec example from a tccli example; `number` (1-based) titles an untitled one.

    Values are typed by the declared parameters where the text gets them wrong in a lossless
    way (`"1000"` for an Integer, `1` for a String): the spec's examples must be requests and
    responses the API accepts and returns, or the client and the mock rightly reject them.
    """
    output = raw.get("output")
    types = {**outputs, "RequestId": "String"}
    events = _events(output) if isinstance(output, str) and streamed(output) else None
    example: JSON = {
        "title": str(raw.get("title") or "").strip() or f"Example {number}",
        "request": _request(raw.get("input"), inputs, structures),
    }
    if events is None:
        example["response"] = retype(_response(output), types, structures)
    else:
        example["response"] = request_id(events)
        example["events"] = [retype(event, types, structures) for event in events]
    description = str(raw.get("document") or "").strip()
    if description:
        example["description"] = description
    return example


def _request(text: object, inputs: ParameterTypes, structures: MemberTypes) -> JSON:
    if not isinstance(text, str):
        raise ExampleError("input", "the example has no request text")
    text = text.strip()
    if text.startswith(("POST", "{")):
        body = _json_body(text)
        if _header_shaped(body):  # a binary upload: the parameters are the non-HTTP headers
            body = {key: value for key, value in body.items() if not _http_header(key)}
        return {"method": "POST", "params": retype(body, inputs, structures)}
    if text.startswith(("http://", "https://", "GET")):
        try:
            params = decode_query(text, inputs, structures)
        except QueryError as exc:
            raise ExampleError("input", f"GET query: {exc}") from None
        return {"method": "GET", "params": params}
    raise ExampleError("input", "the request is neither a POST with a JSON body nor a GET URL")


def _json_body(text: str) -> JSON:
    start = text.find("{")
    if start < 0:
        raise ExampleError("input", "the POST request has no JSON body")
    try:
        body, end = jsontext.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ExampleError("input", f"the request body is not JSON: {_where(exc)}") from None
    if text[end:].strip() and not _header_shaped(body):
        raise ExampleError("input", "text follows the request's JSON body")
    if not isinstance(body, dict):
        raise ExampleError("input", "the request body is not a JSON object")
    return body


def _response(text: object) -> JSON:
    if not isinstance(text, str):
        raise ExampleError("output", "the example has no response text")
    try:
        body = jsontext.loads(text)
    except json.JSONDecodeError as exc:
        raise ExampleError("output", f"the response is not JSON: {_where(exc)}") from None
    response = body.get("Response") if isinstance(body, dict) else None
    if not isinstance(response, dict):
        raise ExampleError("output", "the response has no 'Response' object")
    if not isinstance(response.get("RequestId", ""), str):
        raise ExampleError("output", "the response's RequestId is not a string")
    return response


HTTP_HEADERS = frozenset({"host", "content-type", "content-length", "authorization"})


def _http_header(name: str) -> bool:
    return name.lower() in HTTP_HEADERS or name.lower().startswith("x-tc-")


def _header_shaped(body: object) -> bool:
    """Whether a request's JSON object is its headers (an `X-TC-Action` and a Content-Type
    other than JSON): cls UploadLog's example, whose body is binary."""
    if not isinstance(body, dict) or "X-TC-Action" not in body:
        return False
    content_type = str(body.get("Content-Type", "application/json"))
    return not content_type.startswith("application/json")


def binary_upload(raw: JSON) -> bool:
    """Whether a tccli example shows a binary upload (`_header_shaped` request text)."""
    text = raw.get("input")
    if not isinstance(text, str) or not text.strip().startswith(("POST", "{")):
        return False
    try:
        return _header_shaped(_json_body(text.strip()))
    except ExampleError:
        return False


def _events(text: str) -> list[JSON]:
    try:
        return parse_events(text)
    except ValueError as exc:
        raise ExampleError("output", str(exc)) from None


def _where(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
