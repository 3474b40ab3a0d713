"""The events a streamed action answers (the spec's `stream` block), chosen like examples.

A call streams when its action always does, or when the Boolean member the block names
(`Stream`) is true; otherwise it answers one JSON object as usual. The events are those of
the documented streamed example sent these very parameters, else of the first one, up to an
error event it documents (a documented failure is not what an ordinary call gets), else one event:
the response the mock would otherwise answer, with the call's RequestId. Documented events
are answered as documented.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..meta import ActionMeta


def streams(meta: ActionMeta, params: Mapping[str, Any]) -> bool:
    """Whether this call of `meta` answers Server-Sent Events."""
    stream = meta.stream
    return stream is not None and (stream.when is None or params.get(stream.when) is True)


@dataclass(frozen=True)
class Events:
    """A streamed answer: the data of each event, in order."""

    data: list[dict[str, Any]]
    synthesized: bool = False

    @classmethod
    def chosen(
        cls,
        examples: list[tuple[dict[str, Any], list[dict[str, Any]]]],
        params: Mapping[str, Any],
        response: dict[str, Any],
    ) -> Events:
        """The events of the example for `params` (see the module), else `[response]`."""
        own = [events for documented, events in examples if documented == params]
        clean = [_before_error(events) for _, events in examples]
        found = own or [events for events in clean if events]
        return cls(list(found[0])) if found else cls([response], synthesized=True)

    def stamped(self, request_id: str) -> list[dict[str, Any]]:
        """The events to send: a synthesized one carries the call's RequestId."""
        if not self.synthesized:
            return self.data
        return [{**event, "RequestId": request_id} for event in self.data]


def _before_error(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events before the first that carries an `Error`."""
    failed = next((n for n, event in enumerate(events) if "Error" in event), len(events))
    return events[:failed]
