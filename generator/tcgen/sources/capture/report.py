"""Problems found while reading one page, located by page and line (`page.txt#L12`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tcgen.spec.problems import Problem


@dataclass
class Report:
    """Collects the problems of one page so the caller can show all of them together.

    A problem stops a capture (unless lenient); a warning is the page's own flaw that costs
    nothing captured elsewhere (an example that is not JSON, a row without its Required cell).
    """

    source: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.problems.append(self._at(line, message))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(self._at(line, message))

    def _at(self, line: int, message: str) -> Problem:
        return Problem(self.source, f"L{line}" if line else "", message)
