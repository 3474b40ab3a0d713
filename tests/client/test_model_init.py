"""Every Live model's `__init__` signature, now synthesized from its annotations by the runtime
`Model`, is the keyword-only one the spec calls for (what the generated `__init__` methods
spelled out before; type checkers see the same through PEP 681, checked by `nox -s lint` on
tests/typing). Only `raw`'s annotation narrowed: `dict[str, Any]` (None still gives `{}`).
"""

from __future__ import annotations

import inspect

from tcgen.model.service import Field
from tcgen.pipeline import load_services

from generated.live_v20180801 import models

from .conftest import ROOT

KW = inspect.Parameter.KEYWORD_ONLY


def _expected(fields: list[Field], all_optional: bool, response: bool) -> inspect.Signature:
    parameters = [
        (
            inspect.Parameter(f.py_name, KW, annotation=f.type.python)
            if f.required and not all_optional
            else inspect.Parameter(
                f.py_name, KW, default=None, annotation=f.type.python + " | None"
            )
        )
        for f in fields
    ]
    if response:
        parameters += [
            inspect.Parameter("request_id", KW, default="", annotation="str"),
            inspect.Parameter("raw", KW, default=None, annotation="dict[str, Any]"),
        ]
    returns = "None" if parameters else inspect.Signature.empty
    return inspect.Signature(parameters, return_annotation=returns)


def test_every_live_model_takes_the_keywords_its_spec_gives() -> None:
    (live,) = load_services(ROOT / "spec", ["live"])
    expected = {s.class_name: _expected(s.fields, True, False) for s in live.structures}
    for action in live.actions:
        expected[action.request_class] = _expected(action.input, False, False)
        expected[action.response_class] = _expected(action.output, True, True)
    assert len(expected) > 300
    for name, signature in expected.items():
        assert inspect.signature(getattr(models, name)) == signature, name
