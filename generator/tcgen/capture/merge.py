"""Merge a captured action or structure into the file an earlier capture or import wrote.

The rule: the page replaces the file's content, except for what a page cannot say, which is
kept from the existing file:

- the action's `title` (the short summary an import from the tccli model brings);
- for each parameter of `input` and `output` and each structure member, matched by `name`:
  its `example`, `nullable` and `deprecated` fields.

Everything else (parameters added, removed or reordered, types, descriptions, examples, error
codes) is what the page says, so recapturing a page is idempotent.
"""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]

KEPT_FIELDS = ("title",)
KEPT_PARAMETER_FIELDS = ("example", "nullable", "deprecated")
PARAMETER_LISTS = ("input", "output", "members")


def merge(existing: JSON | None, captured: JSON) -> JSON:
    """The captured data plus the kept fields of `existing` (see the module docstring)."""
    if existing is None:
        return captured
    merged = dict(captured)
    merged |= {key: existing[key] for key in KEPT_FIELDS if key in existing}
    for key in PARAMETER_LISTS:
        if key in captured:
            merged[key] = _merge_parameters(existing.get(key, []), captured[key])
    return merged


def _merge_parameters(existing: list[JSON], captured: list[JSON]) -> list[JSON]:
    earlier = {parameter.get("name"): parameter for parameter in existing}
    return [
        parameter
        | {
            key: earlier[parameter["name"]][key]
            for key in KEPT_PARAMETER_FIELDS
            if key in earlier.get(parameter["name"], {})
        }
        for parameter in captured
    ]
