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
import functools
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


def _syntax(env) -> tuple:
    """What parsing a template source depends on besides the source."""
    return (type(env), env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
            env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, tuple(sorted(env.extensions)))


@functools.lru_cache(maxsize=512)
def _parsed(env: _SyntaxOnly, source: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(templates a source refers to, names it reads from its context): every page
    family shares base.html and macros, so each source is parsed once, not once per family."""
    from jinja2 import meta

    tree = env.parse(source)
    refs = tuple(ref for ref in meta.find_referenced_templates(tree) if ref is not None)
    return refs, frozenset(meta.find_undeclared_variables(tree))


def _parse(env, source: str) -> tuple[tuple[str, ...], frozenset[str]]:
    return _parsed(_SyntaxOnly(env), source)


class _SyntaxOnly:
    """An environment as a cache key: equal to any other of the same syntax
    (parsing does not depend on loaders, globals or filters)."""

    def __init__(self, env):
        self.env = env
        self.key = _syntax(env)

    def __eq__(self, other):
        return isinstance(other, _SyntaxOnly) and self.key == other.key

    def __hash__(self):
        return hash(self.key)

    def parse(self, source: str):
        return self.env.parse(source)


def template_names(env, name: str) -> set[str]:
    """A template and every template it extends, imports or includes (by Jinja's parser)."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0]
        todo.extend(_parse(env, source)[0])
    return seen


def template_globals(env, name: str) -> tuple[set[str], bytes]:
    """(names the template family reads from its context, digest of its sources)."""
    names: set[str] = set()
    h = hashlib.sha256()
    for current in sorted(template_names(env, name)):
        source = env.loader.get_source(env, current)[0]
        names |= _parse(env, source)[1]
        h.update(current.encode() + b"\0" + source.encode("utf-8") + b"\0")
    return names, h.digest()
