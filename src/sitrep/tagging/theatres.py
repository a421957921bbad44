"""Theatre scoring: what the item is about, weighed by where and how places are named.

A place or region the item is ABOUT adds its theatre a weight that depends on
where it stands (headline 2, lead sentence 1.5, elsewhere 1); sectors count
like places; history and locators count little; names and governments count
nothing. Theatre cue phrases add their own weights. A theatre is kept when its
score reaches the threshold and a share of the best theatre's score.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer import COUNTRY, PLACE, REGION, Gazetteer
from ..taxonomy import Taxonomy
from .document import Doc
from .places import ABOUT, AREA, HISTORY, LOCATOR, SECTOR, Mention
from .topics import TopicHit

ROLE_FACTOR = {ABOUT: 1.0, SECTOR: 1.0, AREA: 1.0, HISTORY: 0.2, LOCATOR: 0.1}


@dataclass(slots=True)
class TheatreVote:
    theatre: str
    weight: float
    trigger: str
    reason: str


def theatre_votes(doc: Doc, mentions: list[Mention], cues: list[TopicHit], topics: set[str],
                  gaz: Gazetteer) -> list[TheatreVote]:
    """Every contribution to every theatre, for scoring and for the evidence."""
    votes = []
    for m in mentions:
        factor = ROLE_FACTOR.get(m.role, 0.0)
        if not factor:
            continue
        theatre, what = _theatre_of(m, topics, gaz)
        if not theatre:
            continue
        reason = what if m.role == ABOUT else f"{what} ({m.role})"
        votes.append(TheatreVote(theatre, factor * doc.weight(m.start), m.trigger, reason))
    for hit in cues:
        votes.append(TheatreVote(hit.topic, hit.weight, doc.text[doc.starts[hit.start]:doc.ends[hit.end - 1]],
                                 f"cue phrase '{hit.phrase}'"))
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
    scores: dict[str, float] = {}
    for v in votes:
        scores[v.theatre] = scores.get(v.theatre, 0.0) + v.weight
    if not scores:
        return [], scores
    best = max(scores.values())
    keep = {t for t, s in scores.items()
            if s >= taxonomy.theatre_threshold and s >= taxonomy.theatre_ratio * best}
    return [t for t in taxonomy.theatres if t in keep], scores
