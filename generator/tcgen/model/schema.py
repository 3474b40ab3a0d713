"""JSON Schema (2020-12) of an action's request and response, derived from the model.

Contract tests validate requests and mock responses with these schemas. Requests are strict
(required members enforced); responses allow null wherever the page says a field may be null,
and structures referenced from responses do not enforce member requiredness, because Tencent
documents `required` for inputs only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from tcgen.model.service import REQUEST_ID, Action, Field, Service
from tcgen.runtime.meta import REQUEST_ID_DESCRIPTION
from tcgen.spec.typesys import TypeRef

Direction = Literal["input", "output"]
DIALECT = "https://json-schema.org/draft/2020-12/schema"


class SchemaBuilder:
    """Schemas of one direction; every structure reached is defined once in `defs`.

    `ref` is where definitions live (`#/$defs/` in a `tcgen schema` document,
    `#/components/schemas/` in an OpenAPI one) and `name` the key a structure is defined
    under, so one builder can feed several actions and share their structures.
    """

    def __init__(
        self,
        service: Service,
        direction: Direction,
        ref: str = "#/$defs/",
        name: Callable[[str], str] = str,
    ) -> None:
        self.structures = {s.class_name: s for s in service.structures}
        self.direction = direction
        self.ref = ref
        self.name = name
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
        return {"$ref": self.ref + self.define(ref.structure)}

    def define(self, class_name: str) -> str:
        """Define a structure (once) and return its key in `defs`."""
        key = self.name(class_name)
        if key not in self.defs:
            self.defs[key] = {}  # placeholder first: recursive structures terminate
            structure = self.structures[class_name]
            self.defs[key] = self.object_schema(structure.fields, structure.description)
        return key

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


def _document(builder: SchemaBuilder, body: dict[str, Any]) -> dict[str, Any]:
    document = {"$schema": DIALECT, **body}
    if builder.defs:
        document["$defs"] = dict(sorted(builder.defs.items()))
    return document


REQUEST_ID_SCHEMA = {"type": "string", "description": REQUEST_ID_DESCRIPTION}


def input_schema(builder: SchemaBuilder, action: Action) -> dict[str, Any]:
    """The request body of `action` (its structures go to `builder.defs`)."""
    return builder.object_schema(action.input, action.description)


def output_schema(builder: SchemaBuilder, action: Action) -> dict[str, Any]:
    """The object under `Response` of a successful answer, `RequestId` included."""
    return builder.object_schema(
        action.output, f"{action.name} response", {REQUEST_ID: REQUEST_ID_SCHEMA}
    )


def action_schemas(service: Service, action: Action) -> dict[str, Any]:
    """`{"input": schema, "output": schema}` for one action."""
    inputs = SchemaBuilder(service, "input")
    outputs = SchemaBuilder(service, "output")
    return {
        "input": _document(inputs, input_schema(inputs, action)),
        "output": _document(outputs, output_schema(outputs, action)),
    }
