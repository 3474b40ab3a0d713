"""Read table rows into spec parameters and error codes; a row that does not fit is reported.

Shared by action pages (input/output tables, error codes) and Data Types pages (members), so
a row means the same thing in every table and every layout.
"""

from __future__ import annotations

import re
from typing import Any

from .. import typesys
from .document import COLUMN_ROLES, Row, Table
from .report import Report

JSON = dict[str, Any]

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ARRAY_SUFFIX = ".N"  # `PlayDomains.N`: the page's spelling of an array parameter
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_FLAGS = {"yes": True, "no": False}


def columns(table: Table) -> dict[str, int]:
    """Column index of each role (`name`, `type`, ...) found in the table header."""
    return {COLUMN_ROLES[title]: i for i, title in enumerate(table.header) if title in COLUMN_ROLES}


def cells(table: Table, row: Row, report: Report) -> dict[str, str] | None:
    """The row's cells by role, or None (reported) when the row does not match the header."""
    if len(row.cells) != len(table.header):
        report.add(
            row.line,
            f"cannot read table row: expected {len(table.header)} cells "
            f"({', '.join(table.header)}), found {len(row.cells)}: {row.text!r}",
        )
        return None
    return {role: row.cells[i] for role, i in columns(table).items()}


def parameter(
    table: Table, row: Row, report: Report, default_required: bool | None = None
) -> JSON | None:
    """A parameter from a row; `required` comes from the Required column, else the default.

    `Name.N` is an array parameter `Name`: its type becomes `Array of <type>` if the Type
    column gives only the element type.
    """
    row_cells = cells(table, row, report)
    if row_cells is None:
        return None
    name, type_text = row_cells.get("name", ""), typesys.normalise(row_cells.get("type", ""))
    if name.endswith(ARRAY_SUFFIX):
        name = name.removesuffix(ARRAY_SUFFIX)
        if not type_text.startswith(typesys.ARRAY_PREFIX):
            type_text = typesys.ARRAY_PREFIX + type_text
    required = _FLAGS.get(row_cells.get("required", "").lower())
    if not IDENTIFIER.fullmatch(name):
        return _rejected(report, row, f"'{name}' is not a parameter name")
    if not _is_type(type_text):
        return _rejected(report, row, f"'{type_text}' is not a type")
    if "required" in row_cells and required is None:
        return _rejected(report, row, f"Required must be Yes or No, not '{row_cells['required']}'")
    result: JSON = {"name": name, "type": type_text}
    if required is not None or default_required is not None:
        result["required"] = required if required is not None else default_required
    result["description"] = row_cells.get("description", "")
    return result


def error_code(table: Table, row: Row, report: Report) -> JSON | None:
    """An error code and its description from a row of the Error Code table."""
    row_cells = cells(table, row, report)
    if row_cells is None:
        return None
    code = row_cells.get("code", "")
    if not _CODE.fullmatch(code):
        return _rejected(report, row, f"'{code}' is not an error code")
    return {"code": code, "description": row_cells.get("description", "")}


def _is_type(type_text: str) -> bool:
    element = typesys.parse(type_text).element
    return element.kind == "primitive" or IDENTIFIER.fullmatch(element.spec) is not None


def _rejected(report: Report, row: Row, reason: str) -> JSON | None:
    """Report a row that cannot be read; the row yields nothing (returns None)."""
    report.add(row.line, f"cannot read table row: {reason}: {row.text!r}")
    return None
