"""Results kept from one build to the next in the same process.

``make serve`` builds the whole site again on every save, and most of what a build reads
is what the build before it read: the same data files, the same pages, the same HTML.
A :class:`LastResult` keeps, for each slot (a file's name, a page's path), the input the
last result was made from and the result; a call with an equal input gets that result
back, any other input replaces it. So the memory kept is one result for each slot, and
nothing is ever stale: the whole input is the key, compared in full.

Only pure work is kept: the result must depend on nothing but the key, and must not be
changed by whoever receives it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Result = TypeVar("Result")


class LastResult(Generic[Result]):
    """The last result made for each slot, with the input it was made from."""

    def __init__(self) -> None:
        self._slots: dict[Hashable, tuple[object, Result]] = {}

    def __call__(self, slot: Hashable, key: object, make: Callable[[], Result]) -> Result:
        """The result for ``key`` in ``slot``: the kept one if it was made from an equal
        key, else ``make()``, which is then kept in the slot."""
        last = self._slots.get(slot)
        if last is not None and last[0] == key:
            return last[1]
        result = make()
        self._slots[slot] = (key, result)
        return result

    def clear(self) -> None:
        self._slots.clear()
