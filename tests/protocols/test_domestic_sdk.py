"""The domestic editions of the official Python SDK (`tencentcloud-sdk-python` 3.1.189, run
unchanged in a subprocess: `tests.domestic`) and Node.js SDK (`tencentcloud-sdk-nodejs`
4.1.313) against `tcgen mock` serving services imported
from the domestic tccli: temporary credentials from STS accepted by CVM with their token, a
streamed hunyuan answer read by the SDK's own event iterator, and CVM's id checks."""

from __future__ import annotations

import json
from pathlib import Path

from tests import domestic

LONG_TERM = ("AKIDdomestic", "domestic-key")
ROLE = {"RoleArn": "qcs::cam::uin/100000000001:roleName/ci", "RoleSessionName": "ci"}
CHAT = {"Model": "hunyuan-lite", "Messages": [{"Role": "user", "Content": "hi"}], "Stream": True}


def call(
    sdk: Path, endpoint: str, secret: tuple[str, ...], *todo: domestic.Call
) -> list[domestic.Outcome]:
    return domestic.calls(sdk, endpoint, list(todo), secret=secret)


def test_sts_credentials_sign_cvm_calls(domestic_sdk: Path, domestic_endpoint: str) -> None:
    (issued,) = call(
        domestic_sdk, domestic_endpoint, LONG_TERM,
        domestic.Call("sts", "2018-08-13", "AssumeRole", ROLE),
    )  # fmt: skip
    assert issued.ok, issued
    keys = issued.response["Credentials"]
    assert "*" not in keys["TmpSecretId"] and issued.response["ExpiredTime"] > 0
    regions = domestic.Call("cvm", "2017-03-12", "DescribeRegions")
    temporary = (keys["TmpSecretId"], keys["TmpSecretKey"], keys["Token"])
    (accepted,) = call(domestic_sdk, domestic_endpoint, temporary, regions)
    assert accepted.ok, accepted
    (wrong,) = call(domestic_sdk, domestic_endpoint, (*temporary[:2], "wrong-token"), regions)
    (missing,) = call(domestic_sdk, domestic_endpoint, temporary[:2], regions)
    assert wrong.code == missing.code == "AuthFailure.TokenFailure"


def test_the_sdk_iterates_a_streamed_answer(domestic_sdk: Path, domestic_endpoint: str) -> None:
    """hunyuan ChatCompletions with `Stream`: the SDK's `_call_and_deserialize` sees
    `text/event-stream` and answers its event iterator; each event is a response object."""
    (streamed, single) = call(
        domestic_sdk, domestic_endpoint, LONG_TERM,
        domestic.Call("hunyuan", "2023-09-01", "ChatCompletions", CHAT),
        domestic.Call("hunyuan", "2023-09-01", "ChatCompletions", {**CHAT, "Stream": False}),
    )  # fmt: skip
    assert streamed.ok and streamed.events, streamed
    assert all("Choices" in event for event in streamed.events)
    assert single.ok and not single.events and "RequestId" in single.response


def test_cvm_checks_instance_ids(domestic_sdk: Path, domestic_endpoint: str) -> None:
    """`DescribeInstancesOperationLimit`: a malformed id answers the documented malformed-id
    code, a well-formed unknown one the not-found code, a real one is answered."""
    limit = "DescribeInstancesOperationLimit"

    def ids(*values: str) -> domestic.Call:
        params = {"InstanceIds": list(values), "Operation": "INSTANCE_DEGRADE"}
        return domestic.Call("cvm", "2017-03-12", limit, params)

    run = domestic.Call(
        "cvm", "2017-03-12", "RunInstances",
        {"Placement": {"Zone": "ap-guangzhou-6"}, "ImageId": "img-pi0ii46r"},
    )  # fmt: skip
    malformed, unknown, made = call(
        domestic_sdk, domestic_endpoint, LONG_TERM, ids(""), ids("ins-0000abcd"), run
    )
    assert malformed.code == "InvalidParameterValue.InstanceIdMalformed"
    assert unknown.code == "InvalidInstanceId.NotFound"
    assert made.ok, made
    (known,) = call(
        domestic_sdk, domestic_endpoint, LONG_TERM, ids(*made.response["InstanceIdSet"])
    )
    assert known.ok, known


def test_the_domestic_node_sdk_on_all_three(domestic_endpoint: str) -> None:
    """The domestic edition of the official Node.js SDK (`tencentcloud-sdk-nodejs` 4.1.313,
    pinned, unchanged) on the same mock: STS keys with their token (a wrong one refused), the
    SDK's own iterator over a streamed hunyuan answer, CVM's id checks, and cii's multipart
    upload (`multipart` request option; as JSON it gets Tencent's refusal)."""
    from tests.nodesdk import DOMESTIC, NodeCall, install, node_calls

    sdk = install(DOMESTIC)
    cvm, limit = ("cvm", "2017-03-12"), "DescribeInstancesOperationLimit"
    cii, quality = ("cii", "2021-04-08"), {"File": "PNG-data"}
    assumed, streamed, malformed, unknown, form, plain = node_calls(
        sdk, domestic_endpoint,
        [NodeCall("AssumeRole", ROLE, "sts", "2018-08-13"),
         NodeCall("ChatCompletions", CHAT, "hunyuan", "2023-09-01"),
         NodeCall(limit, {"InstanceIds": [""], "Operation": "INSTANCE_DEGRADE"}, *cvm),
         NodeCall(limit, {"InstanceIds": ["ins-0000abcd"], "Operation": "INSTANCE_DEGRADE"}, *cvm),
         NodeCall("DescribeQualityScore", quality, *cii, options={"multipart": True}),
         NodeCall("DescribeQualityScore", quality, *cii, options={})],
        secret_id=LONG_TERM[0], secret_key=LONG_TERM[1],
    )  # fmt: skip
    assert assumed.ok, assumed
    assert streamed.ok and streamed.events, streamed
    assert all("Choices" in json.loads(data) for data in streamed.events)
    assert malformed.code == "InvalidParameterValue.InstanceIdMalformed"
    assert unknown.code == "InvalidInstanceId.NotFound"
    assert form.ok, form
    assert plain.code == "UnsupportedProtocol" and "`application/json`" in plain.message
    keys = assumed.response["Credentials"]
    for token, result in ((keys["Token"], "ok"), ("wrong", "AuthFailure.TokenFailure")):
        (outcome,) = node_calls(
            sdk, domestic_endpoint, [NodeCall("DescribeRegions", {}, *cvm)],
            secret_id=keys["TmpSecretId"], secret_key=keys["TmpSecretKey"], token=token,
        )  # fmt: skip
        assert outcome.result == result, outcome
