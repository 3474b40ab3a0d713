"""How the commands count things in their summaries: "1 package", "2 packages"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, plural unless it is one (`plural` for irregular nouns)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
