"""One-line messages for an optional dependency that is not installed, naming the extra.

The runtime lives in three places: tcgen itself (`tcgen.runtime`), a generated package in a
checkout (`generated.live_v20180801._runtime`) and an installed wheel (`live_v20180801._runtime`).
Each is installed differently, so the message names the install that fits where this copy
runs: `pip install 'tcgen[mock]'` for tcgen; for a generated package the modules themselves,
which works for a wheel, a checkout and a vendored copy alike, naming the wheel's extra
(`pip install waitress (the 'mock' extra of tcgen-live-v20180801)`, see `tcgen package`).
"""

from __future__ import annotations

import re

_GENERATED = re.compile(r"[a-z0-9]+_v\d{8}")
"""The import name of a generated package (`live_v20180801`); its wheel is
`tcgen-live-v20180801`."""


def install_hint(module_name: str, extra: str, packages: tuple[str, ...]) -> str:
    """`pip install ...` for `extra`, from the `__name__` of a runtime module; `packages` are
    what the extra installs, named for a vendored copy."""
    package, runtime, _ = module_name.partition("._runtime")
    if not runtime:
        return f"pip install 'tcgen[{extra}]'"
    command = f"pip install {' '.join(packages)}"
    last = package.rpartition(".")[2]
    if _GENERATED.fullmatch(last):
        return f"{command} (the {extra!r} extra of {'tcgen-' + last.replace('_', '-')})"
    return command


class MissingDependency(ImportError):
    """An optional dependency is not installed; the message says how to install it (command
    lines print it as their one-line error)."""


def missing(module_name: str, what: str, extra: str, *packages: str) -> MissingDependency:
    """The ImportError to raise when `what` needs `packages[0]` (and the rest of the extra),
    which is not installed: one line, with the command that installs it."""
    hint = install_hint(module_name, extra, packages)
    return MissingDependency(f"{what} needs {packages[0]}, which is not installed: {hint}")
