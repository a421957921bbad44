"""The tagger: theatres, topics, regions and places of one item, with the evidence.

`load_tagger` reads the taxonomy and the (cached) gazetteer once; `Tagger.tag`
is then pure computation on one item. Editors' overrides from the report file
are applied last and always win.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitrep.tagging.gazetteer import PLACE, Gazetteer, Place, load_gazetteer
from sitrep.model import TagOverrides
from sitrep.tagging.taxonomy import Taxonomy, load_taxonomy
from sitrep.text import fold
from sitrep.tagging.document import make_doc
from sitrep.tagging.places import ABOUT, ContextRules, Mention, assign_roles, find_mentions
from sitrep.tagging.resolve import resolve, unknown_settlements
from sitrep.tagging.theatres import select_theatres, theatre_votes
from sitrep.tagging.topics import TopicScorer


@dataclass(slots=True)
class Evidence:
    """Why a tag is there: what triggered it, why it counts, how much."""

    kind: str  # "theatre" | "topic" | "place" | "override"
    slug: str
    trigger: str
    reason: str
    weight: float = 0.0


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

    def as_json(self, item_id: str = "") -> dict:
        """The record `tag_jsonl` writes."""
        return {"id": item_id, "theatres": self.theatres, "topics": self.topics,
                "places": [p.as_label() for p in self.places]}


class Tagger:
    """Tags items with the taxonomy and gazetteer it was built with."""

    def __init__(self, taxonomy: Taxonomy, gazetteer: Gazetteer):
        self.taxonomy = taxonomy
        self.gazetteer = gazetteer
        self.rules = ContextRules(gazetteer.context)
        self.scorer = TopicScorer(taxonomy)

    # ------------------------------------------------------------------ tagging

    def tag(self, headline: str, body: str, overrides: TagOverrides | None = None) -> TagSet:
        """Tag one item; `overrides` (editor's corrections) win over the tagger."""
        doc = make_doc(headline, body)
        ts = TagSet()
        gaz = self.gazetteer

        scores, hits = self.scorer.score(doc)
        for slug, topic in self.taxonomy.topics.items():
            ts.scores[f"topic:{slug}"] = scores.get(slug, 0.0)
            if scores.get(slug, 0.0) >= topic.threshold:
                ts.topics.append(slug)
        chosen = set(ts.topics)
        for h in hits:
            if h.topic in chosen:
                ts.evidence.append(Evidence("topic", h.topic, _span(doc, h.start, h.end),
                                            f"phrase '{h.phrase}'", h.weight))

        mentions = find_mentions(doc, gaz)
        assign_roles(doc, mentions, self.rules, gaz)
        mentions = sorted(mentions + unknown_settlements(doc, mentions, gaz), key=lambda m: m.start)
        resolve(doc, mentions, gaz)
        self._places(ts, mentions)

        votes = theatre_votes(doc, mentions, self.scorer.cue_hits(doc), chosen, gaz)
        ts.theatres, tscores = select_theatres(votes, self.taxonomy)
        for slug, s in tscores.items():
            ts.scores[f"theatre:{slug}"] = s
        kept = set(ts.theatres)
        for v in votes:
            if v.theatre in kept:
                ts.evidence.append(Evidence("theatre", v.theatre, v.trigger, v.reason, v.weight))

        if overrides:
            self._apply_overrides(ts, overrides)
        return ts

    def _places(self, ts: TagSet, mentions: list[Mention]) -> None:
        """Place labels and regions from the mentions the item is about."""
        seen = set()
        regions = []
        for m in mentions:
            if m.role != ABOUT:
                if m.kind == PLACE and m.role:
                    ts.evidence.append(Evidence("place", m.place.slug if m.place else "", m.trigger,
                                                f"not a place label: {m.role} ({m.why})", 0.0))
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
            seen.update((m.place.slug, key))
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

    def explain(self, ts: TagSet) -> str:
        """The evidence as text, for `invoke tag --explain`."""
        lines = []
        for kind, label in (("theatre", "Theatres"), ("topic", "Topics"), ("place", "Places"),
                            ("override", "Overrides")):
            ev = [e for e in ts.evidence if e.kind == kind]
            if kind == "theatre":
                lines.append(f"{label}: {', '.join(ts.theatres) or '(none)'}")
            elif kind == "topic":
                lines.append(f"{label}: {', '.join(ts.topics) or '(none)'}")
            elif kind == "place":
                lines.append(f"{label}: {', '.join(f'{p.name} ({p.region})' for p in ts.places) or '(none)'}")
            elif not ev:
                continue
            else:
                lines.append(f"{label}:")
            for e in ev:
                weight = f" +{round(e.weight, 2):g}" if e.weight else ""
                slug = f"{e.slug}: " if e.slug and kind != "place" else ""
                lines.append(f"  - {slug}\"{e.trigger}\"{weight} — {e.reason}")
        scores = [f"{k}={round(v, 2):g}" for k, v in ts.scores.items() if v]
        if scores:
            lines.append("Scores: " + ", ".join(scores))
        for w in ts.warnings:
            lines.append(f"Warning: {w}")
        return "\n".join(lines)


def _span(doc, start: int, end: int) -> str:
    return doc.text[doc.starts[start]:doc.ends[end - 1]]


def load_tagger(data_dir: Path, cache_dir: Path | None = None) -> Tagger:
    """Taxonomy from TOML, gazetteer from the cache (or built and cached)."""
    taxonomy = load_taxonomy(Path(data_dir))
    gazetteer = load_gazetteer(Path(data_dir), cache_dir, set(taxonomy.theatres))
    return Tagger(taxonomy, gazetteer)
