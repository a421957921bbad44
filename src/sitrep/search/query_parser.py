"""The query language's syntax: lexer and recursive-descent parser.

``theme/static/js/search-engine.js`` ports this module line by line (see
:mod:`sitrep.search.query`).

Syntax: words (all must match), ``"quoted phrases"``, ``OR``, ``AND``,
``NOT`` (or a leading ``-``), parentheses. The last word is also a prefix
when the query does not end with a space (``kupi`` finds Kupiansk), so
results can follow the reader's typing.

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

from sitrep.text import tokenize

MAX_QUERY_LEXEMES = 32  # words, phrases and operators kept; the rest is cut with a notice
MAX_QUERY_CHARS = 1000  # longer raw queries are cut before lexing
MAX_DEPTH = 8  # brackets nested deeper than this are ignored
MAX_NOTS = 2  # NOTs in a row beyond this are ignored

LEX_RE = re.compile(r'"([^"]*)"?|\(|\)|[^\s()"]+')


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
    for m in LEX_RE.finditer(query):
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
