"""An item's text cut once into the tokens, sentences and capitals every rule reads.

The tagger looks at the same words many times (places, topics, theatre cues,
context rules); analysing the text once through sitrep.text and keeping plain
parallel lists keeps tagging fast.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress
from dataclasses import dataclass

from sitrep.text import stems, token_lists

# Words after which a full stop does not end a sentence ("Feb. 4", "Gen. Syrskyi").
ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec gen lt col maj capt sgt adm st mr mrs ms dr
    no vs prof gov rep sen u s e g i""".split()
)
_END = re.compile(r"[.!?;:]")


@dataclass(slots=True)
class Doc:
    """Parallel per-token lists over "headline\\nbody"."""

    text: str
    words: list[str]  # folded tokens
    starts: list[int]
    ends: list[int]
    caps: list[bool]  # first letter is a capital in the text
    sent: list[int]  # sentence number of each token (the headline is sentence 0)
    sent_start: list[bool]
    n_head: int  # tokens [0, n_head) are the headline
    lead_sent: int  # sentence number of the body's first sentence
    title_case: bool  # the headline Capitalises Every Word (capitals say nothing there)
    para_of_sent: list[int]  # paragraph of each sentence: 0 is the headline, 1 the body's first
    paragraphs: int  # how many (headline included)
    _stems: list[str] | None = None
    _vocab: frozenset[str] | None = None
    blocked: tuple | None = None  # (positive hits, negative spans, cue hits), filled by the topic scorer

    @property
    def stems(self) -> list[str]:
        if self._stems is None:
            self._stems = stems(self.words)
        return self._stems

    @property
    def vocab(self) -> frozenset[str]:
        """Every word of the item once: a rule whose trigger words are all missing skips the item."""
        if self._vocab is None:
            self._vocab = frozenset(self.words)
        return self._vocab

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.ends[i - 1]:self.starts[i]] if i > 0 else ""

    def joined(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) stand together: no punctuation between them
        but hyphens, slashes and apostrophes ("soldier, killing" is not "soldiers killed")."""
        text, starts, ends = self.text, self.starts, self.ends
        for k in range(start + 1, end):
            gap = text[ends[k - 1]:starts[k]]
            if gap != " " and gap.strip(" -/'\u2019") != "":
                return False
        return True

    def sentence_span(self, i: int) -> tuple[int, int]:
        """The token range [lo, hi) of the sentence token i stands in."""
        sentence, sent = self.sent[i], self.sent
        return bisect_left(sent, sentence, 0, i), bisect_right(sent, sentence, i)

    def second_clause(self) -> int:
        """The first token of a headline's second clause, after its first comma or semicolon
        ("Ukrainian troops retake Hostomel; Belgorod fuel depot ablaze"), or ``n_head``."""
        return next((k for k in range(1, self.n_head) if self.gap(k).strip() in (",", ";")), self.n_head)

    def possessive(self, i: int) -> bool:
        return self.text[self.ends[i] - 2:self.ends[i]] in ("'s", "\u2019s")

    def weight(self, i: int) -> float:
        """How much a mention at token i says what the item is about."""
        if i < self.n_head:
            return 2.0
        return 1.5 if self.sent[i] == self.lead_sent else 1.0


def _title_case(words: list[str], text: str, starts: list[int]) -> bool:
    long = [s for w, s in zip(words, starts) if len(w) > 3]
    return len(long) >= 3 and sum(text[s].isupper() for s in long) / len(long) > 0.7


def make_doc(headline: str, body: str) -> Doc:
    """Tokenise headline and body, number sentences, note capitals.

    Only tokens after something other than one space can open a sentence, so
    the rules run on those and the per-token lists are filled by runs."""
    headline = (headline or "").strip()
    text = f"{headline}\n{body or ''}"
    words, starts, ends, gaps = token_lists(text)
    n = len(words)
    caps = list(map(str.isupper, map(text.__getitem__, starts)))
    head_len = len(headline)
    n_head = bisect_left(starts, head_len)
    firsts = [0] if n else []  # first token of each sentence
    para_of_sent = [0]
    abbreviations = ABBREVIATIONS
    candidates = list(compress(range(n), map(" ".__ne__, gaps)))  # the filter runs in C
    if 0 < n_head < n and gaps[n_head] == " ":
        candidates = sorted({*candidates, n_head})
    for i in candidates:
        if i == 0:
            continue
        g = gaps[i]
        if i == n_head or "\n" in g:
            # the headline's line break opens paragraph 1; a blank line opens the next
            para_of_sent.append(para_of_sent[-1] + (1 if i == n_head or g.count("\n") > 1 else 0))
        elif g != ", " and _END.search(g) and words[i - 1] not in abbreviations and (
                caps[i] or g.rstrip().endswith(("!", "?"))):
            para_of_sent.append(para_of_sent[-1])
        else:
            continue
        firsts.append(i)
    sent: list[int] = []
    for number, (first, following) in enumerate(zip(firsts, [*firsts[1:], n])):
        sent += [number] * (following - first)
    sent_start = [False] * n
    for first in firsts:
        sent_start[first] = True
    current = len(firsts) - 1 if n else 0
    lead = sent[n_head] if n_head < n else current + 1
    title = _title_case(words[:n_head], text, starts[:n_head])
    return Doc(text, words, starts, ends, caps, sent, sent_start, n_head, lead, title, para_of_sent,
               para_of_sent[-1] + 1)
