"""Problems found while reading one page, located by page and line (`page.txt#L12`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problem


@dataclass
class Report:
    """Collects the problems of one page so the caller can show all of them together."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, f"L{line}" if line else "", message))
