"""Theatre scoring: what the item is about, weighed by where and how places are named.

A place or region the item is ABOUT adds its theatre a weight that depends on
where it stands (headline 2, lead sentence 1.5, elsewhere 1); sectors count
like places; history and locators count little; names and governments count
nothing. Theatre cue phrases add their own weights. A theatre is kept when its
score reaches the threshold and a share of the best theatre's score.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.tagging.gazetteer import COUNTRY, PLACE, REGION, Gazetteer
from sitrep.tagging.taxonomy import Taxonomy
from sitrep.tagging.document import Doc
from sitrep.tagging.places import ABOUT, AREA, HISTORY, LOCATOR, SECTOR, Mention
from sitrep.tagging.topics import TopicHit

ROLE_FACTOR = {ABOUT: 1.0, SECTOR: 1.0, AREA: 1.0, HISTORY: 0.2, LOCATOR: 0.1}


@dataclass(slots=True)
class TheatreVote:
    theatre: str
    weight: float
    trigger: str
    reason: str
    entity: str = ""  # the place/region/cue voting: an entity counts once, at its strongest


def theatre_votes(doc: Doc, mentions: list[Mention], cues: list[TopicHit], topics: set[str],
                  gaz: Gazetteer) -> list[TheatreVote]:
    """Every contribution to every theatre, for scoring and for the evidence."""
    votes = []
    # A region whose places in the item all belong to another theatre (Nikopol, Mezhova) votes
    # with them: "Mezhova, in Dnipropetrovsk Oblast" is donbas, not the oblast's rear.
    region_theatres: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == PLACE and m.place is not None and m.role in (ABOUT, SECTOR, AREA):
            region_theatres.setdefault(m.place.region, set()).add(_theatre_of(m, topics, gaz)[0])
    for m in mentions:
        factor = ROLE_FACTOR.get(m.role, 0.0)
        if not factor:
            continue
        theatre, what = _theatre_of(m, topics, gaz)
        if m.kind == REGION and len(region_theatres.get(m.region, ())) == 1:
            only = next(iter(region_theatres[m.region]))
            if only and only != theatre:
                theatre, what = only, f"{what}, where the item's places are {only}"
        if not theatre:
            continue
        reason = what if m.role == ABOUT else f"{what} ({m.role})"
        entity = m.place.slug if m.place is not None else (m.region or m.country or m.trigger)
        votes.append(TheatreVote(theatre, factor * doc.weight(m.start), m.trigger, reason, entity))
    for hit in cues:
        votes.append(TheatreVote(hit.topic, hit.weight, doc.text[doc.starts[hit.start]:doc.ends[hit.end - 1]],
                                 f"cue phrase '{hit.phrase}'", "cue:" + hit.phrase))
    return votes


def _theatre_of(m: Mention, topics: set[str], gaz: Gazetteer) -> tuple[str, str]:
    if m.kind == PLACE:
        if m.place is None:
            return "", ""
        p = m.place
        if p.naval_theatre and "naval" in topics:
            return p.naval_theatre, f"{p.name} (naval item)"
        return p.theatre, f"{p.name}, {p.region_name}"
    if m.kind == REGION:
        r = gaz.regions[m.region]
        return r.theatre, f"region {r.name}"
    if m.kind == COUNTRY:
        return gaz.countries.get(m.country, ""), f"country {m.trigger}"
    return "", ""


def select_theatres(votes: list[TheatreVote], taxonomy: Taxonomy) -> tuple[list[str], dict[str, float]]:
    """Theatres that reach the threshold and a share of the best, in taxonomy order."""
    strongest: dict[tuple[str, str], float] = {}
    for v in votes:
        key = (v.theatre, v.entity)
        strongest[key] = max(strongest.get(key, 0.0), v.weight)
    scores: dict[str, float] = {}
    for (theatre, _), w in strongest.items():
        scores[theatre] = scores.get(theatre, 0.0) + w
    if not scores:
        return [], scores
    best = max(scores.values())
    keep = {t for t, s in scores.items()
            if s >= taxonomy.theatre_threshold and s >= taxonomy.theatre_ratio * best}
    return [t for t in taxonomy.theatres if t in keep], scores
