"""Every paginated action of the generated Live package iterates all items of a seeded mock,
in process through the typed `_items`/`_pages` methods, a few items to a page."""

from __future__ import annotations

from typing import Any

import pytest

from generated.live_v20180801 import _meta, models
from generated.live_v20180801 import mock as live_mock
from generated.live_v20180801._runtime.credentials import Sources
from generated.live_v20180801._runtime.mock.synth import synthesize
from generated.live_v20180801._runtime.primitives import PRIMITIVES
from generated.live_v20180801.client import LiveClient

from .helpers import SECRET_ID, SECRET_KEY

PAGINATED = sorted(name for name, meta in _meta.ACTIONS.items() if meta.paging is not None)
COUNT = 5


def test_the_live_spec_pages_what_tccli_shows() -> None:
    kinds = {name: _meta.ACTIONS[name].paging.kind for name in PAGINATED}  # type: ignore[union-attr]
    assert len(kinds) == 11 and kinds["DescribeRecordTask"] == "token"
    assert kinds["DescribeLiveStreamOnlineList"] == "page"


def _item(type_: str, index: int) -> Any:
    """A seeded item the test can recognise: structures carry their index in a String member."""
    element = type_.removeprefix("Array of ")
    primitive = PRIMITIVES.get(element)
    if primitive is not None:
        return f"item-{index}" if primitive.json_type == "string" else index
    members = _meta.STRUCTURES[element]
    item = synthesize(members, _meta.STRUCTURES)
    text = next(name for name, t, _ in members if t == "String")
    item[text] = f"item-{index}"
    return item


@pytest.mark.parametrize("action", PAGINATED)
def test_every_paginated_action_iterates_all_seeded_items(
    app: live_mock.MockApp, action: str, tmp_path: Any
) -> None:
    meta = _meta.ACTIONS[action]
    paging = meta.paging
    assert paging is not None
    items_type = next(t for name, t, _ in meta.output if name == paging.items)
    app.seed({"items": {action: [_item(items_type, i) for i in range(COUNT)]}})
    request = getattr(models, f"{action}Request")
    wire_to_py = {wire: py for py, wire, _ in request._wire_}
    kwargs: dict[str, Any] = {
        wire_to_py[name]: PRIMITIVES[type_].placeholder
        for name, type_, required in meta.input
        if required
    }
    if paging.size:
        kwargs[wire_to_py[paging.size]] = 2
    client = LiveClient(
        secret_id=SECRET_ID,
        secret_key=SECRET_KEY,
        region="ap-guangzhou",
        sources=Sources(environ={}, home=tmp_path),
    )
    method = _meta.ACTIONS[action].name
    name = next(m for m in dir(client) if m.endswith("_items") and _camel(m[:-6]) == method)
    with live_mock.activate(app):
        items = list(getattr(client, name)(**kwargs))
        capped = list(getattr(client, name)(**kwargs, max_items=3))
    seen = [item if isinstance(item, str | int) else item.to_wire() for item in items]
    assert len(seen) == COUNT and len({str(s) for s in seen}) == COUNT
    assert len(capped) == 3
    pages = len([c for c in app.calls() if c.action == action])
    assert pages == ((COUNT + 1) // 2 + 2 if paging.size else 2)  # all, then up to the cap


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))
