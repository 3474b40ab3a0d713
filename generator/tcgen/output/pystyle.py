"""Python source already in black's style, so the bulk of a package need not go through black.

Black formats about 80 KB of source per second per core; the whole catalog renders about
80 MB of models, tables and prose. Nearly all of that is data (literals, docstrings) whose
black layout follows a few fixed rules, so the templates that opt in (`PREFORMATTED`) render
it in that layout directly through the helpers here:

- `string_literal`: the quotes black prefers (double unless that needs more escapes);
- `layout`: a literal on one line when it fits in `LINE_LENGTH` columns (black's width,
  east-asian wide characters counting two), else exploded one element per line with magic
  trailing commas, recursively, which black keeps as it is;
- `docstring`: page prose with black's docstring normalisation applied ahead of time.

`needs_black` is the safety net: a line longer than `LINE_LENGTH` that black could still
split (anything but a string, a comment or docstring prose) sends the whole file to black.
Tests check all of this against black itself (hypothesis, the committed package, and the
whole catalog in `nox -s catalog`).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from black.strings import str_width

LINE_LENGTH = 100
INDENT = " " * 4

# First line of a template that promises output in black's style (`render.py` reads it).
PREFORMATTED = "{# tcgen: preformatted"


class Code(str):
    """Source text that `layout` writes verbatim (a class name, `True`): not a string value."""


def string_literal(text: str) -> str:
    """`text` as black writes a string literal: double quotes unless they need more escapes."""
    quoted = repr(text)
    if quoted[0] == '"':  # repr picked double quotes: `text` has ' and no "
        return quoted
    if "'" not in text:
        return quoted if '"' in text else f'"{quoted[1:-1]}"'
    if text.count('"') > text.count("'"):
        return quoted
    return '"' + quoted[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'


def literal(value: Any) -> str:
    """A JSON-like value (and tuples, `Code`) as one line of Python source."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, float):
        return repr(value).replace("e+", "e")  # black drops the exponent's plus sign
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        if len(value) == 1:
            return f"({literal(value[0])},)"
        return "(" + ", ".join(literal(v) for v in value) + ")"
    return repr(value)


_BRACKETS: dict[type, str] = {dict: "{}", list: "[]", tuple: "()"}
_PLAIN_ASSIGNMENT = re.compile(r"[A-Za-z_][\w.]* = ")


def layout(
    value: Any, indent: int, prefix: str = "", suffix: str = "", explode: bool = False
) -> str:
    """`prefix + value + suffix` as black lays it out when the line starts at column `indent`;
    `explode` puts a non-empty collection one element per line even when it would fit.

    The first line carries no indentation (the template supplies it); later lines do.
    """
    text = literal(value)
    flat = prefix + text + suffix
    if indent + str_width(flat) <= LINE_LENGTH and not (explode and value):
        return flat
    inner = indent + len(INDENT)
    pad = " " * inner
    brackets = _BRACKETS.get(type(value))
    if brackets is None or not value:
        # Black wraps an atom assigned to a plain (dotted) name in parentheses when that fits
        # (with brackets on the left its choice depends on them: left to `needs_black`).
        if _PLAIN_ASSIGNMENT.fullmatch(prefix) and inner + str_width(text) <= LINE_LENGTH:
            return f"{prefix}(\n{pad}{text}\n{' ' * indent}){suffix}"
        return flat
    if isinstance(value, dict):
        items = [layout(v, inner, f"{literal(k)}: ", ",") for k, v in value.items()]
    else:
        items = [layout(v, inner, "", ",") for v in value]
    body = "".join(f"\n{pad}{item}" for item in items)
    return f"{prefix}{brackets[0]}{body}\n{' ' * indent}{brackets[1]}{suffix}"


def annotated(annotation: str, indent: int, name: str, tail: str = "") -> str:
    """`name: annotation` and `tail` (` = None,`) as black lays them out from column `indent`.

    Too long, an attribute's default (`tail` ` = None`, no comma) goes in parentheses on its
    own line when `name: annotation = (` fits, as black splits the right-hand side first;
    otherwise black parenthesizes a union (`T | None`) onto its own line; any other long
    annotation it splits inside, which is left to black itself (`needs_black` sees the line).
    """
    flat = f"{name}: {annotation}{tail}"
    inner = indent + len(INDENT)
    head = f"{name}: {annotation} = ("
    if (
        tail.startswith(" = ")
        and not tail.endswith(",")
        and indent + str_width(flat) > LINE_LENGTH
        and indent + str_width(head) <= LINE_LENGTH
    ):  # an attribute's default: black splits the right-hand side first
        return f"{head}\n{' ' * inner}{tail[3:]}\n{' ' * indent})"
    if (
        indent + str_width(flat) <= LINE_LENGTH
        or " | " not in annotation
        or inner + str_width(annotation) > LINE_LENGTH
    ):
        return flat
    return f"{name}: (\n{' ' * inner}{annotation}\n{' ' * indent}){tail}"


def table(
    rows: tuple[Any, ...] | list[Any], indent: int, prefix: str = "", suffix: str = ""
) -> str:
    """Like `layout`, but one row per line even when all would fit on one: tables diff well.

    A one-row tuple is the exception: its comma is not magic to black, so it follows `layout`.
    """
    one_row_tuple = isinstance(rows, tuple) and len(rows) == 1
    return layout(rows, indent, prefix, suffix, explode=not one_row_tuple)


# Characters a docstring cannot hold raw: controls (but tab and newline), and the line
# breaks str.splitlines() honours besides \n, which would otherwise split a line in two.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")


def _escape_prose(text: str) -> str:
    """Backslashes doubled, `\"\"\"` escaped, controls as `\\xNN`/`\\uNNNN`: the text cannot
    end the literal early or change meaning."""
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return _CONTROL.sub(_escape_char, body)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _expand_leading_tabs(line: str) -> str:
    stripped = line.lstrip()
    if not stripped or stripped == line:
        return line
    return line[: len(line) - len(stripped)].expandtabs() + stripped


def docstring(text: str, indent: int = 4) -> str:
    """Page prose as a triple-quoted literal, normalised the way black normalises docstrings.

    Continuation lines lose their common indentation and trailing blanks and take the
    block's; a first character `"` is padded so it cannot merge with the opening quotes, and
    a one-line docstring ending in `"` is padded before the closing ones.
    """
    lines = [_expand_leading_tabs(line) for line in _escape_prose(text.strip()).splitlines()]
    first = lines[0].strip() if lines else ""
    if first.startswith('"'):
        first = " " + first
    if len(lines) <= 1:
        return f'"""{first} """' if first.endswith('"') else f'"""{first}"""'
    common = min((len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()), default=0)
    pad = " " * indent
    rest = [line[common:].rstrip() for line in lines[1:]]
    body = "".join(f"\n{pad}{line}" if line else "\n" for line in rest)
    return f'"""{first}{body}\n{pad}"""'


def comment(text: str) -> str:
    """Prose as a single-line comment body (newlines folded), safe to put after `#`."""
    return " ".join(_CONTROL.sub(" ", text).split())


_STRING = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
# Long lines black leaves as they are: nothing in them it could split.
_NAME = r"[A-Za-z_]\w*"
_UNSPLITTABLE = re.compile(
    rf"\s*(?:#.*|(?:{_NAME}=|{_STRING}: )?{_STRING},?|{_STRING}: {_NAME}(?:\.{_NAME})*,?"
    rf"|{_NAME}={_NAME},?)"
)
_MAYBE_LONG = re.compile(rf"^.{{{LINE_LENGTH // 2 + 1},}}$", re.MULTILINE)
# Where docstrings open and close: `"""` first on a line or last on it (a string literal
# holding `"""` is neither: it starts and ends with its own quote).
_DOC_QUOTES = re.compile(r'^[ \t]*"""|"""$', re.MULTILINE)


def needs_black(source: str) -> bool:
    """True when `source` has a line over `LINE_LENGTH` columns that black might split.

    Docstring prose is exempt (lines inside one, or opening or closing one), and so are
    comments and lines that are only a string, `key: string`, `name=string`, `name=name`
    or `"key": Name` (with an optional trailing comma).
    """
    quotes: list[int] | None = None
    for match in _MAYBE_LONG.finditer(source):
        line = match.group()
        if str_width(line) <= LINE_LENGTH or _UNSPLITTABLE.fullmatch(line):
            continue
        if line.lstrip().startswith('"""') or line.endswith('"""'):
            continue
        if quotes is None:
            quotes = [m.start() for m in _DOC_QUOTES.finditer(source)]
        if bisect.bisect(quotes, match.start()) % 2:  # inside an open docstring
            continue
        return True
    return False
