"""`tcgen mock --state-file` says what it restored at start and what it saved at stop."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from pathlib import Path


def _start_and_stop(packages: Path, state: Path) -> list[str]:
    """The lines `tcgen mock` prints from start to a SIGTERM stop."""
    command = [sys.executable, "-m", "tcgen", "mock", "--dir", str(packages), "--port", "0",
               "--state-file", str(state)]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        lines = [process.stdout.readline(), process.stdout.readline()]
        endpoint = lines[0].split(" on ", 1)[1].split()[0]
        with urllib.request.urlopen(f"{endpoint}/_mock/services", timeout=20) as answer:
            assert answer.status == 200  # serving: its SIGTERM handler saves the state
        process.send_signal(signal.SIGTERM)
        lines += process.stdout.readlines()
        assert process.wait(timeout=20) == 0
    return [line.rstrip("\n") for line in lines]


def test_state_file_restores_and_saves_out_loud(packages_dir: Path, tmp_path: Path) -> None:
    state = tmp_path / "mock.json"
    first = _start_and_stop(packages_dir, state)
    assert first[0].startswith("tcgen mock: serving ")
    assert first[1:] == [
        f"tcgen mock: {state} does not exist yet: starting empty; the state is saved there",
        f"tcgen mock: saved the state of 2 services to {state}",
    ]
    again = _start_and_stop(packages_dir, state)
    assert again[1:] == [
        f"tcgen mock: restored the state of 2 services from {state}",
        f"tcgen mock: saved the state of 2 services to {state}",
    ]
