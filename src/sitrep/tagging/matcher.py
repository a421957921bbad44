"""Find many multi-word phrases in a token list in one pass.

Vocabulary phrases (topics, theatre cues) are kept as tuples of stems indexed
by their first stem, so each token costs one dict look-up however large the
vocabulary grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Iterator, TypeVar

from sitrep.tagging.taxonomy import phrase_key

T = TypeVar("T")


@dataclass(slots=True)
class PhraseIndex(Generic[T]):
    """Phrases (stem tuples) -> payloads, matched against stemmed tokens."""

    phrases: dict[tuple[str, ...], list[T]] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)
    has_exact: bool = False  # some phrase is written "=word"

    def add(self, phrase: str, payload: T) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self.phrases.setdefault(key, []).append(payload)
        self.has_exact = self.has_exact or key[0].startswith("=")
        self.max_len[key[0]] = max(self.max_len.get(key[0], 0), len(key))

    def find(self, stems: list[str], exact: list[str] | None = None) -> Iterator[tuple[int, int, T]]:
        """Every (start, end, payload) of every phrase occurrence, overlaps included;
        `exact` ("=" + folded word per token) serves phrases written "=word"."""
        yield from self._find(stems)
        if exact is not None and self.has_exact:
            yield from self._find(exact)

    def _find(self, stems: list[str]) -> Iterator[tuple[int, int, T]]:
        n = len(stems)
        max_len = self.max_len
        phrases = self.phrases
        # Most tokens start no phrase: filter them in one comprehension, not a Python loop.
        for i in [i for i, s in enumerate(stems) if s in max_len]:
            longest = max_len[stems[i]]
            if longest == 1:
                for p in phrases.get((stems[i],), ()):
                    yield i, i + 1, p
                continue
            for length in range(min(longest, n - i), 0, -1):
                for p in phrases.get(tuple(stems[i:i + length]), ()):
                    yield i, i + length, p
