"""Stateful handlers of the live 2018-08-01 mock, registered per action name.

Actions without a handler answer their documented example; a handler exists where a call
must change what later calls see. This file is Live's own code, kept with its spec
(`spec/live/2018-08-01/extensions/mock/handlers.py`) and copied into this package only.
"""

from __future__ import annotations

from typing import Any

from .._runtime.mock.handlers import CallContext, Handlers

HANDLERS = Handlers()

# Live stream lifecycle. A stream is named by (DomainName, AppName, StreamName); seed with
# {"streams": [{"DomainName": ..., "AppName": ..., "StreamName": ..., "State": ...}]}.
# Seeded streams are active unless their State says otherwise; unknown streams are inactive.
STREAMS = "streams"
STREAM_KEY = ("DomainName", "AppName", "StreamName")
ACTIVE, INACTIVE, FORBIDDEN = "active", "inactive", "forbid"


def _find_stream(context: CallContext) -> dict[str, Any] | None:
    wanted = [context.params.get(key) for key in STREAM_KEY]
    for stream in context.state.get(STREAMS, []):
        if [stream.get(key) for key in STREAM_KEY] == wanted:
            found: dict[str, Any] = stream
            return found
    return None


def stream_state(context: CallContext) -> str:
    """active, inactive or forbid: the state of the stream a call names."""
    stream = _find_stream(context)
    return INACTIVE if stream is None else str(stream.get("State", ACTIVE))


def set_stream_state(context: CallContext, state: str) -> None:
    """Set the named stream's state, remembering the stream if it was unknown."""
    stream = _find_stream(context)
    if stream is None:
        stream = {key: context.params.get(key) for key in STREAM_KEY}
        context.state.setdefault(STREAMS, []).append(stream)
    stream["State"] = state


@HANDLERS.register("DropLiveStream")
def drop_live_stream(context: CallContext) -> dict[str, Any]:
    """An active stream becomes inactive; dropping any other stream succeeds and changes nothing."""
    if stream_state(context) == ACTIVE:
        set_stream_state(context, INACTIVE)
    return context.default()


@HANDLERS.register("ResumeLiveStream")
def resume_live_stream(context: CallContext) -> dict[str, Any]:
    """A dropped or forbidden stream is active again (the mock assumes pushing resumes)."""
    set_stream_state(context, ACTIVE)
    return context.default()


@HANDLERS.register("ForbidLiveStream")
def forbid_live_stream(context: CallContext) -> dict[str, Any]:
    """The stream is forbidden until resumed, whether or not it was pushing."""
    set_stream_state(context, FORBIDDEN)
    return context.default()


@HANDLERS.register("DescribeLiveStreamState")
def describe_live_stream_state(context: CallContext) -> dict[str, Any]:
    """The generic response with StreamState taken from the stream lifecycle."""
    return {**context.default(), "StreamState": stream_state(context)}
