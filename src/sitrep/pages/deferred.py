"""Values made only when a page that shows them is rendered (charts, maps).

A :class:`Deferred` carries ``key``, what it is made of (the page's
fingerprint digests it), and ``make``, which draws it. :class:`Resolver` turns
a page's variables into what its template receives. It is memoised for one
render pass: a value is made once however many pages show it (the home
timeline is in the context every page gets), and a list shared by every
page's context (all reports, all items) is walked once, not once per page,
which made the cost of a build grow with pages × items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping


@dataclass(frozen=True, slots=True)
class Deferred:
    """A value made only if the page using it is rendered; ``key`` is what it is made of."""

    key: Any
    make: Callable[[], Any]

    def __digest__(self):
        return ("deferred", self.key)


class Resolver:
    """Deferred values made, also inside plain lists and tuples (the small
    multiples of /theatres/ and /topics/ are rows of them), each at most once.

    Objects must not change while the resolver is in use (the plugin renders
    only once every page is queued); the memo keeps them alive, so an ``id``
    is never reused for another object while it is held.

    The memo holds the ``limit`` values used last: most charts and maps are
    shown by one page only, and holding every one made for the rest of the
    render cost each render worker tens of MiB per 1,000 reports; what many
    pages show (the home timeline, the lists every page gets) is used again
    before it falls out. A value that does fall out is made again, the same."""

    def __init__(self, limit: int = 256) -> None:
        self._memo: dict[int, tuple[Any, Any]] = {}  # id -> (the value kept alive, what it resolves to), oldest first
        self._limit = limit

    def variables(self, local: Mapping[str, Any], names: Iterable[str] | None = None) -> dict[str, Any]:
        """``local`` with the values of ``names`` (default: all) resolved; the
        other values are handed over as they are."""
        out = dict(local)
        for name in (local if names is None else names):
            if name in out:
                out[name] = self.made(out[name])
        return out

    def made(self, value: Any) -> Any:
        kind = type(value)
        if kind is not Deferred and kind is not list and kind is not tuple:
            return value  # named tuples (Pelican's settings) and everything else stay as they are
        memo, key = self._memo, id(value)
        found = memo.get(key)
        if found is not None and found[0] is value:
            memo[key] = memo.pop(key)  # used last
            return found[1]
        if kind is Deferred:
            result = value.make()
        else:
            parts = [self.made(v) for v in value]
            same = all(a is b for a, b in zip(parts, value))
            result = value if same else kind(parts)
        memo[key] = (value, result)
        if len(memo) > self._limit:
            del memo[next(iter(memo))]
        return result

    def clear(self) -> None:
        self._memo.clear()
