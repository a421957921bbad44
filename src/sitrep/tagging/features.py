"""What the learned topic model sees of an item.

Two kinds of feature, both from the one text pipeline (:mod:`sitrep.text`
stems, as the search indexes use) and the aboutness weights:

- ``stem``: every word stem but stop words and numbers, counted with the
  weight of its sentence (headline and lead most, background almost nothing),
  the vector scaled to unit length so long items do not outvote short ones;
- ``topic:<slug>``: the strength of the taxonomy's phrases for that topic
  (score over threshold, capped), so the editors' vocabulary keeps its say;
- ``figure:<slug>``: a phrase of that topic stands beside a count ("killing 18",
  "seven shot down"): the guide labels a figure reported as news even when it
  is said once, which a short item's single sentence cannot show by weight.
"""

from __future__ import annotations

import math
from itertools import compress
from operator import mul

from sitrep.tagging.aboutness import Weighing
from sitrep.tagging.document import Doc
from sitrep.text import STOPWORDS

TOPIC_PREFIX = "topic:"
FIGURE_PREFIX = "figure:"
FIGURE_WEIGHT = 0.3  # chosen by 5-fold cross-validation on the dev split (0.2-0.4 all helped)


# Whether a word counts as a stem feature (not a stop word, not a number), for every word seen.
_COUNTED: dict[str, bool] = {}


def _counted(words: list[str]) -> list[bool]:
    flags = list(map(_COUNTED.get, words))
    if None in flags:
        if len(_COUNTED) > 200_000:
            _COUNTED.clear()
        for k, word in enumerate(words):
            if flags[k] is not None:
                continue
            flags[k] = _COUNTED[word] = not (word in STOPWORDS or word[0].isdigit())
    return flags


def item_features(doc: Doc, weighing: Weighing, topic_scores: dict[str, float], thresholds: dict[str, float],
                  topic_weight: float, saturation: float, blocked: frozenset[int] = frozenset(),
                  figures: set[str] | frozenset[str] = frozenset()) -> dict[str, float]:
    """The feature vector of one item as a sparse dict. Tokens in ``blocked``
    (inside the taxonomy's global negative phrases: "drone show", "hunger
    strike") are left out, so the editors' negatives bind the model too."""
    counts: dict[str, float] = {}
    weights, sent = weighing.weights, doc.sent
    get = counts.get
    if blocked:
        for i, (word, stem) in enumerate(zip(doc.words, doc.stems)):
            if word in STOPWORDS or word[0].isdigit() or i in blocked:
                continue
            counts[stem] = get(stem, 0.0) + weights[sent[i]]
    else:  # the common case, without the index; the words that count are picked in C
        for stem, s in compress(zip(doc.stems, sent), _counted(doc.words)):
            counts[stem] = get(stem, 0.0) + weights[s]
    values = list(counts.values())
    norm = math.sqrt(sum(map(mul, values, values))) or 1.0  # the same squares, summed in the same order
    out = {stem: v / norm for stem, v in counts.items()}
    for slug, score in topic_scores.items():
        if score > 0 and slug in thresholds:
            out[TOPIC_PREFIX + slug] = min(score / thresholds[slug], saturation) / saturation * topic_weight
    for slug in thresholds:  # in taxonomy order, as above
        if slug in figures:
            out[FIGURE_PREFIX + slug] = FIGURE_WEIGHT
    return out
