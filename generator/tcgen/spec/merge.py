"""The one merge rule for an action or data type known from its page and from tccli's model.

`tcgen capture` (pages) and `tcgen import-tccli` (tccli models) both write through `combine`,
so capture-then-import and import-then-capture give the same file, byte for byte.

The pages are the reference Tencent publishes; tccli's model is machine-precise. So:

- the page wins for everything it states: the parameter list (its order and which parameters
  exist), parameter names, types, required flags and descriptions; the action's description,
  rate limit, region rules, error codes and examples; a data type's description and members;
- tccli supplies what a page never states: the action's `title`, its `deprecated` and
  `unsigned` (tccli's `skip_sign`) flags and its `stream` and `body` blocks (its examples
  answer events, or upload a binary body), each parameter's `example`, `nullable` and
  `deprecated` (matched by name), and the examples when the page has none; where a page's
  prose does state a parameter's `example` or `nullable` (`source.pageNotes`), the page's
  stands, as for everything it states;
- one exception on types: tccli's exact integer width (`Int64`/`UInt64`, also as array elements)
  refines a page `Integer` (or a page width tccli contradicts).

Parameters only tccli has are dropped when a page exists: a page documents the public API, and
tccli's model also carries undocumented and internal members.

The `pagination` and `credentials` blocks are inferred from the merged members, or kept from
the existing file (`pagination.settle`, `credentials.settle`), so they never depend on the
order either.

Provenance (`source.kind`: `page`, `tccli` or `page+tccli`) says which sides a file holds, so a
later run can take the file apart again: a file holding the page side gives the page's data and
a file holding tccli's gives tccli's, by the rule above. The one thing the rule cannot tell is
where a merged file's examples came from, so `source.examplesFrom: "tccli"` records it, and
which parameter keys a page stated, which `source.pageNotes` records (`input.Limit.example`). Files
without `source` count as pages (hand-written). Merging is idempotent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tcgen.spec import jsontext, typesys
from tcgen.spec.events import stream_block
from tcgen.spec.infer import credentials, pagination
from tcgen.spec.problems import Problem, display_path
from tcgen.spec.tree import validate_document

JSON = dict[str, Any]

PAGE, TCCLI = "page", "tccli"
BOTH = f"{PAGE}+{TCCLI}"
EXAMPLES_FROM = "examplesFrom"
PAGE_NOTES = "pageNotes"
TCCLI_KEYS = ("title", "deprecated", "unsigned", "stream", "body")  # action keys only tccli states
TCCLI_PARAMETER_KEYS = ("example", "nullable", "deprecated")
PARAMETER_LISTS = ("input", "output", "members")
_INTEGERS = tuple(name for name, p in typesys.PRIMITIVES.items() if p.json_type == "integer")
_PRECISE_INTEGERS = ("Int64", "UInt64")  # the widths pages write as plain Integer


def provenance(data: JSON) -> frozenset[str]:
    """The sides a file holds: `{"page"}`, `{"tccli"}` or both."""
    source = data.get("source")
    kind = source.get("kind") if isinstance(source, dict) else None
    return frozenset(str(kind or PAGE).split("+"))


def combine(existing: JSON | None, incoming: JSON, side: str) -> JSON:
    """What to write when `incoming`, fresh from `side` (page or tccli), meets the file."""
    sides: dict[str, JSON | None] = {PAGE: None, TCCLI: None}
    for held in provenance(existing) if existing is not None else ():
        sides[held] = existing
    sides[side] = incoming
    page, tccli = sides[PAGE], sides[TCCLI]
    if page is None:
        assert tccli is not None
        combined = tccli
    else:
        combined = merge(page, tccli)
    if "action" not in combined:
        return combined
    return credentials.settle(existing, pagination.settle(existing, combined))


def page_only(data: JSON) -> JSON:
    """A file's page side alone (what is left when tccli no longer has it)."""
    return merge(data, None)


def merge(page: JSON, tccli: JSON | None) -> JSON:
    """The page side of `page` completed with the tccli side of `tccli` (module docstring)."""
    other = tccli or {}
    merged = {key: value for key, value in page.items() if key not in TCCLI_KEYS}
    merged |= {key: other[key] for key in TCCLI_KEYS if key in other}
    stated, stale = page_notes(page), page_notes(other)  # a merged file's notes are not tccli's
    for key in PARAMETER_LISTS:
        if key in page:
            merged[key] = merge_parameters(page[key], other.get(key, []), key, stated, stale)
    source: JSON = {"kind": BOTH if tccli is not None else PAGE}
    page_source = page.get("source")
    if isinstance(page_source, dict) and "updated" in page_source:
        source["updated"] = page_source["updated"]
    if stated:
        source[PAGE_NOTES] = sorted(stated)
    if "examples" in page:
        merged["examples"] = _examples(page, PAGE)
        if not merged["examples"] and _examples(other, TCCLI):
            merged["examples"] = _examples(other, TCCLI)
            source[EXAMPLES_FROM] = TCCLI
    if "source" in page or tccli is not None:
        merged["source"] = source
    if "stream" not in merged and any("events" in e for e in merged.get("examples", [])):
        merged["stream"] = stream_block(merged.get("input", []))  # the page's streamed examples
    return merged


def _examples(data: JSON, side: str) -> list[JSON]:
    """The examples of `data` that came from `side`."""
    source = data.get("source")
    origin = source.get(EXAMPLES_FROM) if isinstance(source, dict) else None
    held = provenance(data) if data else frozenset()
    if origin is None:
        origin = TCCLI if held == {TCCLI} else PAGE
    examples: list[JSON] = data.get("examples", [])
    return examples if origin == side and side in held else []


def page_notes(data: JSON) -> frozenset[str]:
    """The parameter keys the page's prose stated (`input.Limit.example`), from `source`."""
    source = data.get("source")
    notes = source.get(PAGE_NOTES, []) if isinstance(source, dict) else []
    return frozenset(notes)


def merge_parameters(
    page: list[JSON],
    tccli: list[JSON],
    list_key: str,
    stated: frozenset[str],
    stale: frozenset[str],
) -> list[JSON]:
    """The page's parameters in page order, each completed from tccli's of the same name;
    the keys in `stated` stay the page's, those in `stale` (a page's, in a merged file given
    as tccli's side) are not tccli's to give."""
    by_name = {parameter["name"]: parameter for parameter in tccli}
    return [
        _merge_parameter(
            parameter,
            by_name.get(parameter["name"]),
            {k for k in TCCLI_PARAMETER_KEYS if f"{list_key}.{parameter['name']}.{k}" in stated},
            {k for k in TCCLI_PARAMETER_KEYS if f"{list_key}.{parameter['name']}.{k}" in stale},
        )
        for parameter in page
    ]


def _merge_parameter(page: JSON, tccli: JSON | None, stated: set[str], stale: set[str]) -> JSON:
    merged = {key: value for key, value in page.items() if key not in TCCLI_PARAMETER_KEYS}
    if tccli is not None:
        given = (key for key in TCCLI_PARAMETER_KEYS if key in tccli and key not in stale)
        merged |= {key: tccli[key] for key in given}
        merged["type"] = refined_type(page["type"], tccli["type"])
    return merged | {key: page[key] for key in TCCLI_PARAMETER_KEYS if key in stated & page.keys()}


def refined_type(page_type: str, tccli_type: str) -> str:
    """tccli's `Int64`/`UInt64` (also as array elements) where the page says another integer."""
    page_depth, page_element = typesys.array_depth(page_type)
    if typesys.array_depth(tccli_type) in {(page_depth, w) for w in _PRECISE_INTEGERS} and (
        page_element in _INTEGERS
    ):
        return tccli_type
    return page_type


def read_existing(path: Path, kind: str, spec_dir: Path, problems: list[Problem]) -> JSON | None:
    """An existing spec file's valid content; None when absent, or unusable (in `problems`)."""
    if not path.exists():
        return None
    label = display_path(path)
    try:
        data = jsontext.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(label, "", f"cannot read existing file: {exc}"))
        return None
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, "", f"invalid JSON at line {exc.lineno}: {exc.msg}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(label, "", "existing file is not a JSON object"))
        return None
    errors = validate_document(kind, data, label, spec_dir)
    problems.extend(errors)
    return None if errors else data
