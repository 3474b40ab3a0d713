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
