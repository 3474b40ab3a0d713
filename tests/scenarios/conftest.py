"""The services of the scenarios, imported from the installed tccli and generated as a user
would (`tcgen import-tccli`, which adds the resource blocks tcgen ships, then `tcgen
generate`), served by `tcgen mock` in a subprocess, and called through the official SDK."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scenarios.sdk import Cloud
from tests.tccli_tree import import_and_generate

SERVICES = ["cvm", "vpc", "cdb", "clb:2018-03-17", "scf", "cam"]
PACE = "60"
"""Seconds a transitional state lasts unseen: long, so only a Describe moves it (a script
that polls sees PENDING once, then RUNNING), whatever the machine's speed."""


@pytest.fixture(scope="session")
def cloud_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, out = import_and_generate(tmp_path_factory.mktemp("scenarios"), SERVICES)
    return out


@pytest.fixture(scope="session")
def cloud(cloud_packages: Path) -> Iterator[Cloud]:
    """`tcgen mock` over the generated services, shared by the scenarios (each makes its own
    resources), stopped at the end of the session."""
    command = [sys.executable, "-m", "tcgen", "mock", "--dir", str(cloud_packages),
               "--port", "0", "--pace", PACE, "--no-rate-limit"]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            endpoint = line.split(" on ", 1)[1].split()[0]
            yield Cloud(endpoint.removeprefix("http://"))
        finally:
            process.terminate()
            process.wait(timeout=20)
