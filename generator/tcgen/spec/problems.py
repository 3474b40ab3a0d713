"""Problems as values: every step collects them with a location, the CLI shows them together.

Raising on the first problem would make users fix a spec one error at a time; collecting them
lets `tcgen validate` print everything wrong with a tree in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located by file and JSON pointer (or line)."""

    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}#{self.pointer}" if self.pointer else self.file
        return f"{where}: {self.message}"


class ProblemsError(Exception):
    """Raised when a step found problems; carries all of them, sorted for stable output."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def json_pointer(parts: Iterable[object]) -> str:
    """Format a path of keys/indexes as an RFC 6901 JSON pointer."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + part for part in escaped)


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when possible, so messages stay short."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
