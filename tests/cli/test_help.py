"""Help is generated from the spec, and stays cheap: no requests or models import; its prose
is the package's spec snapshot's, read only for help."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from tcgen.pipeline import load_services

from generated.live_v20180801._meta import ACTIONS
from generated.live_v20180801.cli import PROGRAM

from .conftest import PACKAGE, ROOT
from .samples import ACTION_NAMES

DOCS = PROGRAM.docs()


@pytest.mark.parametrize("form", [["help"], ["--help"], ["-h"], ["live", "help"]])
def test_top_level_help_lists_every_action(cli: Any, form: list[str]) -> None:
    result = cli(*form, call=False)
    assert result.status == 0, result.err
    listed = [
        line.split()[0] for line in result.out.split("Actions:\n")[1].split("\n\n")[0].splitlines()
    ]
    assert listed == list(ACTIONS)
    assert "--cli-input-json" in result.out and "--dry-run" in result.out


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_action_help_documents_parameters_output_and_errors(cli: Any, action: str) -> None:
    result = cli(action, "help", call=False)
    assert result.status == 0, result.err
    assert cli(action, "--help", call=False).out == result.out
    meta, doc = ACTIONS[action], DOCS.actions[action]
    assert doc.description.split()[0] in result.out
    for name, type_, required in meta.input:
        assert f"--{name}" in result.out
        assert f"({type_}, {'required' if required else 'optional'})" in result.out
    output = result.out.split("Output (fields of the JSON response):\n")[1]
    for name, type_, _ in meta.output:
        assert f"  {name} ({type_})" in output
    errors = result.out.split("Error codes")[1]
    for code in meta.errors:
        assert f"  {code}\n" in errors


def test_help_prose_is_the_spec_models() -> None:
    """The prose read back from the snapshot is what the spec model says (the error classes'
    descriptions, every member's description, the first example's parameters)."""
    (service,) = load_services(ROOT / "spec", ["live"])
    assert DOCS.title == f"{service.product_name} (live 2018-08-01)"
    assert DOCS.title == "Tencent Cloud Streaming Services (live 2018-08-01)"  # no "Cloud Cloud"
    assert list(DOCS.actions) == [a.name for a in service.actions]
    for action in service.actions:
        doc = DOCS.actions[action.name]
        assert (doc.title, doc.description) == (action.title, action.description)
        assert doc.input == {f.wire_name: f.description for f in action.input}
        assert doc.output == {f.wire_name: f.description for f in action.output}
        assert doc.example == (action.examples[0].params if action.examples else None)
    for structure in service.structures:
        assert DOCS.structures[structure.name] == {
            f.wire_name: f.description for f in structure.fields
        }
    for error in service.error_codes:
        assert DOCS.errors.get(error.code, "") == error.description, error.code


@pytest.mark.parametrize(
    ("argv", "reads_snapshot"),
    [
        (["help"], True),
        (["DropLiveStream", "help"], True),
        (["DropLiveStream", "--StreamName", "x"], False),
    ],
)
def test_help_and_usage_errors_import_only_what_they_need(
    argv: list[str], reads_snapshot: bool
) -> None:
    """Help decompresses and parses the snapshot (json, lzma: ~2 ms of imports); a usage error
    reads nothing of it; neither imports the HTTP stack or the models."""
    heavy = {"requests", "urllib3", "http.client", f"{PACKAGE}.models", f"{PACKAGE}.errors"}
    snapshot = {"json", "lzma", f"{PACKAGE}._runtime.snapshot"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", PACKAGE, *argv],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not heavy & imported
    assert snapshot <= imported if reads_snapshot else not snapshot & imported
