"""The variables of one queued page, without a copy of the site's context each.

Pages are queued long before they are rendered (:mod:`sitrep.publish.render`),
and Pelican hands every page the whole build context (every setting, the
articles, the items: some 200 names). A copy of it per page was 6 KiB of
dict for each of 13,000 pages at 1,000 reports, 80 MiB, and grew with the
archive. Here consecutive pages queued from an unchanged context share one
copy of it (:class:`ContextCopies`), and each page keeps only its own names
(:class:`PageVariables`); the template still receives one plain dict.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any


class PageVariables(Mapping):
    """A page's own variables over the shared context copy: ``own`` wins."""

    __slots__ = ("shared", "own")

    def __init__(self, shared: dict[str, Any], own: dict[str, Any]):
        self.shared, self.own = shared, own

    def __getitem__(self, name: str) -> Any:
        own = self.own
        return own[name] if name in own else self.shared[name]

    def __contains__(self, name: object) -> bool:
        return name in self.own or name in self.shared

    def __iter__(self) -> Iterator[str]:
        yield from self.shared
        yield from (name for name in self.own if name not in self.shared)

    def __len__(self) -> int:
        return len(self.shared) + sum(1 for name in self.own if name not in self.shared)

    def as_dict(self) -> dict[str, Any]:
        """One dict, as Pelican's writer would have made it (the context, then the page's names)."""
        return {**self.shared, **self.own}


class ContextCopies:
    """Shallow copies of a context, one per state of it: a page queued after
    the context gained, lost or replaced a value gets a new copy (as Pelican's
    ``context.copy()`` per page would have seen it), the others share the last."""

    def __init__(self) -> None:
        self._last: tuple[dict, dict] | None = None  # (the context, the copy of it)
        self._held: dict | None = None  # the context of the running held() block

    def of(self, context: dict[str, Any]) -> dict[str, Any]:
        last = self._last
        if last is not None and last[0] is context and (context is self._held or _same(last[1], context)):
            return last[1]
        copy = dict(context)
        self._last = (context, copy)
        return copy

    @contextmanager
    def held(self, context: dict[str, Any]) -> Iterator[None]:
        """A block that does not change ``context`` (a generator queueing its pages
        in a loop): its copy is compared with it once, not for each page (two
        hundred names, a tenth of a second per 13,000 pages)."""
        self.of(context)
        outer, self._held = self._held, context
        try:
            yield
        finally:
            self._held = outer

    def current(self) -> dict[str, Any] | None:
        """The latest copy (its values are what later pages will share)."""
        return self._last[1] if self._last is not None else None


def _same(copy: dict, context: dict) -> bool:
    """The same names bound to the same objects, in the same order."""
    return (len(copy) == len(context) and all(map(operator.is_, copy, context))
            and all(map(operator.is_, copy.values(), context.values())))
