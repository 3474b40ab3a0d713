"""Fixtures of the OpenAPI tests: Live's exported document and the emulator serving Live."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tcgen.emulator.endpoint import load
from tcgen.model.service import Service
from tcgen.output import openapi
from tcgen.pipeline import load_services
from tcgen.runtime.mock.serve import ServerThread

ROOT = Path(__file__).resolve().parents[2]
SECRET_ID, SECRET_KEY = "AKIDfuzzTEST", "fuzz-secret-key"


@pytest.fixture(scope="session")
def live() -> Service:
    return load_services(ROOT / "spec", ["live"])[0]


@pytest.fixture(scope="session")
def live_document(live: Service) -> dict[str, Any]:
    return openapi.document(live)


@pytest.fixture
def live_mock() -> Iterator[str]:
    """`tcgen mock` over the committed Live package, checking signatures; its URL."""
    edge = load(ROOT / "generated", keys={SECRET_ID: SECRET_KEY})
    with ServerThread(edge) as server:
        yield server.endpoint
