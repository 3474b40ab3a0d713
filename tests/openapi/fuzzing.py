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
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tcgen.emulator.schemathesis_hooks import error_code, no_internal_error, service_of
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


def fuzz(
    document: dict[str, Any],
    base_url: str,
    keys: tuple[str, str],
    max_examples: int,
    only: Iterable[str] | None = None,
    seed: int = 0,
) -> FuzzRun:
    schema = schemathesis.openapi.from_dict(document)
    wanted = set(only) if only is not None else None
    run = FuzzRun()
    for result in schema.get_all_operations():
        operation = result.ok()
        if wanted is not None and operation.definition.raw["operationId"] not in wanted:
            continue
        run.operations += 1
        auth = TC3Auth(*keys, service=str(document["info"]["x-tc-service"]))

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
            try:
                response = case.call_and_validate(base_url=base_url, auth=auth, checks=CHECKS)
            except (AssertionError, FailureGroup) as exc:  # all are reported, the run goes on
                run.failures.append(f"{operation.label}: {exc}")
                return
            code = error_code(response) or "OK"
            run.codes[code] = run.codes.get(code, 0) + 1
            if code != "OK":
                message = response.json()["Response"]["Error"]["Message"]
                run.samples.setdefault(code, f"{operation.label}: {message}")

        one()
    return run
