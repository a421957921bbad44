"""Score the tagger against hand-labelled items (tests/evaluation/labelled.jsonl).

Per-tag precision, recall and F1 for theatres and topics, their micro and
macro averages, and place accuracy: the share of labelled places the tagger
found with the right region (a tagger place matches a label when the names
agree or the label's spelling is one the gazetteer knows for that place).
Place precision is reported too, so extra places cannot hide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import DataError
from sitrep.tagging import Tagger
from sitrep.text import fold


@dataclass(slots=True)
class TagStats:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Miss:
    """One item where the tagger and the labels disagree."""

    id: str
    kind: str
    missing: list[str]
    extra: list[str]


@dataclass(slots=True)
class Report:
    theatres: dict[str, TagStats] = field(default_factory=dict)
    topics: dict[str, TagStats] = field(default_factory=dict)
    places_labelled: int = 0
    places_correct: int = 0
    places_found: int = 0  # places the tagger gave
    places_found_correct: int = 0
    items: int = 0
    misses: list[Miss] = field(default_factory=list)

    @staticmethod
    def _micro(stats: dict[str, TagStats]) -> TagStats:
        total = TagStats()
        for s in stats.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    @staticmethod
    def _macro(stats: dict[str, TagStats]) -> float:
        used = [s for s in stats.values() if s.tp + s.fp + s.fn]
        return sum(s.f1 for s in used) / len(used) if used else 0.0

    @property
    def theatre_micro_f1(self) -> float:
        return self._micro(self.theatres).f1

    @property
    def topic_micro_f1(self) -> float:
        return self._micro(self.topics).f1

    @property
    def theatre_macro_f1(self) -> float:
        return self._macro(self.theatres)

    @property
    def topic_macro_f1(self) -> float:
        return self._macro(self.topics)

    @property
    def place_accuracy(self) -> float:
        return self.places_correct / self.places_labelled if self.places_labelled else 1.0

    @property
    def place_precision(self) -> float:
        return self.places_found_correct / self.places_found if self.places_found else 1.0

    def table(self, misses: bool = False) -> str:
        """A plain-text report: one row per tag, then averages and places."""
        lines = [f"Evaluation on {self.items} labelled items", ""]
        for title, stats in (("Theatre", self.theatres), ("Topic", self.topics)):
            lines.append(f"{title:<24} {'prec':>6} {'recall':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}")
            for slug, s in stats.items():
                lines.append(f"{slug:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
            micro = self._micro(stats)
            lines.append(f"{'micro average':<24} {micro.precision:6.3f} {micro.recall:6.3f} {micro.f1:6.3f}"
                         f" {micro.tp:4} {micro.fp:4} {micro.fn:4}")
            lines.append(f"{'macro average F1':<24} {'':>6} {'':>6} {self._macro(stats):6.3f}")
            lines.append("")
        lines.append(f"Place accuracy (labelled places found with the right region): "
                     f"{self.place_accuracy:.3f} ({self.places_correct}/{self.places_labelled})")
        lines.append(f"Place precision (tagger's places that are labelled): "
                     f"{self.place_precision:.3f} ({self.places_found_correct}/{self.places_found})")
        if misses and self.misses:
            lines.append("")
            lines.append("Disagreements:")
            for m in self.misses:
                lines.append(f"  {m.id} {m.kind}: missing {m.missing or '-'}, extra {m.extra or '-'}")
        return "\n".join(lines)


def load_labelled(path: Path) -> list[dict]:
    """The labelled items; a malformed line is a DataError naming the line."""
    items = []
    with open(path, encoding="utf-8") as fp:
        for lineno, line in enumerate(fp, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{lineno}", f"not valid JSON ({exc.msg})", "fix or remove the line") from None
            for key in ("id", "headline", "body", "theatres", "topics", "places"):
                if key not in rec:
                    raise DataError(f"{path}:{lineno}", f"missing '{key}'", "every record needs id, headline, body, "
                                    "theatres, topics and places")
            items.append(rec)
    return items


def _place_matches(tagger: Tagger, label: dict, place) -> bool:
    if fold(label.get("name", "")) == fold(place.name):
        return True
    return any(p.slug == place.slug for p in tagger.gazetteer.lookup(label.get("name", "")))


def _count(stats: dict[str, TagStats], gold: set[str], got: set[str]) -> None:
    for slug in gold | got:
        s = stats.setdefault(slug, TagStats())
        if slug in gold and slug in got:
            s.tp += 1
        elif slug in got:
            s.fp += 1
        else:
            s.fn += 1


def evaluate(labelled_path: Path, tagger: Tagger) -> Report:
    """Tag every labelled item and compare with its labels."""
    report = Report()
    report.theatres = {slug: TagStats() for slug in tagger.taxonomy.theatres}
    report.topics = {slug: TagStats() for slug in tagger.taxonomy.topics}
    for rec in load_labelled(Path(labelled_path)):
        ts = tagger.tag(rec["headline"], rec["body"])
        report.items += 1
        for kind, stats, gold, got in (("theatres", report.theatres, set(rec["theatres"]), set(ts.theatres)),
                                       ("topics", report.topics, set(rec["topics"]), set(ts.topics))):
            _count(stats, gold, got)
            if gold != got:
                report.misses.append(Miss(rec["id"], kind, sorted(gold - got), sorted(got - gold)))
        _score_places(report, tagger, rec, ts)
    return report


def _score_places(report: Report, tagger: Tagger, rec: dict, ts) -> None:
    missing, extra = [], []
    matched = set()
    for label in rec["places"]:
        report.places_labelled += 1
        same_name = [p for p in ts.places if p.slug not in matched and fold(p.name) == fold(label.get("name", ""))]
        hit = next(iter(same_name), None) or next(
            (p for p in ts.places if p.slug not in matched and _place_matches(tagger, label, p)), None)
        if hit is not None and hit.region == label.get("region"):
            report.places_correct += 1
            matched.add(hit.slug)
        else:
            where = f" (got {hit.region})" if hit is not None else ""
            missing.append(f"{label.get('name')}/{label.get('region')}{where}")
            if hit is not None:
                matched.add(hit.slug)
    report.places_found += len(ts.places)
    report.places_found_correct += sum(
        1 for p in ts.places if p.slug in matched and any(
            _place_matches(tagger, lab, p) and lab.get("region") == p.region for lab in rec["places"]))
    extra = [f"{p.name}/{p.region}" for p in ts.places if p.slug not in matched]
    if missing or extra:
        report.misses.append(Miss(rec["id"], "places", missing, extra))


# ----------------------------------------------------------------------------- benchmark


@dataclass(slots=True)
class Bench:
    cold_load_s: float  # taxonomy + gazetteer built from GeoNames (empty cache)
    cached_load_s: float  # taxonomy + gazetteer from the pickle cache
    items_per_s: float
    words_per_item: float

    def table(self) -> str:
        return (f"load (cold, building the gazetteer): {self.cold_load_s:.2f} s\n"
                f"load (cached):                      {self.cached_load_s:.3f} s\n"
                f"tagging: {self.items_per_s:,.0f} items/s on one core "
                f"(items of {self.words_per_item:.0f} words)")


def benchmark(data_dir: Path, labelled_path: Path, seconds: float = 3.0, words: int = 150) -> Bench:
    """Load times (cold and cached, in a throw-away cache) and tagging speed on items of about
    `words` words made by joining labelled items."""
    import tempfile
    import time

    from sitrep.tagging import load_tagger

    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        load_tagger(Path(data_dir), Path(cache))
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        tagger = load_tagger(Path(data_dir), Path(cache))
        cached = time.perf_counter() - t0
    recs = load_labelled(Path(labelled_path))
    items = []
    for i, rec in enumerate(recs):
        body, k = rec["body"], i
        while len(body.split()) < words:
            k += 1
            body += " " + recs[k % len(recs)]["body"]
        items.append((rec["headline"], " ".join(body.split()[:words])))
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for headline, body in items:
            tagger.tag(headline, body)
        n += len(items)
    rate = n / (time.perf_counter() - t0)
    avg = sum(len(f"{h} {b}".split()) for h, b in items) / max(1, len(items))
    return Bench(cold, cached, rate, avg)


def main(argv: list[str] | None = None) -> int:
    """python -m sitrep.tagging.evaluate [labelled.jsonl] [--misses] [--bench] [--data DIR]"""
    import argparse

    from sitrep.tagging import load_tagger

    parser = argparse.ArgumentParser(prog="python -m sitrep.tagging.evaluate", description=main.__doc__)
    parser.add_argument("labelled", nargs="?", default="tests/evaluation/labelled.jsonl")
    parser.add_argument("--data", default="data")
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--bench", action="store_true", help="measure load time and speed instead")
    args = parser.parse_args(argv)
    if args.bench:
        print(benchmark(Path(args.data), Path(args.labelled)).table())
        return 0
    report = evaluate(Path(args.labelled), load_tagger(Path(args.data)))
    print(report.table(misses=args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
