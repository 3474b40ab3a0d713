"""Request values derived from an action's input JSON Schema (`tcgen.model.schema`).

The schema is the oracle here, not the generated code: `sample` builds one deterministic
valid request (used for golden vectors and CLI calls when a page has no example),
`strategy` builds hypothesis strategies of valid requests, and `mutations` lists every way
to make a valid request invalid by one step, with the error code Tencent answers for it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)
MAX_DEPTH = 3
"""From this structure nesting depth on, only required members and empty arrays are
generated, so recursive structures stay finite."""

UNKNOWN = "ContractUnknownParameter"
Path_ = tuple[str | int, ...]


class Schema:
    """An input schema document with its `$defs`, walked node by node."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.defs: dict[str, Any] = document.get("$defs", {})

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.defs[node["$ref"].rpartition("/")[2]]
        return node

    # -- one deterministic valid value ---------------------------------------------------------

    def sample(self, node: dict[str, Any] | None = None, name: str = "", depth: int = 0) -> Any:
        """A valid value exercising encodings: non-ASCII and URL-special characters in
        strings, integers beyond 32 (and, unsigned, 63) bits, two-element arrays."""
        node = self.resolve(self.document if node is None else node)
        kind = node["type"]
        if kind == "object":
            required = set(node.get("required", ()))
            return {
                key: self.sample(value, key, depth + 1)
                for key, value in node["properties"].items()
                if key in required or depth < MAX_DEPTH
            }
        if kind == "array":
            count = 2 if depth < MAX_DEPTH else 0
            return [self.sample(node["items"], name, depth) for _ in range(count)]
        return {
            "string": f"{name}-値 ü&=+/?",
            "integer": 2**63 + 7 if node.get("minimum") == 0 else -(2**40) - 3,
            "number": 0.25,
            "boolean": True,
        }[kind]

    # -- hypothesis strategies ------------------------------------------------------------------

    def strategy(self, node: dict[str, Any] | None = None, depth: int = 0) -> Any:
        """Valid values: unicode strings, int64/uint64 integers, finite floats, arrays and
        nested structures (optional members present or not)."""
        node = self.resolve(self.document if node is None else node)
        kind = node["type"]
        if kind == "object":
            required = set(node.get("required", ()))
            members = {
                k: self.strategy(v, depth + 1)
                for k, v in node["properties"].items()
                if k in required or depth < MAX_DEPTH
            }
            return st.fixed_dictionaries(
                {k: s for k, s in members.items() if k in required},
                optional={k: s for k, s in members.items() if k not in required},
            )
        if kind == "array":
            size = 3 if depth < 2 else (1 if depth < MAX_DEPTH else 0)
            return st.lists(self.strategy(node["items"], depth), max_size=size)
        if kind == "integer":
            low, high = UINT64 if node.get("minimum") == 0 else INT64
            return st.integers(low, high)
        return {
            "string": st.text(max_size=16),
            "number": st.floats(allow_nan=False, allow_infinity=False) | st.integers(-1000, 1000),
            "boolean": st.booleans(),
        }[kind]

    # -- invalid requests, one step away from a valid one ---------------------------------------

    def mutations(self, value: Any, node: dict[str, Any] | None = None) -> list[Mutation]:
        return list(self._mutations(value, self.document if node is None else node, ()))

    def _mutations(self, value: Any, node: dict[str, Any], path: Path_) -> Iterator[Mutation]:
        node = self.resolve(node)
        if node["type"] == "array" and isinstance(value, list):
            kind = self.resolve(node["items"])["type"]
            for index, item in enumerate(value):
                yield Mutation("mistype", (*path, index), "InvalidParameter", WRONG[kind])
                yield from self._mutations(item, node["items"], (*path, index))
        elif node["type"] == "object" and isinstance(value, dict):
            for key in node.get("required", ()):
                yield Mutation("drop", (*path, key), "MissingParameter")
            yield Mutation("add", (*path, UNKNOWN), "UnknownParameter", "surplus")
            for key, member in value.items():
                if member is not None:
                    kind = self.resolve(node["properties"][key])["type"]
                    yield Mutation("mistype", (*path, key), "InvalidParameter", WRONG[kind])
                    yield from self._mutations(member, node["properties"][key], (*path, key))


WRONG: dict[str, Any] = {
    "string": 17,
    "integer": "17",
    "number": "1.5",
    "boolean": "true",
    "array": {"Not": "an array"},
    "object": "not an object",
}
"""A value of the wrong JSON type for each schema type."""


@dataclass(frozen=True)
class Mutation:
    """One step from valid to invalid, and the code every validator must answer for it."""

    kind: str  # drop | add | mistype
    path: Path_
    code: str
    value: Any = None

    @property
    def parameter(self) -> str:
        """The parameter as Tencent's messages name it: `Widgets.0.Name`."""
        return ".".join(str(part) for part in self.path)

    def apply(self, params: dict[str, Any]) -> dict[str, Any]:
        changed = copy.deepcopy(params)
        parent: Any = changed
        for part in self.path[:-1]:
            parent = parent[part]
        if self.kind == "drop":
            del parent[self.path[-1]]
        else:
            parent[self.path[-1]] = self.value
        return changed

    def __str__(self) -> str:
        return f"{self.kind}:{self.parameter}"
