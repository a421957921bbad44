"""The learned topic model: one logistic regression per topic over item features.

``data/taxonomy/topic-model.json`` holds, per topic, a bias and the weights of
its strongest features (word stems and the taxonomy's phrase strengths), made
by ``invoke train`` from the labelled dev split. Predicting is a dot product
over the item's features (a gather and one product in numpy), so it costs microseconds; every kept topic can name the
features that pushed it up, which ``invoke tag --explain`` prints as evidence.

Editors keep control: the file is plain JSON written by a command they run;
topics it does not know (a topic added to topics.toml since) fall back to the
phrase rules; editors' per-item overrides still win over both.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.errors import DataError

FORMAT = 1


@dataclass(slots=True)
class Scored:
    """One item through the model: each topic's probability, and what each feature added
    (worked out only when asked: the evidence of ``invoke tag --explain``)."""

    probabilities: dict[str, float]
    features: dict[str, float]
    model: TopicModel

    def contributions(self, topic: str, n: int = 6) -> list[tuple[str, float]]:
        """The features that pushed ``topic`` up most, strongest first (ties in the item's order)."""
        weights = self.model.weights.get(topic)
        if not weights:
            return []
        parts = [(name, value * weights[name]) for name, value in self.features.items() if name in weights]
        up = [part for part in parts if part[1] > 0]
        up.sort(key=lambda part: -part[1])  # stable: ties keep the item's order
        return up[:n]


FILE_NAME = "topic-model.json"


@dataclass(slots=True)
class TopicModel:
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]
    threshold: float = 0.25  # probability a topic needs
    max_topics: int = 3
    topic_weight: float = 0.75  # scale of the topic:<slug> features
    saturation: float = 4.0  # topic strengths are capped at this many thresholds
    vocabulary_digest: str = ""  # of topics.toml and aboutness.toml at training time
    trained_on: dict = field(default_factory=dict)  # what and how: files, items, C, features kept

    # The weights as one matrix, a row per feature the model knows and a column per topic, and
    # each feature's row: scoring an item is a gather of its features' rows and one product in
    # numpy (the Python loop of multiply-adds was a tenth of a long item's tagging time). Features
    # the model does not know (most of an item's stems) map to the last row, which is zeros.
    _rows: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _matrix: Any = field(default=None, init=False, repr=False, compare=False)
    _bias: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        topics = list(self.bias)
        names = sorted({f for topic in topics for f, w in self.weights[topic].items() if w})
        self._rows = {f: k for k, f in enumerate(names)}
        matrix = np.zeros((len(names) + 1, len(topics)))
        for j, topic in enumerate(topics):
            for f, w in self.weights[topic].items():
                if w:
                    matrix[self._rows[f], j] = w
        self._matrix = matrix
        self._bias = np.array([self.bias[t] for t in topics], dtype=float)

    def score(self, features: dict[str, float]) -> Scored:
        """Probabilities of every topic; the features' parts follow on demand."""
        return Scored(self.probabilities(features), features, self)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        unknown = len(self._rows)
        rows = list(map(self._rows.get, features, repeat(unknown)))
        values = np.fromiter(features.values(), dtype=float, count=len(rows))
        z = self._bias + values @ self._matrix.take(rows, axis=0)
        np.minimum(z, 60.0, out=z)  # np.clip costs more than the product
        np.maximum(z, -60.0, out=z)
        return dict(zip(self.bias, (1.0 / (1.0 + np.exp(-z))).tolist()))

    def contributions(self, topic: str, features: dict[str, float], n: int = 6) -> list[tuple[str, float]]:
        """The features that pushed ``topic`` up most in this item."""
        return self.score(features).contributions(topic, n)

    def to_json(self) -> str:
        data = {"format": FORMAT, "threshold": self.threshold, "max_topics": self.max_topics,
                "topic_weight": self.topic_weight, "saturation": self.saturation,
                "vocabulary_digest": self.vocabulary_digest, "trained_on": self.trained_on,
                "bias": {t: round(b, 5) for t, b in sorted(self.bias.items())},
                "weights": {t: {f: round(v, 5) for f, v in sorted(ws.items())} for t, ws in sorted(self.weights.items())}}
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def vocabulary_digest(taxonomy_dir: Path) -> str:
    """What the features depend on besides the text: the phrase lists and the aboutness rules."""
    h = hashlib.sha256()
    for name in ("topics.toml", "aboutness.toml"):
        path = Path(taxonomy_dir) / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return h.hexdigest()[:16]


def load_model(taxonomy_dir: Path) -> TopicModel | None:
    """The trained model next to the taxonomy, or None (phrase rules only)."""
    path = Path(taxonomy_dir) / FILE_NAME
    if not path.exists():
        return None
    fix = "run 'invoke train' to write it again (or delete it to tag with the phrase rules alone)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(str(path), f"cannot read the topic model: {err}", fix) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataError(str(path), f"not a topic model of format {FORMAT}", fix)
    try:
        bias = {str(t): float(b) for t, b in data["bias"].items()}
        weights = {str(t): {str(f): float(v) for f, v in ws.items()} for t, ws in data["weights"].items()}
        if set(bias) != set(weights):
            raise ValueError("bias and weights name different topics")
        return TopicModel(bias, weights, float(data["threshold"]), int(data["max_topics"]),
                          float(data["topic_weight"]), float(data["saturation"]),
                          str(data.get("vocabulary_digest", "")), dict(data.get("trained_on", {})))
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise DataError(str(path), f"malformed topic model ({err})", fix) from None
