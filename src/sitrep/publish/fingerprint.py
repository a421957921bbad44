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
import operator
import pickle
from typing import Any, Callable, Iterable

Digester = Callable[[Any, "Fingerprinter"], "bytes | None"]


_WHOLE_LIST = 8  # lists this long try the memo for all their elements at once (see _sequence)
_OBJECT, _DIGEST = operator.itemgetter(0), operator.itemgetter(1)  # of a memo entry


class Opaque(Exception):
    """A value whose content cannot be digested: the page must be rendered."""


_SCALARS = frozenset({type(None), bool, int, float})
_DATES = (dt.date, dt.datetime, dt.time)
# Memoised by value: equal values of these types have the same digest (not so for floats:
# -0.0 == 0.0; nor for datetimes: equal instants in two time zones print differently).
_BY_VALUE = frozenset({type(None), bool, int, dt.date})


class Fingerprinter:
    """Digests of values, memoised per object for one build (objects must not change
    during a build; the plugin hands over the context only once it is complete).

    Every page of a build asks for the digests of the same few thousand objects
    (settings, reports, items, collections) again and again, so the hot path is a
    memo lookup: how to digest a type is decided once per type, strings, integers and
    dates are memoised by value (a page reads dozens of settings strings; link records
    carry dates and positions), and the names a page takes from the context it shares
    with other pages are digested once per context, not once per page."""

    def __init__(self, digesters: Iterable[tuple[type, Digester]] = ()):
        self._digesters = list(digesters)
        self._memo: dict[int, tuple[Any, bytes]] = {}  # id -> (object kept alive, digest)
        self._strings: dict[str, bytes] = {}
        self._values: dict[tuple[type, Any], bytes] = {}  # see _BY_VALUE
        self._how: dict[type, Callable[[Any], bytes]] = {}  # type -> how its values are digested
        # (id of names, id of shared context, names overridden) -> (context, names, digest); see page()
        self._shared_parts: dict[tuple, tuple[Any, Any, bytes]] = {}
        self._name_sets: dict[int, tuple[Any, frozenset[str]]] = {}

    def digest(self, value: Any) -> bytes:
        """sha256 of a value's content; raises Opaque for what cannot be digested."""
        kind = type(value)
        if kind is str:
            found = self._strings.get(value)
            if found is None:
                found = self._strings[value] = _string(value)
            return found
        if kind in _BY_VALUE:
            key = (kind, value)
            found = self._values.get(key)
            if found is None:
                found = self._values[key] = _date(value) if kind is dt.date else _scalar(value)
            return found
        if kind is float:
            return self._float(value)
        if kind in _SCALARS:
            return _scalar(value)
        if kind is bytes:  # what a __digest__ made in one piece (sitrep.model.Item): its bytes as they are
            return _h(b"bytes:" + value)
        if isinstance(value, _DATES):
            return _date(value)
        key = id(value)
        found = self._memo.get(key)
        if found is not None and found[0] is value:
            return found[1]
        how = self._how.get(kind)
        if how is None:
            how = self._how[kind] = self._method(kind)
        digest = how(value)
        self._memo[key] = (value, digest)
        return digest

    def _float(self, value: float) -> bytes:
        """Memoised by value but for the zeros, which are equal and print apart (NaN never
        finds itself): the map keys of the place pages hold a latitude and longitude each."""
        if not value:
            return _scalar(value)
        key = (float, value)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = _scalar(value)
        return found

    def remember(self, pairs: Iterable[tuple[Any, bytes]]) -> None:
        """Take the digests of objects as known (value, digest): those kept between
        builds (:mod:`sitrep.publish.known_digests`), which the caller vouches are what
        :meth:`digest` would give. The objects must live as long as this memo."""
        memo = self._memo
        for value, digest in pairs:
            memo[id(value)] = (value, digest)

    def forget(self, keep: Iterable[Any] = ()) -> None:
        """Drop the memo but for the objects in ``keep``: it holds a digest for
        every object of every page queued so far and keeps alive the values
        made only to be digested (56 MiB per 1,000 reports), none of which the
        render needs; the pages queued later ask again for the context's values."""
        memo = self._memo
        kept = {}
        for value in keep:
            found = memo.get(id(value))
            if found is not None and found[0] is value:
                kept[id(value)] = found
        self._memo = kept
        self._strings = {}
        self._shared_parts = {}

    def page(self, parts: Iterable[bytes], names: list[tuple[str, bytes]], shared: dict,
             own: dict | None = None) -> bytes:
        """Digest of a page: ``parts`` (its template sources), then the values of
        ``names`` (name, name as bytes; sorted) that the page gets: from ``own``,
        its own variables, or else from ``shared``, the context many pages share.

        The shared part is digested once per template family, context and set of
        names the page overrides, not once per page: a family reads some sixty
        names, most of them settings, and walking them for each of 60,000 pages
        cost about 0.6 s of every build at 5,000 reports."""
        own = own or {}
        overridden = frozenset(own.keys() & self._name_set(names)) if own else frozenset()
        key = (id(names), id(shared), overridden)
        found = self._shared_parts.get(key)
        if found is None or found[0] is not shared or found[1] is not names:
            found = self._shared_parts[key] = (shared, names, self._shared_part(names, shared, overridden))
        h = hashlib.sha256(b"page")
        for part in parts:
            h.update(part)
        h.update(found[2])
        digest = self.digest
        for name, encoded in names:
            if name in overridden:
                h.update(encoded)
                h.update(digest(own[name]))
        return h.digest()

    def _shared_part(self, names: list[tuple[str, bytes]], shared: dict, overridden: frozenset[str]) -> bytes:
        h = hashlib.sha256(b"shared")
        digest = self.digest
        for name, encoded in names:
            if name in shared and name not in overridden:
                h.update(encoded)
                h.update(digest(shared[name]))
        return h.digest()

    def _name_set(self, names: list[tuple[str, bytes]]) -> frozenset[str]:
        found = self._name_sets.get(id(names))
        if found is None or found[0] is not names:
            found = self._name_sets[id(names)] = (names, frozenset(name for name, _ in names))
        return found[1]

    def _method(self, kind: type) -> Callable[[Any], bytes]:
        """How values of ``kind`` are digested (in this order: their own
        ``__digest__``, a registered digester, then by structure)."""
        if callable(getattr(kind, "__digest__", None)):
            return lambda value: self.digest(_own_digest(value))
        for base, digester in self._digesters:
            if issubclass(kind, base):
                return functools.partial(self._registered, digester)
        if issubclass(kind, str):  # Markup and other str subclasses
            return lambda value: self.digest(str(value))
        if issubclass(kind, (int, float)):  # an IntEnum, a bool-like flag
            return _scalar
        if issubclass(kind, bytes):
            return lambda value: self.digest(bytes(value))
        if issubclass(kind, (list, tuple)):
            return self._sequence
        if issubclass(kind, (set, frozenset)):
            return lambda value: self.combine(b"set", sorted(self.digest(v) for v in value))
        if issubclass(kind, dict):
            return self._mapping
        if dataclasses.is_dataclass(kind):
            head = kind.__qualname__.encode()
            names = [(f.name, f.name.encode()) for f in dataclasses.fields(kind)]
            return functools.partial(self._dataclass, head, names)
        raise Opaque(kind.__name__)

    def _registered(self, digester: Digester, value: Any) -> bytes:
        result = digester(value, self)
        if result is None:
            raise Opaque(type(value).__name__)
        return result

    def _sequence(self, value) -> bytes:
        """The digest of the elements' digests, one after the other. Most elements are
        objects digested before (the items of a tag page), so the memo is asked first,
        without :meth:`digest`'s look at the type: the lists of the tag, place and month
        pages hold hundreds of thousands of elements in all."""
        memo, digest, strings = self._memo.get, self.digest, self._strings
        if len(value) >= _WHOLE_LIST:  # every element digested before: looked up in C, not one by one
            found = list(map(memo, map(id, value)))
            if None not in found and all(map(operator.is_, map(_OBJECT, found), value)):
                return _h(b"seq" + b"".join(map(_DIGEST, found)))
        parts = [b"seq"]
        append = parts.append
        for v in value:
            found = memo(id(v))
            if found is not None and found[0] is v:
                append(found[1])
            else:  # a string seen before (the names and slugs of tuples and rows), or digest()
                append((strings.get(v) if type(v) is str else None) or digest(v))
        return _h(b"".join(parts))

    def _mapping(self, value: dict) -> bytes:
        h = hashlib.sha256(b"map")
        digest = self.digest
        for k, v in value.items():
            h.update(digest(k))
            h.update(digest(v))
        return h.digest()

    def _dataclass(self, head: bytes, names: list[tuple[str, bytes]], value) -> bytes:
        h = hashlib.sha256(b"dc")
        h.update(head)
        digest = self.digest
        for name, encoded in names:
            h.update(encoded)
            h.update(digest(getattr(value, name)))
        return h.digest()

    @staticmethod
    def combine(tag: bytes, parts: Iterable[bytes]) -> bytes:
        h = hashlib.sha256(tag)
        for p in parts:
            h.update(p)
        return h.digest()


def _own_digest(value) -> Any:
    """``value.__digest__()``; a value it cannot pickle (an item holding what pickle
    refuses) is opaque, so its pages render every build instead of the build failing."""
    try:
        return value.__digest__()
    except (pickle.PicklingError, TypeError, ValueError, AttributeError) as err:  # what pickle raises
        raise Opaque(f"{type(value).__name__}: {err}") from None


def _scalar(value) -> bytes:
    return _h(type(value).__name__.encode() + b":" + repr(value).encode("utf-8", "surrogatepass"))


def _string(value: str) -> bytes:
    """A str by its UTF-8 bytes, not its repr: a build digests some 200 MB of
    report and item text once, and repr copied and escaped all of it (4x slower)."""
    return _h(b"str:" + value.encode("utf-8", "surrogatepass"))


def _date(value) -> bytes:
    return _h(b"date:" + value.isoformat().encode())


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


def _parse(env, source: str, store: dict | None = None) -> tuple[tuple[str, ...], frozenset[str]]:
    """Parsed once per process, and once ever per source when ``store`` (kept
    between builds by the caller, keyed by syntax, Jinja version and source) is given."""
    if store is None:
        return _parsed(_SyntaxOnly(env), source)
    import jinja2

    key = hashlib.sha256(repr((jinja2.__version__, _syntax(env), source)).encode()).hexdigest()
    found = store.get(key)
    if found is None:
        refs, names = _parsed(_SyntaxOnly(env), source)
        store[key] = found = [list(refs), sorted(names)]
    return tuple(found[0]), frozenset(found[1])


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


def template_names(env, name: str, store: dict | None = None) -> set[str]:
    """A template and every template it extends, imports or includes (by Jinja's parser)."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0]
        todo.extend(_parse(env, source, store)[0])
    return seen


def template_globals(env, name: str, store: dict | None = None) -> tuple[set[str], bytes]:
    """(names the template family reads from its context, digest of its sources);
    ``store``: parse results kept between builds (see :func:`_parse`)."""
    names: set[str] = set()
    h = hashlib.sha256()
    for current in sorted(template_names(env, name, store)):
        source = env.loader.get_source(env, current)[0]
        names |= _parse(env, source, store)[1]
        h.update(current.encode() + b"\0" + source.encode("utf-8") + b"\0")
    return names, h.digest()
