"""One OpenAPI 3.1 document per service version (`tcgen export openapi`).

Tencent Cloud API 3.0 is RPC over one path: every call is `POST /` to the service's host, the
action and version travel in the `X-TC-Action` and `X-TC-Version` headers. OpenAPI keys an
operation by path and method, so each action gets its own path `/#X-TC-Action=<Action>`
(openapi-directory's convention for AWS's query protocol): the fragment names the action for
the reader and keeps paths unique, and because a fragment never leaves the client, a tool
that sends the operation (Swagger UI's "Try it out", Schemathesis, a generated client) sends
`POST /` with the action's `X-TC-Action` header, the request Tencent's endpoint and
`tcgen mock` both answer. A `?Action=` query in the path is not a valid OpenAPI path, and a
path prefix per action would be a request no real endpoint accepts.

Schemas are the ones `tcgen schema` derives (`tcgen.model.schema`), defined once as
components and shared by every operation that reaches them: a structure is `X` as answered
(nullable where documented, no member required) and `X` as sent (required members enforced)
when only sent, `XInput` when it is both. Every answer is HTTP 200 with `{"Response": ...}`:
the action's response object, or an error whose `Code` is one of the action's documented
codes or Tencent's common ones.

The document is a pure function of the model: the same spec gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from tcgen import __version__
from tcgen.model.schema import REQUEST_ID_SCHEMA, SchemaBuilder, input_schema, output_schema
from tcgen.model.service import Action, ErrorCode, Service

OPENAPI_VERSION = "3.1.0"
SCHEMAS = "#/components/schemas/"
PARAMETERS = "#/components/parameters/"
COMMON_CODES = "TencentCloud.CommonErrorCode"
"""Component names tcgen adds hold a dot, which no structure's (Python) class name has."""
SECURITY = "TC3"
JSON_MEDIA = "application/json"
EVENT_STREAM = "text/event-stream"
LANGUAGES = ["en-US", "zh-CN"]

OVERVIEW = """\
Tencent Cloud API 3.0 is RPC over one path: every action is `POST /` with the action in the
`X-TC-Action` header and the version in `X-TC-Version`, the parameters as a JSON body, signed
with TC3-HMAC-SHA256 in `Authorization`. Paths here are `/#X-TC-Action=<Action>`, one per
action: the fragment is never sent, so a tool sends `POST /` with the action's headers.
Every answer is HTTP 200 with `{"Response": {...}}`, an error as
`{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`."""

TC3_DESCRIPTION = """\
TC3-HMAC-SHA256, computed per request: `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/\
<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`, where the signature
is HMAC-SHA256 of the string to sign (`TC3-HMAC-SHA256`, the `X-TC-Timestamp`, the credential
scope, the SHA-256 of the canonical request `POST`, `/`, an empty query, the `content-type`
and `host` headers, the signed header names and the SHA-256 of the body) under the key derived
from `"TC3" + SecretKey` by HMAC over the date, the service and `tc3_request`."""


def _header(name: str, description: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": required,
        "description": description,
        "schema": schema,
    }


def _common_parameters(service: Service) -> dict[str, Any]:
    """The headers every action takes (`Authorization` is the security scheme's)."""
    return {
        "Version": _header(
            "X-TC-Version",
            "The API version of the service.",
            {"type": "string", "enum": [service.version]},
            True,
        ),
        "Timestamp": _header(
            "X-TC-Timestamp",
            "Unix time of the request in seconds; more than 300 s off the server's clock is "
            "AuthFailure.SignatureExpire. Signed, in the string to sign.",
            {"type": "string", "pattern": "^[0-9]{1,10}$"},
            True,
        ),
        "Token": _header(
            "X-TC-Token",
            "The session token of temporary credentials (STS); omit with a permanent key.",
            {"type": "string"},
            False,
        ),
        "Language": _header(
            "X-TC-Language",
            "The language of error messages.",
            {"type": "string", "enum": LANGUAGES},
            False,
        ),
    }


def _region(action: Action) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if action.regions:
        schema["enum"] = action.regions
    required = "required" if action.region_required else "not required"
    return _header(
        "X-TC-Region", f"The region of the resource ({required}).", schema, required == "required"
    )


def _action_header(action: Action) -> dict[str, Any]:
    return _header(
        "X-TC-Action",
        "The action; always the operation's.",
        {"type": "string", "enum": [action.name]},
        True,
    )


def _documented_codes(action: Action) -> list[str]:
    """The action's error codes: its list, then those only its examples answer (Tencent
    documents some errors only as an example's answer: tke's DescribePodChargeInfo)."""
    codes = [e.code for e in action.error_codes]
    for example in action.examples:
        error = example.response.get("Error")
        code = error.get("Code") if isinstance(error, dict) else None
        if isinstance(code, str) and code not in codes:
            codes.append(code)
    return codes


def _error_table(codes: list[ErrorCode]) -> str:
    rows = "".join(f"\n| `{e.code}` | {_cell(e.description)} |" for e in codes)
    return "| Error code | Description |\n| --- | --- |" + rows


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


class _Document:
    """Builds one service version's document; components accumulate across operations."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.outputs = SchemaBuilder(service, "output", SCHEMAS)
        for action in service.actions:  # answered structures first: they keep the plain name
            output_schema(self.outputs, action)
        taken = {s.class_name for s in service.structures}
        self.inputs = SchemaBuilder(service, "input", SCHEMAS, lambda n: self._input_name(n, taken))

    def _input_name(self, class_name: str, taken: set[str]) -> str:
        if class_name not in self.outputs.defs:
            return class_name
        name = class_name + "Input"
        return name if name not in taken else class_name + ".Input"

    def operation(self, action: Action) -> dict[str, Any]:
        request, response = input_schema(self.inputs, action), output_schema(self.outputs, action)
        self.inputs.defs[action.request_class] = request
        self.outputs.defs[action.response_class] = response
        operation: dict[str, Any] = {
            "operationId": action.name,
            "summary": action.title,
            "description": self._description(action),
            "tags": [self.service.name],
            "parameters": [
                _action_header(action),
                {"$ref": PARAMETERS + "Version"},
                {"$ref": PARAMETERS + "Timestamp"},
                _region(action),
                {"$ref": PARAMETERS + "Token"},
                {"$ref": PARAMETERS + "Language"},
            ],
            "requestBody": self._request_body(action),
            "responses": {
                "200": {
                    "description": "Tencent answers HTTP 200 with the result or an error.",
                    "content": self._answer_content(action),
                }
            },
        }
        if action.body is not None and action.uploads:  # multipart: parts, not headers
            operation["parameters"] += self._body_headers(action, action.body[1] or "")
        if action.deprecated:
            operation["deprecated"] = True
        if action.unsigned:
            operation["security"] = []
        if action.rate_limit:
            operation["x-tc-rate-limit"] = action.rate_limit
        if action.pagination is not None:
            paging = action.pagination
            block = {
                "kind": paging.kind,
                "position": paging.position,
                "size": paging.size,
                "items": paging.items.wire_name,
                "total": paging.total,
                "next": paging.next,
                "firstPage": paging.first_page,
            }
            operation["x-tc-pagination"] = {k: v for k, v in block.items() if v is not None}
        operation["x-tc-error-codes"] = _documented_codes(action)
        return operation

    def _request_body(self, action: Action) -> dict[str, Any]:
        """The parameters as JSON, or, for an action that sends a raw body (cls UploadLog),
        that body: its parameters then travel as headers (`_body_headers`)."""
        if action.body is None:
            media = self._media(action.request_class, self._requests(action))
            return {"required": True, "content": {JSON_MEDIA: media}}
        content_type = action.body[0]
        if not action.uploads:  # multipart: the request's members as the form's parts
            media = self._media(action.request_class, {})
            if action.file_parts:  # the file parts (`BinaryParams`) carry raw bytes
                media["encoding"] = {
                    name: {"contentType": "application/octet-stream"} for name in action.file_parts
                }
            return {"required": True, "content": {content_type: media}}
        schema = {"type": "string", "contentMediaType": content_type}
        return {"required": True, "content": {content_type: {"schema": schema}}}

    def _body_headers(self, action: Action, prefix: str) -> list[dict[str, Any]]:
        return [
            _header(
                prefix + f.wire_name,
                f.description,
                self.inputs.type_schema(f.type),
                f.required,
            )
            for f in action.input
        ]

    def _answer_content(self, action: Action) -> dict[str, Any]:
        """JSON, and for a streamed action (hunyuan ChatCompletions) Server-Sent Events; an
        error is JSON either way."""
        content = {JSON_MEDIA: {"schema": self._answer(action), **self._answers(action)}}
        if action.stream is not None:
            (when,) = action.stream
            asked = f" when `{when}` is true" if when else ""
            content[EVENT_STREAM] = {
                "schema": {"description": f"Server-Sent Events{asked}, one per part of the answer."}
            }
        return content

    def _description(self, action: Action) -> str:
        parts = [action.description]
        if action.rate_limit:
            parts.append(f"**Rate limit:** {action.rate_limit} requests per second.")
        if action.pagination is not None:
            paging = action.pagination
            size = f", page size `{paging.size}`" if paging.size else ""
            parts.append(
                f"**Pagination:** {paging.kind}, position `{paging.position}`{size}, "
                f"items `{paging.items.wire_name}`."
            )
        if action.unsigned:
            parts.append("**Unsigned:** sent with `Authorization: SKIP`.")
        if action.error_codes:
            parts.append(_error_table(action.error_codes))
        return "\n\n".join(p for p in parts if p)

    @staticmethod
    def _media(class_name: str, examples: dict[str, Any]) -> dict[str, Any]:
        media: dict[str, Any] = {"schema": {"$ref": SCHEMAS + class_name}}
        if examples:
            media["examples"] = examples
        return media

    @staticmethod
    def _example_keys(action: Action) -> list[str]:
        return [f"example{index}" for index in range(1, len(action.examples) + 1)]

    def _requests(self, action: Action) -> dict[str, Any]:
        return {
            key: {"summary": e.title, "description": e.description, "value": e.params}
            for key, e in zip(self._example_keys(action), action.examples, strict=True)
        }

    def _answers(self, action: Action) -> dict[str, Any]:
        examples = {
            key: {"summary": e.title, "value": {"Response": e.response}}
            for key, e in zip(self._example_keys(action), action.examples, strict=True)
        }
        return {"examples": examples} if examples else {}

    def _answerable_codes(self, action: Action) -> list[str]:
        """The action's documented codes; an action whose page or model lists none may answer
        any code of its service (the service's list: the official SDK's), as the mock does
        for its id checks and resource blocks. Common codes are their own schema."""
        codes = set(_documented_codes(action))
        if not action.error_codes:
            codes |= {e.code for e in self.service.error_codes}
        return sorted(codes - self._common_codes())

    def _answer(self, action: Action) -> dict[str, Any]:
        own = self._answerable_codes(action)
        code: dict[str, Any] = {"$ref": SCHEMAS + COMMON_CODES}
        if own:
            code = {"anyOf": [code, {"type": "string", "enum": own}]}
        error = {
            "type": "object",
            "description": f"An error of {action.name}: a documented code or a common one.",
            "properties": {
                "Error": {
                    "type": "object",
                    "properties": {"Code": code, "Message": {"type": "string"}},
                    "required": ["Code", "Message"],
                    "additionalProperties": False,
                },
                "RequestId": REQUEST_ID_SCHEMA,
            },
            "required": ["Error", "RequestId"],
            "additionalProperties": False,
        }
        return {
            "type": "object",
            "properties": {
                "Response": {"oneOf": [{"$ref": SCHEMAS + action.response_class}, error]}
            },
            "required": ["Response"],
            "additionalProperties": False,
        }

    def _common_codes(self) -> set[str]:
        return {e.code for e in self.service.error_codes if e.common}

    def build(self) -> dict[str, Any]:
        paths = {
            f"/#X-TC-Action={action.name}": {"post": self.operation(action)}
            for action in self.service.actions
        }
        common = sorted(self._common_codes())
        schemas = {**self.outputs.defs, **self.inputs.defs}
        schemas[COMMON_CODES] = {
            "type": "string",
            "description": "Tencent Cloud's common error codes, which any action may answer.",
            "enum": common,
        }
        service = self.service
        return {
            "openapi": OPENAPI_VERSION,
            "info": {
                "title": f"{service.title} ({service.name})",
                "version": service.version,
                "description": OVERVIEW,
                "x-tc-service": service.name,
                "x-tcgen": {"version": __version__, "specHash": service.spec_hash},
            },
            "servers": [{"url": f"https://{service.endpoint}", "description": "Tencent Cloud"}],
            "security": [{SECURITY: []}],
            "tags": [{"name": service.name, "description": service.title}],
            "paths": paths,
            "components": {
                "schemas": dict(sorted(schemas.items())),
                "parameters": _common_parameters(service),
                "securitySchemes": {
                    SECURITY: {
                        "type": "apiKey",
                        "in": "header",
                        "name": "Authorization",
                        "description": TC3_DESCRIPTION,
                    }
                },
            },
        }


def document(service: Service) -> dict[str, Any]:
    """The OpenAPI 3.1 document of one service version."""
    return _Document(service).build()


def dumps(doc: dict[str, Any]) -> str:
    """The document as written: indented, UTF-8, newline-terminated, so the bytes are stable."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def file_name(service: Service) -> str:
    """`live-2018-08-01.openapi.json`: one file per service version in a directory export."""
    return f"{service.name}-{service.version}.openapi.json"
