"""Naming and type parsing: the rules every generated name depends on."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tcgen.model import naming
from tcgen.spec import typesys


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("StreamName", "stream_name"),
        ("PushURLs", "push_urls"),
        ("CDNDomain", "cdn_domain"),
        ("InstanceIds", "instance_ids"),
        ("IPv6Address", "i_pv6_address"),
        ("Offset", "offset"),
        ("URL", "url"),
        ("InstanceIDs", "instance_ids"),
        ("x", "x"),
        ("3D", "n_3_d"),
    ],
)
def test_snake_case(wire: str, python: str) -> None:
    assert naming.snake_case(wire) == python


@pytest.mark.parametrize(
    "name", ["class", "from", "type", "id", "self", "match", "to_wire", "http", "max_items"]
)
def test_reserved_names_get_an_underscore(name: str) -> None:
    assert naming.safe_identifier(name) == name + "_"


def test_unique_names_suffix_collisions() -> None:
    assert naming.unique_names(["url", "url", "url_2", "a"]) == ["url", "url_3", "url_2", "a"]


@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1))
def test_any_wire_name_becomes_a_valid_identifier(wire: str) -> None:
    name = naming.safe_identifier(naming.snake_case(wire))
    assert name.isidentifier()
    assert not keyword.iskeyword(name)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("string", "String"),
        ("Array of  string", "Array of String"),
        ("array of StreamOnlineInfo", "Array of StreamOnlineInfo"),
        ("Timestamp  ISO8601", "Timestamp ISO8601"),
        ("int64", "Int64"),
        ("Array of Array of Integer", "Array of Array of Integer"),
    ],
)
def test_normalise(text: str, canonical: str) -> None:
    assert typesys.normalise(text) == canonical


def test_parse_nested_arrays_and_structures() -> None:
    ref = typesys.parse("Array of Array of StreamOnlineInfo")
    assert ref.kind == "array"
    assert ref.python == "list[list[StreamOnlineInfo]]"
    assert ref.element.structure == "StreamOnlineInfo"
    assert typesys.parse("UInt64").primitive is typesys.PRIMITIVES["UInt64"]
    assert typesys.parse("Timestamp ISO8601").python == "str"
