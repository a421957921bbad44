"""Snippets of search results: the stretch of an item's text with most query words."""

from __future__ import annotations

from typing import Mapping

from sitrep.search.query import PAIR_JOINER
from sitrep.text import analyze

SNIPPET_WORDS = 28


def snippet(text: str, terms: set[str], pairs: set[str], aliases: Mapping[str, str],
            words: int = SNIPPET_WORDS) -> list[tuple[str, bool]]:
    """The stretch of ``text`` with most query words, as (text, highlighted) pieces."""
    toks = analyze(text, aliases)
    marked = [t.text in terms for t in toks]
    for i in range(len(toks) - 1):
        if f"{toks[i].text}{PAIR_JOINER}{toks[i + 1].text}" in pairs:
            marked[i] = marked[i + 1] = True
    if not toks:
        return [(text[:200], False)] if text else []
    best, best_count = 0, -1
    window = min(words, len(toks))
    count = sum(marked[:window])
    for start in range(0, len(toks) - window + 1):
        if start:
            count += marked[start + window - 1] - marked[start - 1]
        if count > best_count:
            best, best_count = start, count
    first = 0
    if best_count > 0:  # centre the window on the marked words it holds
        inside = [i for i in range(best, best + window) if marked[i]]
        first = max(0, min(len(toks) - window, (inside[0] + inside[-1]) // 2 - window // 2))
    last = first + window - 1
    begin = toks[first].start if first else 0
    end = toks[last].end if last < len(toks) - 1 else len(text)
    pieces: list[tuple[str, bool]] = []
    if begin:
        pieces.append(("… ", False))
    pos = begin
    for i in range(first, last + 1):
        if marked[i]:
            if toks[i].start > pos:
                pieces.append((text[pos:toks[i].start], False))
            pieces.append((text[toks[i].start:toks[i].end], True))
            pos = toks[i].end
    if end > pos:
        pieces.append((text[pos:end], False))
    if end < len(text):
        pieces.append((" …", False))
    return _merge(pieces)


def _merge(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for text, hl in pieces:
        text = " ".join(text.split("\n"))
        if out and out[-1][1] == hl:
            out[-1] = (out[-1][0] + text, hl)
        elif text:
            out.append((text, hl))
    return out
