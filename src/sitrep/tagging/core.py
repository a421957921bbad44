"""The tagger: theatres, topics, regions and places of one item, with the evidence.

`load_tagger` reads the taxonomy and the (cached) gazetteer once; `Tagger.tag`
is then pure computation on one item. Editors' overrides from the report file
are applied last and always win.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.tagging.gazetteer import PLACE, REGION, Gazetteer, Place, load_gazetteer
from sitrep.model import TagOverrides
from sitrep.tagging.taxonomy import Taxonomy, load_taxonomy
from sitrep.text import fold
from sitrep.tagging.document import make_doc
from sitrep.tagging.place_context import ContextRules
from sitrep.tagging.place_roles import assign_roles, assign_time_roles
from sitrep.tagging.places import ABOUT, BACKGROUND, HISTORY, LOCATOR, Mention, find_mentions
from sitrep.tagging.resolve import km_between, resolve
from sitrep.tagging.settlements import (relocate_across_border, relocate_namesakes, respell_new_villages,
                                        unknown_settlements, zone_new_villages)
from sitrep.tagging.aboutness import weigh
from sitrep.tagging.features import item_features
from sitrep.tagging.linear import TopicModel, load_model, vocabulary_digest
from sitrep.tagging.theatres import TheatreVote, home_theatre, roundup_theatres, select_theatres, theatre_votes
from sitrep.tagging.topics import TopicScorer, choose_topics, figured


logger = logging.getLogger("sitrep.tags")


@dataclass(slots=True)
class Evidence:
    """Why a tag is there: what triggered it, why it counts, how much."""

    kind: str  # "theatre" | "topic" | "place" | "override"
    slug: str
    trigger: str
    reason: str
    weight: float = 0.0


@dataclass(slots=True)
class Decision:
    """Why a candidate tag was kept or dropped: its score against the rules."""

    kind: str  # "theatre" | "topic"
    slug: str
    score: float = 0.0
    share: float = 0.0  # of the item's strongest tag of the same kind
    threshold: float = 0.0
    ratio: float = 0.0  # the share a tag must reach
    passed: bool = False
    why: str = ""  # the rule that dropped it (or what kept it)
    measure: str = "score"  # "probability" for the learned model

    def describe(self) -> str:
        verdict = "kept" if self.passed else "dropped"
        share = f", {self.share:.0%} of the strongest (needs {self.ratio:.0%})" if self.ratio else ""
        return (f"{verdict}: {self.measure} {self.score:.2f} (threshold {self.threshold:g}){share}"
                f"{'; ' + self.why if self.why else ''}")


@dataclass(slots=True)
class TagSet:
    """The tags of one item."""

    theatres: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # overrides naming unknown slugs
    scores: dict[str, float] = field(default_factory=dict)  # "theatre:slug"/"topic:slug" -> score
    decisions: list[Decision] = field(default_factory=list)  # every candidate tag, kept or not

    def __digest__(self) -> tuple:
        """What pages show of the tags (see sitrep.publish.fingerprint): evidence is not shown;
        where a place is is (maps, items.json), so an editor's coordinates for a village that
        was placed at its region's point change the pages."""
        return (self.theatres, self.topics, [(p.slug, p.lat, p.lon) for p in self.places], self.regions)

    def shown(self) -> TagSet:
        """The tags without the reasons for them (evidence, scores, decisions):
        what a build keeps of every item until its pages are written, and what
        the build's tag cache remembers. The reasons are most of a tag set's
        memory (about 90 MiB per 1,000 reports) and no page shows them;
        ``sitrep tag --explain`` tags afresh to show them."""
        return TagSet(self.theatres, self.topics, self.regions, self.places, warnings=self.warnings)

    def decision(self, kind: str, slug: str) -> Decision:
        found = next((d for d in self.decisions if d.kind == kind and d.slug == slug), None)
        return found or Decision(kind, slug, self.scores.get(f"{kind}:{slug}", 0.0), why="no evidence")

    def evidence_for(self, kind: str, slug: str) -> list[Evidence]:
        return sorted((e for e in self.evidence if e.kind == kind and e.slug == slug), key=lambda e: -e.weight)

    def as_json(self, item_id: str = "") -> dict:
        """The record `tag_jsonl` writes."""
        return {"id": item_id, "theatres": self.theatres, "topics": self.topics,
                "places": [p.as_label() for p in self.places]}


NAMESAKE_PLACED_KM = 60.0  # a second reading of a name this close to the place locating it is another place


class Tagger:
    """Tags items with the taxonomy and gazetteer it was built with."""

    def __init__(self, taxonomy: Taxonomy, gazetteer: Gazetteer, model: TopicModel | None = None,
                 taxonomy_dir: Path | None = None):
        self.taxonomy = taxonomy
        self.gazetteer = gazetteer
        self.model = model
        self.taxonomy_dir = taxonomy_dir
        self.rules = ContextRules(gazetteer.context)
        self.scorer = TopicScorer(taxonomy)
        self._background_phrases = taxonomy.aboutness.by_first_word()
        self._thresholds = {slug: t.threshold for slug, t in taxonomy.topics.items()}

    # ------------------------------------------------------------------ tagging

    def tag(self, headline: str, body: str, overrides: TagOverrides | None = None,
            date: dt.date | None = None, explain: bool = True) -> TagSet:
        """Tag one item; `overrides` (editor's corrections) win over the tagger.

        ``date`` (the report's) tells background sentences about earlier days
        from the news; without it the latest date of the headline and lead is used.
        With ``explain=False`` the tags are the same but the words behind them are
        not written out (``evidence`` holds only the editor's overrides): a build
        keeps only what pages show, and the evidence strings were a third of the
        tagging time of a long item."""
        doc = make_doc(headline, body)
        weighing = weigh(doc, self.taxonomy.aboutness, date, self._background_phrases)
        ts = TagSet()
        self._topics(ts, doc, weighing, explain)

        gaz = self.gazetteer
        mentions = find_mentions(doc, gaz)
        times = assign_roles(doc, mentions, self.rules, gaz, weighing.background, weighing.cues)
        unknown = unknown_settlements(doc, mentions, gaz, self.rules.not_settlements, units=self.rules.units,
                                      kit=self.rules.not_village_before, centres=self.rules.centres,
                                      plurals=self.rules.town_plurals, people=self.rules.given_names)
        assign_time_roles(unknown, times)
        mentions = sorted(mentions + unknown, key=lambda m: m.start)
        resolve(doc, mentions, gaz, self.rules.list_openers, self.rules.units, self.rules.another_namesake)
        relocate_namesakes(doc, mentions, gaz)
        relocate_across_border(doc, mentions, gaz)
        respell_new_villages(mentions, gaz, self.rules.russian_endings, self.rules.russian_stems)
        zone_new_villages(mentions, gaz)

        votes = theatre_votes(doc, mentions, self.scorer.cue_hits(doc, weighing), set(ts.topics), gaz, weighing,
                              self.rules)
        choices = select_theatres(votes, self.taxonomy)
        if not any(c.passed for c in choices):
            actors = self.scorer.cue_hits(doc, weighing, "actor")
            home = home_theatre(actors, ts.topics, self.taxonomy)
            if home is not None:
                choices = [c for c in choices if c.slug != home.slug] + [home]
                votes += [TheatreVote(h.topic, h.weight, _span(doc, h.start, h.end), f"actor '{h.phrase}'", h.phrase)
                          for h in actors if h.topic == home.slug]
        ts.theatres = [slug for slug in self.taxonomy.theatres if any(c.passed and c.slug == slug for c in choices)]
        for c in choices:
            ts.scores[f"theatre:{c.slug}"] = c.score
            ts.decisions.append(Decision("theatre", c.slug, c.score, c.share, self.taxonomy.theatre_threshold,
                                         self.taxonomy.theatre_ratio, c.passed, c.why))
        if explain:
            for v in votes:
                ts.evidence.append(Evidence("theatre", v.theatre, v.trigger, v.reason, v.weight))
        self._places(ts, mentions, doc, weighing)
        self._roundup(ts, explain)

        if overrides:
            self._apply_overrides(ts, overrides)
        return ts

    def _roundup(self, ts: TagSet, explain: bool) -> None:
        """The theatres of the cities a nationwide strike roundup labels (theatres.roundup_theatres)."""
        extra = {slug: names for slug, names in roundup_theatres(ts.places, ts.topics, ts.theatres, self.taxonomy).items()
                 if slug not in ts.theatres}
        if not extra:
            return
        ts.theatres = [slug for slug in self.taxonomy.theatres if slug in ts.theatres or slug in extra]
        for d in ts.decisions:
            if d.kind == "theatre" and d.slug in extra:
                d.passed, d.why = True, "a place labelled in a nationwide strike roundup: " + ", ".join(extra[d.slug])
        if explain:
            for slug, names in extra.items():
                ts.evidence.extend(Evidence("theatre", slug, name, "a city hit in a nationwide strike roundup", 0.0)
                                   for name in names)

    def features(self, headline: str, body: str, date: dt.date | None = None, topic_weight: float = 0.75,
                 saturation: float = 4.0) -> dict[str, float]:
        """What the topic model sees of an item (for training)."""
        doc = make_doc(headline, body)
        weighing = weigh(doc, self.taxonomy.aboutness, date, self._background_phrases)
        scores, hits, _ = self.scorer.score(doc, weighing)
        return item_features(doc, weighing, scores, self._thresholds, topic_weight, saturation,
                             self.scorer.blocked_tokens(doc), self._figured(doc, weighing, hits))

    def _figured(self, doc, weighing, hits) -> set[str]:
        return figured(doc, weighing, hits, self.taxonomy.aboutness.body)

    def _topics(self, ts: TagSet, doc, weighing, explain: bool = True) -> None:
        """Topics from the model where it knows the topic, else from the phrase rules."""
        scores, hits, up_front = self.scorer.score(doc, weighing)
        decisions = [Decision("topic", c.slug, c.score, c.share, c.threshold, self.taxonomy.topic_rules.ratio,
                              c.passed, c.why) for c in choose_topics(scores, up_front, self.taxonomy)]
        model = self.model
        if model is not None:
            features = item_features(doc, weighing, scores, self._thresholds, model.topic_weight, model.saturation,
                                     self.scorer.blocked_tokens(doc), self._figured(doc, weighing, hits))
            scored = model.score(features)
            learned = model_decisions(model, scored.probabilities, self.taxonomy,
                                      {t for t, v in scores.items() if v > 0})
            decisions = [d for d in decisions if d.slug not in model.bias] + learned
            if explain:
                for d in learned:
                    for name, value in scored.contributions(d.slug):
                        ts.evidence.append(Evidence("topic", d.slug, name, "learned weight of this feature", value))
        kept = {d.slug for d in decisions if d.passed}
        ts.topics = [slug for slug in self.taxonomy.topics if slug in kept]
        ts.decisions.extend(decisions)
        for d in decisions:
            ts.scores[f"topic:{d.slug}"] = d.score
        if not explain:
            return
        n_head, sent, lead, background = doc.n_head, doc.sent, weighing.lead, weighing.background
        text, starts, ends, add = doc.text, doc.starts, doc.ends, ts.evidence.append
        for h in hits:
            where = "headline" if h.start < n_head else (
                "lead" if sent[h.start] in lead else ("background" if sent[h.start] in background else "body"))
            add(Evidence("topic", h.topic, text[starts[h.start]:ends[h.end - 1]],
                         f"phrase '{h.phrase}' in the {where}", h.weight))

    def _changed_hands(self, doc, m: Mention) -> bool:
        """Whether the sentence of ``m`` says a place was captured, retaken or given up: a
        recent background sentence of that kind ("which Ukrainian forces recaptured on July 27")
        is history, where a recent strike in the same campaign is still news."""
        lo, hi = doc.sentence_span(m.start)
        return not self.rules.control.isdisjoint(doc.words[lo:hi])

    def _another_namesake(self, doc, m: Mention, mentions: list[Mention]) -> bool:
        """Whether ``m`` is a second place of a name the item labels: "a second Petropavlivka", a
        name its own sentence puts in its region ("near Konstantinovka, the Donetsk region city"),
        or one that lies by the place locating it ("near Stepove, west of Orikhiv")."""
        if m.start > 0 and doc.words[m.start - 1] in self.rules.another_namesake:
            return True
        s = doc.sent[m.start]
        return any(doc.sent[o.start] == s and (
            o.kind == REGION and o.role == ABOUT and o.region == m.place.region  # not "distinct from the
            # Stepove in Donetsk Oblast"
            or o.kind == PLACE and o.role == LOCATOR and o.place is not None and o.start > m.start
            and km_between(o.place, m.place) <= NAMESAKE_PLACED_KM) for o in mentions)

    def _places(self, ts: TagSet, mentions: list[Mention], doc, weighing) -> None:
        """Place labels and regions from the mentions the item is about: a place named
        only in the late paragraphs of a long item (weight below the body's, or every mention
        in the last ``tail`` share of its body: aboutness.toml [places]) is context, and so is a
        river named only after the lead (``water_up_front``)."""
        rules = self.taxonomy.aboutness
        strongest: dict[str, float] = {}
        total: dict[str, float] = {}
        up_front: set[str] = set()
        about_up_front: set[str] = set()
        news_weight: dict[str, float] = {}  # the heaviest sentence where the place is where it happens
        first: dict[str, int] = {}
        for m in mentions:
            if m.kind == PLACE and m.place is not None:
                first.setdefault(m.place.slug, m.start)
                w = weighing.at(m.start, doc)
                strongest[m.place.slug] = max(strongest.get(m.place.slug, 0.0), w)
                total[m.place.slug] = total.get(m.place.slug, 0.0) + w
                if m.role == ABOUT:
                    news_weight[m.place.slug] = max(news_weight.get(m.place.slug, 0.0), w)
                if m.start < doc.n_head or doc.sent[m.start] in weighing.lead:
                    up_front.add(m.place.slug)
                    if m.role == ABOUT:
                        about_up_front.add(m.place.slug)
        best = max(total.values(), default=0.0)
        # the last `tail` share of a long item's words (headline and body): a place named only there is
        # context; "long" counts the body's words. (A share of the body's words alone, measured on the
        # dev split, labels six more places named only in closing background and finds none more.)
        n_words, body_words = len(doc.words), len(doc.words) - doc.n_head
        tail = n_words - rules.place_tail * n_words if body_words >= rules.place_tail_words else n_words
        seen = set()
        labelled: dict[str, str] = {}  # a place's name and the text's spelling of it (folded) -> its region
        regions = []
        kept = set(ts.theatres)
        for m in mentions:
            if (m.role == HISTORY and m.why == BACKGROUND and m.place is not None and m.place.theatre in kept
                    and doc.sent[m.start] not in weighing.history and not self._changed_hands(doc, m)):
                pass  # a recent background sentence about a place of the item's own theatre: still where it happens
            elif m.role != ABOUT:
                if m.kind == PLACE and m.role:
                    ts.evidence.append(Evidence("place", m.place.slug if m.place else "", m.trigger,
                                                f"not a place label: {m.role} ({m.why})", 0.0))
                continue
            if m.kind == PLACE and m.place is not None and m.place.slug not in up_front and first[m.place.slug] >= tail:
                if m.start == first[m.place.slug]:
                    ts.evidence.append(Evidence("place", m.place.slug, m.trigger,
                                                "not a place label: named only in the last part of a long item", 0.0))
                continue
            if m.region and m.region not in regions:
                regions.append(m.region)
            if m.kind != PLACE:
                continue
            if m.place is None:
                ts.evidence.append(Evidence("place", "", m.trigger, f"unresolved: {m.resolution}", 0.0))
                continue
            key = (m.place.name.lower(), m.place.region)
            if m.place.slug in seen or key in seen or not m.place.label:
                continue
            # one word, one place: "Khalino" of a list and "Khalino" of the next sentence are one village,
            # whichever namesakes they were read as; another spelling the text places elsewhere
            # ("Konstantinovka, the Donetsk region city") or "a second Petropavlivka" is another
            name, spelt = fold(m.place.name), fold(m.trigger)
            region = labelled.get(name) or labelled.get(spelt)
            if region is not None and region != m.place.region and not self._another_namesake(doc, m, mentions):
                ts.evidence.append(Evidence("place", m.place.slug, m.trigger, "not a place label: the item "
                                            f"labels {m.trigger} in {region} already", 0.0))
                continue
            if (rules.place_up_front_context and m.place.slug in up_front and m.place.slug not in about_up_front
                    and news_weight.get(m.place.slug, 0.0) < rules.body):
                ts.evidence.append(Evidence("place", m.place.slug, m.trigger, "not a place label: the headline or "
                                            "lead names it in another role, and only late or background "
                                            "sentences after it as where something happens", 0.0))
                continue
            if rules.place_water_up_front and m.place.is_water and m.place.slug not in up_front:
                ts.evidence.append(Evidence("place", m.place.slug, m.trigger,
                                            "not a place label: a river named only after the lead", 0.0))
                continue
            if strongest.get(m.place.slug, 0.0) < rules.place_min_weight:
                ts.evidence.append(Evidence("place", m.place.slug, m.trigger,
                                            "not a place label: named only in the item's late paragraphs", 0.0))
                continue
            if m.place.slug not in up_front and total[m.place.slug] < rules.place_ratio * best:
                ts.evidence.append(Evidence("place", m.place.slug, m.trigger,
                                            "not a place label: mentioned in passing beside the item's main places", 0.0))
                continue
            seen.update((m.place.slug, key))
            labelled.setdefault(name, m.place.region)
            labelled.setdefault(spelt, m.place.region)
            ts.places.append(m.place)
            reason = f"{m.place.name}, {m.place.region_name}"
            if m.resolution:
                reason += f" ({m.resolution})"
            ts.evidence.append(Evidence("place", m.place.slug, m.trigger, reason, 1.0))
        ts.regions = regions

    # ------------------------------------------------------------------ overrides

    def _apply_overrides(self, ts: TagSet, o: TagOverrides) -> None:
        """Editors win: "*" removes all of the tagger's tags of a kind, then adds apply."""
        ts.theatres = self._override_slugs(ts, "theatre", ts.theatres, o.add_theatres, o.remove_theatres,
                                           self.taxonomy.theatres)
        ts.topics = self._override_slugs(ts, "topic", ts.topics, o.add_topics, o.remove_topics,
                                         self.taxonomy.topics)
        places = list(ts.places)
        if "*" in o.remove_places:
            places = []
            ts.evidence.append(Evidence("override", "*", "*", "editor removed all places"))
        else:
            for name in o.remove_places:
                key = fold(name)
                kept = [p for p in places if p.slug != name and fold(p.name) != key]
                if len(kept) == len(places):
                    ts.warnings.append(f"remove place '{name}': the item has no such place")
                places = kept
                ts.evidence.append(Evidence("override", name, name, "editor removed place"))
        for name in o.add_places:
            place = self.find_place(name)
            if place is None:
                ts.warnings.append(f"add place '{name}': unknown place (use a slug or a name the gazetteer knows)")
                continue
            if place not in places:
                places.append(place)
            ts.evidence.append(Evidence("override", place.slug, name, "editor added place"))
        ts.places = places
        ts.regions = list(dict.fromkeys([*ts.regions, *(p.region for p in places)]))
        for e in ts.evidence:
            if e.kind == "override":
                e.weight = 1.0

    def _override_slugs(self, ts: TagSet, kind: str, current: list[str], add: list[str],
                        remove: list[str], known: dict) -> list[str]:
        out = list(current)
        if "*" in remove:
            out = []
            ts.evidence.append(Evidence("override", "*", "*", f"editor removed all {kind}s"))
        for slug in remove:
            if slug != "*" and slug in out:
                out.remove(slug)
                ts.evidence.append(Evidence("override", slug, slug, f"editor removed {kind}"))
        for slug in add:
            if slug not in known:
                ts.warnings.append(f"add {kind} '{slug}': unknown slug (known: {', '.join(known)})")
                continue
            if slug not in out:
                out.append(slug)
            ts.evidence.append(Evidence("override", slug, slug, f"editor added {kind}"))
        order = list(known)
        return sorted(out, key=order.index)

    def find_place(self, name: str) -> Place | None:
        """A place by slug or by any spelling (the best-known one for ambiguous names)."""
        if name in self.gazetteer.by_slug:
            return self.gazetteer.by_slug[name]
        found = self.gazetteer.lookup(name)
        return found[0] if found else None

    # ------------------------------------------------------------------ explaining

    def explain(self, ts: TagSet, evidence_per_tag: int = 5) -> str:
        """Why each tag was kept or dropped, with the words behind it (``invoke tag --explain``)."""
        lines = []
        for kind, label, chosen in (("theatre", "Theatres", ts.theatres), ("topic", "Topics", ts.topics)):
            lines.append(f"{label}: {', '.join(chosen) or '(none)'}")
            for d in sorted((d for d in ts.decisions if d.kind == kind), key=lambda d: (not d.passed, -d.score)):
                lines.append(f"  {'+' if d.passed else '-'} {d.slug}: {d.describe()}")
                for e in ts.evidence_for(kind, d.slug)[:evidence_per_tag]:
                    lines.append(f"      \"{e.trigger}\" {e.weight:+.2f} — {e.reason}")
        lines.append(f"Places: {', '.join(f'{p.name} ({p.region})' for p in ts.places) or '(none)'}")
        for e in ts.evidence:
            if e.kind == "place":
                lines.append(f"  - \"{e.trigger}\" — {e.reason}")
        overrides = [e for e in ts.evidence if e.kind == "override"]
        if overrides:
            lines.append("Overrides:")
            lines += [f"  - {e.slug}: {e.reason}" for e in overrides]
        lines += [f"Warning: {w}" for w in ts.warnings]
        return "\n".join(lines)


def _span(doc, start: int, end: int) -> str:
    return doc.text[doc.starts[start]:doc.ends[end - 1]]


def model_decisions(model: TopicModel, probabilities: dict[str, float], taxonomy: Taxonomy,
                    phrased: set[str]) -> list[Decision]:
    """Kept or dropped, by the model's probability: at most ``max_topics``, and at
    least the likeliest topic when a phrase of it stands in the item (``phrased``):
    a labour strike or a drone show, whose phrases the negatives cancel, gets none."""
    probs = {t: p for t, p in probabilities.items() if t in taxonomy.topics}
    best = max(probs.values(), default=0.0)
    out, kept = [], 0
    for slug in sorted(probs, key=lambda t: (-probs[t], t)):
        p = probs[slug]
        if kept >= model.max_topics:
            passed, why = False, f"only the {model.max_topics} likeliest topics are kept"
        elif p >= model.threshold or (kept == 0 and slug in phrased):
            passed, why = True, "learned model" if p >= model.threshold else "learned model: the likeliest topic"
        else:
            passed, why = False, "learned model: below its probability threshold"
        kept += passed
        if passed or p >= 0.05:
            out.append(Decision("topic", slug, p, p / best if best else 0.0, model.threshold, 0.0, passed, why,
                                "probability"))
    return out


def load_tagger(data_dir: Path, cache_dir: Path | None = None, warn_stale: bool = True) -> Tagger:
    """Taxonomy from TOML, gazetteer from the cache (or built and cached), the
    learned topic model if one was trained."""
    taxonomy_dir = Path(data_dir) / "taxonomy"
    taxonomy = load_taxonomy(Path(data_dir))
    gazetteer = load_gazetteer(Path(data_dir), cache_dir, set(taxonomy.theatres))
    model = load_model(taxonomy_dir)
    if warn_stale and model is not None and model.vocabulary_digest != vocabulary_digest(taxonomy_dir):
        logger.warning("%s was trained before topics.toml or aboutness.toml last changed\n"
                       "  how to fix: run 'invoke train' to fit it to the current vocabulary",
                       taxonomy_dir / "topic-model.json")
    return Tagger(taxonomy, gazetteer, model, taxonomy_dir)
