"""What a successful call prints: tccli's response shape, `--filter`, `--output` formats.

tccli prints the SDK's response model, so every documented field appears (null when the
server left it out), in documented order, with `RequestId` last; `shape` reproduces that from
the metadata so scripts reading tccli's output read ours. Fields newer than the spec are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ..meta import Member
from ..primitives import ARRAY
from .argv import UsageError

FORMATS = ("json", "text", "table")
REQUEST_ID = "RequestId"


def shape(
    value: Any, members: tuple[Member, ...], structures: Mapping[str, tuple[Member, ...]]
) -> Any:
    """Documented members first (None when absent), then undocumented ones as received."""
    if not isinstance(value, dict):
        return value
    shaped = {name: _shape_typed(value.get(name), t, structures) for name, t, _ in members}
    shaped.update((k, v) for k, v in value.items() if k not in shaped and k != REQUEST_ID)
    if REQUEST_ID in value:
        shaped[REQUEST_ID] = value[REQUEST_ID]
    return shaped


def _shape_typed(value: Any, type_: str, structures: Mapping[str, tuple[Member, ...]]) -> Any:
    if type_.startswith(ARRAY) and isinstance(value, list):
        return [_shape_typed(item, type_[len(ARRAY) :], structures) for item in value]
    if type_ in structures:
        return shape(value, structures[type_], structures)
    return value


def compile_filter(expression: str, flag: str = "--filter") -> Callable[[Any], Any]:
    """A JMESPath search function; checked before anything is sent."""
    from ..waiter import compile_expression

    try:
        return compile_expression(expression)
    except ImportError:
        raise UsageError(f"{flag} needs the jmespath package: pip install jmespath") from None
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def check_format(name: str) -> str:
    if name not in FORMATS:
        raise UsageError(f"--output: expected one of {', '.join(FORMATS)}, got {name!r}")
    return name


def render(value: Any, output_format: str) -> str:
    """The text printed on stdout (without the final newline)."""
    if output_format == "text":
        return "\n".join(_text(value, None))
    if output_format == "table":
        return "\n".join(_table(value, None))
    import json  # deferred: usage errors raised from this module should not pay for it

    return json.dumps(value, indent=4, ensure_ascii=False)


def print_events(events: Iterable[Any]) -> None:
    """A streamed answer's events as the JSON list `render` makes of them, each printed (and
    flushed) as it arrives; a list begun is closed also when an error event stops it, so what
    was printed stays valid JSON."""
    import json

    opened = False
    try:
        for event in events:
            text = json.dumps(event, indent=4, ensure_ascii=False).replace("\n", "\n    ")
            print(("[\n    " if not opened else ",\n    ") + text, end="", flush=True)
            opened = True
    except BaseException:
        if opened:
            print("\n]", flush=True)
        raise
    print("\n]" if opened else "[]", flush=True)


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _text(value: Any, identifier: str | None) -> Iterator[str]:
    """Tab-separated lines: scalars of an object on one line (keys sorted, prefixed by the
    upper-cased key it sits under), nested objects and lists on lines of their own."""
    prefix = [identifier.upper()] if identifier else []
    if isinstance(value, dict):
        scalars = [str(value[k]) for k in sorted(value) if _scalar(value[k])]
        if scalars:
            yield "\t".join(prefix + scalars)
        for key in sorted(k for k in value if not _scalar(value[k])):
            yield from _text(value[key], key)
    elif isinstance(value, list):
        if all(_scalar(item) for item in value):
            if value:
                yield "\t".join(prefix + [str(item) for item in value])
        else:
            for item in value:
                yield from _text(item, identifier)
    else:
        yield str(value)


def _table(value: Any, title: str | None) -> Iterator[str]:
    """Boxed sections: an object's scalars as key | value rows, a list of objects as one row
    per item under a header, nested values as titled sub-sections."""
    rows: list[list[str]] = []
    nested: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        rows = [[k, str(value[k])] for k in value if _scalar(value[k])]
        nested = [(k, value[k]) for k in value if not _scalar(value[k])]
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        headers = sorted({k for item in value for k in item if _scalar(item[k])})
        rows = [headers] + [[str(item.get(k, "")) for k in headers] for item in value]
        nested = [(title or "", item[k]) for item in value for k in item if not _scalar(item[k])]
    elif isinstance(value, list):
        rows = [[str(item)] for item in value if _scalar(item)]
        nested = [(title or "", item) for item in value if not _scalar(item)]
    else:
        rows = [[str(value)]]
    yield from _box(title, rows)
    for key, inner in nested:
        yield from _table(inner, key)


def _box(title: str | None, rows: list[list[str]]) -> Iterator[str]:
    columns = max((len(row) for row in rows), default=0)
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(columns)]
    inner = max(sum(widths) + 3 * max(columns - 1, 0), len(title or ""), 1)
    rule = "+" + "-" * (inner + 2) + "+"
    yield rule
    if title:
        yield "| " + title.center(inner) + " |"
        yield rule
    for row in rows:
        cells = " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
        yield "| " + cells.ljust(inner) + " |"
    if rows:
        yield rule
