"""The generated surface matches the spec exactly: client method signatures, the `_meta`
tables every validator reads, the request models, the error classes, and the CLI's skeleton
and help. Missing, extra, renamed or retyped parameters and flipped required flags fail here.
"""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from tcgen.model.schema import action_schemas
from tcgen.model.service import Action, Field, Service
from tcgen.spec.typesys import TypeRef

from .harness import ActionHelp, run_inprocess, run_subprocess
from .target import TARGET, Case, Generated, action_cases, generated, service_cases

CASES = action_cases(TARGET)
SERVICES = service_cases(TARGET)

# Tencent's primitive types as Python types, written out here rather than taken from tcgen so
# the generated annotations are checked against an independent table.
PYTHON_TYPES: dict[str, type] = {
    "String": str,
    "Timestamp": str,
    "Timestamp ISO8601": str,
    "Date": str,
    "Binary": str,
    "Integer": int,
    "Int64": int,
    "UInt64": int,
    "Float": float,
    "Boolean": bool,
}


def python_type(ref: TypeRef, models: Any) -> Any:
    if ref.item is not None:
        return list[python_type(ref.item, models)]  # type: ignore[misc]
    if ref.primitive is not None:
        return PYTHON_TYPES[ref.spec]
    return getattr(models, str(ref.structure))


def members(fields: list[Field]) -> tuple[tuple[str, str, bool], ...]:
    return tuple((f.wire_name, f.type.spec, f.required) for f in fields)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_client_method_takes_exactly_the_spec_parameters(case: Case, pkg: Generated) -> None:
    method = getattr(pkg.client_class, case.action.method_name)
    parameters = list(inspect.signature(method).parameters.values())[1:]
    hints = typing.get_type_hints(method)
    assert [p.name for p in parameters] == [f.py_name for f in case.action.input]
    for parameter, field in zip(parameters, case.action.input, strict=True):
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, parameter.name
        expected = python_type(field.type, pkg.models)
        if field.required:
            assert parameter.default is inspect.Parameter.empty, parameter.name
            assert hints[parameter.name] == expected, parameter.name
        else:
            assert parameter.default is None, parameter.name
            assert hints[parameter.name] == expected | None, parameter.name
    assert hints["return"] is getattr(pkg.models, case.action.response_class)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_meta_and_models_state_the_spec_rules(case: Case, pkg: Generated) -> None:
    action = case.action
    meta = pkg.meta.ACTIONS[action.name]
    assert meta.input == members(action.input)
    assert meta.output == members(action.output)
    assert meta.errors == tuple(e.code for e in action.error_codes)
    assert (meta.rate_limit, meta.region_required) == (action.rate_limit, action.region_required)
    request = getattr(pkg.models, action.request_class)
    assert request._wire_ == tuple((f.py_name, f.wire_name, f.type.spec) for f in action.input)


@pytest.mark.parametrize("case", SERVICES, ids=lambda c: c.service.package)
def test_package_has_exactly_the_spec_actions_and_structures(case: Case, pkg: Generated) -> None:
    service = case.service
    assert list(pkg.meta.ACTIONS) == [a.name for a in service.actions]
    assert {s.name: members(s.fields) for s in service.structures} == pkg.meta.STRUCTURES
    assert (
        service.name,
        service.version,
        service.endpoint,
    ) == (pkg.meta.SERVICE, pkg.meta.VERSION, pkg.meta.ENDPOINT)


@pytest.mark.parametrize("case", SERVICES, ids=lambda c: c.service.package)
def test_error_classes_follow_the_codes(case: Case, pkg: Generated) -> None:
    """One class per code of the package, named as the model says, under its parent code."""
    errors, api_error = pkg.errors, pkg.exceptions.APIError
    codes = {e.code: e for e in case.service.error_codes}
    assert set(errors.ERRORS) == set(codes)
    for code, error in codes.items():
        cls = errors.error_class(code)
        assert cls is errors.ERRORS[code] is getattr(errors, error.class_name), code
        assert (cls.__name__, cls.code) == (error.class_name, code)
        parent = errors.ERRORS[code.rpartition(".")[0]] if error.parent else api_error
        assert cls.__bases__ == (parent,), code


def skeleton_schema(service: Service, action: Action) -> dict[str, Any]:
    """The input schema with every parameter required: a skeleton lists them all."""
    schema = action_schemas(service, action)["input"]
    return {**schema, "required": [f.wire_name for f in action.input]}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_cli_skeleton_and_help_state_the_spec_parameters(case: Case, pkg: Generated) -> None:
    action = case.action
    skeleton = run_inprocess(pkg, action.name, "--generate-cli-skeleton")
    assert skeleton.status == 0, skeleton.err
    document = json.loads(skeleton.out)
    assert list(document) == [f.wire_name for f in action.input]
    Draft202012Validator(skeleton_schema(case.service, action)).validate(document)
    shown = run_inprocess(pkg, action.name, "help")
    assert shown.status == 0, shown.err
    assert ActionHelp.parse(shown.out) == expected_help(action)


def expected_help(action: Action) -> ActionHelp:
    aliases = [f.kebab_name if f.kebab_name != f.wire_name else None for f in action.input]
    return ActionHelp(
        [
            (f.wire_name, f.type.spec, f.required, a)
            for f, a in zip(action.input, aliases, strict=True)
        ],
        [e.code for e in action.error_codes],
    )


@pytest.mark.parametrize("case", SERVICES, ids=lambda c: c.service.package)
def test_cli_as_a_process_states_the_same(case: Case, tmp_path: Path) -> None:
    """`python -m <package>` from the output tree: help and skeleton as in-process."""
    package = generated(TARGET.out_dir, case.service)
    action = case.action
    shown = run_subprocess(package, tmp_path, action.name, "help")
    assert shown.status == 0, shown.err
    assert ActionHelp.parse(shown.out) == expected_help(action)
    skeleton = run_subprocess(package, tmp_path, action.name, "--generate-cli-skeleton")
    assert skeleton.status == 0, skeleton.err
    assert list(json.loads(skeleton.out)) == [f.wire_name for f in action.input]
