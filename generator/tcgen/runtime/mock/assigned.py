"""Values the cloud makes for a new resource besides its id, kept so every read agrees.

A create's answer often carries more than the id: CAM's `AddUser` a `Uid` and the keys it
made, CLB's `CreateLoadBalancer` a `DealName`. Answering the documented example's values
there makes the create disagree with every later read (`GetUser` showing another `Uid`).
A block's `assigned` members are made once at creation, in an id's format (`{"Uid":
{"digits": 7}}`), and stored: the create answers them and every read shows them. Its
`derived` members are built from other values by a template (`{"RoleArn":
"qcs::cam::uin/{uin}:roleName/{RoleName}"}`): `{Member}` is the new resource's stored value,
`{uin}` the account's, the one account every caller of the mock acts as (`ACCOUNT_UIN`).
Its `itemDefaults` are what the cloud fills into the items of a list where a request leaves
them out (a CLB target's `Weight` 10, `Type` "CVM"), whether the create or an `extend`
action adds them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ACCOUNT_UIN = "100000000001"
"""The owner uin of the account the mock serves (the mock takes any key as this account's)."""
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
"""A `derived` template's placeholder: `{RoleName}`, `{uin}`."""
ACCOUNT = {"uin": ACCOUNT_UIN}
"""The placeholders that name the account rather than a stored member."""


def derive(template: str, record: Mapping[str, Any]) -> str:
    """`template` with each placeholder replaced by the account's value or the record's."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return ACCOUNT[name] if name in ACCOUNT else str(record.get(name, ""))

    return PLACEHOLDER.sub(value, template)


def fill_items(
    values: dict[str, Any], defaults: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]
) -> dict[str, Any]:
    """`values` with each item of the named lists given the defaults it lacks."""
    for name, members in defaults:
        items = values.get(name)
        if isinstance(items, list):
            values[name] = [
                {**dict(members), **item} if isinstance(item, dict) else item for item in items
            ]
    return values


def placeholders(template: str) -> list[str]:
    """The stored members a template names (the account's placeholders left out)."""
    return [name for name in PLACEHOLDER.findall(template) if name not in ACCOUNT]
