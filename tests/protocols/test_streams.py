"""Streamed actions (Server-Sent Events), imported from tccli with their streamed examples:
the mock answers `text/event-stream` in the documented shape, the official Python SDK reads
it as it reads Tencent's, and the generated clients (sync and async) answer typed events."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from tcgen.runtime.exceptions import APIError
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

CHAT = {"Model": "deepseek-r1", "Messages": [{"Role": "user", "Content": "hi"}]}
SPEECH = {"Text": "hello", "SdkAppId": 1400000000, "Voice": {"VoiceId": "v-female-R2s4N9qJ"}}


def sdk(endpoint: str, service: str, version: str) -> CommonClient:
    http = HttpProfile(endpoint=endpoint.removeprefix("http://"), protocol="http")
    cred = credential.Credential("AKIDany", "any-key")
    return CommonClient(service, version, cred, "ap-guangzhou", ClientProfile(httpProfile=http))


@pytest.fixture(scope="module")
def packages(streamed_packages: Path) -> Iterator[tuple[Any, Any]]:
    sys.path.insert(0, str(streamed_packages))
    try:
        yield importlib.import_module("lkeap_v20240522"), importlib.import_module("trtc_v20190722")
    finally:
        sys.path.remove(str(streamed_packages))


def test_spec_records_streams_and_keeps_their_examples(packages: tuple[Any, Any]) -> None:
    lkeap, trtc = packages
    assert lkeap._meta.ACTIONS["ChatCompletions"].stream == ("Stream",)
    assert trtc._meta.ACTIONS["TextToSpeechSSE"].stream == (None,)
    assert trtc._meta.ACTIONS["DescribeRoomInfo"].stream is None
    events = importlib.import_module("lkeap_v20240522.mock").EVENTS["ChatCompletions"]
    assert events and all(len(streamed) > 1 for _, streamed in events)


def test_official_sdk_reads_the_event_stream(stream_endpoint: str) -> None:
    client = sdk(stream_endpoint, "lkeap", "2024-05-22")
    events = list(client.call_sse("ChatCompletions", {**CHAT, "Stream": True}))
    data = [json.loads(event["data"]) for event in events if event.get("data")]
    assert len(data) > 1 and all(one["Object"] == "chat.completion.chunk" for one in data)


def test_without_stream_the_answer_is_one_json_object(stream_endpoint: str) -> None:
    answer = sdk(stream_endpoint, "lkeap", "2024-05-22").call_json("ChatCompletions", CHAT)
    assert answer["Response"]["RequestId"] and "Error" not in answer["Response"]


def test_wire_form_is_text_event_stream(stream_endpoint: str, packages: tuple[Any, Any]) -> None:
    _, trtc = packages
    client = trtc.TrtcClient(secret_id="AKIDany", secret_key="k", endpoint=stream_endpoint,
                             region="ap-guangzhou")  # fmt: skip
    call = client.transport.prepare("TextToSpeechSSE", SPEECH)
    answer = requests.post(stream_endpoint, data=call.body, headers=call.headers, timeout=10)
    assert answer.headers["Content-Type"] == "text/event-stream"
    blocks = answer.content.decode().strip().split("\n\n")
    assert blocks and all(block.startswith("data: {") for block in blocks)
    events = [json.loads(block.removeprefix("data: ")) for block in blocks]
    assert all(event["Type"] == "chunk" for event in events)  # the documented error is not sent


def test_generated_client_answers_typed_events(
    stream_endpoint: str, packages: tuple[Any, Any]
) -> None:
    lkeap, trtc = packages
    settings = {"secret_id": "AKIDany", "secret_key": "k", "endpoint": stream_endpoint,
                "region": "ap-guangzhou"}  # fmt: skip
    chat = lkeap.LkeapClient(**settings)
    chunks = list(chat.chat_completions(model="deepseek-r1", messages=[], stream=True))
    assert len(chunks) > 1 and all(
        isinstance(c, lkeap.models.ChatCompletionsResponse) for c in chunks
    )
    assert chunks[0].model == "deepseek-r1"
    (single,) = chat.chat_completions(model="deepseek-r1", messages=[])
    assert single.request_id
    speaker = trtc.TrtcClient(**settings)
    speech = list(speaker.text_to_speech_sse(text="hello", sdk_app_id=1, voice={"VoiceId": "v"}))
    assert speech and all(isinstance(e, trtc.models.TextToSpeechSSEResponse) for e in speech)

    async def streamed() -> list[Any]:
        async with lkeap.AsyncLkeapClient(**settings) as client:
            events = await client.chat_completions(model="deepseek-r1", messages=[], stream=True)
            return list(events)

    assert [e.raw for e in asyncio.run(streamed())] == [c.raw for c in chunks]


def test_an_error_event_raises_when_reached() -> None:
    from tcgen.runtime.backends import Answer
    from tcgen.runtime.events import encode
    from tcgen.runtime.model import ResponseModel
    from tcgen.runtime.streaming import event_models

    class Chunk(ResponseModel):
        _wire_ = {}

    content = encode([{"Seq": 0}, {"Error": {"Code": "InternalError", "Message": "mid-way"}}])
    answer = Answer(200, {"content-type": "text/event-stream"}, content)
    events = event_models({}, answer, Chunk, lambda code: APIError)
    assert next(events).raw == {"Seq": 0}
    with pytest.raises(APIError, match="mid-way"):
        next(events)


def test_cli_prints_the_events(stream_endpoint: str, streamed_packages: Path) -> None:
    """`python -m lkeap_v20240522 ChatCompletions --Stream true` prints the events' list."""
    import os
    import subprocess

    args = ["ChatCompletions", "--Model", "deepseek-r1", "--Messages", "[]", "--Stream", "true"]
    options = ["--endpoint", stream_endpoint, "--region", "ap-guangzhou"]
    keys = ["--secretId", "AKIDany", "--secretKey", "k"]
    env = {**os.environ, "PYTHONPATH": str(streamed_packages), "HOME": str(streamed_packages)}
    done = subprocess.run(
        [sys.executable, "-m", "lkeap_v20240522", *args, *options, *keys],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)
    assert len(events) > 1 and all(event["Object"] == "chat.completion.chunk" for event in events)
