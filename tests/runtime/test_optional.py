"""A missing optional dependency is one line that says what to install (`runtime/optional.py`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tcgen.runtime.optional import MissingDependency, install_hint, missing

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("module", "hint"),
    [
        ("tcgen.runtime.mock.serve", "pip install 'tcgen[mock]'"),
        (
            "generated.live_v20180801._runtime.mock.serve",
            "pip install waitress (the 'mock' extra of tcgen-live-v20180801)",
        ),
        (
            "live_v20180801._runtime.mock.serve",
            "pip install waitress (the 'mock' extra of tcgen-live-v20180801)",
        ),
        ("myapp.tclive._runtime.mock.serve", "pip install waitress"),  # vendored, renamed
    ],
)
def test_the_hint_fits_where_the_runtime_runs(module: str, hint: str) -> None:
    assert install_hint(module, "mock", ("waitress",)) == hint


def test_the_error_is_one_line_naming_the_first_module() -> None:
    error = missing("tcgen.runtime.aio", "the async client", "async", "httpx", "sniffio")
    assert isinstance(error, ImportError) and isinstance(error, MissingDependency)
    assert str(error) == (
        "the async client needs httpx, which is not installed: pip install 'tcgen[async]'"
    )


def _without(module: str, code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter where importing `module` fails, as if uninstalled."""
    script = f"import sys; sys.modules[{module!r}] = None\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_async_client_without_httpx_names_the_async_extra() -> None:
    done = _without("httpx", "from generated.live_v20180801 import AsyncLiveClient")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "generated.live_v20180801._runtime.optional.MissingDependency: the async client needs "
        "httpx, which is not installed: pip install httpx sniffio (the 'async' extra of "
        "tcgen-live-v20180801)"
    )


def test_the_sync_client_needs_no_httpx() -> None:
    done = _without("httpx", "from generated.live_v20180801 import LiveClient, errors")
    assert done.returncode == 0, done.stderr


def test_tcgen_mock_without_waitress_is_one_line(tmp_path: Path) -> None:
    code = (
        "import sys; from tcgen.commands.main import main; "
        f"sys.exit(main(['mock', '--dir', {str(ROOT / 'generated')!r}, '--port', '0']))"
    )
    done = _without("waitress", code)
    assert done.returncode == 2
    assert done.stderr == (
        "tcgen mock: the mock server needs waitress, which is not installed: "
        "pip install 'tcgen[mock]'\n"
    )
