"""Checked by `mypy --strict` in `nox -s lint` (not run by pytest): what type checkers see of
the generated models' `__init__`, synthesized from their annotations (PEP 681
`dataclass_transform` on the runtime `Model`). Each `type: ignore[code]` is a mistake mypy must
report: with `warn_unused_ignores` (strict), an ignore that is not needed fails the check."""

from __future__ import annotations

from typing import Any, assert_type

from generated.live_v20180801.models import (
    AddLiveWatermarkResponse,
    DropLiveStreamRequest,
    DropLiveStreamResponse,
)

request = DropLiveStreamRequest(stream_name="s", domain_name="d", app_name="live")
assert_type(request.stream_name, str)
DropLiveStreamRequest(stream_name="s", domain_name="d")  # type: ignore[call-arg]
DropLiveStreamRequest(stream_name="s", domain_name="d", app_name="a", x=1)  # type: ignore[call-arg]
DropLiveStreamRequest("s", "d", "live")  # type: ignore[call-arg]
DropLiveStreamRequest(stream_name=1, domain_name="d", app_name="a")  # type: ignore[arg-type]

response = AddLiveWatermarkResponse(watermark_id=3, request_id="r", raw={"RequestId": "r"})
assert_type(response.watermark_id, int | None)
assert_type(response.request_id, str)
assert_type(response.raw, dict[str, Any])
AddLiveWatermarkResponse(raw=[])  # type: ignore[arg-type]
AddLiveWatermarkResponse(watermark_id="3")  # type: ignore[arg-type]
assert_type(DropLiveStreamResponse(), DropLiveStreamResponse)
assert_type(DropLiveStreamResponse.from_wire({}), DropLiveStreamResponse)
