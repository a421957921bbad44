"""Score the tagger against hand-labelled items (tests/evaluation/labelled.jsonl).

Per-tag precision, recall and F1 for theatres and topics, their micro and
macro averages, and place accuracy: the share of labelled places the tagger
found with the right region (a tagger place matches a label when the names
agree or the label's spelling is one the gazetteer knows for that place).
Place precision is reported too, so extra places cannot hide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import DataError
from sitrep.files.jsonlines import read_records
from sitrep.files.reading import open_regular_text
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
    gold_topics: int = 0  # topic labels in the gold, to compare topics per item
    tagged_topics: int = 0
    misses: list[Miss] = field(default_factory=list)

    @classmethod
    def for_tagger(cls, tagger: Tagger) -> Report:
        return cls({slug: TagStats() for slug in tagger.taxonomy.theatres},
                   {slug: TagStats() for slug in tagger.taxonomy.topics})

    def add(self, rec: dict, ts, tagger: Tagger) -> None:
        """Count one tagged item against its labels."""
        self.items += 1
        self.gold_topics += len(rec["topics"])
        self.tagged_topics += len(ts.topics)
        for kind, stats, gold, got in (("theatres", self.theatres, set(rec["theatres"]), set(ts.theatres)),
                                       ("topics", self.topics, set(rec["topics"]), set(ts.topics))):
            _count(stats, gold, got)
            if gold != got:
                self.misses.append(Miss(rec["id"], kind, sorted(gold - got), sorted(got - gold)))
        _score_places(self, tagger, rec, ts)

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
    def theatre_micro(self) -> TagStats:
        return self._micro(self.theatres)

    @property
    def topic_micro(self) -> TagStats:
        return self._micro(self.topics)

    @property
    def theatre_micro_f1(self) -> float:
        return self.theatre_micro.f1

    @property
    def topic_micro_f1(self) -> float:
        return self.topic_micro.f1

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

    @property
    def place_f1(self) -> float:
        """Both at once: a rule that drops wrong places and a few right ones shows here as a whole."""
        a, p = self.place_accuracy, self.place_precision
        return 2 * a * p / (a + p) if a + p else 0.0

    @property
    def topics_per_item(self) -> tuple[float, float]:
        """(tagger, gold) topics per item."""
        n = max(1, self.items)
        return self.tagged_topics / n, self.gold_topics / n

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
        tagged, gold = self.topics_per_item
        lines.append(f"Topics per item: {tagged:.2f} (gold {gold:.2f})")
        lines.append(f"Place accuracy (labelled places found with the right region): "
                     f"{self.place_accuracy:.3f} ({self.places_correct}/{self.places_labelled})")
        lines.append(f"Place precision (tagger's places that are labelled): "
                     f"{self.place_precision:.3f} ({self.places_found_correct}/{self.places_found})")
        lines.append(f"Place F1 (of the two): {self.place_f1:.3f}")
        if misses and self.misses:
            lines.append("")
            lines.append("Disagreements:")
            for m in self.misses:
                lines.append(f"  {m.id} {m.kind}: missing {m.missing or '-'}, extra {m.extra or '-'}")
        return "\n".join(lines)


def load_labelled(path: Path) -> list[dict]:
    """The labelled items of a JSON-lines file, or of every ``*.jsonl`` file of a folder in name
    order (the dev split is kept in parts, each small enough to review and diff); a malformed line
    is an error naming the file and line."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise DataError(str(path), "holds no .jsonl files", "give a labelled JSON-lines file or a folder of them")
        return [rec for part in files for rec in load_labelled(part)]
    shape = "every line is one JSON object with id, headline, body, theatres, topics and places"
    items = []
    with open_regular_text(path) as fp:  # a FIFO or a device would block or never end
        try:
            for lineno, rec in read_records(fp, str(path), shape):
                for key in ("id", "headline", "body", "theatres", "topics", "places"):
                    if key not in rec:
                        raise DataError(str(path), f"missing '{key}'", shape, lineno)
                problem = _shape_problem(rec)
                if problem:
                    raise DataError(str(path), problem, "see tests/evaluation/README.md for the format", lineno)
                items.append(rec)
        except UnicodeDecodeError:
            raise DataError(str(path), "is not UTF-8 text", "save the file as UTF-8 JSON lines") from None
    return items


def _shape_problem(rec: dict) -> str | None:
    """What is wrong with the types of a labelled record, if anything."""
    for key in ("headline", "body"):
        if not isinstance(rec[key], str):
            return f"'{key}' must be a string"
    for key in ("theatres", "topics"):
        if not isinstance(rec[key], list) or not all(isinstance(v, str) for v in rec[key]):
            return f"'{key}' must be a list of slugs"
    if not isinstance(rec["places"], list) or not all(isinstance(v, dict) for v in rec["places"]):
        return "'places' must be a list of objects such as {\"name\": \"Izium\"}"
    return None


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


def record_date(rec: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(rec.get("date", ""))[:10])
    except ValueError:
        return None


def tag_record(tagger: Tagger, rec: dict, explain: bool = True):
    """Tag a labelled or JSON-lines record as the build tags an item of that date."""
    return tagger.tag(rec["headline"], rec["body"], date=record_date(rec), explain=explain)


def evaluate(labelled_path: Path, tagger: Tagger) -> Report:
    """Tag every labelled item of a file and compare with its labels."""
    report = Report.for_tagger(tagger)
    for rec in load_labelled(Path(labelled_path)):
        report.add(rec, tag_record(tagger, rec), tagger)
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


# ----------------------------------------------------------------------------- splits, bands, styles

SPLITS = ("dev", "test")
LONG_WORDS = 200  # a body of this many words or more is a "long" item


def band(rec: dict) -> str:
    """short (under 200 words of body) or long: tags behave differently on each."""
    return "long" if len(rec["body"].split()) >= LONG_WORDS else "short"


def load_sets(paths: list[Path], split: str = "all") -> dict[str, list[dict]]:
    """Labelled sets by name. A folder holds ``dev/`` or ``dev.jsonl`` (tune on it) and
    ``test.jsonl`` (frozen: report only); ``split`` picks one or both. A folder of parts alone
    (``tests/evaluation/dev``) is one set, named after it."""
    sets: dict[str, list[dict]] = {}
    for path in paths:
        if path.is_dir():
            for name in SPLITS if split == "all" else (split,):
                for candidate in (path / name, path / f"{name}.jsonl"):  # a folder of parts, or one file
                    if candidate.exists() and name not in sets:
                        sets[name] = load_labelled(candidate)
            if not sets and any(path.glob("*.jsonl")):
                sets[path.name] = load_labelled(path)
            if not sets:
                raise DataError(str(path), "no dev/, dev.jsonl or test.jsonl here", "give a labelled JSON-lines file")
        else:
            sets[path.stem] = load_labelled(path)
    return sets


def score_records(records: list[dict], tagger: Tagger, taggers: dict[str, Tagger] | None = None
                  ) -> tuple[Report, dict[str, Report], list[tuple[dict, object]]]:
    """(whole set, per length band and per style, every (record, tag set));
    ``taggers`` gives some records a tagger of their own (cross-validation)."""
    whole, groups, results = Report.for_tagger(tagger), {}, []
    for rec in records:
        ts = tag_record((taggers or {}).get(rec["id"], tagger), rec)
        results.append((rec, ts))
        whole.add(rec, ts, tagger)
        for key in (f"band {band(rec)}", f"style {rec.get('style', '-')}"):
            groups.setdefault(key, Report.for_tagger(tagger)).add(rec, ts, tagger)
    return whole, dict(sorted(groups.items())), results


def summary_table(rows: list[tuple[str, Report]]) -> str:
    """One line per group: theatre and topic micro P/R/F1, places (labelled places found, and the
    share of the tagger's places that are labelled), topics per item."""
    head = (f"{'':<20} {'items':>5}  {'theatre P':>9} {'R':>5} {'F1':>5}  {'topic P':>7} {'R':>5} {'F1':>5}"
            f"  {'places':>6} {'P':>5}  {'topics/item':>11}")
    lines = [head]
    for name, r in rows:
        th, to = r.theatre_micro, r.topic_micro
        tagged, gold = r.topics_per_item
        lines.append(f"{name:<20} {r.items:>5}  {th.precision:9.3f} {th.recall:5.3f} {th.f1:5.3f}  "
                     f"{to.precision:7.3f} {to.recall:5.3f} {to.f1:5.3f}  {r.place_accuracy:6.3f} "
                     f"{r.place_precision:5.3f}  "
                     f"{tagged:5.2f}/{gold:<5.2f}")
    return "\n".join(lines)


def evaluate_sets(sets: dict[str, list[dict]], tagger: Tagger, misses: int = 0) -> str:
    """The report of ``sitrep evaluate``: each split as a whole, by length band
    and by style, then per-tag tables; with ``misses``, the worst false
    positives of the first (dev) split with their evidence."""
    out, scored, wholes = [], {}, {}
    for name, records in sets.items():
        taggers, how = None, ""
        if name == "dev" and tagger.model is not None and "dev" in str(tagger.model.trained_on.get("labelled", "")):
            from sitrep.tagging.train import cross_validated

            taggers, how = cross_validated(records, tagger), ", topics from 5-fold cross-validation (the model is trained on dev)"
        whole, groups, results = score_records(records, tagger, taggers)
        scored[name], wholes[name] = results, whole
        out.append(f"== {name}: {whole.items} items{how} (topics/item: tagger/gold)")
        out.append(summary_table([("all", whole), *groups.items()]))
        out.append("")
    for name, whole in wholes.items():
        out.append(f"== {name}: per tag")
        out.append(whole.table())
        out.append("")
    if misses:
        name = "dev" if "dev" in scored else next(iter(scored))
        out.append(f"== {name}: the {misses} worst false positives, with their evidence")
        out.append(worst_false_positives(scored[name], tagger, misses))
    return "\n".join(out).rstrip() + "\n"


def worst_false_positives(results: list[tuple[dict, object]], tagger: Tagger, n: int) -> str:
    """False positive tags, the most confident first (highest share of the
    item's strongest tag, then score), each with the words behind it."""
    wrong = []
    for rec, ts in results:
        for kind, gold, got in (("topic", rec["topics"], ts.topics), ("theatre", rec["theatres"], ts.theatres)):
            for slug in set(got) - set(gold):
                decision = ts.decision(kind, slug)
                wrong.append((decision.share, decision.score, rec, ts, kind, slug, decision))
    wrong.sort(key=lambda w: (-w[0], -w[1], w[2]["id"]))
    lines = []
    for share, score, rec, ts, kind, slug, decision in wrong[:n]:
        lines.append(f"- {rec['id']} [{rec.get('style', '-')}, {band(rec)}] {kind} {slug}: {decision.describe()}")
        lines.append(f"  {rec['headline']}")
        lines.append(f"  gold: {', '.join(rec['theatres']) or '(no theatre)'}; {', '.join(rec['topics'])}")
        for e in ts.evidence_for(kind, slug)[:6]:
            lines.append(f"    \"{e.trigger}\" +{e.weight:.2f} — {e.reason}")
    return "\n".join(lines) if lines else "(none)"
