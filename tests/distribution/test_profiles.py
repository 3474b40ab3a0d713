"""Profiles: which files a vendored or packaged copy carries, derived from imports."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from core.helpers import tcgen
from tcgen.packaging.profiles import PROFILES, get_profile, import_closure, select, strip_docstrings
from tcgen.spec.problems import ProblemsError

ROOT = Path(__file__).resolve().parents[2]
LIVE = ROOT / "generated" / "live_v20180801"


def _readers(files: dict[str, str]) -> dict[str, Callable[[], str]]:
    return {name: (lambda text=text: text) for name, text in files.items()}


def _live() -> dict[str, Callable[[], str]]:
    return {
        p.relative_to(LIVE).as_posix(): (lambda p=p: p.read_text(encoding="utf-8"))
        for p in LIVE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_full_carries_the_whole_package() -> None:
    files = _live()
    assert select(PROFILES["full"], files) == sorted(files)


def test_lean_carries_the_client_and_what_it_imports_only() -> None:
    lean = set(select(PROFILES["lean"], _live()))
    for wanted in [
        "__init__.py",
        "client.py",
        "models.py",
        "errors.py",
        "_meta.py",
        "_runtime/__init__.py",
        "_runtime/client.py",
        "_runtime/signing.py",
        "_runtime/transport.py",
    ]:
        assert wanted in lean, wanted
    assert not {"cli.py", "__main__.py", "_release.json", "_spec.json.xz"} & lean
    assert not [f for f in lean if f.startswith(("mock/", "_runtime/mock/", "_runtime/cli/"))]


def test_the_closure_follows_new_modules_and_deferred_imports() -> None:
    package = {
        "__init__.py": "",
        "client.py": "from ._runtime.core import run\n",
        "_runtime/__init__.py": "",
        "_runtime/core.py": "def run():\n    from . import fresh\n    from .. import models\n",
        "_runtime/fresh.py": "from .deep.inner import x\n",
        "_runtime/deep/__init__.py": "",
        "_runtime/deep/inner.py": "x = 1\n",
        "_runtime/only_mock.py": "",
        "models.py": "",
        "mock/__init__.py": "from .._runtime import only_mock\n",
    }
    selected = import_closure(_readers(package), ["client.py"])
    assert selected == set(package) - {"_runtime/only_mock.py", "mock/__init__.py"}


def test_unknown_profile_is_a_problem() -> None:
    with pytest.raises(ProblemsError, match="unknown profile"):
        get_profile("tiny")


def _without_docstrings(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            kept = [
                s
                for s in body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            ]
            node.body = kept or [ast.Pass()]  # type: ignore[attr-defined]
    return ast.dump(tree)


def test_strip_docstrings_drops_every_docstring_and_keeps_the_code() -> None:
    source = (
        "# header comment\n"
        '"""Module doc."""\n'
        "\n"
        "from __future__ import annotations\n"
        "\n"
        "\n"
        "class A:\n"
        '    """Class doc,\n'
        '    two lines."""\n'
        "\n"
        "    x: int\n"
        '    """Attribute doc."""\n'
        "\n"
        "    def f(self) -> int:\n"
        "        '''Only a docstring, then code.'''\n"
        "        return 1  # kept\n"
        "\n"
        "\n"
        "def g() -> None:\n"
        '    """Nothing else."""\n'
        "\n"
        "\n"
        "def h() -> None: 'same line'\n"
    )
    stripped = strip_docstrings(source)
    assert "doc" not in stripped.lower()
    assert "# header comment\n" in stripped and "# kept" in stripped
    assert "def g() -> None:\n    pass\n" in stripped
    assert "def h() -> None: 'same line'" in stripped
    assert _without_docstrings(ast.parse(stripped)) == _without_docstrings(ast.parse(source))


def test_lean_generated_modules_keep_their_code_without_docstrings() -> None:
    for name in ["client.py", "models.py", "_runtime/client.py"]:
        source = (LIVE / name).read_text(encoding="utf-8")
        stripped = strip_docstrings(source, name)
        assert len(stripped) < len(source)
        assert ast.get_docstring(ast.parse(stripped)) is None
        assert _without_docstrings(ast.parse(stripped)) == _without_docstrings(ast.parse(source))


BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"tcgen", "generated", "waitress", "jmespath", "httpx"}:
            raise ImportError(f"blocked: {name}")
        return None
sys.meta_path.insert(0, Block())
"""


def test_lean_vendored_package_works_with_requests_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lean copy calls the mock (served by the full package) from a process where the full
    package, tcgen, the mock server and the CLI's extras cannot be imported."""
    from generated.live_v20180801 import mock
    from generated.live_v20180801._runtime.mock.serve import ServerThread

    run = tcgen(
        capsys, "vendor", "live", "--profile", "lean", "--into", tmp_path, "--package", "tl"
    )
    assert run.status == 0, run.err
    assert "lean" in run.out
    assert not (tmp_path / "tl" / "mock").exists()
    script = BLOCKER + (
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import tl\n"
        "client = tl.LiveClient(secret_id='AKIDlean', secret_key='k', region='ap-guangzhou',\n"
        "                       endpoint=sys.argv[1])\n"
        "r = client.drop_live_stream(stream_name='s', domain_name='d.example.com', app_name='a')\n"
        "print(type(r).__name__, bool(r.request_id))\n"
        "print(sorted(m for m in sys.modules if m.startswith('tl.') and\n"
        "             ('mock' in m or 'cli' in m.split('.') or 'snapshot' in m)))\n"
    )
    with ServerThread(mock.create_app(keys={"AKIDlean": "k"})) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TENCENT"))}
        result = subprocess.run(
            [sys.executable, "-I", "-c", script, server.endpoint],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["DropLiveStreamResponse True", "[]"]
