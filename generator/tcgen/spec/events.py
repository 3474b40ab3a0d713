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

EVENT_STREAM = "text/event-stream"
STREAM_SWITCH = "Stream"
"""The Boolean request member that asks a streamed action for events (hunyuan's `Stream`)."""


def streamed(text: str) -> bool:
    """Whether a response text is Server-Sent Events (also printed after its HTTP head,
    `HTTP/1.1 200 OK` ... `Content-Type: text/event-stream`, as some tccli examples do)."""
    return _body(text).lstrip().startswith(("data:", "event:", "id:"))


def _body(text: str) -> str:
    """`text` without an event stream's HTTP head, if it starts with one."""
    stripped = text.lstrip()
    if not stripped.startswith("HTTP/"):
        return text
    head, _, body = stripped.replace("\r\n", "\n").partition("\n\n")
    kinds = [
        value.strip().lower()
        for name, _, value in (line.partition(":") for line in head.splitlines()[1:])
        if name.strip().lower() == "content-type"
    ]
    return body if any(kind.startswith(EVENT_STREAM) for kind in kinds) else text


def parse_events(text: str) -> list[JSON]:
    """The data of each event of a Server-Sent Events text, each a JSON object; a ValueError
    naming the event that is not one, or saying there is none. A line of only white space
    ends an event as a blank one does (tccli's examples end some with a tab)."""
    events = []
    blocks: list[list[str]] = [[]]
    for line in _body(text).strip().replace("\r\n", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    for number, block in enumerate(blocks, 1):
        data = "\n".join(
            line.partition(":")[2].removeprefix(" ") for line in block if line.startswith("data:")
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
