"""JSON Schema (2020-12) of an action's request and response, derived from the model.

Contract tests validate requests and mock responses with these schemas. Requests are strict
(required members enforced); responses allow null wherever the page says a field may be null,
and structures referenced from responses do not enforce member requiredness, because Tencent
documents `required` for inputs only.
"""

from __future__ import annotations

from typing import Any, Literal

from tcgen.model.service import REQUEST_ID, Action, Field, Service
from tcgen.runtime.meta import REQUEST_ID_DESCRIPTION
from tcgen.spec.typesys import TypeRef

Direction = Literal["input", "output"]
DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _SchemaBuilder:
    def __init__(self, service: Service, direction: Direction) -> None:
        self.structures = {s.class_name: s for s in service.structures}
        self.direction = direction
        self.defs: dict[str, Any] = {}

    def type_schema(self, ref: TypeRef) -> dict[str, Any]:
        if ref.item is not None:
            return {"type": "array", "items": self.type_schema(ref.item)}
        if ref.primitive is not None:
            schema: dict[str, Any] = {"type": ref.primitive.json_type}
            if ref.primitive.minimum is not None:
                schema["minimum"] = ref.primitive.minimum
            if ref.primitive.maximum is not None:
                schema["maximum"] = ref.primitive.maximum
            return schema
        assert ref.structure is not None
        self.define(ref.structure)
        return {"$ref": f"#/$defs/{ref.structure}"}

    def define(self, class_name: str) -> None:
        if class_name in self.defs:
            return
        self.defs[class_name] = {}  # placeholder first: recursive structures terminate
        structure = self.structures[class_name]
        self.defs[class_name] = self.object_schema(structure.fields, structure.description)

    def field_schema(self, f: Field) -> dict[str, Any]:
        schema = self.type_schema(f.type)
        if self.direction == "output" and f.nullable:
            return {"anyOf": [schema, {"type": "null"}], "description": f.description}
        return {**schema, "description": f.description}

    def object_schema(
        self, fields: list[Field], description: str, extra: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        properties = {f.wire_name: self.field_schema(f) for f in fields} | (extra or {})
        schema: dict[str, Any] = {
            "type": "object",
            "description": description,
            "properties": properties,
            "additionalProperties": False,
        }
        required = [f.wire_name for f in fields if f.required and self.direction == "input"]
        required += list(extra or {})
        if required:
            schema["required"] = required
        return schema


def _document(builder: _SchemaBuilder, body: dict[str, Any]) -> dict[str, Any]:
    document = {"$schema": DIALECT, **body}
    if builder.defs:
        document["$defs"] = dict(sorted(builder.defs.items()))
    return document


def action_schemas(service: Service, action: Action) -> dict[str, Any]:
    """`{"input": schema, "output": schema}` for one action."""
    inputs = _SchemaBuilder(service, "input")
    input_body = inputs.object_schema(action.input, action.description)
    outputs = _SchemaBuilder(service, "output")
    request_id = {REQUEST_ID: {"type": "string", "description": REQUEST_ID_DESCRIPTION}}
    output_body = outputs.object_schema(action.output, f"{action.name} response", request_id)
    return {"input": _document(inputs, input_body), "output": _document(outputs, output_body)}
