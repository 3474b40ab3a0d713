"""Schemathesis over an exported document against a running emulator, as a function.

`fuzz` draws positive cases (requests the document says are valid) for every operation, sends
them signed with TC3 and applies Schemathesis's checks that hold for Tencent's protocol plus
`no_internal_error`; it returns every failure as text instead of stopping at the first, so one
run reports all it found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from schemathesis import APIOperation
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tcgen.emulator.schemathesis_hooks import error_code, no_internal_error
from tcgen.emulator.tc3auth import TC3Auth

CHECKS: list[CheckFunction] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    no_internal_error,
]
"""Schemathesis's response checks that hold for Tencent's protocol, and the emulator's own.
Not `negative_data_rejection`/`unsupported_method`: Tencent answers every error, bad input
included, with HTTP 200 and `Response.Error`, which response_schema_conformance checks."""


@dataclass
class FuzzRun:
    """What one run sent and found: calls per operation, error codes seen, failures."""

    calls: int = 0
    operations: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    samples: dict[str, str] = field(default_factory=dict)
    """The first answer of each error code, `operation: message`, to see what was refused."""
    failures: list[str] = field(default_factory=list)


def _cause(document: dict[str, Any], action: str, response: schemathesis.Response) -> str:
    """Why an answer that is no error fails its action's response schema: the deepest
    validation error (Schemathesis only reports that no branch of the `oneOf` matched)."""
    answer = response.json().get("Response") if response.text.startswith("{") else None
    if not isinstance(answer, dict) or "Error" in answer:
        return ""
    root = {"$ref": f"#/components/schemas/{action}Response", **document}
    error = best_match(Draft202012Validator(root).iter_errors(answer))
    if error is None:
        return ""
    where = "/".join(map(str, error.absolute_path))
    return f"Response/{where}: {error.message[:300]}"


def _one_operation(
    run: FuzzRun,
    document: dict[str, Any],
    operation: APIOperation,
    base_url: str,
    auth: TC3Auth,
    max_examples: int,
) -> None:
    action = operation.definition.raw["operationId"]

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE))
    def one(case: schemathesis.Case) -> None:
        run.calls += 1
        response = case.call(base_url=base_url, auth=auth)
        try:
            case.validate_response(response, checks=CHECKS)
        except (AssertionError, FailureGroup) as exc:  # all are reported, the run goes on
            run.failures.append(f"{operation.label}: {_cause(document, action, response) or exc}")
            return
        code = error_code(response) or "OK"
        run.codes[code] = run.codes.get(code, 0) + 1
        if code != "OK":
            message = response.json()["Response"]["Error"]["Message"]
            run.samples.setdefault(code, f"{operation.label}: {message}")

    one()


def fuzz(
    document: dict[str, Any],
    base_url: str,
    keys: tuple[str, str],
    max_examples: int,
    only: Iterable[str] | None = None,
) -> FuzzRun:
    """Fuzz every operation of `document` (or those `only` names) at `base_url`."""
    schema = schemathesis.openapi.from_dict(document)
    auth = TC3Auth(*keys, service=str(document["info"]["x-tc-service"]))
    wanted = set(only) if only is not None else None
    run = FuzzRun()
    for result in schema.get_all_operations():
        operation = result.ok()
        if wanted is None or operation.definition.raw["operationId"] in wanted:
            run.operations += 1
            _one_operation(run, document, operation, base_url, auth, max_examples)
    return run
