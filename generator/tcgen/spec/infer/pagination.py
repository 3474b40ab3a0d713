"""Pagination as data: infer an action's `pagination` block from its members, and check one.

`tcgen import-tccli` and `tcgen capture` both write through `spec_merge.combine`, which calls
`settle` here, so the one inference rule serves both. A block already in the file (inferred
before, or written by hand) is kept while the members it names still exist; `false` says by
hand that the action does not page. Only unambiguous shapes are inferred:

- offset: integer request members `Offset` and `Limit`;
- page: an integer page number (`PageNumber`, `PageNum`, `PageNo`, `PageIndex`, `Page`,
  `CurrentPage`) and an integer page size (`PageSize`, `PerPage`, `Limit`, `Size`);
- token: a string request token (`NextToken`, `PaginationToken`, `PageToken`, `ScrollToken`,
  `Cursor`) that the response returns under the same name or as `Next<Name>`, with an optional
  size (`MaxResults`, `Limit`, `PageSize`);

and, for all three, exactly one list among the response's members (the items) and at most one
integer `Total*` member that is not a count of pages (the total; `TotalCount` wins among
several).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tcgen.spec.infer import blocks

JSON = dict[str, Any]

KEY = "pagination"
OFFSET, PAGE, TOKEN = "offset", "page", "token"
INTEGERS = frozenset({"Integer", "Int64", "UInt64"})
PAGE_NUMBERS = ("PageNumber", "PageNum", "PageNo", "PageIndex", "Page", "CurrentPage")
PAGE_SIZES = ("PageSize", "PerPage", "Limit", "Size")
TOKENS = ("NextToken", "PaginationToken", "PageToken", "ScrollToken", "Cursor")
TOKEN_SIZES = ("MaxResults", "Limit", "PageSize")
ARRAY = "Array of "
PREFERRED_TOTAL = "TotalCount"
REQUEST_ID = "RequestId"


@dataclass(frozen=True)
class Inference:
    """The block inferred for an action, or None and why not (for the catalog report)."""

    block: JSON | None
    reason: str


def _types(members: list[JSON]) -> dict[str, str]:
    return {m["name"]: m["type"] for m in members if m.get("name") != REQUEST_ID}


def infer(action: JSON) -> Inference:
    """The pagination block the action's members make unambiguous, if any."""
    inputs, outputs = _types(action.get("input", [])), _types(action.get("output", []))
    block = _request_side(inputs, outputs)
    if block is None:
        return Inference(None, "no paging request members")
    lists = [name for name, type_ in outputs.items() if type_.startswith(ARRAY)]
    if not lists:
        return Inference(None, "no list among the response members")
    if len(lists) > 1:
        return Inference(None, "several lists among the response members")
    block["items"] = lists[0]
    totals = [
        n for n, t in outputs.items() if n.startswith("Total") and "Page" not in n and t in INTEGERS
    ]
    if len(totals) == 1 or PREFERRED_TOTAL in totals:
        block["total"] = totals[0] if len(totals) == 1 else PREFERRED_TOTAL
    return Inference(block, block["kind"])


def _request_side(inputs: dict[str, str], outputs: dict[str, str]) -> JSON | None:
    if inputs.get("Offset") in INTEGERS and inputs.get("Limit") in INTEGERS:
        return {"kind": OFFSET, "position": "Offset", "size": "Limit"}
    numbers = [n for n in PAGE_NUMBERS if inputs.get(n) in INTEGERS]
    sizes = [n for n in PAGE_SIZES if inputs.get(n) in INTEGERS]
    if len(numbers) == 1 and len(sizes) == 1:
        return {"kind": PAGE, "position": numbers[0], "size": sizes[0]}
    tokens = [n for n in TOKENS if inputs.get(n) == "String"]
    if len(tokens) != 1:
        return None
    token = tokens[0]
    nexts = [n for n in (token, "Next" + token) if outputs.get(n) == "String"]
    if len(nexts) != 1:
        return None
    block: JSON = {"kind": TOKEN, "position": token}
    token_sizes = [n for n in TOKEN_SIZES if inputs.get(n) in INTEGERS]
    if len(token_sizes) == 1:
        block["size"] = token_sizes[0]
    block["next"] = nexts[0]
    return block


def problems(action: JSON) -> list[tuple[str, str]]:
    """(JSON pointer, message) for each member a block names that the action lacks or that
    has the wrong type; an empty list for a valid block or none."""
    block = action.get(KEY)
    if not isinstance(block, dict):
        return []
    inputs, outputs = _types(action.get("input", [])), _types(action.get("output", []))
    found: list[tuple[str, str]] = []

    def need(key: str, side: dict[str, str], where: str, ok: Any, what: str) -> None:
        name = block.get(key)
        if name is None:
            return
        type_ = side.get(name)
        if type_ is None:
            found.append((f"/{KEY}/{key}", f"pagination {key}: no {where} member {name}"))
        elif not ok(type_):
            found.append((f"/{KEY}/{key}", f"pagination {key}: {name} is {type_}, not {what}"))

    if block["kind"] == TOKEN:
        need("position", inputs, "request", lambda t: t == "String", "String")
    else:
        need("position", inputs, "request", INTEGERS.__contains__, "an integer")
    need("size", inputs, "request", INTEGERS.__contains__, "an integer")
    need("items", outputs, "response", lambda t: t.startswith(ARRAY), "a list")
    need("total", outputs, "response", INTEGERS.__contains__, "an integer")
    need("next", outputs, "response", lambda t: t == "String", "String")
    return found


def settle(existing: JSON | None, merged: JSON) -> JSON:
    """`merged` with its pagination block: the existing file's while it still fits, else the
    inferred one (none when nothing is unambiguous)."""
    return blocks.settle(KEY, existing, merged, problems, lambda body: infer(body).block)
