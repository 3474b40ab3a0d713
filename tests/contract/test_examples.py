"""Documented examples round-trip and everything on the wire fits `tcgen schema`.

Client -> mock -> parsed response equals the page's example (raw `Response` and typed fields);
example requests validate against the input schema; every mock response (examples, and the
synthesized answer of actions without one) validates against the output schema.
"""

from __future__ import annotations

import dataclasses

import pytest
from jsonschema import Draft202012Validator
from tcgen.model.schema import action_schemas
from tcgen.model.service import Example

from .harness import Mocked, typed_call, valid_params
from .target import KEYS, TARGET, Case, Generated, action_cases

CASES = action_cases(TARGET)
EXAMPLES = [(c, e) for c in CASES for e in c.action.examples]
REQUEST_ID = "RequestId"


def validator(case: Case, direction: str) -> Draft202012Validator:
    return Draft202012Validator(action_schemas(case.service, case.action)[direction])


def first_with_same_params(case: Case, example: Example) -> Example:
    """The documented answer for these parameters: of examples sent with identical
    parameters, the mock (like a reader of the page) answers with the first."""
    return next(e for e in case.action.examples if e.params == example.params)


@pytest.mark.parametrize(("case", "example"), EXAMPLES, ids=lambda v: getattr(v, "title", str(v)))
def test_example_round_trips(case: Case, example: Example, pkg: Generated) -> None:
    """Stateful handlers and resources are left out: they answer from what earlier calls did,
    while this checks that the documented answer reaches the caller unchanged."""
    no_handlers = pkg.module("_runtime.mock.handlers").Handlers()
    app = pkg.mock.MockApp(
        dataclasses.replace(pkg.mock.SPEC, handlers=no_handlers, resources={}),
        keys=KEYS,
        rate_limit=False,
    )
    with pkg.mock.activate(app):
        response = typed_call(pkg.client(method=example.method), case, pkg, example.params)
    (call,) = app.calls(case.action.name)
    assert call.params == example.params
    documented = first_with_same_params(case, example).response
    assert response.raw == {**documented, REQUEST_ID: call.request_id}
    assert response.request_id == call.request_id
    expected = getattr(pkg.models, case.action.response_class).from_wire(documented)
    for field in case.action.output:
        assert getattr(response, field.py_name) == getattr(expected, field.py_name), field.py_name
    validator(case, "output").validate(response.raw)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_example_requests_fit_the_input_schema(case: Case) -> None:
    """Every documented request, and the synthesized one the other tests build on."""
    requests = [*(e.params for e in case.action.examples), valid_params(case)]
    for params in requests:
        validator(case, "input").validate(params)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_mock_answer_fits_the_output_schema(case: Case, pkg: Generated, mocked: Mocked) -> None:
    """The mock as shipped (stateful handlers included) answers within the schema."""
    response = typed_call(mocked.client, case, pkg, valid_params(case))
    validator(case, "output").validate(response.raw)
