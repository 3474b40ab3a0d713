"""Convert one tccli service version (api.json + examples.json) into spec file contents.

Each action's `<Action>Request`/`<Action>Response` object becomes the action's input/output;
every other object becomes a data type. Problems in the model itself (an unknown type) are
fatal; examples that cannot be read are collected apart, because the importer may skip them.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from tcgen.sources.tccli.examples import ExampleError, binary_upload, parse_example
from tcgen.sources.tccli.models import ModelVersion, read_model
from tcgen.sources.tccli.types import UnknownType, spec_type
from tcgen.spec import typesys
from tcgen.spec.events import stream_block
from tcgen.spec.example_values import example_value
from tcgen.spec.problems import Problem, display_path, json_pointer
from tcgen.spec.query_params import MemberTypes, parameter_types

JSON = dict[str, Any]
Fields = dict[str, list[JSON]]  # object name -> its parameters in spec form
ENDPOINT_DOMAIN = "tencentcloudapi.com"
DEPRECATED = "deprecated"  # an action's `status` in tccli's model (else `online` or absent)


@dataclass
class Converted:
    """The spec files of one service version, before any merge with existing files."""

    model: ModelVersion
    service: JSON
    actions: dict[str, JSON]
    types: dict[str, JSON]
    problems: list[Problem]
    bad_examples: list[Problem]


@dataclass
class _Converter:
    model: ModelVersion
    api: JSON
    examples: JSON
    problems: list[Problem] = field(default_factory=list)
    bad_examples: list[Problem] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.model.name} {self.model.version}"

    def model_problem(self, pointer: list[object], message: str) -> None:
        file = display_path(self.model.api_file)
        self.problems.append(Problem(file, json_pointer(pointer), f"{self.where}: {message}"))

    def convert(self) -> Converted:
        objects: JSON = self.api.get("objects", {})
        actions: JSON = self.api.get("actions", {})
        inputs = {spec.get("input") for spec in actions.values()}
        outputs = {spec.get("output") for spec in actions.values()}
        structures = sorted(set(objects) - inputs - outputs)
        for name in structures:
            if name in typesys.PRIMITIVES:
                self.model_problem(["objects", name], f"structure {name} shadows a primitive type")
        known = set(structures)
        parameters = {
            name: self.members(name, obj, known, with_required=name not in outputs)
            for name, obj in sorted(objects.items())
        }
        fields = {name: parameters[name] for name in structures}
        structure_types = {name: parameter_types(members) for name, members in fields.items()}
        types = {
            name: {
                "name": name,
                "description": objects[name].get("document", ""),
                "members": members,
                "source": {"kind": "tccli"},
            }
            for name, members in fields.items()
        }
        return Converted(
            model=self.model,
            service=self.service(),
            actions={
                name: self.action(name, actions[name], parameters, structure_types)
                for name in sorted(actions)
            },
            types=types,
            problems=self.problems,
            bad_examples=self.bad_examples + self.orphan_examples(actions),
        )

    def service(self) -> JSON:
        """`service` is the API's own short name (`as` for tccli's `autoscaling`): it signs."""
        name = self.api.get("metadata", {}).get("serviceShortName") or self.model.name
        return {
            "service": name,
            "version": self.model.version,
            "endpoint": f"{name}.{ENDPOINT_DOMAIN}",
        }

    def members(
        self, owner: str, obj: JSON, structures: Container[str], with_required: bool
    ) -> list[JSON]:
        result = []
        for index, member in enumerate(obj.get("members", [])):
            try:
                type_text = spec_type(member.get("type", ""), member.get("member", ""), structures)
            except UnknownType as exc:
                self.model_problem(
                    ["objects", owner, "members", index],
                    f"object {owner} member {member.get('name')}: {exc}",
                )
                continue
            result.append(_parameter(member, type_text, with_required))
        return result

    def action(self, name: str, spec: JSON, parameters: Fields, structures: MemberTypes) -> JSON:
        for key in ("input", "output"):
            if spec.get(key) not in parameters:
                self.model_problem(["actions", name, key], f"action {name}: no {key} object")
        inputs = parameters.get(spec.get("input", ""), [])
        outputs = parameters.get(spec.get("output", ""), [])
        action: JSON = {
            "action": name,
            "description": spec.get("document", ""),
            "region": {"required": False},
            "input": inputs,
            "output": outputs,
            "examples": self.action_examples(
                name, parameter_types(inputs), parameter_types(outputs), structures
            ),
            "errorCodes": [],
            "source": {"kind": "tccli"},
        }
        if spec.get("name"):
            action["title"] = spec["name"]
        if spec.get("status") == DEPRECATED:
            action["deprecated"] = True
        if spec.get("skip_sign") is True:
            action["unsigned"] = True
        if any(binary_upload(raw) for raw in self.examples.get("actions", {}).get(name, [])):
            # the official SDK sends such a body as octet-stream, parameters as X-<SERVICE>- headers
            prefix = f"X-{self.model.name.upper()}-"
            action["body"] = {"contentType": "application/octet-stream", "headerPrefix": prefix}
        if name.endswith("SSE") or any("events" in example for example in action["examples"]):
            action["stream"] = stream_block(inputs)
        return action

    def action_examples(
        self, action: str, inputs: dict[str, str], outputs: dict[str, str], structures: MemberTypes
    ) -> list[JSON]:
        result = []
        for index, raw in enumerate(self.examples.get("actions", {}).get(action, [])):
            try:
                result.append(parse_example(raw, index + 1, inputs, outputs, structures))
            except ExampleError as exc:
                self.bad_examples.append(
                    Problem(
                        display_path(self.model.examples_file),
                        json_pointer(["actions", action, index, exc.part]),
                        f"{self.where}: action {action} example {index + 1}: {exc}",
                    )
                )
        return result

    def orphan_examples(self, actions: JSON) -> list[Problem]:
        """Examples of actions the model does not define: reported, never silently dropped."""
        return [
            Problem(
                display_path(self.model.examples_file),
                json_pointer(["actions", name]),
                f"{self.where}: examples for action {name}, which api.json does not define",
            )
            for name in sorted(self.examples.get("actions", {}))
            if name not in actions
        ]


def _parameter(member: JSON, type_text: str, with_required: bool) -> JSON:
    """A spec parameter; flags are written only when set, as the pages do."""
    parameter: JSON = {
        "name": member.get("name", ""),
        "type": type_text,
        "description": member.get("document", ""),
    }
    if with_required:
        parameter["required"] = bool(member.get("required", False))
    example = example_value(member.get("example"), type_text)
    if example is not None:
        parameter["example"] = example
    if member.get("value_allowed_null"):
        parameter["nullable"] = True
    if member.get("disabled"):
        parameter["deprecated"] = True
    return parameter


def convert(model: ModelVersion) -> Converted:
    """Read and convert one service version's model files."""
    api = read_model(model.api_file, required=True)
    examples = read_model(model.examples_file, required=False)
    return _Converter(model, api, examples).convert()
