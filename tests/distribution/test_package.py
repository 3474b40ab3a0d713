"""`tcgen package`: wheels and sdists of generated packages, their metadata, and (in a fresh
virtual environment) the installed client, CLI and mock at work."""

from __future__ import annotations

import email
import json
import os
import socket
import subprocess
import sys
import tarfile
import time
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from core.helpers import tcgen
from tcgen.packaging.distribution import pyproject, requirements
from tcgen.packaging.profiles import PROFILES
from tcgen.spec.problems import ProblemsError

ROOT = Path(__file__).resolve().parents[2]
LIVE = ROOT / "generated" / "live_v20180801"
VERSION = json.loads((LIVE / "_release.json").read_text(encoding="utf-8"))["version"]
SECRET_ID, SECRET_KEY = "AKIDpackageTEST", "packageTESTsecret"
STREAM = ["--StreamName", "s1", "--DomainName", "d.example.com", "--AppName", "live"]


def _sources(profile: str) -> dict[str, str]:
    from tcgen.packaging.profiles import select

    readers = {
        p.relative_to(LIVE).as_posix(): (lambda p=p: p.read_text(encoding="utf-8"))
        for p in LIVE.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    return {f: readers[f]() for f in select(PROFILES[profile], readers)}


def test_dependencies_are_what_the_carried_files_import() -> None:
    required, extras = requirements(_sources("full"))
    assert [r.split(">")[0] for r in required] == ["requests", "urllib3"]
    # httpx for the async client, jmespath for --filter and waiters, waitress to serve
    assert sorted(extras) == ["async", "jmespath", "mock"]
    # the lean client needs requests only (no async client); jmespath stays optional
    assert requirements(_sources("lean")) == (["requests>=2.25,<3"], {"jmespath": ["jmespath>=1"]})
    with_async = {
        "aio.py": "import httpx\n",
        "x.py": "import importlib\nimportlib.import_module('waitress.server')\n",
    }
    assert requirements(with_async)[1] == {"async": ["httpx>=0.28,<1"], "mock": ["waitress>=2"]}
    with pytest.raises(ProblemsError, match="x.py: imports 'numpy'"):
        requirements({"x.py": "import numpy\n"})


def test_pyproject_names_the_package_and_its_console_script() -> None:
    full = pyproject("live_v20180801", PROFILES["full"], "1.2.3", "Live.", _sources("full"))
    assert 'name = "tcgen-live-v20180801"' in full
    assert 'version = "1.2.3"' in full
    assert '"tcgen-live-v20180801" = "live_v20180801.cli:main"' in full
    lean = pyproject("live_v20180801", PROFILES["lean"], "1.2.3", "Live.", _sources("lean"))
    assert 'name = "tcgen-live-v20180801-lean"' in lean
    assert "[project.scripts]" not in lean
    assert 'dependencies = ["requests>=2.25,<3"]' in lean


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    for profile in ["full", "lean"]:
        command = [sys.executable, "-m", "tcgen", "package", "live", "--profile", profile]
        result = subprocess.run(
            [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        assert f"tcgen-live-v20180801{'-lean' if profile == 'lean' else ''} {VERSION}" in (
            result.stdout
        )
    return out


def _wheel(dist: Path, lean: bool = False) -> Path:
    return dist / f"tcgen_live_v20180801{'_lean' if lean else ''}-{VERSION}-py3-none-any.whl"


def test_wheels_and_sdists_carry_their_profile_and_metadata(dist: Path) -> None:
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        names = set(wheel.namelist())
        info = f"tcgen_live_v20180801-{VERSION}.dist-info"
        metadata = email.message_from_bytes(wheel.read(f"{info}/METADATA"))
        scripts = wheel.read(f"{info}/entry_points.txt").decode()
    assert {
        "live_v20180801/mock/__main__.py",
        "live_v20180801/_release.json",
        "live_v20180801/_spec.json.xz",
    } <= names
    assert metadata["Name"] == "tcgen-live-v20180801" and metadata["Version"] == VERSION
    assert sorted(metadata.get_all("Requires-Dist") or [])[:2] == [
        'httpx>=0.28,<1 ; extra == "async"',
        'jmespath>=1 ; extra == "jmespath"',
    ]
    assert 'sniffio>=1.3 ; extra == "async"' in (metadata.get_all("Requires-Dist") or [])
    assert "async" in (metadata.get_all("Provides-Extra") or [])
    assert "## " + VERSION in str(metadata.get_payload())  # the changelog is the description
    assert "tcgen-live-v20180801=live_v20180801.cli:main" in scripts
    with zipfile.ZipFile(_wheel(dist, lean=True)) as wheel:
        lean = {n for n in wheel.namelist() if n.startswith("live_v20180801/")}
        client = wheel.read("live_v20180801/client.py").decode()
    assert "live_v20180801/client.py" in lean and "live_v20180801/_runtime/client.py" in lean
    assert not [n for n in lean if "mock" in n or "cli" in n.split("/") or "snapshot" in n]
    assert not {"live_v20180801/_release.json", "live_v20180801/_spec.json.xz"} & lean
    assert "live_v20180801/aio.py" not in lean and "live_v20180801/_runtime/aio.py" not in lean
    assert '"""' not in client  # no docstrings in the lean profile
    with tarfile.open(dist / f"tcgen_live_v20180801-{VERSION}.tar.gz") as sdist:
        members = {m.name.partition("/")[2] for m in sdist.getmembers()}
    assert {"pyproject.toml", "README.md", "live_v20180801/client.py"} <= members


def test_a_rebuild_is_byte_identical(dist: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "tcgen", "package", "live", "--profile", "lean"]
    result = subprocess.run(
        [*command, "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    again = tmp_path / _wheel(dist, lean=True).name
    assert again.read_bytes() == _wheel(dist, lean=True).read_bytes()


def test_a_relative_out_directory_is_the_callers(tmp_path: Path) -> None:
    """`--out dist/` names a directory where the command runs, not in the build's staging
    directory (which the build used to write into, and then deleted)."""
    command = [sys.executable, "-m", "tcgen", "package", "live", "--profile", "lean",
               "--from", str(ROOT / "generated"), "--out", "dist/"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in (tmp_path / "dist").iterdir())
    assert built == [
        f"tcgen_live_v20180801_lean-{VERSION}-py3-none-any.whl",
        f"tcgen_live_v20180801_lean-{VERSION}.tar.gz",
    ]
    assert f"dist/tcgen_live_v20180801_lean-{VERSION}-py3-none-any.whl" in result.stdout


def test_unknown_service_is_a_located_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = tcgen(capsys, "package", "cvm", "--out", tmp_path)
    assert run.status == 2
    assert "service 'cvm' is not generated" in run.err
    assert not list(tmp_path.iterdir())


def _bin(environment: Path, name: str) -> Path:
    return environment / ("Scripts" if os.name == "nt" else "bin") / name


def _fresh_venv(path: Path, *requirements: str) -> Path:
    venv.create(path, with_pip=True)
    pip = [str(_bin(path, "python")), "-m", "pip", "install", "-q", *requirements]
    result = subprocess.run(pip, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the full Live wheel (and its `mock` extra)."""
    return _fresh_venv(tmp_path_factory.mktemp("venv") / "full", f"{_wheel(dist)}[mock]")


@pytest.fixture(scope="module")
def mock_server(installed: Path) -> Iterator[str]:
    """The installed package's mock server, `python -m live_v20180801.mock`, on a free port."""
    port = _free_port()
    command = [str(_bin(installed, "python")), "-m", "live_v20180801.mock", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY],
        cwd=installed,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "the installed mock server exited"
                assert time.monotonic() < deadline, "the installed mock server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _clean_env(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "SYSTEMROOT"}}
    return {**keep, "HOME": "/nonexistent", **extra}


CALL = (
    "import sys\n"
    "from live_v20180801 import LiveClient\n"
    "client = LiveClient(secret_id=sys.argv[1], secret_key=sys.argv[2], region='ap-guangzhou',\n"
    "                    endpoint=sys.argv[3])\n"
    "r = client.drop_live_stream(stream_name='s1', domain_name='d.example.com', app_name='live')\n"
    "print(type(r).__name__, bool(r.request_id), __import__('live_v20180801').__file__)\n"
)


def test_installed_client_calls_the_installed_mock_server(
    installed: Path, mock_server: str, tmp_path: Path
) -> None:
    result = subprocess.run(
        [str(_bin(installed, "python")), "-c", CALL, SECRET_ID, SECRET_KEY, mock_server],
        cwd=tmp_path,  # not the project: the import must come from site-packages
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    name, ok, where = result.stdout.split()
    assert (name, ok) == ("DropLiveStreamResponse", "True")
    assert "site-packages" in where


def _script(installed: Path, tmp_path: Path, *argv: str) -> str:
    """Run the installed console script (keys and region from the environment); its stdout."""
    env = _clean_env(
        TENCENTCLOUD_SECRET_ID=SECRET_ID,
        TENCENTCLOUD_SECRET_KEY=SECRET_KEY,
        TENCENTCLOUD_REGION="ap-guangzhou",
    )
    command = [str(_bin(installed, "tcgen-live-v20180801")), *argv]
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_installed_console_script_dry_run_and_call(
    installed: Path, mock_server: str, tmp_path: Path
) -> None:
    dry = _script(
        installed, tmp_path, "DropLiveStream", *STREAM, "--endpoint", mock_server, "--dry-run"
    )
    assert "POST" in dry and "DropLiveStream" in dry
    called = _script(installed, tmp_path, "DropLiveStream", *STREAM, "--endpoint", mock_server)
    assert "RequestId" in called


def test_installed_help_and_mock_examples_read_the_installed_snapshot(
    installed: Path, mock_server: str, tmp_path: Path
) -> None:
    helped = _script(installed, tmp_path, "DropLiveStream", "help")
    assert "This API is used to pause a live stream." in helped
    assert "Your push domain." in helped  # a parameter's description
    documented = ["--VerifyType", "dnsCheck", "--DomainName", "akxynt.cn"]  # the page's example
    answered = _script(
        installed, tmp_path, "AuthenticateDomainOwner", *documented, "--endpoint", mock_server
    )
    assert "cssauth_da06159efa92c365182ba5d453a7b65b" in answered  # the documented answer


def test_lean_wheel_alone_in_a_fresh_environment(
    dist: Path, mock_server: str, tmp_path: Path
) -> None:
    environment = _fresh_venv(tmp_path / "lean", str(_wheel(dist, lean=True)))
    python = str(_bin(environment, "python"))
    check = (
        "import importlib.util as u\n"
        "print([m for m in ('waitress', 'jmespath', 'live_v20180801.mock', 'live_v20180801.cli')"
        " if u.find_spec(m)])\n"
    )
    for script, args in [(CALL, [SECRET_ID, SECRET_KEY, mock_server]), (check, [])]:
        result = subprocess.run(
            [python, "-c", script, *args],
            cwd=tmp_path, env=_clean_env(), capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(("DropLiveStreamResponse True", "[]")), result.stdout
