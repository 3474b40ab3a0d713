"""A copy of a JSON value, for the per-call copies of parameters and documented answers.

`copy.deepcopy` keeps a memo of every object it copies (for shared and cyclic references a
JSON tree never has) and dispatches per type through tables: it was about a tenth of a
call's CPU. A dict or list is rebuilt here, an immutable scalar shared; anything else (no
parser makes one, but a handler could) still goes to `copy.deepcopy`.
"""

from __future__ import annotations

import copy
from typing import Any

_SHARED = frozenset({str, int, float, bool, type(None), bytes})


def json_copy(value: Any) -> Any:
    """A copy of `value` sharing nothing mutable with it."""
    kind = type(value)
    if kind is dict:
        return {key: json_copy(item) for key, item in value.items()}
    if kind is list:
        return [json_copy(item) for item in value]
    if kind in _SHARED:
        return value
    return copy.deepcopy(value)
