"""A bounded, thread-safe memory of the most recently used values: what a process keeps between checks.

The web service and batch workers run many checks in one process against one library; what a check
derives from the library's own sentences alone (the similarity gate's sentence vectors, the names the
figure check finds in them) is the same for every check, so it is kept here, up to a bound, instead of
being computed again. Nothing derived from the checked article is kept: a check of a new article pays
for its own text in full.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["LRU"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """Up to `maxsize` values by key; past that the least recently used is forgotten."""

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("an LRU memory holds at least one value")
        self.maxsize = maxsize
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: Iterable[K]) -> dict[K, V]:
        """The values held for `keys` (those held; the others are left out), each now the most recent."""
        found: dict[K, V] = {}
        with self._lock:
            for key in keys:
                if key in self._values:
                    self._values.move_to_end(key)
                    found[key] = self._values[key]
        return found

    def put_many(self, items: Iterable[tuple[K, V]]) -> None:
        """Hold each (key, value), the most recent last; the least recently used go past `maxsize`."""
        with self._lock:
            for key, value in items:
                self._values[key] = value
                self._values.move_to_end(key)
            while len(self._values) > self.maxsize:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values
