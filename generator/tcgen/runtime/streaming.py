"""A streamed action's answer as typed events, for the sync and the async client alike.

A streamed action's method answers an iterator of its response model, one per event (the
official SDK yields the events' raw dicts). An event carrying `Error` (a failure mid-stream,
as trtc TextToSpeechSSE documents) raises its APIError when the loop reaches it. When the
service answered one JSON object instead (hunyuan ChatCompletions without `Stream: true`,
or any error before the stream began), the iterator holds that one response. The async
client's (`async_event_models`) is an async iterator, read from the connection as it goes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

from .backends import Answer
from .events import EventReader, iter_events, streamed
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
    """The events of `answer` as `response` models (`data`: its parsed JSON, if not events),
    each decoded as it arrives when the answer's body is still on the wire (`chunks`)."""
    if not streamed(answer.headers):
        return _one(data, answer, response)
    return _models(checked_events(answer, error_class), answer, response)


def checked_events(
    answer: Answer, error_class: Callable[[str], type[APIError]]
) -> Iterator[dict[str, Any]]:
    """The data of an event stream's events as they arrive (the client's models and the
    CLI's output alike): an `Error` event raises its APIError when reached, data that is not
    a JSON object a MalformedResponseError."""
    chunks = answer.chunks if answer.chunks is not None else iter((answer.content,))
    yield from _checked(iter_events(chunks), answer, error_class)


def _checked(
    events: Iterator[dict[str, Any]],
    answer: Answer,
    error_class: Callable[[str], type[APIError]],
) -> Iterator[dict[str, Any]]:
    while True:
        try:
            event = next(events, None)
        except ValueError as exc:  # JSON or UTF-8 that does not decode
            raise MalformedResponseError(
                f"HTTP {answer.status}: not an event stream of JSON objects: {exc}",
                answer.status,
                answer.content,
            ) from None
        if event is None:
            return
        raise_error(event, error_class)
        yield event


async def async_event_models(
    data: dict[str, Any],
    answer: Answer,
    response: type[R],
    error_class: Callable[[str], type[APIError]],
) -> AsyncIterator[R]:
    """`event_models` for the async client: each event decoded as its bytes arrive
    (`answer.achunks`, read by `await`), the connection given back at the end or closed
    when the loop stops early."""
    if not streamed(answer.headers) or answer.achunks is None:
        for model in event_models(data, answer, response, error_class):
            yield model
        return
    reader = EventReader()
    try:
        async for chunk in answer.achunks:
            for event in _checked(reader.feed(chunk), answer, error_class):
                yield _model(event, answer, response)
        for event in _checked(reader.end(), answer, error_class):
            yield _model(event, answer, response)
    finally:
        closing = getattr(answer.achunks, "aclose", None)
        if closing is not None:
            await closing()


def _one(data: dict[str, Any], answer: Answer, response: type[R]) -> Iterator[R]:
    result = response.from_wire(data)
    result._answer = answer
    yield result


def _models(events: Iterator[dict[str, Any]], answer: Answer, response: type[R]) -> Iterator[R]:
    for event in events:
        yield _model(event, answer, response)


def _model(event: dict[str, Any], answer: Answer, response: type[R]) -> R:
    result = response.from_wire(event)
    result._answer = answer
    return result
