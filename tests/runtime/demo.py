"""A two-action service of the tests' own, wired to the runtime the way a generated package is."""

from __future__ import annotations

from typing import Any

from tcgen.runtime.cli.app import Program
from tcgen.runtime.cli.helptext import ActionDoc, Docs
from tcgen.runtime.meta import ActionMeta
from tcgen.runtime.mock.app import MockSpec
from tcgen.runtime.mock.fault import Fault
from tcgen.runtime.mock.handlers import CallContext, Handlers

SERVICE, VERSION, ENDPOINT = "demo", "2020-01-01", "demo.tencentcloudapi.com"
COUNTER = ("Counter", "Integer", True)
ACTIONS = {
    "Get": ActionMeta("Get", (("Name", "String", True),), (COUNTER,), (), None, False),
    "Bump": ActionMeta("Bump", (("By", "Integer", False),), (COUNTER,), (), 3, False),
}
HANDLERS = Handlers()


@HANDLERS.register("Bump")
def bump(context: CallContext) -> dict[str, Any]:
    by = int(context.params.get("By", 1))
    if by < 0:
        raise Fault("InvalidParameterValue", "By must not be negative")
    context.state["count"] = context.state.get("count", 0) + by
    return {**context.default(), "Counter": context.state["count"]}


SPEC = MockSpec(
    service=SERVICE,
    version=VERSION,
    actions=ACTIONS,
    structures={},
    examples={"Get": [({"Name": "a"}, {"Counter": 7, "RequestId": "doc"})]},
    error_codes=frozenset({"ResourceNotFound"}),
    handlers=HANDLERS,
)

DOCS = Docs(
    title="Demo service",
    actions={
        "Get": ActionDoc("Get a counter", "Reads it.", {"Name": "its name"}, {}, {"Name": "a"}),
        "Bump": ActionDoc("Bump", "Adds to it. Then answers.", {"By": "how much"}, {}, None),
    },
    structures={},
    errors={},
)

PROGRAM = Program(
    package="demo",
    service=SERVICE,
    version=VERSION,
    endpoint=ENDPOINT,
    actions=ACTIONS,
    structures={},
    aliases={"Bump": {"by": "By"}},
    docs=lambda: DOCS,
)
