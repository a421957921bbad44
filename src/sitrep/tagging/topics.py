"""Topic scoring: weighted phrases on word stems, negative phrases, a threshold.

Each topic phrase found adds its weight (more in the headline); a negative
phrase ("hunger strike") cancels the phrases it overlaps; the same phrase counts
at most twice so one repeated word cannot carry a topic alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..taxonomy import HEADLINE_WEIGHT, Taxonomy, phrase_key
from .document import Doc
from .matcher import PhraseIndex

MAX_REPEATS = 2


@dataclass(slots=True)
class TopicHit:
    topic: str
    phrase: str
    start: int
    end: int
    weight: float


class TopicScorer:
    """Compiled phrase indexes of a taxonomy's topics and theatre cues."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.positive: PhraseIndex[tuple[str, str, float]] = PhraseIndex()
        self.negative: PhraseIndex[str | None] = PhraseIndex()
        for topic in taxonomy.topics.values():
            best: dict[tuple[str, ...], tuple[str, float]] = {}
            for phrase, weight in topic.phrases.items():  # "missile"/"missiles" share a stem: keep one
                key = phrase_key(phrase)
                if key and (key not in best or abs(weight) > abs(best[key][1])):
                    best[key] = (phrase, weight)
            for phrase, weight in best.values():
                self.positive.add(phrase, (topic.slug, phrase, weight))
            for phrase in topic.negative:
                self.negative.add(phrase, topic.slug)
        for phrase in taxonomy.global_negative:
            self.negative.add(phrase, None)
        self.cues: PhraseIndex[tuple[str, str, float]] = PhraseIndex()
        for theatre in taxonomy.theatres.values():
            seen = set()
            for phrase, weight in theatre.cues.items():
                if phrase_key(phrase) not in seen:
                    seen.add(phrase_key(phrase))
                    self.cues.add(phrase, (theatre.slug, phrase, weight))

    def blocked(self, doc: Doc) -> list[tuple[int, int, str | None]]:
        return [(s, e, t) for s, e, t in self.negative.find(doc.stems, doc.exact)]

    def score(self, doc: Doc) -> tuple[dict[str, float], list[TopicHit]]:
        """Per-topic scores and the phrase hits behind them."""
        stems = doc.stems
        blocks = self.blocked(doc)
        scores: dict[str, float] = {}
        counts: dict[tuple[str, str], int] = {}
        hits = []
        for s, e, (topic, phrase, weight) in self.positive.find(stems, doc.exact):
            if any(bs < e and s < be and (bt is None or bt == topic) for bs, be, bt in blocks):
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
        blocks = [(s, e) for s, e, t in self.blocked(doc) if t is None]
        out = []
        for s, e, (theatre, phrase, weight) in self.cues.find(doc.stems, doc.exact):
            if any(bs < e and s < be for bs, be in blocks):
                continue
            out.append(TopicHit(theatre, phrase, s, e, weight * (HEADLINE_WEIGHT if s < doc.n_head else 1.0)))
        return out
