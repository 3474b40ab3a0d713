"""`python -m bench.serve {mock,trivial} PORT`: one app on waitress at 127.0.0.1:PORT.

A separate process, so the server never competes with the measuring client for the GIL;
both apps get the same server and thread count, so their ratio isolates the mock's own cost.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any

import waitress  # type: ignore[import-untyped]

THREADS = 4
BODY = b'{"Response": {"RequestId": "trivial"}}'


def trivial(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Reads the body and answers a constant: the floor any WSGI app on this server costs."""
    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]


def main(kind: str, port: str) -> None:
    from .common import mock_app

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # load is the point here
    app = mock_app() if kind == "mock" else trivial
    waitress.serve(app, host="127.0.0.1", port=int(port), threads=THREADS, _quiet=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
