"""Find many multi-word phrases in a token list in one pass.

Vocabulary phrases (topics, theatre cues) are kept as tuples of stems indexed
by their first stem, so each token costs one dict look-up however large the
vocabulary grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Iterator, TypeVar

from sitrep.tagging.taxonomy import EXACT, phrase_key

T = TypeVar("T")


@dataclass(slots=True)
class _Phrases(Generic[T]):
    """Phrases of one kind (stem tuples, or exact word tuples) by their first token."""

    phrases: dict[tuple[str, ...], list[T]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # phrase lengths per first token, longest first

    def add(self, key: tuple[str, ...], payload: T) -> None:
        self.phrases.setdefault(key, []).append(payload)
        self.lengths[key[0]] = tuple(sorted({*self.lengths.get(key[0], ()), len(key)}, reverse=True))

    def find(self, tokens: list[str]) -> Iterator[tuple[int, int, T]]:
        n = len(tokens)
        lengths = self.lengths
        phrases = self.phrases
        # Most tokens start no phrase: filter them in one comprehension, not a Python loop.
        for i in [i for i, s in enumerate(tokens) if s in lengths]:
            for length in lengths[tokens[i]]:
                if length == 1:
                    for p in phrases.get((tokens[i],), ()):
                        yield i, i + 1, p
                elif i + length <= n:
                    for p in phrases.get(tuple(tokens[i:i + length]), ()):
                        yield i, i + length, p


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

    def find(self, stems: list[str], words: list[str] | None = None) -> Iterator[tuple[int, int, T]]:
        """Every (start, end, payload) of every phrase occurrence, overlaps included,
        longest first at each token; ``words`` (the folded words) serve phrases
        written "=word", after all the stemmed ones."""
        yield from self.stemmed.find(stems)
        if words is not None and self.exact.phrases:
            yield from self.exact.find(words)
