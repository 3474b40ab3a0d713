"""Streamed examples, as both sources find them: a response written as Server-Sent Events.

tccli's examples and the documentation pages print the answer of a streamed action (hunyuan
ChatCompletions with `Stream: true`, trtc TextToSpeechSSE) as `data: {...}` blocks instead
of `{"Response": ...}`. Both sources keep such an example as its `events` (the data of each
event) and mark the action with a `stream` block (`stream_block`), so the rule is one.
"""

from __future__ import annotations

import json
from typing import Any

JSON = dict[str, Any]

STREAM_SWITCH = "Stream"
"""The Boolean request member that asks a streamed action for events (hunyuan's `Stream`)."""


def streamed(text: str) -> bool:
    """Whether a response text is Server-Sent Events."""
    return text.lstrip().startswith(("data:", "event:", "id:"))


def parse_events(text: str) -> list[JSON]:
    """The data of each event of a Server-Sent Events text, each a JSON object; a ValueError
    naming the event that is not one, or saying there is none."""
    events = []
    for number, block in enumerate(text.strip().replace("\r\n", "\n").split("\n\n"), 1):
        data = "\n".join(
            line.partition(":")[2].removeprefix(" ")
            for line in block.splitlines()
            if line.startswith("data:")
        )
        if not data.strip():
            continue
        try:
            event = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"event {number} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        if not isinstance(event, dict):
            raise ValueError(f"event {number} is not a JSON object")
        events.append(event)
    if not events:
        raise ValueError("the event stream has no data")
    return events


def stream_block(inputs: list[JSON]) -> JSON:
    """The `stream` block of an action whose examples answer events: streamed always, or
    only when its Boolean `Stream` member is true."""
    switch = any(p["name"] == STREAM_SWITCH and p.get("type") == "Boolean" for p in inputs)
    return {"when": STREAM_SWITCH} if switch else {}


def request_id(events: list[JSON]) -> JSON:
    """The `response` of a streamed example: the RequestId its events show, if any."""
    found = next((e["RequestId"] for e in events if isinstance(e.get("RequestId"), str)), None)
    return {} if found is None else {"RequestId": found}
