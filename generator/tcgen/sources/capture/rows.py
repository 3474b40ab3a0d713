"""Read table rows into spec parameters and error codes; a row that does not fit is reported.

Shared by action pages (input/output tables, error codes) and Data Types pages (members), so
a row means the same thing in every table and every layout. What a column holds comes from
its title (`vocabulary.column_role`); which table is which comes from the roles it has.

Rows are read by the header's shape, not by counting on the page to be tidy:

- a row with more cells than the header had an unescaped `|` in its description: the cells
  before and after the description column are fixed, the surplus is the description's;
- a row one cell short in a table with a Required column, whose Required cell holds a type,
  left the Required cell out: it is read without it (a warning; `required` is then false);
- missing trailing cells are empty.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from tcgen.sources.capture.document import Row, Table
from tcgen.sources.capture.report import Report
from tcgen.sources.capture.vocabulary import REQUIRED, clean, column_role, normalise
from tcgen.spec import typesys

JSON = dict[str, Any]

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ARRAY_INDEX = re.compile(r"N|\d+")  # `Filters.N`, `Dimensions.0`: an array's element
_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.(?:N|\d+|[A-Za-z_][A-Za-z0-9_]*))*")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_LEGACY = re.compile(r"-?\d+")
_NAME_NOISE = str.maketrans("", "", "`*\\")


def columns(table: Table) -> dict[str, int]:
    """Column index of each role (`name`, `type`, ...) in the header; the first title wins."""
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        role = column_role(title)
        if role is not None:
            found.setdefault(role, index)
    return found


def is_parameter_table(table: Table) -> bool:
    """Parameters or members: a name and a type column."""
    roles = columns(table)
    return "name" in roles and "type" in roles


def is_error_table(table: Table) -> bool:
    """Error codes: a code (or a legacy number) column, and no type column."""
    roles = columns(table)
    return ("code" in roles or "legacy" in roles) and "type" not in roles


def cells(table: Table, row: Row, report: Report) -> dict[str, str] | None:
    """The row's cells by role, fitted to the header (see the module docstring)."""
    values = _fitted(table, row, report)
    if values is None:
        return None
    found = {role: values[i] for role, i in columns(table).items()}
    if _swapped(found):
        found["required"], found["type"] = found["type"], found["required"]
    return found


def _fitted(table: Table, row: Row, report: Report) -> list[str] | None:
    """The row's cleaned cells, one per header column (see the module docstring)."""
    width, values = len(table.header), list(row.cells)
    roles = columns(table)
    if not any(value.strip() for value in values):
        return None  # an empty row (`|`, `| | |`) holds nothing to read
    if row.flaw is not None:
        report.warn(
            row.line, f"table row with {row.flaw}, read as a row of its table: {row.text!r}"
        )
    while len(values) > width and not values[-1]:
        values.pop()
    if len(values) > width:
        fitted = _give_surplus_to_description(values, width, roles.get("description"))
        if fitted is None:
            report.add(row.line, f"cannot read table row: {len(row.cells)} cells, {width} columns")
            return None
        values = fitted
    elif len(values) == width - 1 and _lacks_required(values, roles):
        report.warn(row.line, f"row has no Required cell (read as not required): {row.text!r}")
        values.insert(roles["required"], "")
    elif len(values) == width - 1 and (split := _type_and_description(values, roles)):
        report.warn(row.line, f"row has no pipe after its type, read as meant: {row.text!r}")
        values[roles["type"] :] = split
    values += [""] * (width - len(values))
    return [clean_cell(value) for value in values]


def _swapped(found: dict[str, str]) -> bool:
    """Required and Type cells written in each other's column (`| Password | String | Yes |`
    under `Required | Type`)."""
    if "required" not in found or "type" not in found:
        return False
    return normalise(found["type"]) in REQUIRED and normalise(found["required"]) not in REQUIRED


def clean_cell(text: str) -> str:
    """A cell's text: invisible characters gone, spaces collapsed within each line."""
    return "\n".join(line for line in (clean(part) for part in text.split("\n")) if line)


def _give_surplus_to_description(
    values: list[str], width: int, description: int | None
) -> list[str] | None:
    if description is None:
        return None
    after = width - description - 1
    middle = values[description : len(values) - after]
    return values[:description] + [" | ".join(middle)] + values[len(values) - after :]


def _type_and_description(values: list[str], roles: dict[str, int]) -> list[str] | None:
    """A last cell holding the type and the description (`| String Name of the function. |`),
    when the description column follows the type column and the type is a primitive or an
    array of one (a structure name cannot be told from the description's first word)."""
    at = roles.get("type")
    if at is None or roles.get("description") != at + 1 or at != len(values) - 1:
        return None
    words = values[at].split(" ")
    for size in range(min(len(words) - 1, 4), 0, -1):
        written = " ".join(words[:size])
        element = typesys.parse(typesys.normalise(written)).element
        if element.kind == "primitive" and written[:1].isupper():
            return [written, " ".join(words[size:])]
    return None


def _lacks_required(values: list[str], roles: dict[str, int]) -> bool:
    index = roles.get("required")
    if index is None or index >= len(values):
        return False
    cell = normalise(values[index])
    return cell not in REQUIRED and _is_type(typesys.normalise(clean(values[index])))


def parameter(
    table: Table, row: Row, report: Report, default_required: bool | None = None
) -> JSON | None:
    """A parameter from a row; `required` comes from the Required column, else the default.

    The name may be a path (`Filters.N`, `Instances.N.Dimensions.0.Name`): `nesting` folds
    paths into arrays and structure members. `Name.N` with an element type becomes an
    `Array of` type here.
    """
    row_cells = cells(table, row, report)
    if row_cells is None:
        return None
    return from_cells(row_cells, row, report, default_required)


def from_cells(
    row_cells: dict[str, str], row: Row, report: Report, default_required: bool | None = None
) -> JSON | None:
    """A parameter from a row's cells by role (`cells`), as `parameter` reads it."""
    name = _name(row_cells.get("name", ""))
    type_text = typesys.normalise(clean(row_cells.get("type", "")).replace("\n", " "))
    if name.endswith(".N") and not type_text.startswith(typesys.ARRAY_PREFIX) and type_text:
        type_text = typesys.ARRAY_PREFIX + type_text
    name = name.removesuffix(".N")
    required_cell = normalise(row_cells.get("required", ""))
    required = REQUIRED.get(required_cell) if required_cell else None
    if not _PATH.fullmatch(name):
        return _rejected(report, row, f"'{name}' is not a parameter name")
    if not _is_type(type_text):
        return _rejected(report, row, f"'{type_text}' is not a type")
    if required_cell and required is None:
        written = row_cells["required"]
        return _rejected(report, row, f"Required must be Yes or No, not '{written}'")
    if "required" in row_cells and required is None:
        required = False
    result: JSON = {"name": name, "type": type_text}
    if required is not None or default_required is not None:
        result["required"] = required if required is not None else default_required
    result["description"] = row_cells.get("description", "")
    return result


def _name(cell: str) -> str:
    """A name cell's name: marks gone, spaces around dots and inside a wrapped name
    (`Instance Ids`, `Filters. N`) gone; other spaces stay, for the name to be rejected."""
    name = re.sub(r"\s*\.\s*", ".", clean(cell).translate(_NAME_NOISE))
    parts = name.split(" ")
    return "".join(parts) if all(part[:1].isupper() for part in parts[1:]) else name


def error_code(table: Table, row: Row, report: Report) -> JSON | None:
    """An error code and its description from a row of an error code table.

    Older tables put a legacy number next to the API 3.0 code, in any column order and under
    any titles (`| -509 | Incorrect combination... | InvalidParameter.DimensionGroupError |`):
    the code is read from the column that holds codes (`code_column`), the description from
    the description column (else the first other cell that is not a number). A row with only
    a legacy number has no API 3.0 code: it is left out, with a warning.
    """
    values = _fitted(table, row, report)
    if values is None:
        return None
    at = code_column(table)
    code = _code_text(values[at])
    if not code:  # a legacy number alone, its API 3.0 cell left empty
        code = next((_code_text(v) for v in values if _LEGACY.fullmatch(_code_text(v))), code)
    if _LEGACY.fullmatch(code):
        report.warn(row.line, f"error code {code} has no API 3.0 code: left out: {row.text!r}")
        return None
    if not _CODE.fullmatch(code):
        return _rejected(report, row, f"'{code}' is not an error code")
    described = columns(table).get("description")
    if described is None or described == at:
        others = (v for i, v in enumerate(values) if i != at and not _LEGACY.fullmatch(v))
        return {"code": code, "description": next(others, "")}
    return {"code": code, "description": values[described]}


@functools.lru_cache(maxsize=256)
def code_column(table: Table) -> int:
    """The column holding the API 3.0 codes: the one with the most code-shaped cells (a code
    column's title breaks a tie, then the leftmost)."""
    roles = [column_role(title) for title in table.header]
    counts = [0] * len(table.header)
    for row in table.rows:
        for index, cell in enumerate(row.cells[: len(counts)]):
            if _CODE.fullmatch(clean(cell).strip("`*").rstrip(".")):
                counts[index] += 1
    return max(range(len(counts)), key=lambda i: (counts[i], roles[i] == "code", -i))


def _code_text(cell: str) -> str:
    """An error code cell without marks, stray spaces (`IncludeIllega l Char`) or a final dot."""
    return re.sub(r"\s+", "", cell).strip("`*").rstrip(".")


def _is_type(type_text: str) -> bool:
    if not type_text:
        return False
    element = typesys.parse(type_text).element
    return element.kind == "primitive" or IDENTIFIER.fullmatch(element.spec) is not None


def _rejected(report: Report, row: Row, reason: str) -> JSON | None:
    """Report a row that cannot be read; the row yields nothing (returns None)."""
    report.add(row.line, f"cannot read table row: {reason}: {row.text!r}")
    return None
