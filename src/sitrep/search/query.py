"""The search query language, shared word for word by the CLI and the browser.

``theme/static/js/search-engine.js`` ports these modules line by line: the
same lexer and recursive-descent parser (:mod:`sitrep.search.query_parser`),
the same resolution of words to index terms through the exported vocabulary
(this module) and the same "did you mean" (:mod:`sitrep.search.suggest`).
Keeping the two in step is what makes a query mean the same thing on the
command line and on /search/.

A word is looked up in the vocabulary (folded surface word -> index term,
alias spellings included) rather than stemmed here, because the browser has
no stemmer: a word the archive never uses matches nothing in both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from sitrep.search.query_parser import Node, parse
from sitrep.text import STOPWORDS

MIN_PREFIX = 3  # a last word this long or longer also matches as a prefix
MAX_EXPANSIONS = 12  # index terms a prefix expands to, shortest words first
PAIR_JOINER = "_"  # joins the two terms of a phrase pair ("north_korean")


@dataclass(slots=True)
class Q:
    """A resolved query: what both engines score.

    op: "term" (text = index term), "pair" (text = "a_b"), "prefix"
    (children: the exact terms first if any, then expansions with
    ``boost`` PREFIX_BOOST), "any" (children: the terms of a word that
    stands for other words too), "and", "or", "andnot" (children[0] minus
    children[1]), "none" (matches nothing). "prefix" and "any" score a
    document by its best child.
    """

    op: str
    text: str = ""
    children: list[Q] = field(default_factory=list)
    boost: float = 1.0

    def to_json(self) -> dict:
        out: dict = {"op": self.op}
        if self.text:
            out["text"] = self.text
        if self.children:
            out["children"] = [c.to_json() for c in self.children]
        if self.boost != 1.0:
            out["boost"] = self.boost
        return out


PREFIX_BOOST = 0.5
NONE = Q("none")


class Vocabulary:
    """Folded surface word -> index term, with prefix look-up.

    A value may also be a list ``[own term or None, other terms...]``: a
    spelling that stands for other words too (search_aliases ``also``:
    "dzerzhinsk" -> [dzerzhinsk, toretsk]), matched by any of its terms."""

    def __init__(self, mapping: Mapping[str, str | list]):
        self.map: dict[str, str] = {}  # word -> its own term
        self.also: dict[str, list[str]] = {}  # word -> the other terms it stands for
        for word, value in mapping.items():
            if isinstance(value, str):
                self.map[word] = value
            else:
                if value[0]:
                    self.map[word] = value[0]
                self.also[word] = list(value[1:])
        self._sorted: list[str] | None = None

    def entries(self) -> dict[str, str | list]:
        """The mapping this vocabulary was made from."""
        out: dict[str, str | list] = dict(self.map)
        for word, terms in self.also.items():
            out[word] = [self.map.get(word), *terms]
        return dict(sorted(out.items()))

    def term(self, word: str) -> str | None:
        return self.map.get(word)

    def terms(self, word: str) -> list[str]:
        """Every term ``word`` matches: its own first, then the others."""
        own = self.map.get(word)
        return ([own] if own else []) + [t for t in self.also.get(word, ()) if t != own]

    def expand(self, prefix: str) -> list[str]:
        """Index terms of the words starting with ``prefix`` (not the word
        itself), shortest words first, then alphabetically; at most
        MAX_EXPANSIONS distinct terms. Only words' own terms: a half-typed
        "dnipro" must not find Kamianske through Dniprodzerzhinsk."""
        import bisect

        if self._sorted is None:
            self._sorted = sorted(self.map)
        words = []
        i = bisect.bisect_left(self._sorted, prefix)
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            if self._sorted[i] != prefix:
                words.append(self._sorted[i])
            i += 1
        words.sort(key=lambda w: (len(w), w))
        terms: list[str] = []
        for w in words:
            t = self.map[w]
            if t not in terms:
                terms.append(t)
        return terms


def resolve(node: Node, vocab: Vocabulary) -> Q | None:
    """Resolve words to index terms. None means "no constraint" (only stop
    words); NONE means "matches nothing"."""
    op = node.op
    if op == "word":
        word = node.words[0]
        if word in STOPWORDS:
            return None
        exact = vocab.terms(word)  # its own term, then the words it also stands for
        if node.prefix and len(word) >= MIN_PREFIX:
            expansions = [t for t in vocab.expand(word) if t not in exact][:MAX_EXPANSIONS]
            children = [Q("term", t) for t in exact] + [Q("term", t, boost=PREFIX_BOOST) for t in expansions]
            if not children:
                return NONE
            return children[0] if len(children) == 1 and exact else Q("prefix", children=children)
        if not exact:
            return NONE
        return Q("term", exact[0]) if len(exact) == 1 else Q("any", children=[Q("term", t) for t in exact])
    if op == "phrase":
        kept = [w for w in node.words if w not in STOPWORDS]
        if not kept:
            return None
        terms = [(vocab.terms(w) or [None])[0] for w in kept]
        if any(t is None for t in terms):
            return NONE
        if len(terms) == 1:
            return Q("term", terms[0])
        pairs = [Q("pair", f"{a}{PAIR_JOINER}{b}") for a, b in zip(terms, terms[1:])]
        return _left_nested("and", pairs)
    if op == "not":
        inner = resolve(node.children[0], vocab)
        return None if inner is None else Q("not", children=[inner])
    if op == "or":
        kids = [k for k in (resolve(c, vocab) for c in node.children) if k is not None]
        kids = [k for k in kids if k.op != "none" and k.op != "not"]
        if not kids:
            return NONE if node.children else None
        return _left_nested("or", kids)
    # and
    kids = [k for k in (resolve(c, vocab) for c in node.children) if k is not None]
    if any(k.op == "none" for k in kids):
        return NONE
    positive = [k for k in kids if k.op != "not"]
    negative = [k.children[0] for k in kids if k.op == "not" and k.children[0].op != "none"]
    if not positive:
        return NONE if kids else None  # a query of only NOTs finds nothing
    q = _left_nested("and", positive)
    if negative:
        q = Q("andnot", children=[q, _left_nested("or", negative)])
    return q


def _left_nested(op: str, items: list[Q]) -> Q:
    """((a op b) op c): two children per node, so every score is a sum of
    two numbers and the order of additions is the same in both engines."""
    q = items[0]
    for nxt in items[1:]:
        q = Q(op, children=[q, nxt])
    return q


def compile_query(query: str, vocab: Vocabulary) -> Q | None:
    """Parse and resolve a raw query; None when it holds no searchable word."""
    q = resolve(parse(query), vocab)
    return NONE if q is not None and q.op == "not" else q


def query_terms(q: Q | None) -> tuple[set[str], set[str]]:
    """(terms, pair terms) a resolved query matches on, for highlighting."""
    terms: set[str] = set()
    pairs: set[str] = set()

    def walk(n: Q, negated: bool) -> None:
        if n.op == "term" and not negated:
            terms.add(n.text)
        elif n.op == "pair" and not negated:
            pairs.add(n.text)
        for i, c in enumerate(n.children):
            walk(c, negated or (n.op == "andnot" and i == 1))

    if q is not None:
        walk(q, False)
    return terms, pairs
