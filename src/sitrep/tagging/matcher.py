"""Find many multi-word phrases in a token list in one pass.

Vocabulary phrases (topics, theatre cues) are kept as tuples of stems indexed
by their first stem (and second, for longer ones), so each token costs a dict look-up or two however large the
vocabulary grows.
"""

from __future__ import annotations

from itertools import compress

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sitrep.tagging.taxonomy import EXACT, phrase_key

T = TypeVar("T")


@dataclass(slots=True)
class _Phrases(Generic[T]):
    """Phrases of one kind (stem tuples, or exact word tuples), indexed by their first
    token: one dict look-up per token of the text (mapped in C) tells whether it starts
    a phrase, and hands over its one-word phrases and, by the second token, the lengths
    of its longer ones."""

    phrases: dict[tuple[str, ...], list[T]] = field(default_factory=dict)
    # first token -> (its one-word phrases' payloads, second token -> lengths, longest first)
    by_first: dict[str, tuple[list[T], dict[str, tuple[int, ...]]]] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], payload: T) -> None:
        self.phrases.setdefault(key, []).append(payload)
        single, seconds = self.by_first.setdefault(key[0], ([], {}))
        if len(key) == 1:
            single.append(payload)
        else:
            seconds[key[1]] = tuple(sorted({*seconds.get(key[1], ()), len(key)}, reverse=True))

    def find(self, tokens: list[str]) -> list[tuple[int, int, T]]:
        """Every occurrence, longest first at each token."""
        out: list[tuple[int, int, T]] = []
        append = out.append  # plain loops: a comprehension per token costs a function call
        n = len(tokens)
        phrases = self.phrases
        starting = list(map(self.by_first.get, tokens))
        # Most tokens start no phrase: they are passed over in C (itertools.compress), not in a Python loop.
        for i, (single, seconds) in compress(enumerate(starting), starting):
            if seconds and i + 1 < n:
                for length in seconds.get(tokens[i + 1], ()):
                    if i + length <= n:
                        for p in phrases.get(tuple(tokens[i:i + length]), ()):
                            append((i, i + length, p))
            for p in single:
                append((i, i + 1, p))
        return out


@dataclass(slots=True)
class PhraseIndex(Generic[T]):
    """Phrases (stem tuples) -> payloads, matched against stemmed tokens; phrases
    written "=word" match the folded words themselves."""

    stemmed: _Phrases[T] = field(default_factory=_Phrases)
    exact: _Phrases[T] = field(default_factory=_Phrases)

    def add(self, phrase: str, payload: T) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        if key[0].startswith(EXACT):
            self.exact.add(tuple(k[len(EXACT):] for k in key), payload)
        else:
            self.stemmed.add(key, payload)

    def find(self, stems: list[str], words: list[str] | None = None) -> list[tuple[int, int, T]]:
        """Every (start, end, payload) of every phrase occurrence, overlaps included,
        longest first at each token; ``words`` (the folded words) serve phrases
        written "=word", after all the stemmed ones."""
        found = self.stemmed.find(stems)
        if words is not None and self.exact.phrases:
            found += self.exact.find(words)
        return found
