"""Server-Sent Events, as Tencent streams some answers (hunyuan ChatCompletions with
`Stream: true`, trtc TextToSpeechSSE): `Content-Type: text/event-stream`, one `data:` line
per event holding a JSON object shaped like the action's response, events separated by a
blank line. The mock writes them (`encode`), the clients read them (`decode`), so both agree
on the one wire form the official SDK reads (`_process_response_sse`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
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
    """The data of each event of a whole stream, in order (`iter_events`)."""
    return list(iter_events((content,)))


def iter_events(chunks: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The data of each event as its bytes arrive (`chunks`: the body as read, cut anywhere);
    comments, other fields and events without data are skipped, and data that is not a JSON
    object is a ValueError when that event is reached."""
    reader = EventReader()
    for chunk in chunks:
        yield from reader.feed(chunk)
    yield from reader.end()


class EventReader:
    """`iter_events` pushed a piece at a time, for a body read by `await` (the async
    client): `feed` each piece as it arrives, then `end`; both yield the events completed."""

    def __init__(self) -> None:
        self._pending = b""
        self._data: list[str] = []

    def feed(self, chunk: bytes) -> Iterator[dict[str, Any]]:
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        for line in lines:
            event = _line(line.removesuffix(b"\r"), self._data)
            if event is not None:
                yield event

    def end(self) -> Iterator[dict[str, Any]]:
        """The last event, which a stream may end without its blank line."""
        pending, self._pending = self._pending, b""
        for line in (pending.removesuffix(b"\r"), b""):
            event = _line(line, self._data)
            if event is not None:
                yield event


def _line(line: bytes, data: list[str]) -> dict[str, Any] | None:
    """Take one line: a `data:` line is kept in `data`; a blank line ends the event, whose
    decoded data is answered (None: no event ended, or one without data)."""
    if line.startswith(b"data:"):
        data.append(line[5:].decode("utf-8").removeprefix(" "))
        return None
    if line or not data:
        return None
    text = "\n".join(data)
    data.clear()
    event = json.loads(text)
    if not isinstance(event, dict):
        raise ValueError(f"an event's data is not a JSON object: {text[:200]!r}")
    return event
