"""Python names for Tencent wire names: snake_case members, safe identifiers, class names."""

from __future__ import annotations

import builtins
import keyword
import re

# Names a generated parameter or field must not take: keywords would not parse, and builtins or
# names the generated code itself relies on would be shadowed inside generated methods.
_RESERVED = (
    set(keyword.kwlist)
    | set(keyword.softkwlist)
    | {name for name in dir(builtins) if not name.startswith("_")}
    | {"self", "cls", "to_wire", "from_wire", "raw"}
    | {"http", "max_items"}  # a response's HTTP side; the cap of `_pages`/`_items`
)

_ACRONYM_PLURAL = re.compile(r"([A-Z]{2,})s(?=[A-Z0-9_]|$)")
_ACRONYM_SPLIT = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CAMEL_SPLIT = re.compile(r"([a-z0-9])([A-Z])")


def snake_case(name: str) -> str:
    """`StreamName` -> `stream_name`, `PushURLs` -> `push_urls`, `CDNDomain` -> `cdn_domain`."""
    step = _ACRONYM_PLURAL.sub(lambda m: m.group(1) + "S", name)  # URLs, IDs: one word
    step = _ACRONYM_SPLIT.sub(r"\1_\2", step)
    step = _CAMEL_SPLIT.sub(r"\1_\2", step)
    step = re.sub(r"[^0-9a-zA-Z]+", "_", step).strip("_").lower()
    step = re.sub(r"_+", "_", step)
    if not step or step[0].isdigit():
        step = "n_" + step
    return step


def safe_identifier(name: str) -> str:
    """Append `_` to names that are keywords, builtins or otherwise reserved (PEP 8 style)."""
    return name + "_" if name in _RESERVED else name


def class_name(name: str) -> str:
    """A Tencent PascalCase name as a Python class name (already PascalCase; made safe)."""
    cleaned = re.sub(r"[^0-9a-zA-Z_]", "_", name)
    if cleaned[:1].isdigit():
        cleaned = "T" + cleaned
    return cleaned[:1].upper() + cleaned[1:]


def kebab_case(name: str) -> str:
    """`StreamName` -> `stream-name`, for CLI flags."""
    return snake_case(name).replace("_", "-")


def unique_names(names: list[str]) -> list[str]:
    """Make names unique in order, suffixing `_2`, `_3` where two wire names meet in one."""
    seen: dict[str, int] = {}
    result = []
    taken = set(names)
    for name in names:
        if name not in seen:
            seen[name] = 1
            result.append(name)
            continue
        count = seen[name]
        candidate = f"{name}_{count + 1}"
        while candidate in taken:
            count += 1
            candidate = f"{name}_{count + 1}"
        seen[name] = count + 1
        taken.add(candidate)
        result.append(candidate)
    return result
