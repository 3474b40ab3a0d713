"""A streamed action's answer as typed events, for the sync and the async client alike.

A streamed action's method answers an iterator of its response model, one per event (the
official SDK yields the events' raw dicts). An event carrying `Error` (a failure mid-stream,
as trtc TextToSpeechSSE documents) raises its APIError when the loop reaches it. When the
service answered one JSON object instead (hunyuan ChatCompletions without `Stream: true`,
or any error before the stream began), the iterator holds that one response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .backends import Answer
from .events import decode, streamed
from .exceptions import APIError, MalformedResponseError
from .model import ResponseModel
from .response import raise_error

R = TypeVar("R", bound=ResponseModel)


def event_models(
    data: dict[str, Any],
    answer: Answer,
    response: type[R],
    error_class: Callable[[str], type[APIError]],
) -> Iterator[R]:
    """The events of `answer` as `response` models (`data`: its parsed JSON, if not events)."""
    if not streamed(answer.headers):
        return _one(data, answer, response)
    try:
        events = decode(answer.content)
    except ValueError as exc:
        raise MalformedResponseError(
            f"HTTP {answer.status}: not an event stream of JSON objects: {exc}",
            answer.status,
            answer.content,
        ) from None
    return _each(events, answer, response, error_class)


def _one(data: dict[str, Any], answer: Answer, response: type[R]) -> Iterator[R]:
    result = response.from_wire(data)
    result._answer = answer
    yield result


def _each(
    events: list[dict[str, Any]],
    answer: Answer,
    response: type[R],
    error_class: Callable[[str], type[APIError]],
) -> Iterator[R]:
    for event in events:
        raise_error(event, error_class)
        result = response.from_wire(event)
        result._answer = answer
        yield result
