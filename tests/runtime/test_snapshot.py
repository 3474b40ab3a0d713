"""`runtime.snapshot`: the package's compressed spec snapshot, and what help and the mock read
from it (`cli.helptext.docs_from_snapshot`, `snapshot.Examples`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tcgen.runtime import snapshot
from tcgen.runtime.cli.helptext import docs_from_snapshot, load_docs


def _member(name: str, description: str | None = None) -> dict[str, Any]:
    member: dict[str, Any] = {"name": name, "type": "String"}
    if description is not None:
        member["description"] = description
    return member


SNAPSHOT: dict[str, Any] = {
    "service": "demo",
    "version": "2020-01-01",
    "title": "Demo Service",
    "actions": {
        "GetThing": {
            "action": "GetThing",
            "title": "Gets a thing",
            "description": "Returns the thing.",
            "input": [_member("ThingId", "The thing's ID."), _member("Verbose")],
            "output": [_member("Name", "Its name."), _member("RequestId", "Unique ID.")],
            "examples": [
                {"request": {"params": {"ThingId": "t-1"}}, "response": {"Name": "one"}},
                {"request": {"params": {"ThingId": "t-2"}}, "response": {"Name": "two"}},
            ],
            "errorCodes": [
                {"code": "ResourceNotFound.Thing", "description": ""},
                {"code": "FailedOperation", "description": "Thing failed."},
            ],
        },
        "PutThing": {
            "action": "PutThing",
            "description": "Stores the thing.",
            "input": [],
            "output": [],
            "examples": [],
            "errorCodes": [{"code": "ResourceNotFound.Thing", "description": "No such thing."}],
        },
    },
    "types": {"Thing": {"name": "Thing", "members": [_member("Name", "Its name.")]}},
    "commonErrors": [
        {"code": "FailedOperation", "description": ""},
        {"code": "AuthFailure", "description": "Bad signature."},
    ],
}


def test_dump_is_deterministic_xz_json_keeping_key_order(tmp_path: Path) -> None:
    data = snapshot.dump(SNAPSHOT)
    assert data == snapshot.dump(dict(SNAPSHOT)) and data.startswith(b"\xfd7zXZ\x00")
    assert list(snapshot.decode(data)) == list(SNAPSHOT) and snapshot.decode(data) == SNAPSHOT
    (tmp_path / snapshot.FILE).write_bytes(data)
    assert snapshot.load(str(tmp_path)) == SNAPSHOT


def test_docs_are_the_spec_prose() -> None:
    docs = docs_from_snapshot(SNAPSHOT)
    assert docs.title == "Tencent Cloud Demo Service (demo 2020-01-01)"
    get, put = docs.actions["GetThing"], docs.actions["PutThing"]
    assert (get.title, get.description) == ("Gets a thing", "Returns the thing.")
    assert get.input == {"ThingId": "The thing's ID.", "Verbose": ""}
    assert get.output == {"Name": "Its name."}  # RequestId is help's own line
    assert get.example == {"ThingId": "t-1"}  # the first example
    assert (put.title, put.example) == ("PutThing", None)  # no title: the name
    assert docs.structures == {"Thing": {"Name": "Its name."}}
    # per code the first description given: common codes first, then the actions in order
    assert docs.errors["FailedOperation"] == "Thing failed."
    assert docs.errors["ResourceNotFound.Thing"] == "No such thing."
    assert docs.errors["AuthFailure"] == "Bad signature."


def test_examples_are_read_when_first_asked_for(tmp_path: Path) -> None:
    examples = snapshot.Examples(str(tmp_path))  # no file yet: nothing is read
    (tmp_path / snapshot.FILE).write_bytes(snapshot.dump(SNAPSHOT))
    assert examples.get("GetThing") == [
        ({"ThingId": "t-1"}, {"Name": "one"}),
        ({"ThingId": "t-2"}, {"Name": "two"}),
    ]
    assert list(examples) == ["GetThing"] and len(examples) == 1
    assert examples.get("PutThing", []) == []  # no examples: the mock synthesizes


def test_a_missing_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=snapshot.FILE.replace(".", r"\.")):
        load_docs(str(tmp_path))
    with pytest.raises(FileNotFoundError):
        snapshot.Examples(str(tmp_path)).get("GetThing")
