"""A reference capture built from the raw page reader: what a faithful capture would yield.

`python -m tcgen.sources.corpus --reference` runs the oracle with this in place of
`tcgen.sources.capture`. By construction it has no capture fault; what it shows is the page's-own
baseline (every
difference between what the pages say and the model), which a correct capture reaches too, and
it keeps the raw reader honest: a difference here that is not really on the page is a reader bug.
"""

from __future__ import annotations

from typing import Any

from tcgen.sources.corpus import rawpage
from tcgen.sources.corpus.capturing import PageCapture
from tcgen.sources.corpus.corpus import CorpusPage
from tcgen.sources.corpus.rawpage import RawRow

JSON = dict[str, Any]
_COMMON_ROWS = frozenset({"Action", "Version", "Region"})


def reference_capture(page: CorpusPage) -> PageCapture:
    raw = rawpage.read(page.path.read_text(encoding="utf-8-sig"))
    result = PageCapture(page)
    if page.is_types:
        result.structures = {
            name: {"name": name, "members": [_parameter(row, True) for row in rows.values()]}
            for name, rows in raw.structures.items()
        }
        return result
    if raw.action is None or raw.version is None or raw.endpoint is None:
        result.problems.append("the raw reader finds no Action, Version or endpoint")
        return result
    result.service = raw.endpoint.split(".", 1)[0]
    result.version = raw.version
    result.endpoint = raw.endpoint
    action: JSON = {"action": raw.action, "description": raw.description()}
    if raw.rate_limit is not None:
        action["rateLimit"] = raw.rate_limit
    rows = raw.top_rows("input")
    action["input"] = [
        _parameter(row, True) for name, row in rows.items() if name not in _COMMON_ROWS
    ]
    action["output"] = [_parameter(row, False) for row in raw.top_rows("output").values()]
    action["examples"] = [
        {"title": "", "request": {"method": "GET", "params": params}, "response": {}}
        for params in raw.examples
        if params is not None
    ]
    action["errorCodes"] = [{"code": code, "description": ""} for code in raw.error_codes]
    result.action = action
    return result


def _parameter(row: RawRow, with_required: bool) -> JSON:
    parameter: JSON = {"name": row.name, "type": row.type, "description": ""}
    if with_required:
        parameter["required"] = bool(row.required)
    return parameter
