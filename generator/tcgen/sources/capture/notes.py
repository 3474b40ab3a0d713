"""What a parameter's description says beyond its row: an example value, a nullable field.

Pages write both in the description prose (`... <br>Example value: 10`, `示例值：ins-1`, `Note:
This field may return null, indicating that no valid values can be obtained.`, `注意：此字段可能
返回 null，表示取不到有效值。`); the words are `vocabulary`'s. Each is taken only where it is
unambiguous: one example value on its own line's end (two labels, or an empty value, say
nothing), read by the parameter's type as tccli's examples are (`example_values`); a null note
of a fixed phrase. The description keeps the text as the page wrote it.

What the prose stated is recorded in the file's `source.pageNotes` (`input.Limit.example`), so
the merge with tccli (`spec.merge`) knows these keys are the page's: the page wins for what it
states, tccli supplies the rest.
"""

from __future__ import annotations

import re
from typing import Any

from tcgen.sources.capture import vocabulary
from tcgen.spec.example_values import example_value

JSON = dict[str, Any]
_QUOTES = "`'\"“”‘’「」"
_MORE_PROSE = re.compile(r"[。；;]|\.\s|[，,]\s*[^\s\"'\d\[{]")


def read(parameters: list[JSON], list_key: str) -> list[str]:
    """Set `example` and `nullable` where the descriptions state them; the keys set."""
    stated: list[str] = []
    for parameter in parameters:
        description = parameter.get("description", "")
        value = _example(description, parameter["type"])
        if value is not None:
            parameter["example"] = value
            stated.append(f"{list_key}.{parameter['name']}.example")
        if vocabulary.NULLABLE.search(description):
            parameter["nullable"] = True
            stated.append(f"{list_key}.{parameter['name']}.nullable")
    return stated


def source(stated: list[str]) -> JSON:
    """The `source` entry recording what the page's prose stated (nothing when nothing)."""
    return {"pageNotes": sorted(stated)} if stated else {}


def _example(description: str, type_text: str) -> Any:
    found = list(vocabulary.EXAMPLE_VALUE.finditer(description))
    if len(found) != 1:
        return None
    text = found[0].group("value").strip()
    text = text.removesuffix("。").strip()
    if text.endswith(".") and len(text) > 1:
        text = text[:-1]
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1]
    if _MORE_PROSE.search(text):
        return None  # the line goes on after the value: where it ends is a guess
    return example_value(text, type_text)
