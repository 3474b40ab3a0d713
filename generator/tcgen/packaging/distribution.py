"""`tcgen package`: a generated package as a standard Python distribution (wheel and sdist).

Each package of a profile (`profiles.py`) is staged in a temporary directory with a
`pyproject.toml` and a README (how to use it, then the package's changelog), and built by the
standard front end (`python -m build --no-isolation`, backend `flit_core`, both pinned in
tcgen's `package` and `dev` extras). Everything in the metadata comes from the package:

- name `tcgen-<service>-v<YYYYMMDD>` (`-lean` for the lean profile), the import name stays
  `<service>_v<YYYYMMDD>`;
- version: the package's release record (`_release.json`, semver from `tcgen diff`);
- dependencies: the third-party modules the carried files import (`ast`, including
  `importlib.import_module("...")` with a literal name): `requests` is required, the others
  (`waitress` for the mock server, `jmespath` for the CLI's `--filter`, `httpx` for an async
  client) become extras, present only when a carried file imports them;
- a console script `tcgen-<service>-v<YYYYMMDD>` when the profile carries the CLI.

`SOURCE_DATE_EPOCH` is fixed (unless set), so the same package builds the same wheel.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tcgen.output.release import RELEASE_FILE
from tcgen.packaging.profiles import Profile
from tcgen.packaging.vendoring import copy_carried, select_files
from tcgen.spec.problems import Problem, ProblemsError, display_path

DIST_PREFIX = "tcgen-"
BACKEND = ("flit_core>=3.4,<5", "flit_core.buildapi")
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest time a zip file can hold
# third-party module -> (extra that brings it, None: always required; requirement)
THIRD_PARTY: dict[str, tuple[str | None, str]] = {
    "requests": (None, "requests>=2.25,<3"),
    "urllib3": (None, "urllib3>=1.26"),  # requests' own dependency, imported by the mock's router
    "waitress": ("mock", "waitress>=2"),
    "jmespath": ("jmespath", "jmespath>=1"),
    "httpx": ("async", "httpx>=0.28,<1"),  # the async client (and the mock's httpx routing)
    "sniffio": ("async", "sniffio>=1.3"),  # spares httpcore a failed import per request
}
IMPORT_FUNCTIONS = ("import_module", "__import__")


@dataclass(frozen=True)
class Built:
    package: str
    name: str  # distribution name
    version: str
    files: list[Path]  # the wheel and the sdist


def distribution_name(package: str, profile: Profile) -> str:
    """`live_v20180801` -> `tcgen-live-v20180801` (`-lean` appended for the lean profile)."""
    suffix = "" if profile.name == "full" else f"-{profile.name}"
    return f"{DIST_PREFIX}{package.replace('_', '-')}{suffix}"


def _imported_top_levels(source: str, filename: str) -> set[str]:
    """Top-level names of every absolute import, and of `import_module("x.y")` calls."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            value = first.value if isinstance(first, ast.Constant) else None
            if called in IMPORT_FUNCTIONS and isinstance(value, str) and value[:1] != ".":
                names.add(value.partition(".")[0])
    return names


def requirements(sources: dict[str, str]) -> tuple[list[str], dict[str, list[str]]]:
    """(dependencies, extras) of the files `sources` (relative path -> text)."""
    stdlib = sys.stdlib_module_names | {"__future__"}
    required: set[str] = set()
    extras: dict[str, set[str]] = {}
    problems = []
    for relative, text in sorted(sources.items()):
        for name in sorted(_imported_top_levels(text, relative) - stdlib):
            if name not in THIRD_PARTY:
                message = f"imports '{name}', which tcgen does not know how to declare"
                problems.append(Problem(relative, "", message))
                continue
            extra, requirement = THIRD_PARTY[name]
            if extra is None:
                required.add(requirement)
            else:
                extras.setdefault(extra, set()).add(requirement)
    if problems:
        raise ProblemsError(problems)
    return sorted(required), {k: sorted(v) for k, v in sorted(extras.items())}


def _toml(value: object) -> str:
    """A TOML value for a string or a list of strings (JSON's string syntax is TOML's)."""
    return json.dumps(value)


def pyproject(
    package: str, profile: Profile, version: str, description: str, sources: dict[str, str]
) -> str:
    """The `pyproject.toml` of one package in one profile."""
    name = distribution_name(package, profile)
    dependencies, extras = requirements(sources)
    lines = [
        "[build-system]",
        f"requires = {_toml([BACKEND[0]])}",
        f"build-backend = {_toml(BACKEND[1])}",
        "",
        "[project]",
        f"name = {_toml(name)}",
        f"version = {_toml(version)}",
        f"description = {_toml(description)}",
        'readme = "README.md"',
        'requires-python = ">=3.11"',
        f"dependencies = {_toml(dependencies)}",
    ]
    if extras:
        lines += ["", "[project.optional-dependencies]"]
        lines += [f"{extra} = {_toml(reqs)}" for extra, reqs in extras.items()]
    if "cli.py" in sources:
        lines += ["", "[project.scripts]", f"{_toml(name)} = {_toml(f'{package}.cli:main')}"]
    lines += ["", "[tool.flit.module]", f"name = {_toml(package)}", ""]
    return "\n".join(lines)


def readme(package: str, profile: Profile, init_source: str, changelog: str) -> str:
    """What the package index shows: how to use the package, then its changelog."""
    name = distribution_name(package, profile)
    lines = [
        f"# {name}",
        "",
        f"{_description(init_source)} Profile `{profile.name}`: {profile.summary}.",
        "",
        "```python",
        f"import {package}",
        "",
        f"client = {package}.{_client_name(init_source)}()  # credentials: args, env, files",
        "```",
        "",
    ]
    if profile.name == "full":
        lines += [
            f"Command line: `{name} ACTION --Param value ... [--dry-run]`; mock server:",
            f"`python -m {package}.mock --port 8080` (extra `mock`).",
            "",
        ]
    return "\n".join(lines) + "\n" + changelog


def _client_name(init_source: str) -> str:
    """The client class the package's `__init__` exports (its `__all__` entry `*Client`)."""
    for node in ast.parse(init_source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            names = ast.literal_eval(node.value)
            return next((n for n in names if str(n).endswith("Client")), "Client")
    return "Client"


def _description(init_source: str) -> str:
    docstring = ast.get_docstring(ast.parse(init_source)) or ""
    return docstring.splitlines()[0] if docstring else "A generated Tencent Cloud API client."


def _check_tools() -> None:
    missing = [m for m in ("build", "flit_core") if importlib.util.find_spec(m) is None]
    if missing:
        message = f"needs {' and '.join(missing)}: pip install 'tcgen[package]'"
        raise ProblemsError([Problem("tcgen package", "", message)])


def package(out_dir: Path, service: str, profile: Profile, dist: Path) -> Built:
    """Stage one generated package in `profile` and build its wheel and sdist into `dist`."""
    _check_tools()
    source, files = select_files(out_dir, service, profile)
    root = out_dir / source
    release = json.loads((root / RELEASE_FILE).read_text(encoding="utf-8"))
    version = str(release["version"])
    texts = {
        f.removeprefix(f"{source}/"): (out_dir / f).read_text(encoding="utf-8")
        for f in files
        if f.endswith(".py")
    }
    description = _description(texts.get("__init__.py", ""))
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    dist = dist.resolve()  # the build runs in the staging directory: `--out dist/` is ours
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tcgen-package-") as staging:
        stage = Path(staging)
        copy_carried(out_dir, source, files, stage / source, profile)
        (stage / "pyproject.toml").write_text(
            pyproject(source, profile, version, description, texts), encoding="utf-8"
        )
        (stage / "README.md").write_text(
            readme(source, profile, texts.get("__init__.py", ""), changelog), encoding="utf-8"
        )
        before = set(dist.iterdir())
        _build(stage, dist)
        built = sorted(set(dist.iterdir()) - before) or _existing(dist, source, profile, version)
    return Built(source, distribution_name(source, profile), version, built)


def _existing(dist: Path, package: str, profile: Profile, version: str) -> list[Path]:
    """The files a rebuild replaced in place (same name, so not new in the directory)."""
    stem = distribution_name(package, profile).replace("-", "_")
    return sorted(p for p in dist.iterdir() if p.name.startswith(f"{stem}-{version}"))


def _build(stage: Path, dist: Path) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(stage)]
    result = subprocess.run(command, cwd=stage, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()
        message = f"python -m build failed: {lines[-1]}"
        raise ProblemsError([Problem(display_path(dist), "", message)])
