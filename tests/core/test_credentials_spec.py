"""The `credentials` block: inferred from STS's response shape (Credentials + ExpiredTime),
its lifetime from `DurationSeconds`' documented default, kept when set by hand while its
member exists, checked by the model, and reported by `tcgen diff`."""

from __future__ import annotations

from typing import Any

import pytest
from tcgen.diff.changes import diff_snapshots
from tcgen.spec.infer.credentials import infer, problems, settle

from .test_pagination import action


def sts(duration: str | None) -> dict[str, Any]:
    inputs = [("RoleArn", "String")] + ([("DurationSeconds", "UInt64")] if duration else [])
    data = action(inputs, [("Credentials", "Credentials"), ("ExpiredTime", "Int64")])
    if duration:
        data["input"][1]["description"] = duration
    return data


@pytest.mark.parametrize(
    ("description", "block"),
    [
        ("Default value: 7,200s. Maximum value: 43,200s.", {"defaultSeconds": 7200}),
        ("Default value: 1,800s. Maximum for a root account: 7,200s.", {"defaultSeconds": 1800}),
        ("有效期，默认值为 1800 秒", {"defaultSeconds": 1800}),
        ("The validity period in seconds.", {"defaultSeconds": 7200}),
    ],
)
def test_lifetime_from_the_duration_member(description: str, block: dict[str, Any]) -> None:
    assert infer(sts(description)) == {"duration": "DurationSeconds", **block}


def test_no_duration_member_takes_tencents_default() -> None:
    assert infer(sts(None)) == {"defaultSeconds": 7200}


def test_other_shapes_issue_nothing() -> None:
    no_expiry = action([], [("Credentials", "Credentials")])
    text_expiry = action([], [("Credentials", "Credentials"), ("ExpiredTime", "String")])
    assert infer(no_expiry) is None and infer(text_expiry) is None


def test_hand_block_kept_while_its_member_exists() -> None:
    by_hand = {**sts("x"), "credentials": {"duration": "DurationSeconds", "defaultSeconds": 60}}
    assert settle(by_hand, sts("x"))["credentials"]["defaultSeconds"] == 60
    refused = {**sts("x"), "credentials": False}
    assert settle(refused, sts("x"))["credentials"] is False
    gone = {**sts(None), "credentials": {"duration": "DurationSeconds", "defaultSeconds": 60}}
    assert problems(gone) == [
        ("/credentials/duration", "credentials: request member DurationSeconds not found")
    ]
    assert settle(gone, sts(None))["credentials"] == {"defaultSeconds": 7200}


def test_diff_reports_the_block() -> None:
    old = {"service": "sts", "version": "2018-08-13", "endpoint": "sts.tencentcloudapi.com"}
    old |= {"actions": {"A": sts("x")}, "types": {}, "commonErrors": []}
    new_action = {**sts("x"), "credentials": {"duration": "DurationSeconds", "defaultSeconds": 9}}
    new = {**old, "actions": {"A": new_action}}
    (change,) = [c for c in diff_snapshots(old, new) if "credentials" in c.detail]
    assert change.kind == "changed" and change.level == "compatible"
