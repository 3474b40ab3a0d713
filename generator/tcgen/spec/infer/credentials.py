"""Credential issuers as data: infer an action's `credentials` block from its members.

An action answers temporary credentials when its response has a `Credentials` member and the
integer `ExpiredTime` of Tencent's STS shape (AssumeRole, AssumeRoleWithWebIdentity,
AssumeRoleWithSAML, GetFederationToken); the mock then issues fresh keys for it that every
service of its endpoint accepts (`runtime/mock/temporary.py`). The lifetime comes from an
integer request member `DurationSeconds`, defaulting to the number its description gives
("Default value: 7,200s", "默认值 1800"), else Tencent's 7200 seconds.

Like `pagination`, `tcgen import-tccli` and `tcgen capture` both settle the block through
`spec_merge.combine`; a block in the file (by hand) is kept while its duration member exists,
and `false` says by hand that the action issues none.
"""

from __future__ import annotations

import re
from typing import Any

from tcgen.spec.infer import blocks

JSON = dict[str, Any]

KEY = "credentials"
DURATION = "DurationSeconds"
DEFAULT_SECONDS = 7200
INTEGERS = frozenset({"Integer", "Int64", "UInt64"})
_DEFAULT = re.compile(
    r"(?:default(?: value)?(?: is)?|默认(?:值)?(?:为|是)?)\s*[:：]?\s*([\d,]+)", re.I
)


def infer(action: JSON) -> JSON | None:
    """The block an action's members call for; None when it issues no credentials."""
    output = {member["name"]: member for member in action.get("output", [])}
    expiry = output.get("ExpiredTime")
    if "Credentials" not in output or expiry is None or expiry.get("type") not in INTEGERS:
        return None
    duration = next(
        (
            member
            for member in action.get("input", [])
            if member["name"] == DURATION and member.get("type") in INTEGERS
        ),
        None,
    )
    if duration is None:
        return {"defaultSeconds": DEFAULT_SECONDS}
    found = _DEFAULT.search(str(duration.get("description", "")))
    seconds = int(found[1].replace(",", "")) if found and found[1].strip(",") else 0
    return {"duration": DURATION, "defaultSeconds": seconds or DEFAULT_SECONDS}


def problems(action: JSON) -> list[tuple[str, str]]:
    """(JSON pointer, message) for a block naming a request member the action lacks."""
    block = action.get(KEY)
    if not isinstance(block, dict) or "duration" not in block:
        return []
    names = {member["name"] for member in action.get("input", [])}
    if block["duration"] in names:
        return []
    return [(f"/{KEY}/duration", f"credentials: request member {block['duration']} not found")]


def settle(existing: JSON | None, merged: JSON) -> JSON:
    """`merged` with its credentials block: the existing file's while it still fits, else the
    inferred one (none when the action issues no credentials)."""
    return blocks.settle(KEY, existing, merged, problems, infer)
