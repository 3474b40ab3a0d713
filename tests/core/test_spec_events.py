"""`spec/events.py`: streamed examples as the sources print them, including the domestic
tccli's hunyuan ChatCompletions, which prints the HTTP head before the events and ends some
events with a line holding only a tab."""

from __future__ import annotations

import pytest
from tcgen.spec.events import parse_events, streamed

HEAD = (
    "HTTP/1.1 200 OK\nCache-Control: no-cache\nContent-Type: text/event-stream\n"
    "Transfer-Encoding: chunked\n\n"
)
EVENTS = 'data: {"Id": "a", "N": 1}\n\t\ndata: {"Id": "a", "N": 2}\n\ndata: [DONE]\n'


def test_events_after_an_http_head() -> None:
    assert streamed(HEAD + EVENTS)
    with pytest.raises(ValueError, match="event 3 is not JSON"):
        parse_events(HEAD + EVENTS)
    assert parse_events(HEAD + EVENTS.replace("data: [DONE]\n", "")) == [
        {"Id": "a", "N": 1},
        {"Id": "a", "N": 2},
    ]


def test_a_json_answer_after_a_head_is_not_a_stream() -> None:
    json_head = HEAD.replace("text/event-stream", "application/json")
    assert not streamed(json_head + EVENTS)
    assert not streamed('{"Response": {"RequestId": "r"}}')
    assert streamed("data: {}\n\n")
