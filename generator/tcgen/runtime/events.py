"""Server-Sent Events, as Tencent streams some answers (hunyuan ChatCompletions with
`Stream: true`, trtc TextToSpeechSSE): `Content-Type: text/event-stream`, one `data:` line
per event holding a JSON object shaped like the action's response, events separated by a
blank line. The mock writes them (`encode`), the clients read them (`decode`), so both agree
on the one wire form the official SDK reads (`_process_response_sse`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

EVENT_STREAM = "text/event-stream"


def streamed(headers: Mapping[str, str]) -> bool:
    """Whether an answer's headers announce an event stream (any header-name case)."""
    for name, value in headers.items():
        if name.lower() == "content-type":
            return value.split(";", 1)[0].strip().lower() == EVENT_STREAM
    return False


def encode(events: Iterable[Mapping[str, Any]]) -> bytes:
    """The wire form of `events` (their data), one `data:` line each."""
    return b"".join(
        b"data: " + json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n\n"
        for event in events
    )


def decode(content: bytes) -> list[dict[str, Any]]:
    """The data of each event of a stream, in order; comments, other fields and events
    without data are skipped, and data that is not a JSON object is a ValueError."""
    events = []
    for block in content.decode("utf-8").replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line.startswith("data:")]
        data = "\n".join(line[5:].removeprefix(" ") for line in lines)
        if not data:
            continue
        event = json.loads(data)
        if not isinstance(event, dict):
            raise ValueError(f"an event's data is not a JSON object: {data[:200]!r}")
        events.append(event)
    return events
