"""Did you mean: the closest spelling the archive knows for a query's unknown words.

search-engine.js ports this module too (SearchEngine.suggest, closest,
editDistance, matchCase), so /search/ and `sitrep search` suggest the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.search.query import Vocabulary
from sitrep.search.query_parser import LEX_RE
from sitrep.text import STOPWORDS, tokenize


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
    for m in LEX_RE.finditer(query):
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
