"""JSON from files and pages tcgen did not write: nesting too deep to parse is a syntax error.

`json` raises RecursionError for a document nested a few thousand levels deep (a hostile or
broken file); every reader of outside JSON catches `json.JSONDecodeError` to report the file
and position, so these wrappers turn the one into the other (position 0: the document as a
whole) and no caller needs a second except clause.
"""

from __future__ import annotations

import json
from typing import Any

TOO_DEEP = "nested too deeply to read"


def loads(text: str | bytes, **options: Any) -> Any:
    """`json.loads`; JSONDecodeError also for nesting too deep."""
    try:
        return json.loads(text, **options)
    except RecursionError:
        raise _too_deep(text) from None


def raw_decode(text: str, start: int = 0) -> tuple[Any, int]:
    """`json.JSONDecoder().raw_decode`; JSONDecodeError also for nesting too deep."""
    try:
        return json.JSONDecoder().raw_decode(text, start)
    except RecursionError:
        raise _too_deep(text, start) from None


def _too_deep(text: str | bytes, start: int = 0) -> json.JSONDecodeError:
    document = text if isinstance(text, str) else text.decode("utf-8", "replace")
    return json.JSONDecodeError(TOO_DEEP, document, start)
