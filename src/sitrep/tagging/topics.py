"""Topic scoring: weighted phrases on word stems, negative phrases, a threshold.

Each topic phrase found adds its weight (more in the headline); a negative
phrase ("hunger strike") cancels the phrases it overlaps; the same phrase counts
at most twice so one repeated word cannot carry a topic alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.tagging.taxonomy import HEADLINE_WEIGHT, Taxonomy, phrase_key
from sitrep.tagging.document import Doc
from sitrep.tagging.matcher import PhraseIndex

MAX_REPEATS = 2


@dataclass(slots=True)
class TopicHit:
    topic: str
    phrase: str
    start: int
    end: int
    weight: float


class TopicScorer:
    """One compiled phrase index for a taxonomy's topic phrases, negative phrases and theatre
    cues, so an item is scanned once."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        # payloads: ("+", topic, phrase, weight) | ("-", topic or None) | ("cue", theatre, phrase, weight)
        self.index: PhraseIndex[tuple] = PhraseIndex()
        for topic in taxonomy.topics.values():
            best: dict[tuple[str, ...], tuple[str, float]] = {}
            for phrase, weight in topic.phrases.items():  # "missile"/"missiles" share a stem: keep one
                key = phrase_key(phrase)
                if key and (key not in best or abs(weight) > abs(best[key][1])):
                    best[key] = (phrase, weight)
            for phrase, weight in best.values():
                self.index.add(phrase, ("+", topic.slug, phrase, weight))
            for phrase in topic.negative:
                self.index.add(phrase, ("-", topic.slug))
        for phrase in taxonomy.global_negative:
            self.index.add(phrase, ("-", None))
        for theatre in taxonomy.theatres.values():
            seen = set()
            for phrase, weight in theatre.cues.items():
                if phrase_key(phrase) not in seen:
                    seen.add(phrase_key(phrase))
                    self.index.add(phrase, ("cue", theatre.slug, phrase, weight))

    def _matches(self, doc: Doc) -> tuple[list, list, list]:
        """(positive hits, negative spans, cue hits) of the item, computed once."""
        if doc.blocked is None:
            pos, neg, cues = [], [], []
            for s, e, p in self.index.find(doc.stems, doc.exact):
                if p[0] == "+":
                    pos.append((s, e, p))
                elif p[0] == "-":
                    neg.append((s, e, p[1]))
                else:
                    cues.append((s, e, p))
            doc.blocked = (pos, neg, cues)
        return doc.blocked

    def score(self, doc: Doc) -> tuple[dict[str, float], list[TopicHit]]:
        """Per-topic scores and the phrase hits behind them."""
        pos, blocks, _ = self._matches(doc)
        scores: dict[str, float] = {}
        counts: dict[tuple[str, str], int] = {}
        hits = []
        for s, e, (_, topic, phrase, weight) in pos:
            if blocks and any(bs < e and s < be and (bt is None or bt == topic) for bs, be, bt in blocks):
                continue
            key = (topic, phrase)
            if counts.get(key, 0) >= MAX_REPEATS:
                continue
            counts[key] = counts.get(key, 0) + 1
            w = weight * (HEADLINE_WEIGHT if s < doc.n_head else 1.0)
            scores[topic] = scores.get(topic, 0.0) + w
            hits.append(TopicHit(topic, phrase, s, e, w))
        return scores, hits

    def cue_hits(self, doc: Doc) -> list[TopicHit]:
        """Theatre cue phrases ("State Duma", "Black Sea Fleet") found in the item."""
        _, blocks, cues = self._matches(doc)
        out = []
        for s, e, (_, theatre, phrase, weight) in cues:
            if any(bs < e and s < be for bs, be, bt in blocks if bt is None):
                continue
            out.append(TopicHit(theatre, phrase, s, e, weight * (HEADLINE_WEIGHT if s < doc.n_head else 1.0)))
        return out
