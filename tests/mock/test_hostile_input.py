"""Hostile values over loopback: out-of-range integers, non-numbers, odd timestamps, deep
nesting, extra signed headers, bad control-surface input. Each is refused with the right
code (or accepted when it is correct), and the server goes on answering normally."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import pytest
import requests
from tcgen.runtime import signing

from generated.live_v20180801 import mock as live_mock

from .helpers import KEYS, SECRET_ID, SECRET_KEY, STREAM, tc3_headers


def _post(
    server: live_mock.ServerThread, action: str, body: bytes | str, **headers: str
) -> dict[str, Any]:
    data = body.encode() if isinstance(body, str) else body
    host = server.endpoint.removeprefix("http://")
    sent = {**tc3_headers(host, data, action=action), **headers}
    answer: dict[str, Any] = requests.post(
        server.endpoint, data=data, headers=sent, timeout=10
    ).json()["Response"]
    return answer


def _code(answer: dict[str, Any]) -> str | None:
    error = answer.get("Error")
    return None if error is None else str(error["Code"])


@pytest.fixture
def real_time_server() -> Any:
    with live_mock.ServerThread(live_mock.create_app(keys=KEYS, rate_limit=False)) as server:
        yield server


@pytest.mark.parametrize(
    ("action", "body", "code"),
    [
        ("DeleteLiveCallbackTemplate", f'{{"TemplateId": {2**80}}}', "InvalidParameterValue"),
        ("DeleteLiveCallbackTemplate", f'{{"TemplateId": {2**63}}}', "InvalidParameterValue"),
        ("DeleteLiveCallbackTemplate", f'{{"TemplateId": {-(2**63) - 1}}}',
         "InvalidParameterValue"),
        ("DescribeLiveDomains", f'{{"PageSize": {2**64}}}', "InvalidParameterValue"),
        ("DescribeLiveDomains", '{"PageSize": -1}', "InvalidParameterValue"),
        ("ModifyLiveTranscodeTemplate", '{"TemplateId": 1, "AdaptBitratePercent": NaN}',
         "InvalidParameterValue"),
        ("ModifyLiveTranscodeTemplate", '{"TemplateId": 1, "AdaptBitratePercent": -Infinity}',
         "InvalidParameterValue"),
        ("ModifyLiveTranscodeTemplate", '{"TemplateId": 1, "AdaptBitratePercent": 1e400}',
         "InvalidParameterValue"),
        ("DropLiveStream", '{"DomainName": ' + "[" * 600 + "]" * 600 + "}", "InvalidParameter"),
        ("DropLiveStream", '{"DomainName": ' + '{"a":' * 70 + "1" + "}" * 70 + "}",
         "InvalidParameter"),
    ],
)  # fmt: skip
def test_values_out_of_range_are_refused(
    real_time_server: live_mock.ServerThread, action: str, body: str, code: str
) -> None:
    assert _code(_post(real_time_server, action, body)) == code
    assert _code(_post(real_time_server, "DropLiveStream", json.dumps(STREAM))) is None


def test_integers_at_the_edges_of_their_range_are_accepted(
    real_time_server: live_mock.ServerThread,
) -> None:
    for value in (2**63 - 1, -(2**63)):
        answer = _post(
            real_time_server, "DescribeLiveCallbackTemplate", f'{{"TemplateId": {value}}}'
        )
        assert _code(answer) != "InvalidParameterValue"
    answer = _post(real_time_server, "DescribeLiveDomains", f'{{"PageSize": {2**64 - 1}}}')
    assert _code(answer) is None


@pytest.mark.parametrize(
    ("action", "query", "code"),
    [
        ("DropLiveStream", "DomainName" + ".0" * 100 + "=x", "InvalidParameter"),
        ("DescribeLiveDomains", "PageSize=1_0", "InvalidParameter"),
        ("DescribeLiveDomains", "PageSize=%2B10", "InvalidParameter"),
        ("DescribeLiveDomains", f"PageSize={2**64}", "InvalidParameterValue"),
        ("ModifyLiveTranscodeTemplate", "TemplateId=1&AdaptBitratePercent=nan",
         "InvalidParameter"),
        ("ModifyLiveTranscodeTemplate", "TemplateId=1&AdaptBitratePercent=1e999",
         "InvalidParameter"),
    ],
)  # fmt: skip
def test_a_hostile_query_is_refused(
    real_time_server: live_mock.ServerThread, action: str, query: str, code: str
) -> None:
    host = real_time_server.endpoint.removeprefix("http://")
    headers = tc3_headers(
        host, action=action, method="GET", query=query,
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    answer = requests.get(f"{real_time_server.endpoint}/?{query}", headers=headers, timeout=10)
    assert answer.json()["Response"]["Error"]["Code"] == code


@pytest.mark.parametrize("stamp", ["17_96675773", "+1796675773", "1796675773.0", "-0"])
def test_a_timestamp_must_be_ascii_digits(
    real_time_server: live_mock.ServerThread, stamp: str
) -> None:
    headers = {"X-TC-Timestamp": stamp}
    answer = _post(real_time_server, "DropLiveStream", json.dumps(STREAM), **headers)
    assert _code(answer) == "InvalidParameterValue"
    assert f"must be Unix seconds, got {stamp!r}" in answer["Error"]["Message"]


def _full_signature(host: str, body: bytes, names: list[str], lower: bool) -> dict[str, str]:
    """Headers signed over `names` the way TecoSigner's full mode does (values lowercased
    when `lower`), computed here from the documented algorithm, not by the mock's code."""
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "host": host,
        "x-tc-action": "DropLiveStream",
        "x-tc-version": "2018-08-01",
        "x-tc-timestamp": str(timestamp),
    }
    canonical = "".join(
        f"{name}:{headers[name].lower() if lower else headers[name]}\n" for name in names
    )
    request = f"POST\n/\n\n{canonical}\n{';'.join(names)}\n{hashlib.sha256(body).hexdigest()}"
    date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
    to_sign = (
        f"TC3-HMAC-SHA256\n{timestamp}\n{date}/live/tc3_request\n"
        + hashlib.sha256(request.encode()).hexdigest()
    )
    key = signing.signing_key(SECRET_KEY, date, "live")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (
        f"TC3-HMAC-SHA256 Credential={SECRET_ID}/{date}/live/tc3_request, "
        f"SignedHeaders={';'.join(names)}, Signature={signature}"
    )
    return headers


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize(
    "names",
    [
        ["content-type", "host", "x-tc-action"],
        ["content-type", "host", "x-tc-action", "x-tc-timestamp", "x-tc-version"],
    ],
)
def test_more_signed_headers_than_content_type_and_host(
    real_time_server: live_mock.ServerThread, names: list[str], lower: bool
) -> None:
    host = real_time_server.endpoint.removeprefix("http://")
    body = json.dumps(STREAM).encode()
    headers = _full_signature(host, body, names, lower)
    answer = requests.post(real_time_server.endpoint, data=body, headers=headers, timeout=10)
    assert "Error" not in answer.json()["Response"], answer.json()
    headers["x-tc-action"] = "ResumeLiveStream"  # a signed header changed in transit
    answer = requests.post(real_time_server.endpoint, data=body, headers=headers, timeout=10)
    assert answer.json()["Response"]["Error"]["Code"] == "AuthFailure.SignatureFailure"


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["content-type", "x-tc-action"], "must include content-type and host"),
        (["content-type", "host", "x-tc-region"], "x-tc-region is not in the request"),
    ],
)
def test_a_signed_header_set_must_cover_host_and_exist(
    real_time_server: live_mock.ServerThread, names: list[str], message: str
) -> None:
    host = real_time_server.endpoint.removeprefix("http://")
    body = json.dumps(STREAM).encode()
    headers = _full_signature(host, body, ["content-type", "host"], lower=False)
    headers["authorization"] = headers["authorization"].replace(
        "SignedHeaders=content-type;host", f"SignedHeaders={';'.join(names)}"
    )
    error = requests.post(real_time_server.endpoint, data=body, headers=headers, timeout=10)
    assert error.json()["Response"]["Error"]["Code"] == "AuthFailure.InvalidAuthorization"
    assert message in error.json()["Response"]["Error"]["Message"]


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("latency", '{"action": "*", "seconds": 1e400}', "seconds must be between 0 and 600"),
        ("latency", '{"action": "*", "seconds": NaN}', "NaN is not a number"),
        ("latency", '{"action": "*", "seconds": "1"}', "seconds must be int or float"),
        ("latency", '{"action": "*"}', "seconds must be"),
        ("seed", '{"x": ' + "[" * 600 + "]" * 600 + "}", "nested more than"),
        ("seed", '{"x": ' + "[" * 5000 + "]" * 5000 + "}", "nested more than"),
        ("seed", '{"resources": []}', "/resources must map"),
        ("seed", '{"items": {"DescribeLiveDomains": 3}}', "/items must map"),
        ("seed", "[1]", "must be a JSON object"),
        ("seed", "\xff", "not a JSON object"),
        ("errors", '{"action": "DropLiveStream", "code": "InternalError", "times": "2"}',
         "times must be int"),
        ("errors", '{"action": "DropLiveStream", "code": "InternalError", "rate": true}',
         "rate must be int or float"),
        ("errors", '{"action": "DropLiveStream", "code": "InternalError", "when": 1}',
         "unknown field when"),
        ("rate-limit", '{"enabled": "no"}', "enabled must be bool"),
    ],
)  # fmt: skip
def test_control_input_is_a_400_with_a_message(
    real_time_server: live_mock.ServerThread, path: str, body: str, message: str
) -> None:
    answer = requests.post(
        f"{real_time_server.endpoint}/_mock/{path}", data=body.encode("latin-1"), timeout=10
    )
    assert answer.status_code == 400
    assert message in answer.json()["error"], answer.json()
    assert _code(_post(real_time_server, "DropLiveStream", json.dumps(STREAM))) is None


def test_the_call_log_is_a_ring() -> None:
    app = live_mock.create_app(keys=KEYS, rate_limit=False, call_log=3)
    with live_mock.ServerThread(app) as server:
        for n in range(6):
            _post(server, "DropLiveStream", json.dumps({**STREAM, "StreamName": f"s{n}"}))
    assert [call.params["StreamName"] for call in app.calls() if call.params] == ["s3", "s4", "s5"]


def test_a_large_refused_request_keeps_no_parameters() -> None:
    app = live_mock.create_app(keys=KEYS, rate_limit=False)
    with live_mock.ServerThread(app) as server:
        big = json.dumps({**STREAM, "Unknown": "x" * 200_000})
        assert _code(_post(server, "DropLiveStream", big)) == "UnknownParameter"
        small = json.dumps({**STREAM, "Unknown": "x"})
        assert _code(_post(server, "DropLiveStream", small)) == "UnknownParameter"
    large, kept = app.calls()
    assert large.error == "UnknownParameter" and large.params is None and large.size > 200_000
    assert kept.params == {**STREAM, "Unknown": "x"}
