"""``invoke train``: fit the topic model on the labelled dev split.

One L2-regularised logistic regression per topic. With far fewer items than
features, Newton's method is run on the dual equations (the weights are a
combination of the items' feature vectors), which needs only an items × items
system per step: a few seconds for the whole taxonomy, exact and repeatable
(the same labels and data give the same file byte for byte). Only the
strongest ``keep`` weights of each topic are written: cross-validation on the
dev split showed no loss from dropping the rest, and the file stays small.
"""

from __future__ import annotations

import numpy as np

from sitrep.tagging.core import Tagger
from sitrep.tagging.evaluate import record_date
from sitrep.tagging.linear import TopicModel, vocabulary_digest


def _newton_dual(K: np.ndarray, y: np.ndarray, C: float, iterations: int = 60) -> tuple[np.ndarray, float]:
    """Dual coefficients ``a`` and bias ``b`` of min ½‖w‖² + C Σ logloss, w = Xᵀa.

    At the optimum a = -C (p - y) and Σ (p - y) = 0, with p = σ(K a + b); each
    Newton step solves the (n+1)² Jacobian of those equations, halving the step
    until the residual shrinks."""
    n = len(y)
    a, b = np.zeros(n), 0.0

    def residual(a, b):
        p = 1.0 / (1.0 + np.exp(-(K @ a + b)))
        return np.concatenate([a + C * (p - y), [np.sum(p - y)]]), p

    r, p = residual(a, b)
    for _ in range(iterations):
        s = p * (1 - p)
        J = np.empty((n + 1, n + 1))
        J[:n, :n] = np.eye(n) + C * (s[:, None] * K)
        J[:n, n] = C * s
        J[n, :n] = s @ K
        J[n, n] = s.sum()
        step = np.linalg.solve(J, -r)
        t = 1.0
        while True:
            r_new, p_new = residual(a + t * step[:n], b + t * step[n])
            if np.linalg.norm(r_new) < np.linalg.norm(r) or t < 1e-4:
                break
            t /= 2
        a, b, r, p = a + t * step[:n], b + t * step[n], r_new, p_new
        if np.linalg.norm(r) < 1e-9:
            break
    return a, float(b)


def train_topic_model(records: list[dict], tagger: Tagger, *, C: float = 30.0, keep: int = 400,
                      threshold: float = 0.25, max_topics: int = 3, topic_weight: float = 0.75,
                      saturation: float = 4.0, source: str = "") -> TopicModel:
    """A model for every topic of the taxonomy, from labelled records."""
    rows = [tagger.features(r["headline"], r["body"], record_date(r), topic_weight, saturation) for r in records]
    names = sorted({f for row in rows for f in row})
    index = {f: i for i, f in enumerate(names)}
    X = np.zeros((len(rows), len(names)))
    for i, row in enumerate(rows):
        for f, v in row.items():
            X[i, index[f]] = v
    K = X @ X.T
    bias, weights = {}, {}
    for topic in tagger.taxonomy.topics:
        y = np.array([1.0 if topic in r["topics"] else 0.0 for r in records])
        if not y.any():
            continue  # no labelled example: the phrase rules decide this topic
        a, b = _newton_dual(K, y, C)
        w = X.T @ a
        order = np.argsort(-np.abs(w), kind="stable")[:keep]
        bias[topic] = b
        weights[topic] = {names[i]: float(w[i]) for i in sorted(order) if abs(w[i]) > 1e-6}
    digest = vocabulary_digest(tagger.taxonomy_dir) if tagger.taxonomy_dir else ""
    return TopicModel(bias, weights, threshold, max_topics, topic_weight, saturation, digest,
                      {"labelled": source, "items": len(records), "C": C, "features_kept": keep})


def cross_validated(records: list[dict], tagger: Tagger, folds: int = 5) -> dict[str, Tagger]:
    """For every record, a tagger whose topic model never saw it: ``folds`` models,
    each trained on the other folds with the same settings as the tagger's model.

    This is what the dev split's topic scores must come from once the model is
    trained on it; a record's fold is fixed by a hash of its id."""
    import hashlib

    model = tagger.model
    settings = dict(threshold=model.threshold, max_topics=model.max_topics, topic_weight=model.topic_weight,
                    saturation=model.saturation, C=float(model.trained_on.get("C", 30.0)),
                    keep=int(model.trained_on.get("features_kept", 400)))
    fold_of = {r["id"]: int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % folds for r in records}
    out: dict[str, Tagger] = {}
    for k in range(folds):
        train = [r for r in records if fold_of[r["id"]] != k]
        fold_model = train_topic_model(train, tagger, **settings)
        fold_tagger = Tagger(tagger.taxonomy, tagger.gazetteer, fold_model, tagger.taxonomy_dir)
        out.update({r["id"]: fold_tagger for r in records if fold_of[r["id"]] == k})
    return out
