"""Merge tccli-imported files into page-captured ones: page data wins where both exist.

The pages are the reference Tencent publishes (error codes, rate limits, region rules, wording);
tccli's model is complete and machine-precise. So every key the page has is kept, and tccli
fills in only what the page lacks: parameter examples, `nullable`, `deprecated`, the action
title, examples when the page shows none, parameters the page does not list (appended in
tccli's order), and the precise integer width (`Int64`/`UInt64`) where the page just says
`Integer`. Data types merge the same way, member by member. Merging is idempotent: merging
a merged file again changes nothing.
"""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]
_INTEGER = "Integer"
_PRECISE_INTEGERS = ("Int64", "UInt64")


class MergeError(Exception):
    """The existing file is not shaped like an action, so it cannot be merged safely."""


def is_page_capture(existing: JSON) -> bool:
    """Whether an existing action file was captured from its documentation page."""
    source = existing.get("source")
    return isinstance(source, dict) and source.get("kind") == "page"


def merge_action(page: JSON, imported: JSON) -> JSON:
    """The page's action completed with what only tccli knows."""
    return {
        **_merge(page, imported, ("input", "output")),
        "examples": page.get("examples") or imported["examples"],
    }


def merge_structure(page: JSON, imported: JSON) -> JSON:
    """The page's data type completed with what only tccli knows."""
    return _merge(page, imported, ("members",))


def _merge(page: JSON, imported: JSON, lists: tuple[str, ...]) -> JSON:
    merged = {**imported, **page}
    for key in lists:
        merged[key] = merge_parameters(_parameters(page, key), imported[key])
    return merged


def merge_parameters(page: list[JSON], imported: list[JSON]) -> list[JSON]:
    """Page parameters in page order, completed from tccli; then parameters only tccli has."""
    by_name = {parameter["name"]: parameter for parameter in imported}
    on_page = {parameter["name"] for parameter in page}
    merged = [_merge_parameter(parameter, by_name.get(parameter["name"])) for parameter in page]
    return merged + [parameter for parameter in imported if parameter["name"] not in on_page]


def _merge_parameter(page: JSON, imported: JSON | None) -> JSON:
    if imported is None:
        return page
    return {**imported, **page, "type": refined_type(page["type"], imported["type"])}


def refined_type(page_type: str, imported_type: str) -> str:
    """tccli's `Int64`/`UInt64` (also as array elements) where the page says `Integer`."""
    base = page_type.removesuffix(_INTEGER)
    if base != page_type and imported_type in {base + width for width in _PRECISE_INTEGERS}:
        return imported_type
    return page_type


def _parameters(page: JSON, key: str) -> list[JSON]:
    value = page.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("type"), str)
        for p in value
    ):
        raise MergeError(f"'{key}' is not a list of parameters with name and type")
    return value
