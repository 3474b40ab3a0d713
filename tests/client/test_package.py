"""The generated package as a whole: lazy import, vendoring, one runtime call per method.

Typing (`mypy --strict`) and formatting (`black --check`) of every generated package are
checked by `nox -s lint`, not here.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

from .conftest import ROOT
from .support import RecordingServer

PACKAGE = ROOT / "generated" / "live_v20180801"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)


def test_package_import_stays_cheap() -> None:
    """`import` (what `python -m <package>` pays) loads neither requests nor the models."""
    code = """
        import sys
        import generated.live_v20180801 as package
        assert "requests" not in sys.modules and package.__name__ + ".models" not in sys.modules
        from generated.live_v20180801 import LiveClient
        assert "requests" not in sys.modules  # only the first call needs it
        print(LiveClient.__name__)
    """
    result = run(sys.executable, "-c", textwrap.dedent(code))
    assert result.stdout.strip() == "LiveClient", result.stderr


def test_vendored_copy_runs_in_a_venv_with_only_requests(
    tmp_path: Path, server: RecordingServer
) -> None:
    """Copied under another name into a fresh venv with just `requests`, it still works.

    The venv has no pip of its own (this interpreter's pip installs into it with
    `--python`, which spares the ensurepip step): requests and its dependencies are all
    there is. About 1.5 s of CPU, so it is not marked slow.
    """
    vendor = tmp_path / "app" / "thirdparty_live"
    shutil.copytree(PACKAGE, vendor, ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
        "--disable-pip-version-check", "requests==2.34.2",
    )  # fmt: skip
    assert pip.returncode == 0, pip.stderr
    script = f"""
        import thirdparty_live
        client = thirdparty_live.LiveClient(
            secret_id="id", secret_key="key", endpoint={server.endpoint!r}
        )
        response = client.drop_live_stream(stream_name="s", domain_name="d", app_name="live")
        print(response.request_id)
    """
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(python), "-c", textwrap.dedent(script)],
        cwd=vendor.parent, capture_output=True, text=True, env=clean_env,
    )  # fmt: skip
    assert result.stdout.strip() == "req-ok", result.stderr
    assert server.requests[0].headers["x-tc-action"] == "DropLiveStream"


def test_each_action_method_is_a_docstring_and_one_runtime_call() -> None:
    """No per-action block of SDK-style boilerplate: the body is one `self._invoke(...)` (or,
    for a paginated action's iteration methods, one `self._pages(...)`/`self._items(...)`)."""
    tree = ast.parse((PACKAGE / "client.py").read_text())
    (client,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    methods = [node for node in client.body if isinstance(node, ast.FunctionDef)]
    assert methods
    names = {method.name for method in methods}
    for method in methods:
        docstring, statement = method.body
        assert isinstance(docstring, ast.Expr) and isinstance(statement, ast.Return)
        assert isinstance(statement.value, ast.Call)
        base, suffix = method.name[:-6], method.name[-6:]
        iterates = suffix in ("_pages", "_items") and base in names
        runtime_call = f"self.{suffix}" if iterates else "self._invoke"
        assert ast.unparse(statement.value.func) == runtime_call, method.name
