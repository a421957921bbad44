"""Topic scoring: weighted phrases on word stems, weighed by where they stand.

Each topic phrase found adds its weight times the weight of its sentence
(:mod:`sitrep.tagging.aboutness`: headline and lead most, background almost
nothing); a negative phrase ("hunger strike") cancels the phrases it overlaps;
the same phrase counts at most twice so one repeated word cannot carry a topic.
The body's share of a score is scaled down for long items, so a topic needs
what the item reports, not a word its background paragraphs happen to use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from sitrep.tagging.aboutness import Weighing
from sitrep.tagging.document import Doc
from sitrep.tagging.matcher import PhraseIndex
from sitrep.tagging.taxonomy import Taxonomy, TopicRules, phrase_key
from sitrep.text import NUMBER_VALUES

MAX_REPEATS = 2

# A count beside a topic's phrase: "killing 18", "seven shot down", "destroyed two armoured vehicles".
# The labelling guide makes a figure reported as news label its topic even when said once, so the
# learned model gets to see which topics an item gives figures for (:func:`figured`).
NUMBER_WORDS = frozenset(NUMBER_VALUES)
FIGURE_WINDOW = 4  # tokens either side of the phrase, in the same sentence


class TopicHit(NamedTuple):
    """A topic phrase or theatre cue found in the item (a tuple: a long item has dozens, and a
    tuple is made in a fraction of a dataclass's time)."""

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
            for kind, phrases in (("cue", theatre.cues), ("actor", theatre.actors)):
                seen = set()
                for phrase, weight in phrases.items():
                    if phrase_key(phrase) not in seen:
                        seen.add(phrase_key(phrase))
                        self.index.add(phrase, (kind, theatre.slug, phrase, weight))

    def _matches(self, doc: Doc) -> tuple[list, list, list]:
        """(positive hits, negative spans, cue hits) of the item, computed once."""
        if doc.blocked is None:
            pos, neg, cues = [], [], []
            for s, e, p in self.index.find(doc.stems, doc.words):
                if e - s > 1 and not doc.joined(s, e):
                    continue
                if p[0] == "+":
                    pos.append((s, e, p))
                elif p[0] == "-":
                    neg.append((s, e, p[1]))
                else:
                    cues.append((s, e, p))
            doc.blocked = (pos, neg, cues)
        return doc.blocked

    def score(self, doc: Doc, weighing: Weighing) -> tuple[dict[str, float], list[TopicHit], set[str]]:
        """Per-topic scores, the phrase hits behind them, and the topics with a
        phrase in the headline or the lead."""
        pos, blocks, _ = self._matches(doc)
        up_front: dict[str, float] = {}
        later: dict[str, float] = {}
        counts: dict[tuple[str, str], int] = {}
        hits = []
        weights, sent, lead, n_head = weighing.weights, doc.sent, weighing.lead, doc.n_head
        for s, e, (_, topic, phrase, weight) in pos:
            if blocks and any(bs < e and s < be and (bt is None or bt == topic) for bs, be, bt in blocks):
                continue
            key = (topic, phrase)
            seen = counts.get(key, 0)
            if seen >= MAX_REPEATS:
                continue
            counts[key] = seen + 1
            w = weight * weights[sent[s]]
            part = up_front if s < n_head or sent[s] in lead else later
            part[topic] = part.get(topic, 0.0) + w
            hits.append(TopicHit(topic, phrase, s, e, w))
        scale = self._length_scale(doc)
        # in taxonomy order, not a set's: the model adds the features up in this order, and a
        # set's order changes with Python's string hashing from run to run
        scores = {t: up_front.get(t, 0.0) + later.get(t, 0.0) * scale
                  for t in self.taxonomy.topics if t in up_front or t in later}
        return scores, hits, {t for t, v in up_front.items() if v > 0}

    def blocked_tokens(self, doc: Doc) -> frozenset[int]:
        """Tokens inside a negative phrase that applies to every topic ("drone show")."""
        _, blocks, _ = self._matches(doc)
        return frozenset(i for s, e, topic in blocks if topic is None for i in range(s, e))

    def _length_scale(self, doc: Doc) -> float:
        body_words = len(doc.words) - doc.n_head
        norm = self.taxonomy.topic_rules.norm_words
        return 1.0 if body_words <= norm else math.sqrt(norm / body_words)

    def cue_hits(self, doc: Doc, weighing: Weighing, kind: str = "cue") -> list[TopicHit]:
        """Theatre cue phrases ("Black Sea Fleet", "across Russia") found in the item,
        or with ``kind="actor"`` its governments' phrases ("State Duma", "Zelensky")."""
        _, blocks, cues = self._matches(doc)
        out = []
        for s, e, (found, theatre, phrase, weight) in cues:
            if found != kind:
                continue
            if any(bs < e and s < be for bs, be, bt in blocks if bt is None):
                continue
            out.append(TopicHit(theatre, phrase, s, e, weight * weighing.weights[doc.sent[s]]))
        return out


def figured(doc: Doc, weighing: Weighing, hits: list[TopicHit], body_weight: float) -> set[str]:
    """Topics with a phrase beside a count, in a sentence that weighs at least a body sentence
    (not background, not the late paragraphs of a long item). A number joined by a hyphen is
    a name or an age, not a count ("Su-24", "S-300", "a 64-year-old man")."""
    words, sent, weights, n = doc.words, doc.sent, weighing.weights, len(doc.words)
    out: set[str] = set()
    for h in hits:
        if h.topic in out or h.weight <= 0:
            continue
        s = sent[h.start]
        if weights[s] < body_weight:
            continue
        for i in range(max(0, h.start - FIGURE_WINDOW), min(n, h.end + FIGURE_WINDOW)):
            if h.start <= i < h.end or sent[i] != s:
                continue
            w = words[i]
            if (w[0].isdigit() or w in NUMBER_WORDS) and doc.gap(i) not in ("-", "/") and (
                    i + 1 >= n or doc.gap(i + 1) != "-"):
                out.add(h.topic)
                break
    return out


@dataclass(slots=True)
class TopicChoice:
    slug: str
    score: float
    share: float
    threshold: float
    passed: bool
    why: str


def choose_topics(scores: dict[str, float], up_front: set[str], taxonomy: Taxonomy) -> list[TopicChoice]:
    """Every scored topic with the rule that kept or dropped it, strongest first.

    A topic is kept when its score reaches its threshold (more when no phrase of
    it stands in the headline or the lead) and a share of the strongest topic;
    at most ``max_topics`` are kept. Shares compare scores in multiples of each
    topic's threshold, capped at ``saturation``: a strike report piles up strike
    words, and that must not crowd out the casualties it reports."""
    rules: TopicRules = taxonomy.topic_rules
    strength = {slug: min(score / taxonomy.topics[slug].threshold, rules.saturation)
                for slug, score in scores.items() if score > 0 and slug in taxonomy.topics}
    best = max(strength.values(), default=0.0)
    out, kept = [], 0
    for slug in sorted(strength, key=lambda s: (-strength[s], -scores[s], s)):
        score, threshold = scores[slug], taxonomy.topics[slug].threshold
        share = strength[slug] / best
        needed = threshold if slug in up_front else threshold * rules.body_only
        if score < needed:
            why = "below the threshold" if slug in up_front else (
                f"not in headline or lead, so it needs {needed:g}")
        elif share < rules.ratio:
            why = "too small a share of the strongest topic"
        elif kept >= rules.max_topics:
            why = f"only the {rules.max_topics} strongest topics are kept"
        else:
            why = "in headline or lead" if slug in up_front else "strong in the body"
            kept += 1
            out.append(TopicChoice(slug, score, share, threshold, True, why))
            continue
        out.append(TopicChoice(slug, score, share, threshold, False, why))
    return out
