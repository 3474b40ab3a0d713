"""The domestic edition of the official Python SDK (`tencentcloud-sdk-python` 3.1.189, run
unchanged in a subprocess: `tests.domestic`) against `tcgen mock` serving services imported
from the domestic tccli: temporary credentials from STS accepted by CVM with their token, a
streamed hunyuan answer read by the SDK's own event iterator, and CVM's id checks."""

from __future__ import annotations

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
