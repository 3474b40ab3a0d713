"""A dict noting which of its entries a call handed out or changed, so a transaction on the
state database compares and writes back only those (`durable`).

The store itself is one (a call that reads the streams does not serialize a thousand
resource records), and so is each resource's records (`resources/<name>`: a create writes
its one new record, not all of them). Whatever hands out every value at once (`items`,
`values`, `update`, a deep copy, ...) marks all. `__iter__` is overridden (doing nothing
more) so that `dict(x)` and `{**x}` read through `__getitem__` and mark what they read,
instead of copying the values past it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any


class Tracked(dict[str, Any]):
    """A dict that remembers the keys handed out or changed since `forget`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.touched: set[str] = set()
        self.everything = False

    def forget(self) -> None:
        self.touched.clear()
        self.everything = False

    def __iter__(self) -> Iterator[str]:
        return super().__iter__()

    def __getitem__(self, key: str) -> Any:
        self.touched.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.touched.add(key)
        return super().get(key, default)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.touched.add(key)
        return super().setdefault(key, default)

    def __setitem__(self, key: str, value: Any) -> None:
        self.touched.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.touched.add(key)
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self.touched.add(key)
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, Any]:
        self.everything = True
        return super().popitem()

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.everything = True
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self.everything = True
        super().clear()

    def values(self) -> Any:
        self.everything = True
        return super().values()

    def items(self) -> Any:
        self.everything = True
        return super().items()

    def copy(self) -> dict[str, Any]:
        self.everything = True
        return dict(super().items())

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        """A plain dict (a snapshot is the caller's to keep, untracked)."""
        self.everything = True
        return {key: copy.deepcopy(value, memo) for key, value in super().items()}

    def __reduce_ex__(self, protocol: Any) -> Any:
        self.everything = True  # pickle reaches every value through this
        return super().__reduce_ex__(protocol)
