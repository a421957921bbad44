"""The search query language, shared word for word by the CLI and the browser.

``theme/static/js/search-engine.js`` ports this module line by line: the same
lexer, the same recursive-descent parser and the same resolution of words to
index terms through the exported vocabulary. Keeping the two in step is what
makes a query mean the same thing on the command line and on /search/.

Syntax: words (all must match), ``"quoted phrases"``, ``OR``, ``AND``,
``NOT`` (or a leading ``-``), parentheses. The last word is also a prefix
when the query does not end with a space (``kupi`` finds Kupiansk), so
results can follow the reader's typing.

A word is looked up in the vocabulary (folded surface word -> index term,
alias spellings included) rather than stemmed here, because the browser has
no stemmer: a word the archive never uses matches nothing in both places.

Limits: a query is cut after MAX_QUERY_LEXEMES words and operators (and
MAX_QUERY_CHARS characters), brackets nest at most MAX_DEPTH deep (deeper
ones are ignored) and at most MAX_NOTS negations stand in a row, so neither
the parser nor the engines behind it ever recurse without bound; callers
show :func:`query_notice` when a query was cut. Queries within the limits
are parsed exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from sitrep.text import STOPWORDS, tokenize

MIN_PREFIX = 3  # a last word this long or longer also matches as a prefix
MAX_EXPANSIONS = 12  # index terms a prefix expands to, shortest words first
PAIR_JOINER = "_"  # joins the two terms of a phrase pair ("north_korean")
MAX_QUERY_LEXEMES = 32  # words, phrases and operators kept; the rest is cut with a notice
MAX_QUERY_CHARS = 1000  # longer raw queries are cut before lexing
MAX_DEPTH = 8  # brackets nested deeper than this are ignored
MAX_NOTS = 2  # NOTs in a row beyond this are ignored

_LEX_RE = re.compile(r'"([^"]*)"?|\(|\)|[^\s()"]+')


# ----------------------------------------------------------------------------- parse tree


@dataclass(slots=True)
class Lexeme:
    kind: str  # "word" | "phrase" | "(" | ")" | "AND" | "OR" | "NOT"
    text: str = ""
    prefix: bool = False  # the last word, typed up to the end of the query


@dataclass(slots=True)
class Node:
    """A parsed query node before resolution: and / or / not / word / phrase."""

    op: str
    children: list[Node] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # folded words of a word or phrase
    prefix: bool = False


def lex(query: str) -> list[Lexeme]:
    """Cut a raw query into lexemes (see module docstring), within the limits."""
    return _bounded(_lex(query[:MAX_QUERY_CHARS]))


def query_notice(query: str) -> str | None:
    """What a reader should be told about their query: that it was cut; None when it was not."""
    if len(query) > MAX_QUERY_CHARS:
        return f"the query is longer than {MAX_QUERY_CHARS} characters; only its first {MAX_QUERY_CHARS} were searched"
    if len(_lex(query)) > MAX_QUERY_LEXEMES:
        return (f"the query has more than {MAX_QUERY_LEXEMES} words and operators; "
                f"only the first {MAX_QUERY_LEXEMES} were searched")
    return None


def _bounded(lexemes: list[Lexeme]) -> list[Lexeme]:
    """The first MAX_QUERY_LEXEMES lexemes, without brackets nested deeper
    than MAX_DEPTH or more than MAX_NOTS NOTs in a row."""
    if len(lexemes) > MAX_QUERY_LEXEMES:
        lexemes = lexemes[:MAX_QUERY_LEXEMES]
        if lexemes[-1].prefix:  # the cut word was not typed up to the end of the query
            lexemes[-1] = Lexeme(lexemes[-1].kind, lexemes[-1].text)
    out: list[Lexeme] = []
    depth = ignored = nots = 0
    for lx in lexemes:
        if lx.kind == "(":
            if depth >= MAX_DEPTH:
                ignored += 1
                continue
            depth += 1
        elif lx.kind == ")":
            if ignored:
                ignored -= 1
                continue
            depth = max(depth - 1, 0)
        if lx.kind == "NOT":
            nots += 1
            if nots > MAX_NOTS:
                continue
        else:
            nots = 0
        out.append(lx)
    return out


def _lex(query: str) -> list[Lexeme]:
    out: list[Lexeme] = []
    for m in _LEX_RE.finditer(query):
        raw = m.group(0)
        if raw.startswith('"'):
            out.append(Lexeme("phrase", m.group(1) or ""))
        elif raw in ("(", ")", "AND", "OR", "NOT"):
            out.append(Lexeme(raw))
        elif raw.startswith("-") and len(raw) > 1:
            out.append(Lexeme("NOT"))
            out.append(Lexeme("word", raw[1:], prefix=m.end() == len(query)))
        else:
            out.append(Lexeme("word", raw, prefix=m.end() == len(query)))
    return out


class _Parser:
    def __init__(self, lexemes: list[Lexeme]):
        self.lx = lexemes
        self.i = 0

    def peek(self) -> Lexeme | None:
        return self.lx[self.i] if self.i < len(self.lx) else None

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (lx := self.peek()) is not None and lx.kind == "OR":
            self.i += 1
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Node("or", children)

    def parse_and(self) -> Node:
        children = []
        while (lx := self.peek()) is not None and lx.kind not in ("OR", ")"):
            if lx.kind == "AND":
                self.i += 1
                continue
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else Node("and", children)

    def parse_unary(self) -> Node:
        lx = self.peek()
        if lx is not None and lx.kind == "NOT":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", ")", "AND"):
                return Node("and")  # a dangling NOT: nothing
            return Node("not", [self.parse_unary()])
        return self.parse_primary()

    def parse_primary(self) -> Node:
        lx = self.lx[self.i]
        self.i += 1
        if lx.kind == "(":
            node = self.parse_or()
            if (close := self.peek()) is not None and close.kind == ")":
                self.i += 1
            return node
        words = [t.text for t in tokenize(lx.text)]
        if lx.kind == "phrase":
            return Node("phrase", words=words)
        if len(words) == 1:
            return Node("word", words=words, prefix=lx.prefix)
        return Node("phrase", words=words)  # "rostov-on-don", "8,000-strong"


def parse(query: str) -> Node:
    """Parse a raw query; never fails (stray operators and brackets are ignored)."""
    parser = _Parser(lex(query))
    nodes = []
    while parser.peek() is not None:
        if parser.peek().kind == ")":
            parser.i += 1
            continue
        nodes.append(parser.parse_or())
    return nodes[0] if len(nodes) == 1 else Node("and", nodes)


# ----------------------------------------------------------------------------- resolved query


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


# ----------------------------------------------------------------------------- did you mean
# search-engine.js ports these too (SearchEngine.suggest, closest, editDistance,
# matchCase), so /search/ and `sitrep search` suggest the same words.


def edit_distance(a: str, b: str, limit: int = 1 << 30) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with adjacent
    swaps), in code points; ``limit + 1`` as soon as it is past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i]
        best = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            row.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[len(b)]


def max_edits(word: str) -> int:
    """Edits a misspelling of ``word`` may be away from the word meant."""
    return 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3


def _swap_first_two(word: str) -> str:
    return word[1] + word[0] + word[2:] if len(word) > 2 else word


def match_case(word: str, like: str) -> str:
    """``word`` written the way the reader wrote ``like`` (Kharkiv for "Kharkof")."""
    if len(like) > 1 and like == like.upper() and like != like.lower():
        return word.upper()
    if like and like[0] != like[0].lower():
        return word[:1].upper() + word[1:]
    return word


@dataclass(slots=True)
class _Span:
    word: str
    start: int
    end: int
    prefix: bool


def _word_spans(query: str) -> list[_Span]:
    """Every folded word of a raw query with where it stands in the query."""
    spans = []
    for m in _LEX_RE.finditer(query):
        raw = m.group(0)
        if raw in ("(", ")", "AND", "OR", "NOT"):
            continue
        quoted = raw.startswith('"')
        negated = not quoted and raw.startswith("-") and len(raw) > 1
        base = m.start() + (1 if quoted or negated else 0)
        text = (m.group(1) or "") if quoted else raw[1:] if negated else raw
        at_end = m.end() == len(query)
        for t in tokenize(text):
            spans.append(_Span(t.text, base + t.start, base + t.end, at_end and not quoted))
    return spans


def closest_word(word: str, vocab: Vocabulary, items_of) -> str | None:
    """The vocabulary word nearest ``word`` that starts with its first letter (or
    its first two letters swapped): fewest edits, then in most items
    (``items_of(term)``), then one that is its own index term (Sevastopol, not
    the alias Sevastopal), then alphabetically; None when none is near enough."""
    limit = max_edits(word)
    swapped = _swap_first_two(word)[:2]
    near = []
    for w in set(vocab.map) | set(vocab.also):
        if w == word or not (w[:1] == word[:1] or w.startswith(swapped)):
            continue
        terms = vocab.terms(w)
        if not terms:
            continue
        d = edit_distance(word, w, limit)
        if d <= limit:
            near.append((d, w, terms[0]))
    if not near:
        return None
    near.sort()
    top = [c for c in near if c[0] == near[0][0]][:8]
    top.sort(key=lambda c: (-items_of(c[2]), c[1] != c[2], c[1]))  # a word that is its own term first
    return top[0][1]


def suggest_query(query: str, vocab: Vocabulary, items_of) -> str | None:
    """``query`` with each word the vocabulary does not know replaced by the
    closest word it does know (see :func:`closest_word`); None if no word changed."""
    wanted = [s for s in _word_spans(query) if s.word not in STOPWORDS and len(s.word) >= 3]
    out, changed = query, False
    for s in reversed(wanted):  # from the end, so earlier offsets hold
        if vocab.terms(s.word) or (s.prefix and vocab.expand(s.word)):
            continue
        best = closest_word(s.word, vocab, items_of)
        if best is None:
            continue
        out = out[:s.start] + match_case(best, query[s.start:s.end]) + out[s.end:]
        changed = True
    return out if changed else None
