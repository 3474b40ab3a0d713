"""Client, mock and CLI apply the spec's parameter rules identically.

Each invalid request is one step from a valid one (a required parameter dropped, an unknown
one added, one mistyped, at any depth), so exactly one rule is broken and its code is known:
client-side validation (`ParameterError.code`) and the mock (sent raw through the client's
Transport, bypassing validation) must both answer it, and the CLI must refuse it (exit 2,
naming the parameter). Property tests do the same for random requests from the input schema,
and check that random valid ones go through end to end unchanged.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from tcgen.model.schema import action_schemas

from .harness import Mocked, input_schema, run_inprocess, typed_call, valid_params
from .target import TARGET, Case, Generated, action_cases
from .values import Mutation

CASES = action_cases(TARGET)
PROPERTY_SETTINGS = settings(
    max_examples=TARGET.max_examples,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def client_code(client: Any, action: str, params: dict[str, Any], pkg: Generated) -> str:
    """The code client-side validation refuses `params` with (nothing may be sent)."""
    with pytest.raises(pkg.exceptions.ParameterError) as raised:
        client.call(action, params)
    return str(raised.value.code)


def mock_code(client: Any, action: str, params: dict[str, Any], pkg: Generated) -> str:
    """The code the mock answers a correctly signed but unvalidated request with."""
    transport = client.transport
    with pytest.raises(pkg.exceptions.APIError) as raised:
        transport.send(transport.prepare(action, params), client.error_class)
    return str(raised.value.code)


def check_rejected(
    app: Any, client: Any, case: Case, pkg: Generated, invalid: Mutation, params: dict[str, Any]
) -> None:
    action = case.action.name
    app.reset()  # a fresh mock per request: examples stay independent, the call log short
    assert client_code(client, action, params, pkg) == invalid.code, invalid
    assert app.calls() == [], f"{invalid}: the client sent an invalid request"
    assert mock_code(client, action, params, pkg) == invalid.code, invalid


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_one_step_invalid_request_is_refused_alike(
    case: Case, pkg: Generated, mocked: Mocked
) -> None:
    app, client = mocked
    valid = valid_params(case)
    for invalid in input_schema(case).mutations(valid):
        params = invalid.apply(valid)
        check_rejected(app, client, case, pkg, invalid, params)
        cli = run_inprocess(pkg, case.action.name, "--cli-input-json", json.dumps(params))
        assert cli.status == 2, (invalid, cli)
        assert f"--{invalid.parameter}:" in cli.err, (invalid, cli.err)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_random_valid_requests_succeed_end_to_end(
    case: Case, pkg: Generated, mocked: Mocked
) -> None:
    """Typed call -> mock: accepted, received exactly as generated, answer within schema."""
    app, client = mocked
    output = Draft202012Validator(action_schemas(case.service, case.action)["output"])

    @PROPERTY_SETTINGS
    @given(params=input_schema(case).strategy())
    def run(params: dict[str, Any]) -> None:
        app.reset()  # a fresh mock per example (its call log was deep-copied whole each time)
        response = typed_call(client, case, pkg, params)
        assert [(call.action, call.params) for call in app.calls()] == [(case.action.name, params)]
        output.validate(response.raw)

    run()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_random_invalid_requests_get_the_same_code(
    case: Case, pkg: Generated, mocked: Mocked
) -> None:
    app, client = mocked
    walker = input_schema(case)

    @PROPERTY_SETTINGS
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        valid = data.draw(walker.strategy(), label="valid")
        invalid = data.draw(st.sampled_from(walker.mutations(valid)), label="mutation")
        check_rejected(app, client, case, pkg, invalid, invalid.apply(valid))

    run()
