"""What an output file is made of, as one digest: the base of incremental builds.

A page is carried over from the previous build when its fingerprint is the
same: the template and every template it extends, imports or includes, the
values of every global variable those templates name (found by Jinja's own
parser, so a new ``{{ SITENAME }}`` in a footer is noticed without anyone
declaring it), and the page's own variables. Values are digested by content,
recursively; objects that cannot say what they are made of make the page
render every time, never a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Any, Callable, Iterable

Digester = Callable[[Any, "Fingerprinter"], "bytes | None"]


class Opaque(Exception):
    """A value whose content cannot be digested: the page must be rendered."""


class Fingerprinter:
    """Digests of values, memoised per object for one build (objects must not change
    during a build; the plugin hands over the context only once it is complete)."""

    def __init__(self, digesters: Iterable[tuple[type, Digester]] = ()):
        self._digesters = list(digesters)
        self._memo: dict[int, tuple[Any, bytes]] = {}  # id -> (object kept alive, digest)

    def digest(self, value: Any) -> bytes:
        """sha256 of a value's content; raises Opaque for what cannot be digested."""
        if value is None or isinstance(value, (bool, int, float, str, bytes)):
            return _h(type(value).__name__.encode() + b":" + repr(value).encode("utf-8", "surrogatepass"))
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return _h(b"date:" + value.isoformat().encode())
        key = id(value)
        found = self._memo.get(key)
        if found is not None and found[0] is value:
            return found[1]
        digest = self._compute(value)
        self._memo[key] = (value, digest)
        return digest

    def _compute(self, value: Any) -> bytes:
        own = getattr(value, "__digest__", None)
        if callable(own):
            return self.digest(own())
        for kind, digester in self._digesters:
            if isinstance(value, kind):
                result = digester(value, self)
                if result is None:
                    raise Opaque(type(value).__name__)
                return result
        if isinstance(value, str):  # Markup and other str subclasses
            return self.digest(str(value))
        if isinstance(value, (list, tuple)):
            return self.combine(b"seq", (self.digest(v) for v in value))
        if isinstance(value, (set, frozenset)):
            return self.combine(b"set", sorted(self.digest(v) for v in value))
        if isinstance(value, dict):
            return self.combine(b"map", (self.digest(k) + self.digest(v) for k, v in value.items()))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [type(value).__qualname__.encode()]
            parts += [f.name.encode() + self.digest(getattr(value, f.name)) for f in dataclasses.fields(value)]
            return self.combine(b"dc", parts)
        raise Opaque(type(value).__name__)

    @staticmethod
    def combine(tag: bytes, parts: Iterable[bytes]) -> bytes:
        h = hashlib.sha256(tag)
        for p in parts:
            h.update(p)
        return h.digest()


def _h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _parsed(env, name: str, cache: dict | None) -> tuple[str, set[str | None], set[str]]:
    """(source, templates it references, variables it reads) of one template,
    parsed once per ``cache``: every family shares the base templates and macros."""
    from jinja2 import meta

    found = cache.get(name) if cache is not None else None
    if found is None:
        source = env.loader.get_source(env, name)[0]
        tree = env.parse(source)
        found = (source, set(meta.find_referenced_templates(tree)), meta.find_undeclared_variables(tree))
        if cache is not None:
            cache[name] = found
    return found


def template_names(env, name: str, cache: dict | None = None) -> set[str]:
    """A template and every template it extends, imports or includes (by Jinja's parser)."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += [ref for ref in _parsed(env, current, cache)[1] if ref is not None]
    return seen


def template_globals(env, name: str, cache: dict | None = None) -> tuple[set[str], bytes]:
    """(names the template family reads from its context, digest of its sources);
    ``cache`` (a dict kept for one build) saves parsing a shared template again."""
    cache = {} if cache is None else cache
    names: set[str] = set()
    h = hashlib.sha256()
    for current in sorted(template_names(env, name, cache)):
        source, _, variables = _parsed(env, current, cache)
        names |= variables
        h.update(current.encode() + b"\0" + source.encode("utf-8") + b"\0")
    return names, h.digest()
