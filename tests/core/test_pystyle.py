"""The black-style helpers agree with black itself: whatever they emit, black leaves alone,
and the values survive the round trip through Python's parser."""

from __future__ import annotations

import ast
from typing import Any

import black
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tcgen.output.formatting import MODE
from tcgen.output.pystyle import (
    LINE_LENGTH,
    Code,
    annotated,
    docstring,
    layout,
    literal,
    needs_black,
    string_literal,
    table,
)

# Text that exercises black's string rules: both quote kinds, backslashes, escapes, wide
# (CJK) characters that count two columns, unicode whitespace and line separators.
TRICKY = st.sampled_from(
    [
        '"',
        "'",
        "\\",
        "\t",
        " ",
        "\n",
        "\r",
        "\x00",
        "\x85",
        "\u2028",
        "中",
        "\u3000",
        "a",
        "N{x}",
        "\\x41",
        '"""',
    ]
)
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=12)), max_size=12).map("".join)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=5).map(tuple),
        st.dictionaries(TEXT, inner, max_size=5),
    ),
    max_leaves=30,
)


def black_keeps(source: str) -> bool:
    return black.format_str(source, mode=MODE) == source


@given(TEXT)
def test_string_literals_are_what_black_writes_and_mean_the_text(text: str) -> None:
    source = f"X = {string_literal(text)}\n"
    assert black.format_str(f"X = {text!r}\n", mode=MODE) == source
    assert ast.literal_eval(string_literal(text)) == text


COLLECTIONS = VALUES.filter(lambda value: isinstance(value, (dict, list, tuple)))
# Where the templates put laid-out values: after a plain name (any value) or an annotated
# one (collections only: an over-long scalar there is left to black by `needs_black`).
TARGETS = st.one_of(
    st.tuples(VALUES, st.sampled_from(["V = ", "A_LONGER_TABLE_NAME_WITHOUT_ANY_BRACKETS = "])),
    st.tuples(COLLECTIONS, st.just("TABLE: dict[str, tuple[Any, ...]] = ")),
)


@given(TARGETS, st.integers(0, 3))
def test_layout_is_a_black_fixpoint_at_any_depth(assignment: tuple[Any, str], depth: int) -> None:
    value, target = assignment
    indent = 4 * depth
    pad = " " * indent
    header = "".join(f"{' ' * 4 * level}if x:\n" for level in range(depth))
    source = f"{header}{pad}{layout(value, indent, target)}\n"
    assert black_keeps(source), source
    tree = ast.parse(source)
    assert ast.literal_eval(_innermost_value(tree)) == value


@given(st.lists(VALUES, max_size=4).map(tuple) | st.lists(VALUES, max_size=4), st.integers(0, 2))
def test_tables_and_keyword_values_are_black_fixpoints(rows: Any, depth: int) -> None:
    indent = 4 * depth + 4
    header = "".join(f"{' ' * 4 * level}if x:\n" for level in range(depth))
    pad = " " * (indent - 4)
    source = (
        f"{header}{pad}V = call(\n"
        f"{' ' * indent}{table(rows, indent, 'rows=', ',')}\n"
        f"{' ' * indent}{layout(rows, indent, 'value=', ',')}\n"
        f"{pad})\n"
    )
    assert black_keeps(source), source
    call = _innermost_value(ast.parse(source))
    assert isinstance(call, ast.Call)
    assert [ast.literal_eval(k.value) for k in call.keywords] == [rows, rows]


IDENTIFIERS = st.from_regex(r"[a-z][a-z0-9_]{0,70}", fullmatch=True).map(lambda name: name + "_")
TYPE_NAMES = st.from_regex(r"[A-Z][A-Za-z0-9]{0,70}", fullmatch=True).map(lambda name: name + "T")
ANNOTATIONS = st.one_of(
    TYPE_NAMES,
    TYPE_NAMES.map(lambda name: f"list[{name}]"),
    TYPE_NAMES.map(lambda name: f"dict[str, {name}]"),
).flatmap(lambda base: st.sampled_from([base, f"{base} | None"]))


@given(IDENTIFIERS, ANNOTATIONS)
def test_annotations_parameters_and_attribute_assignments_are_black_fixpoints(
    name: str, annotation: str
) -> None:
    source = (
        f"class A:\n"
        f"    {annotated(annotation, 4, name)}\n"
        f"    {annotated(annotation, 4, name + '__', ' = None')}\n\n"
        f"    def __init__(\n"
        f"        self,\n"
        f"        *,\n"
        f"        {annotated(annotation, 8, name, ',')}\n"
        f"        {annotated(annotation, 8, name + '_', ' = None,')}\n"
        f"    ) -> None:\n"
        f"        {layout(Code(name), 8, f'self.{name} = ')}\n"
    )
    if needs_black(source):  # a shape left to black: it must really need it
        assert not black_keeps(source)
    else:
        assert black_keeps(source), source
    assert ast.parse(source)


def _innermost_value(tree: ast.Module) -> ast.expr:
    node: ast.stmt = tree.body[0]
    while isinstance(node, ast.If):
        node = node.body[0]
    assert isinstance(node, (ast.Expr, ast.Assign, ast.AnnAssign)) and node.value is not None
    return node.value


def test_layout_explodes_only_what_does_not_fit() -> None:
    row = ("name", "Name", "String")
    assert layout(row, 8, "", ",") == '("name", "Name", "String"),'
    wide = {"Key": ["x" * 40, "y" * 40]}
    assert layout(wide, 4, "ROWS = ") == (
        'ROWS = {\n        "Key": [\n            "'
        + "x" * 40
        + '",\n            "'
        + "y" * 40
        + '",\n        ],\n    }'
    )
    assert layout(Code("ClassName"), 0, "X = ") == "X = ClassName"
    assert literal(1e16) == "1e16"


@given(TEXT, st.integers(1, 3))
def test_docstrings_are_black_fixpoints_holding_the_stripped_text(text: str, depth: int) -> None:
    indent = 4 * depth
    header = "".join(f"{' ' * 4 * level}class A{level}:\n" for level in range(depth))
    source = f"{header}{' ' * indent}{docstring(text, indent)}\n"
    assert black_keeps(source), source
    tree = ast.parse(source)
    node: ast.stmt = tree.body[0]
    while isinstance(node, ast.ClassDef):
        node = node.body[0]
    assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    meaning = node.value.value.strip().split()
    assert meaning == text.strip().split() or not text.strip()


def test_needs_black_flags_long_code_but_not_long_strings_or_prose() -> None:
    long_text = "w" * (LINE_LENGTH + 10)
    prose = f'class A:\n    """{long_text}\n\n    {long_text}\n    """\n'
    strings = f'X = {{\n    "k": "{long_text}",\n    "{long_text}": Name,\n}}\n'
    assert not needs_black(prose) and not needs_black(strings)
    assert black_keeps(prose) and black_keeps(strings)
    code = f'X = f({", ".join(["argument"] * 12)})\n'
    assert needs_black(code) and not black_keeps(code)
    wide = "X = " + literal(["中" * 30, "文" * 30]) + "\n"  # 66 characters, 126 columns
    assert needs_black(wide) and not black_keeps(wide)


@pytest.mark.parametrize("extra", range(-4, 5))
def test_an_attribute_default_splits_its_right_hand_side_when_the_head_fits(extra: int) -> None:
    """The three columns where `name: T | None = None` is too long but `name: T | None = (`
    fits (found in vpc's models): black splits the default, not the annotation."""
    name = "security_group_association_statistics_set" + "x" * max(extra, 0)
    annotation = "list[SecurityGroupAssociationStatistics" + "Y" * max(-extra, 0) + "] | None"
    source = f"class A:\n    {annotated(annotation, 4, name, ' = None')}\n"
    assert black_keeps(source), source
