"""The spec snapshot a package carries: its service version's whole spec, one compressed file.

One copy of the spec's prose and examples serves everything that needs them: the CLI's help
(`cli.helptext.load_docs`), the mock's documented examples (`Examples`) and the next
`tcgen generate`, which diffs the spec against it for the package's version and changelog.
It is JSON (ordinary, readable with `xz -dc`), compressed with xz at a fixed preset and no
timestamps, so the same spec always gives the same bytes with a given liblzma; tcgen compares
such files by their decompressed content, so another liblzma's bytes are not drift.
"""

from __future__ import annotations

import json
import lzma
import os
from collections.abc import Iterator, Mapping
from typing import Any

FILE = "_spec.json.xz"
PRESET = 6  # lzma's default: a level fixed here, as the bytes must not depend on a default

Example = tuple[dict[str, Any], Any]
"""(request params, response body) of one documented example, as the mock's `synth` takes."""


def dump(snapshot: Mapping[str, Any]) -> bytes:
    """The file's bytes: compact JSON (UTF-8, insertion order kept), xz-compressed."""
    text = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))
    return lzma.compress(text.encode(), format=lzma.FORMAT_XZ, preset=PRESET)


def decode(data: bytes) -> dict[str, Any]:
    snapshot: dict[str, Any] = json.loads(lzma.decompress(data))
    return snapshot


def load(directory: str) -> dict[str, Any]:
    """The snapshot of the package in `directory` (`os.path.dirname(__file__)` of a module)."""
    with open(os.path.join(directory, FILE), "rb") as stored:
        return decode(stored.read())


class Examples(Mapping[str, list[Example]]):
    """Action name -> its documented examples, read from the snapshot when first asked for
    (a mock that only answers from handlers or types never reads it)."""

    def __init__(self, directory: str, key: str = "response") -> None:
        self._directory = directory
        self._key = key
        """What an example answers: its `response`, or the `events` of a streamed one (only
        the examples that have them)."""
        self._examples: dict[str, list[Example]] | None = None

    def _loaded(self) -> dict[str, list[Example]]:
        if self._examples is None:
            actions = load(self._directory)["actions"]
            key = self._key
            found = {
                name: [(e["request"]["params"], e[key]) for e in action["examples"] if key in e]
                for name, action in actions.items()
            }
            self._examples = {name: examples for name, examples in found.items() if examples}
        return self._examples

    def __getitem__(self, action: str) -> list[Example]:
        return self._loaded()[action]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())
