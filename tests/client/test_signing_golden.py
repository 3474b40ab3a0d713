"""Our signed requests equal the official SDK's, byte for byte, over many generated calls.

The oracle is the official SDK itself (`tencentcloud-sdk-python-intl-en`), with its clock
frozen at the same timestamp and its send step replaced by a capture: same key, same params,
same endpoint -> same Authorization header, body, GET query and signed headers.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated.live_v20180801._runtime.transport import Credentials, Endpoint, Transport

from .support import capture_official, frozen_sdk_clock, official_client

HOST = "live.tencentcloudapi.com"
SIGNED = ("Authorization", "Content-Type", "Host", "X-TC-Action", "X-TC-Timestamp", "X-TC-Version")
OPTIONAL = ("X-TC-Region", "X-TC-Token", "X-TC-Language")

names = st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,12}\Z")
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
    max_leaves=12,
)
params = st.dictionaries(names, values, max_size=6)
printable = st.characters(
    min_codepoint=33, max_codepoint=0x10FFFF, exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc")
)
secrets = st.text(printable, min_size=1, max_size=40)
calls = st.fixed_dictionaries(
    {
        "action": names,
        "params": params,
        "method": st.sampled_from(["POST", "GET"]),
        "timestamp": st.integers(min_value=0, max_value=4_102_444_800),
        "secret_id": secrets,
        "secret_key": secrets,
        "token": st.none()
        | st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1),
        "region": st.sampled_from(["", "ap-guangzhou", "na-siliconvalley"]),
        "language": st.sampled_from(["en-US", "zh-CN"]),
        "service": st.sampled_from(["live", "cvm"]),
        "version": st.sampled_from(["2018-08-01", "2017-03-12"]),
    }
)


def ours(call: dict[str, Any]) -> tuple[dict[str, str], str, bytes]:
    transport = Transport(
        service=call["service"],
        version=call["version"],
        endpoint=Endpoint.parse(HOST),
        credentials=Credentials(call["secret_id"], call["secret_key"], call["token"]),
        region=call["region"] or None,
        language=call["language"],
        method=call["method"],
        clock=lambda: call["timestamp"],
    )
    prepared = transport.prepare(call["action"], call["params"])
    query = prepared.url.partition("?")[2]
    return prepared.headers, query, prepared.body


def official(call: dict[str, Any]) -> tuple[dict[str, str], str, bytes]:
    client = official_client(
        call["service"],
        call["version"],
        endpoint=HOST,
        method=call["method"],
        secret_id=call["secret_id"],
        secret_key=call["secret_key"],
        token=call["token"],
        region=call["region"],
        language=call["language"],
    )
    with frozen_sdk_clock(lambda: call["timestamp"]):
        request = capture_official(client, call["action"], call["params"])
    if call["method"] == "GET":
        return request.header, request.data, b""
    return request.header, "", request.data.encode("utf-8")


@pytest.mark.no_cover  # the generated package's signing, not tcgen: nothing to measure
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(call=calls)
def test_signed_request_is_byte_identical_to_official_sdk(call: dict[str, Any]) -> None:
    our_headers, our_query, our_body = ours(call)
    sdk_headers, sdk_query, sdk_body = official(call)
    assert our_headers["Authorization"] == sdk_headers["Authorization"]
    assert (our_query, our_body) == (sdk_query, sdk_body)
    for name in SIGNED + OPTIONAL:
        assert our_headers.get(name) == sdk_headers.get(name), name
