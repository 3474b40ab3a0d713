"""What the runtime knows of an action, as plain data (generated into each package's `_meta.py`).

Client validation, the CLI and the mock all read these tables, so they apply the same rules.
"""

from __future__ import annotations

from typing import NamedTuple

REQUEST_ID_DESCRIPTION = "Unique ID of the request; quote it when contacting Tencent Cloud support."
"""The one description of every response's `RequestId` (help, JSON Schema, the models' own
`request_id` docstring says the same)."""


def product_name(title: str) -> str:
    """The product as Tencent names it: "Tencent Cloud" + a service's title, without the
    doubled word of "Tencent Cloud Cloud Streaming Services" (`Cloud Streaming Services`)."""
    if title.startswith("Tencent"):
        return title
    return f"Tencent {title}" if title.startswith("Cloud ") else f"Tencent Cloud {title}"


Member = tuple[str, str, bool]
"""(wire name, Tencent type, required) of a parameter or structure member."""


class Paging(NamedTuple):
    """How an action pages its results (the spec's `pagination` block); see `paging.py`."""

    kind: str
    """offset (position counts items from 0), page (pages from first_page) or token."""
    position: str
    size: str | None
    items: str
    total: str | None
    next: str | None
    first_page: int = 1


class Issue(NamedTuple):
    """An action that issues temporary credentials (the spec's `credentials` block): how long
    they live; see `mock/temporary.py`."""

    duration: str | None
    """The request member asking for a lifetime in seconds (`DurationSeconds`), if any."""
    default_seconds: int
    """The lifetime when the request asks for none."""


class Stream(NamedTuple):
    """An action answered as Server-Sent Events (the spec's `stream` block)."""

    when: str | None = None
    """The Boolean request member that asks for events; None: the action always streams."""


MULTIPART = "multipart/form-data"
"""A `Body` content type whose parts are the action's parameters (no raw bytes)."""


class Body(NamedTuple):
    """An action whose request body is not JSON (the spec's `body` block): cls UploadLog
    sends raw bytes as `application/octet-stream`, its parameters as `X-CLS-<Name>` headers."""

    content_type: str
    header_prefix: str | None = None
    """Parameters travel as headers `<prefix><Name>`; None: the body carries them."""
    binary: tuple[str, ...] = ()
    """A multipart action's members sent as file parts (`filename=`, their bytes), as the
    official SDK's `BinaryParams`."""


class ActionMeta(NamedTuple):
    """What the runtime needs to know about one action (generated into `_meta.py`)."""

    name: str
    input: tuple[Member, ...]
    output: tuple[Member, ...]
    errors: tuple[str, ...]
    rate_limit: int | None
    region_required: bool
    deprecated: bool = False
    regions: tuple[str, ...] = ()
    """The regions the action is offered in; empty: any region."""
    paging: Paging | None = None
    """How the action pages its results; None: it answers in one piece."""
    unsigned: bool = False
    """Sent without a signature (`Authorization: SKIP`): STS AssumeRoleWithWebIdentity."""
    credentials: Issue | None = None
    """Answers fresh temporary credentials (STS AssumeRole); None: it does not."""
    stream: Stream | None = None
    """Answers as Server-Sent Events (`text/event-stream`); None: one JSON answer."""
    body: Body | None = None
    """Sends a raw body (`application/octet-stream`); None: the parameters as JSON."""
    nullable: tuple[str, ...] = ()
    """The output members documented as possibly null (an answer may carry null there)."""
