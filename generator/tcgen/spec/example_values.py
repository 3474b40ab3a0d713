"""A parameter's example value as JSON data, from the text a page or tccli's model writes.

Both sources write an example as text: tccli's model stores every example as a string (`"10"`,
`"[\\"a\\"]"`) and a page says `Example value: 10`. An Integer parameter's example is more
useful as `10`, so text is parsed as JSON when the type is not textual and it parses; text
that does not parse stays a string, exactly as documented. Empty examples and placeholders
are None (absent).
"""

from __future__ import annotations

import json
from typing import Any

from tcgen.spec import typesys

# Example text that stands for "no example" (counts in tccli-intl-en 3.1.193, all 160 service
# versions): `无` "none" (16,778), `暂无` "none yet" (70) and `空` "empty" (11) for any type; and
# where the type is not text, `null`/`NULL` (144) and `-` (43), which are no value of the type.
# Text types keep `null`, `-` and `none`: there they may be the value (AuthType `NONE`).
PLACEHOLDERS = frozenset({"无", "暂无", "空"})
NON_TEXT_PLACEHOLDERS = frozenset({"null", "-"})


def example_value(raw: object, type_text: str) -> Any:
    """A member's example as JSON data: parsed when the type is not textual and it parses."""
    if not isinstance(raw, str) or not raw.strip() or raw.strip() in PLACEHOLDERS:
        return None
    ref = typesys.parse(type_text)
    if ref.primitive is not None and ref.primitive.json_type == "string":
        return raw
    if raw.strip().lower() in NON_TEXT_PLACEHOLDERS:
        return None
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return raw


def _reject_constant(name: str) -> Any:
    """NaN/Infinity are not JSON; treat such examples as text."""
    raise ValueError(name)
