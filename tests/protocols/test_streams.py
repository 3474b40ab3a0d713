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
            return [event async for event in events]

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


class SlowStream:
    """A loopback server answering any POST as an event stream whose second event is sent
    only once the test releases it (or after 5 s): a client that read the whole body before
    iterating would see the first event only after the second was sent."""

    def __init__(self, chunked: bool) -> None:
        import http.server
        import threading

        self.released, self.second_sent = threading.Event(), threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding" if chunked else "Connection",
                                 "chunked" if chunked else "close")  # fmt: skip
                self.end_headers()
                self.write(b'data: {"Type": "chunk", "Audio": "first"}\n\n')
                owner.released.wait(5)
                owner.second_sent.set()
                self.write(b'data: {"Type": "chunk", "Audio": "second"}\n\n')
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
                self.close_connection = not chunked

            def write(self, data: bytes) -> None:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
                self.wfile.flush()

            def log_message(self, *args: Any) -> None:
                return None

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "until-close"])
@pytest.mark.parametrize("stdlib_http", [False, True], ids=["requests", "http.client"])
def test_events_are_read_as_they_arrive(
    packages: tuple[Any, Any], chunked: bool, stdlib_http: bool
) -> None:
    _, trtc = packages
    slow = SlowStream(chunked)
    with slow as endpoint:
        client = trtc.TrtcClient(secret_id="AKIDany", secret_key="k", endpoint=endpoint,
                                 region="ap-guangzhou")  # fmt: skip
        client.transport.stdlib_http = stdlib_http
        events = client.text_to_speech_sse(text="hello", sdk_app_id=1, voice={"VoiceId": "v"})
        first = next(events)
        assert first.raw["Audio"] == "first" and not slow.second_sent.is_set()
        slow.released.set()
        assert [event.raw["Audio"] for event in events] == ["second"]


def test_node_sdk_reads_the_event_stream(stream_endpoint: str, node_sdk: Path) -> None:
    """The official Node.js SDK (pinned, unchanged) iterates the mock's events as it does
    Tencent's (`SSEResponseModel`); without `Stream` it gets the one JSON response."""
    from tests.nodesdk import NodeCall, node_calls

    calls = [
        NodeCall("ChatCompletions", {**CHAT, "Stream": True}, "lkeap", "2024-05-22"),
        NodeCall("TextToSpeechSSE", SPEECH, "trtc", "2019-07-22", options={}),
        NodeCall("ChatCompletions", CHAT, "lkeap", "2024-05-22"),
    ]
    address = stream_endpoint.removeprefix("http://")
    chat, speech, single = node_calls(node_sdk, address, calls, secret_id="AKIDany", secret_key="k")
    assert chat.ok and chat.events and len(chat.events) > 1
    assert all(json.loads(data)["Object"] == "chat.completion.chunk" for data in chat.events)
    assert speech.ok and speech.events
    assert all(json.loads(data)["Type"] == "chunk" for data in speech.events)
    assert single.ok and single.events is None and single.response["RequestId"]


def test_cli_prints_events_as_they_arrive(streamed_packages: Path) -> None:
    """The CLI's JSON list of a streamed answer grows as the events arrive."""
    import os
    import subprocess

    slow = SlowStream(chunked=True)
    with slow as endpoint:
        args = ["TextToSpeechSSE", "--Text", "hello", "--SdkAppId", "1", "--Voice",
                '{"VoiceId": "v"}', "--endpoint", endpoint, "--region", "ap-guangzhou",
                "--secretId", "AKIDany", "--secretKey", "k"]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(streamed_packages), "HOME": str(streamed_packages)}
        with subprocess.Popen(
            [sys.executable, "-m", "trtc_v20190722", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        ) as cli:  # fmt: skip
            assert cli.stdout is not None
            printed = ""
            while '"first"' not in printed:
                line = cli.stdout.readline()
                assert line, "the CLI ended before printing the first event"
                printed += line
            assert not slow.second_sent.is_set()
            slow.released.set()
            rest = cli.stdout.read()  # not communicate(): it skips what readline buffered
            cli.wait(timeout=30)
            errors = cli.stderr.read() if cli.stderr else ""
    assert cli.returncode == 0, errors
    assert [event["Audio"] for event in json.loads(printed + rest)] == ["first", "second"], (
        printed + rest
    )


EVENTS = [{"Id": "1", "Choices": []}, {"Id": "2", "Choices": []}, {"Id": "3", "Choices": []}]


class PacedServer:
    """A loopback server answering every request with an event stream, one event at a time:
    the next one only once the test said the client received the last (`ack`; given up
    after 2 s), so a client that reads the whole answer before yielding is never in time.
    `streams` records, per answer, whether each wait ended by the acknowledgement (False:
    it did not, or the client closed the connection, which ends the answer). `framing`:
    `chunked` (keep-alive) or `close` (the body ends with the connection)."""

    def __init__(self, framing: str) -> None:
        self.framing = framing
        self.ack = asyncio.Event()
        self.streams: list[list[bool]] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                if not await self.answer(reader, writer) or self.framing == "close":
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        finally:
            writer.close()

    async def answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """One event stream; False when the client went away in the middle."""
        chunked = self.framing == "chunked"
        framing = b"Transfer-Encoding: chunked" if chunked else b"Connection: close"
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n%s\r\n\r\n" % framing)
        waits: list[bool] = []
        self.streams.append(waits)
        for number, event in enumerate(EVENTS):
            if number:
                waits.append(await self.acknowledged(reader))
                if not waits[-1] and reader.at_eof():
                    return False
            data = b"data: " + json.dumps(event).encode() + b"\n\n"
            writer.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            await writer.drain()
        if chunked:
            writer.write(b"0\r\n\r\n")
            await writer.drain()
        return True

    async def acknowledged(self, reader: asyncio.StreamReader) -> bool:
        acked = asyncio.ensure_future(self.ack.wait())
        closed = asyncio.ensure_future(reader.read(1))  # the client sends nothing mid-stream
        done, _ = await asyncio.wait(
            {acked, closed}, timeout=2, return_when=asyncio.FIRST_COMPLETED
        )
        acked.cancel()
        closed.cancel()
        await asyncio.gather(acked, closed, return_exceptions=True)  # the read is over
        self.ack.clear()
        return acked in done


@pytest.mark.parametrize("framing", ["chunked", "close"])
def test_async_client_yields_each_event_as_it_arrives(
    packages: tuple[Any, Any], framing: str
) -> None:
    """The async client's streamed method (`async for event in await ...`) yields an event
    before the next is sent: the server sends it only after the test, inside the loop,
    acknowledged the last one. An early `break` and `aclose` close the stream's connection,
    and the client calls on."""
    lkeap, _ = packages

    async def scenario() -> tuple[list[list[str]], PacedServer]:
        server = PacedServer(framing)
        listening = await asyncio.start_server(server.handle, "127.0.0.1", 0)
        port = listening.sockets[0].getsockname()[1]
        seen: list[list[str]] = []
        try:
            async with lkeap.AsyncLkeapClient(
                secret_id="AKIDany", secret_key="k", region="ap-guangzhou",
                endpoint=f"http://127.0.0.1:{port}",
            ) as client:  # fmt: skip
                for stop_after in (None, 1, None):
                    got: list[str] = []
                    events = await client.chat_completions(model="m", messages=[], stream=True)
                    async for event in events:
                        got.append(event.id_)
                        server.ack.set()
                        if len(got) == stop_after:
                            break
                    await events.aclose()
                    seen.append(got)
        finally:
            listening.close()
            await listening.wait_closed()
        return seen, server

    seen, server = asyncio.run(scenario())
    assert seen == [["1", "2", "3"], ["1"], ["1", "2", "3"]]
    full, stopped, again = server.streams
    assert full == again == [True, True]  # each event was in the client's hands in time
    assert stopped[-1] is False  # the stream left early was closed by the client


def test_async_client_streams_through_the_in_process_mock(packages: tuple[Any, Any]) -> None:
    """The in-process mock's httpx routing (`mock.activate`): the async client's events are
    the sync client's, read from the routed answer's body as it goes."""
    lkeap, _ = packages
    mock = importlib.import_module("lkeap_v20240522.mock")
    settings = {"secret_id": "AKIDany", "secret_key": "k", "region": "ap-guangzhou"}

    async def streamed() -> list[dict[str, Any]]:
        async with lkeap.AsyncLkeapClient(**settings) as client:
            events = await client.chat_completions(model="deepseek-r1", messages=[], stream=True)
            return [event.raw async for event in events]

    with mock.activate(mock.create_app()):
        sync = [event.raw for event in lkeap.LkeapClient(**settings).chat_completions(
            model="deepseek-r1", messages=[], stream=True)]  # fmt: skip
        assert len(sync) > 1 and asyncio.run(streamed()) == sync
