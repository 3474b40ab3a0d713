"""Re-imports follow the model (removals, deprecations, placeholders) and respect page data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tcgen.commands.main import main
from tcgen.sources.tccli.importer import import_tccli
from tcgen.spec.example_values import example_value

from .conftest import FakeTccli, member, read

DEMO = Path("demo") / "2020-01-01"
OBJECTS: dict[str, Any] = {
    "DoItRequest": {
        "members": [
            member("Filters", "list", "Filter", example="无"),
            member("Old", "string", "string", disabled=True, example="暂无"),
        ]
    },
    "DoItResponse": {"members": [member("RequestId", "string", "string")]},
    "GoneRequest": {"members": []},
    "GoneResponse": {"members": []},
    "Filter": {
        "members": [
            member("Name", "string", "string", example="zone"),
            member("Count", "int", "int64", example="NULL"),
        ]
    },
    "Unused": {"members": [member("X", "string", "string")]},
}
ACTIONS: dict[str, Any] = {
    "DoIt": {"input": "DoItRequest", "output": "DoItResponse", "status": "deprecated"},
    "Gone": {
        "input": "GoneRequest",
        "output": "GoneResponse",
        "status": "online",
        "skip_sign": True,
    },
}


def _page_action(name: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "action": name,
        "description": "From the page.",
        "region": {"required": False},
        "input": [],
        "output": [],
        "examples": [],
        "errorCodes": [],
        "source": {"kind": kind},
        **extra,
    }


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_deprecations_and_placeholders(spec_copy: Path, fake_tccli: FakeTccli) -> None:
    import_tccli(["demo"], spec_copy, fake_tccli(OBJECTS, ACTIONS))
    action = read(spec_copy / DEMO / "actions/DoIt.json")
    assert action["deprecated"] is True
    assert "deprecated" not in read(spec_copy / DEMO / "actions/Gone.json")
    assert read(spec_copy / DEMO / "actions/Gone.json")["unsigned"] is True  # skip_sign
    assert "unsigned" not in action
    assert action["input"] == [
        {
            "name": "Filters",
            "type": "Array of Filter",
            "required": False,
            "description": "Filters.",
        },
        {
            "name": "Old",
            "type": "String",
            "required": False,
            "description": "Old.",
            "deprecated": True,
        },
    ]
    members = read(spec_copy / DEMO / "types/Filter.json")["members"]
    assert [m.get("example") for m in members] == ["zone", None]
    assert main(["validate", "--spec-dir", str(spec_copy)]) == 0


@pytest.mark.parametrize(
    ("raw", "type_text", "expected"),
    [
        ("无", "String", None),
        (" 暂无 ", "Int64", None),
        ("空", "Array of Tag", None),
        ("NULL", "Tag", None),
        ("-", "Array of String", None),
        ("null", "String", "null"),  # text: could be the value
        ("-", "String", "-"),
        ("NONE", "String", "NONE"),  # a real enum value (AuthType NONE)
        ("[]", "Array of String", []),
    ],
)
def test_placeholder_examples(raw: str, type_text: str, expected: object) -> None:
    assert example_value(raw, type_text) == expected


def test_reimport_removes_what_the_model_no_longer_has(
    spec_copy: Path, fake_tccli: FakeTccli, capsys: pytest.CaptureFixture[str]
) -> None:
    import_tccli(["demo"], spec_copy, fake_tccli(OBJECTS, ACTIONS))
    actions, types = spec_copy / DEMO / "actions", spec_copy / DEMO / "types"
    paged = _page_action("Paged", "page")
    _write(actions / "Paged.json", paged)  # captured from a page only
    both = _page_action("Gone", "page+tccli", title="Gone's title")
    _write(actions / "Gone.json", both)  # captured page, merged with an earlier model
    _write(types / "Hand.json", {"name": "Hand", "description": "", "members": []})
    assert (types / "Unused.json").exists()

    objects = {k: v for k, v in OBJECTS.items() if k not in {"Unused", "GoneRequest"}}
    actions_now = {"DoIt": ACTIONS["DoIt"]}
    services = fake_tccli(objects, actions_now)
    assert (
        main(["import-tccli", "demo", "--spec-dir", str(spec_copy), "--tccli-dir", str(services)])
        == 0
    )
    assert "removed: types/Unused" in capsys.readouterr().out
    assert not (types / "Unused.json").exists()  # tccli only: gone with the model
    assert read(actions / "Paged.json") == paged  # page provenance: never removed
    assert read(types / "Hand.json")["name"] == "Hand"  # no source: hand-written, kept
    assert read(actions / "Gone.json") == _page_action("Gone", "page")  # keeps its page side
    assert sorted(p.name for p in actions.glob("*.json")) == [
        "DoIt.json",
        "Gone.json",
        "Paged.json",
    ]


def test_reimport_deletes_tccli_only_actions(spec_copy: Path, fake_tccli: FakeTccli) -> None:
    import_tccli(["demo"], spec_copy, fake_tccli(OBJECTS, ACTIONS))
    assert (spec_copy / DEMO / "actions/Gone.json").exists()
    (version,) = import_tccli(["demo"], spec_copy, fake_tccli(OBJECTS, {"DoIt": ACTIONS["DoIt"]}))
    assert version.removed == ["actions/Gone"]
    assert not (spec_copy / DEMO / "actions/Gone.json").exists()


def test_page_get_examples_are_typed_with_the_model(spec_copy: Path, fake_tccli: FakeTccli) -> None:
    """A page captured before its Data Types page keeps structure values as text until then."""
    example = {
        "title": "Get",
        "request": {"method": "GET", "params": {"Filters": [{"Name": "a", "Count": "2"}]}},
        "response": {"RequestId": "r"},
    }
    inputs = [
        {"name": "Filters", "type": "Array of Filter", "required": False, "description": "F."}
    ]
    page = _page_action("DoIt", "page", input=inputs, examples=[example])
    _write(spec_copy / DEMO / "actions/DoIt.json", page)
    import_tccli(["demo"], spec_copy, fake_tccli(OBJECTS, ACTIONS))
    merged = read(spec_copy / DEMO / "actions/DoIt.json")
    assert merged["examples"][0]["request"]["params"] == {"Filters": [{"Name": "a", "Count": 2}]}
    assert merged["deprecated"] is True
    assert [p["name"] for p in merged["input"]] == ["Filters"]  # `Old` is not on the page
