"""Drive a generated package: its typed client from wire parameters, and its CLI, either
in-process through its `main(argv)` (cheap, for loops over every action and code) or as a
real `python -m <package>` child process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from tcgen.model.schema import action_schemas

from .target import REGION, SECRET_ID, SECRET_KEY, Case, Generated
from .values import Schema

PROXY_VARIABLES = (
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
)


class Mocked(NamedTuple):
    """An in-process mock (`MockApp`) and a client of the same package calling it."""

    app: Any
    client: Any


@dataclass(frozen=True)
class CliResult:
    status: int
    out: str
    err: str

    @property
    def error(self) -> Any:
        """The `{"Code", "Message", "RequestId"}` object printed on stderr."""
        return json.loads(self.err)


def credentials(endpoint: str) -> list[str]:
    """Global options pointing a CLI call at a (mock) endpoint with the contract key."""
    return [
        "--endpoint",
        endpoint,
        "--secretId",
        SECRET_ID,
        "--secretKey",
        SECRET_KEY,
        "--region",
        REGION,
    ]


def input_schema(case: Case) -> Schema:
    return Schema(action_schemas(case.service, case.action)["input"])


def valid_params(case: Case) -> dict[str, Any]:
    """A request valid by construction (synthesized from the input schema): the base of calls
    whose subject is not the request, so a sloppy page example fails its own tests only."""
    params: dict[str, Any] = input_schema(case).sample()
    return params


def typed_call(client: Any, case: Case, pkg: Generated, params: dict[str, Any]) -> Any:
    """Call the typed client method with wire `params` turned into its keyword arguments
    (structures become their model classes through the request model's `from_wire`)."""
    request = getattr(pkg.models, case.action.request_class).from_wire(params)
    kwargs = {f.py_name: getattr(request, f.py_name) for f in case.action.input}
    return getattr(client, case.action.method_name)(**kwargs)


def run_inprocess(package: Generated, *argv: str) -> CliResult:
    """`main(argv)` of the package's CLI with stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = package.cli.main(list(argv))
    return CliResult(status, out.getvalue(), err.getvalue())


def run_subprocess(package: Generated, home: Path, *argv: str) -> CliResult:
    """`python -m <package> argv` from the output tree, as a user would run it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TENCENTCLOUD_") and k not in PROXY_VARIABLES
    }
    env.update(HOME=str(home), PYTHONPATH=str(package.directory.parent))
    done = subprocess.run(
        [sys.executable, "-m", package.directory.name, *argv],
        cwd=package.directory.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


_PARAMETER = re.compile(
    r"^  --(?P<name>\w+)(?:, --(?P<alias>[\w-]+))?  \((?P<type>.+), "
    r"(?P<required>required|optional)\)$"
)


@dataclass(frozen=True)
class ActionHelp:
    """What `ACTION help` states: parameters (name, type, required, alias) and error codes."""

    parameters: list[tuple[str, str, bool, str | None]]
    error_codes: list[str]

    @classmethod
    def parse(cls, text: str) -> ActionHelp:
        lines = text.splitlines()
        parameters = []
        for line in _section(lines, "Parameters:"):
            match = _PARAMETER.match(line)
            if match:
                required = match["required"] == "required"
                parameters.append((match["name"], match["type"], required, match["alias"]))
        codes = [
            line.strip()
            for line in _section(lines, "Error codes")
            if line.startswith("  ") and not line.startswith("    ")
        ]
        return cls(parameters, codes)


def _section(lines: list[str], heading: str) -> list[str]:
    """The indented lines under a heading, up to the next heading (descriptions may have
    blank lines between their paragraphs)."""
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    end = next((i for i in range(start, len(lines)) if lines[i][:1].strip()), len(lines))
    return lines[start:end]
