"""Pair word sets that overlap enough, without comparing every pair.

Key developments are paired with section headlines (and re-imported headlines
with the old ones) by the Jaccard overlap of their terms. Scoring every
bullet against every headline is quadratic: 5,000 bullets meant 25 million
pairs, minutes and gigabytes. Here only pairs that *can* reach the threshold
are scored, in two steps:

1. Identical sets (overlap 1, the best there is) are paired first by hashing,
   which is what the greedy pairing would do first anyway: a digest whose
   bullets repeat its headlines (every imported one) is done here.
2. The rest: each set is ordered rarest word first, and two sets whose overlap
   reaches ``threshold`` must share a word among the first
   ``len - ceil(threshold * len) + 1`` words of each (the prefix filter of
   similarity joins), so only sets sharing a rare word are compared.

The pairing is exactly the greedy pairing of the all-pairs version (best
overlap first, ties to the higher indexes) as long as no word is among the
rarest words of more than MAX_POSTINGS headlines, i.e. for any report of up to
MAX_POSTINGS items. Beyond that such a word no longer proposes candidates, which
bounds the work (two headlines that overlap only in words hundreds of others
share stay unpaired, and the build warns about the bullet as usual).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

_EPSILON = 1e-9  # ceil(t * n) rounded down in doubt: a longer prefix is never wrong
MAX_POSTINGS = 200  # a word that many headlines start with proposes no candidates


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 when either set is empty."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _prefix_length(size: int, threshold: float) -> int:
    return size - max(math.ceil(threshold * size - _EPSILON), 1) + 1


def similar_groups(left: Sequence[frozenset[str]], right: Sequence[frozenset[str]],
                   threshold: float) -> dict[int, list[tuple[float, int]]]:
    """For each distinct left set (by index of its first occurrence), the
    distinct right sets (likewise) with overlap >= ``threshold``, as
    (score, right index) pairs. Only candidate pairs are scored."""
    counts: Counter[str] = Counter()
    for group in (left, right):
        for words in set(group):
            counts.update(words)

    def ordered(words: frozenset[str]) -> list[str]:
        return sorted(words, key=lambda w: (counts[w], w))

    by_word: dict[str, list[int]] = defaultdict(list)
    right_first: dict[frozenset[str], int] = {}
    for index, words in enumerate(right):
        if words and words not in right_first:
            right_first[words] = index
            for word in ordered(words)[:_prefix_length(len(words), threshold)]:
                by_word[word].append(index)
    for word in [w for w, postings in by_word.items() if len(postings) > MAX_POSTINGS]:
        del by_word[word]
    out: dict[int, list[tuple[float, int]]] = {}
    seen_left: set[frozenset[str]] = set()
    for index, words in enumerate(left):
        if not words or words in seen_left:
            continue
        seen_left.add(words)
        candidates: set[int] = set()
        for word in ordered(words)[:_prefix_length(len(words), threshold)]:
            candidates.update(by_word.get(word, ()))
        scored = [(score, r) for r in candidates if (score := jaccard(words, right[r])) >= threshold]
        if scored:
            out[index] = scored
    return out


def greedy_pairs(left: Sequence[frozenset[str]], right: Sequence[frozenset[str]],
                 threshold: float) -> dict[int, int]:
    """{right index: left index}: repeatedly take the best-overlapping pair of
    an unpaired left set and an unpaired right set (ties: higher left index,
    then higher right index), while the overlap reaches ``threshold``."""
    left_groups: dict[frozenset[str], list[int]] = defaultdict(list)
    right_groups: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, words in enumerate(left):
        left_groups[words].append(i)
    for i, words in enumerate(right):
        right_groups[words].append(i)
    pairs: dict[int, int] = {}
    if 0.0 < threshold <= 1.0:
        # Step 1: identical sets, highest indexes together (as the greedy order has it).
        for words, lefts in left_groups.items():
            rights = right_groups.get(words)
            if not words or not rights:
                continue
            while lefts and rights:
                pairs[rights.pop()] = lefts.pop()
        paired = set(pairs.values())
        left = [words if i not in paired else frozenset() for i, words in enumerate(left)]
        right = [words if i not in pairs else frozenset() for i, words in enumerate(right)]
    groups = similar_groups(left, right, threshold)
    # Each right group hands out its members highest index first.
    free: dict[frozenset[str], list[int]] = {w: sorted(ix) for w, ix in right_groups.items()}
    # Each left index walks its candidate right groups, best score first.
    options: dict[int, list[tuple[float, frozenset[str]]]] = {}
    for first, scored in groups.items():
        ranked = sorted(((score, right[r]) for score, r in scored), key=lambda sr: -sr[0])
        for i in left_groups[left[first]]:
            options[i] = ranked

    def best(i: int) -> tuple[float, int] | None:
        """The best unpaired right index for left index ``i`` (score, index)."""
        ranked = options[i]
        top: tuple[float, int] | None = None
        for score, words in ranked:
            if top is not None and score < top[0]:
                break
            members = free[words]
            if members and (top is None or (score, members[-1]) > top):
                top = (score, members[-1])
        return top

    heap: list[tuple[float, int, int]] = []
    for i in options:
        if (found := best(i)) is not None:
            heap.append((-found[0], -i, -found[1]))
    heapq.heapify(heap)
    while heap:
        neg_score, neg_i, neg_r = heapq.heappop(heap)
        i, r = -neg_i, -neg_r
        members = free[right[r]]
        if members and members[-1] == r:
            members.pop()
            pairs[r] = i
            continue
        if (found := best(i)) is not None:  # r was taken meanwhile: this left set's next best
            heapq.heappush(heap, (-found[0], -i, -found[1]))
    return pairs
