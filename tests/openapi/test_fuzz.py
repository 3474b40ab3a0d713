"""Schemathesis, a tool nobody here wrote, drives `tcgen mock` from Live's exported document.

Every generated request is signed with TC3 (`TC3Auth`), so it gets past the signature check to
the action. The run must find no 5xx, only answers that are the action's documented response
or one of its documented errors, and never the emulator's own `InternalError`. The default run
draws a few cases per operation; `nox -s fuzz` draws many (`TCGEN_FUZZ_EXAMPLES`).
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.openapi.conftest import SECRET_ID, SECRET_KEY
from tests.openapi.fuzzing import fuzz

SHORT, LONG = 2, int(os.environ.get("TCGEN_FUZZ_EXAMPLES", "50"))


def _assert_clean(run: Any, operations: int) -> None:
    assert run.failures == [], "\n\n".join(run.failures[:5])
    assert run.operations == operations
    assert run.calls >= operations
    assert run.codes.get("OK", 0) > run.calls // 2, run.samples  # signed calls reach actions
    assert not any(code.startswith("AuthFailure") for code in run.codes), run.samples


def test_schemathesis_finds_nothing_in_the_live_mock(
    live_document: dict[str, Any], live_mock: str
) -> None:
    run = fuzz(live_document, live_mock, (SECRET_ID, SECRET_KEY), max_examples=SHORT)
    _assert_clean(run, len(live_document["paths"]))


def test_a_wrong_key_is_what_schemathesis_sees_refused(
    live_document: dict[str, Any], live_mock: str
) -> None:
    """The run would notice unsigned calls: with a wrong key every answer is AuthFailure."""
    run = fuzz(live_document, live_mock, (SECRET_ID, "wrong"), 1, only=["DropLiveStream"])
    assert run.failures == []
    assert set(run.codes) == {"AuthFailure.SignatureFailure"}


@pytest.mark.slow
def test_schemathesis_long_run_over_live(live_document: dict[str, Any], live_mock: str) -> None:
    run = fuzz(live_document, live_mock, (SECRET_ID, SECRET_KEY), max_examples=LONG)
    _assert_clean(run, len(live_document["paths"]))
