"""Mistakes and hostile answers become the package's typed errors, never a raw Python one.

A region with CR/LF would be a header injection (http.client's raw ValueError before); an
answer nested 100,000 deep overflowed the JSON parser (RecursionError); a string where the
spec says Int64 came back silently as a `str`.
"""

from __future__ import annotations

import json

import pytest

import generated.live_v20180801 as package
from generated.live_v20180801 import LiveClient, errors
from generated.live_v20180801._runtime import exceptions

from .conftest import SECRET_ID, SECRET_KEY
from .support import RecordingServer

DROP = {"stream_name": "s", "domain_name": "d.example.com", "app_name": "live"}


def _client(server: RecordingServer, region: str = "ap-guangzhou") -> LiveClient:
    return LiveClient(
        secret_id=SECRET_ID, secret_key=SECRET_KEY, region=region, endpoint=server.endpoint
    )


def _answer(server: RecordingServer, response: object) -> None:
    body = json.dumps({"Response": response}).encode()
    server.replies.append((200, "application/json", body))


@pytest.mark.parametrize("region", ["ap-guangzhou\r\nX-Evil: 1", "ap guangzhou", "ap\x00"])
def test_a_region_that_is_no_header_value_is_a_parameter_error(
    server: RecordingServer, region: str
) -> None:
    with pytest.raises(package.ParameterError) as raised:
        _client(server, region).drop_live_stream(**DROP)
    assert raised.value.parameter == "region" and repr(region) in str(raised.value)
    assert server.requests == []  # nothing went out


def test_an_answer_nested_too_deeply_is_malformed(server: RecordingServer) -> None:
    deep = b'{"Response": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    server.replies.append((200, "application/json", deep))
    with pytest.raises(package.MalformedResponseError) as raised:
        _client(server).drop_live_stream(**DROP)
    assert raised.value.status == 200 and "not a Tencent Cloud API response" in str(raised.value)


@pytest.mark.parametrize(
    ("template", "path"),
    [
        ({"TemplateId": "12", "TemplateName": "t"}, "Template.TemplateId"),
        ({"TemplateId": 12, "SnapshotInterval": 1.5}, "Template.SnapshotInterval"),
        ({"TemplateId": True}, "Template.TemplateId"),
    ],
)
def test_a_number_field_holding_something_else_is_malformed(
    server: RecordingServer, template: dict[str, object], path: str
) -> None:
    _answer(server, {"Template": template, "RequestId": "r"})
    with pytest.raises(package.MalformedResponseError, match=f"response field {path}: expected"):
        _client(server).describe_live_snapshot_template(template_id=12)


def test_a_wrong_element_of_a_number_array_names_its_index() -> None:
    from generated.live_v20180801 import models

    good = models.TimeShiftTemplate.from_wire({"TranscodeTemplateIds": [1, 2]})
    assert good.transcode_template_ids == [1, 2]
    with pytest.raises(
        exceptions.MalformedResponseError,
        match=r"field TranscodeTemplateIds\.1: expected a non-negative integer \(UInt64\), got '2'",
    ):
        models.TimeShiftTemplate.from_wire({"TranscodeTemplateIds": [1, "2"]})


def test_well_typed_numbers_still_convert(server: RecordingServer) -> None:
    _answer(server, {"Template": {"TemplateId": 12, "Width": 0}, "RequestId": "r"})
    template = _client(server).describe_live_snapshot_template(template_id=12).template
    assert template is not None and template.template_id == 12


def test_the_exception_bases_are_public() -> None:
    """As the official SDK's `TencentCloudSDKException`: from the package and `errors`."""
    names = [
        "TencentCloudError",
        "APIError",
        "ParameterError",
        "CredentialError",
        "TransportError",
        "MalformedResponseError",
    ]
    for name in names:
        assert getattr(package, name) is getattr(errors, name) is getattr(exceptions, name)
        assert name in package.__all__
    assert issubclass(errors.ResourceNotFoundError, package.APIError)
    assert issubclass(package.APIError, package.TencentCloudError)
