"""Theatre scoring: what the item is about, weighed by where and how places are named.

A place or region the item is ABOUT adds its theatre the weight of its
sentence (:mod:`sitrep.tagging.aboutness`: headline, lead, body, late
paragraphs, background); sectors count like places; history and locators count
little; names and governments count nothing. Theatre cue phrases add their own
weights. A theatre is kept when its score reaches the threshold and a share of
the best theatre's score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sitrep.tagging.gazetteer import COUNTRY, PLACE, REGION, Gazetteer
from sitrep.tagging.taxonomy import Taxonomy
from sitrep.tagging.aboutness import Weighing
from sitrep.tagging.document import Doc
from sitrep.tagging.place_context import ContextRules
from sitrep.tagging.places import ABOUT, AREA, HISTORY, LOCATOR, SECTOR, Mention
from sitrep.tagging.topics import TopicHit
from sitrep.text import STOPWORDS

RUSSIA = "russia"  # the theatre of the rest of Russia
TOWN_CUES = frozenset({"Russian city", "Russian cities"})  # its cues that name a town, which may be a border one
REGION_GOVERNMENT = frozenset({"governor", "governors", "regional"})  # "Dnipropetrovsk governor Serhii Lysak"
ROLE_FACTOR = {ABOUT: 1.0, SECTOR: 1.0, AREA: 1.0, HISTORY: 0.2, LOCATOR: 0.1}


@dataclass(slots=True)
class TheatreVote:
    theatre: str
    weight: float
    trigger: str
    reason: str
    entity: str = ""  # the place/region/cue voting: an entity counts once, at its strongest
    up_front: bool = False  # in the headline or the lead
    headline_place: bool = False  # a settlement a headline's later clause is about ("...; Belgorod depot ablaze")


def theatre_votes(doc: Doc, mentions: list[Mention], cues: list[TopicHit], topics: set[str],
                  gaz: Gazetteer, weighing: Weighing, rules: ContextRules) -> list[TheatreVote]:
    """Every contribution to every theatre, for scoring and for the evidence; ``rules`` give the
    distance and direction words that make a cue phrase a locator ("60 km from the border with Belarus")."""
    votes = []
    # A region whose places in the item all belong to another theatre (Nikopol, Mezhova) votes
    # with them: "Mezhova, in Dnipropetrovsk Oblast" is donbas, not the oblast's rear. So does a
    # region's government named after its capital ("Dnipropetrovsk governor" in an item about
    # Marhanets), not a district ("the Kryvyi Rih district" is where something happened).
    region_theatres: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == PLACE and m.place is not None and m.role in (ABOUT, SECTOR):
            region_theatres.setdefault(m.place.region, set()).add(_theatre_of(m, topics, gaz)[0])
    for m in mentions:
        if m.kind == PLACE and m.place is not None and m.role == AREA and m.place.region not in region_theatres:
            region_theatres[m.place.region] = {_theatre_of(m, topics, gaz)[0]}
    # a headline's second report starts after a comma or semicolon, and the body tells it too: "Ukrainian
    # troops retake Hostomel; Belgorod fuel depot ablaze" (not "Russia shells Vovchansk from Shebekino", nor
    # "..., Kupiansk could be next" or "..., Moscow scrambles reserves from Zaporizhzhia" of a body that
    # does not report them)
    second_report = doc.second_clause()
    told = {m.place.slug for m in mentions if m.kind == PLACE and m.role == ABOUT and m.place is not None
            and (m.start >= doc.n_head or (second_report <= m.start and _told_in_body(doc, second_report, m)))
            } if second_report < doc.n_head else set()
    for m in mentions:
        factor = ROLE_FACTOR.get(m.role, 0.0)
        if not factor:
            continue
        theatre, what = _theatre_of(m, topics, gaz)
        governing = m.role == AREA and m.place is not None and m.end < len(doc.words) \
            and doc.words[m.end] in REGION_GOVERNMENT
        region = m.region if m.kind == REGION else m.place.region if governing else ""
        if region and len(region_theatres.get(region, ())) == 1:
            only = next(iter(region_theatres[region]))
            if only and only != theatre:
                theatre, what = only, f"{what}, where the item's places are {only}"
        elif region and region_theatres.get(region) and theatre not in region_theatres[region]:
            continue  # "Dnipropetrovsk region" of an item about Mezhova (donbas) and Nikopol (south): they vote
        if not theatre:
            continue
        reason = what if m.role == ABOUT else f"{what} ({m.role})"
        entity = m.place.slug if m.place is not None else (m.region or m.country or m.trigger)
        votes.append(TheatreVote(theatre, factor * weighing.at(m.start, doc), m.trigger, reason, entity,
                                 _up_front(doc, weighing, m.start),
                                 second_report <= m.start < doc.n_head and m.kind == PLACE and m.role == ABOUT
                                 and m.place.slug in told))
    # "the deadliest attack on a Russian city" in an item whose Russian places are all on the border
    # (Belgorod) names those places: a cue for Russia's towns does not vote for the rest of Russia
    # there ("over several Russian regions" still does)
    russian = {_theatre_of(m, topics, gaz)[0] for m in mentions
               if m.kind == PLACE and m.place is not None and m.role in (ABOUT, SECTOR, AREA)
               and m.place.country == "RU"} if any(hit.phrase in TOWN_CUES for hit in cues) else set()
    for hit in cues:
        if hit.topic == RUSSIA and hit.phrase in TOWN_CUES and russian and RUSSIA not in russian:
            continue
        located = _cue_locates(doc, hit.start, rules)
        votes.append(TheatreVote(hit.topic, hit.weight * (ROLE_FACTOR[LOCATOR] if located else 1.0),
                                 doc.text[doc.starts[hit.start]:doc.ends[hit.end - 1]],
                                 f"cue phrase '{hit.phrase}'" + (" (locator)" if located else ""), "cue:" + hit.phrase,
                                 _up_front(doc, weighing, hit.start)))
    return votes


CUE_DISTANCE_SPAN = 5  # words before "from" where a distance may stand: "about 60 km from the border"


def _cue_locates(doc: Doc, start: int, rules: ContextRules) -> bool:
    """Whether a cue phrase only locates another place, as a place name would: "a city about 60 km
    from the border with Belarus". (Not a direction: "north of the Belarusian border" is in Belarus,
    "west of the Crimean peninsula" in the sea around it, both the cue's theatre.)"""
    words = doc.words
    k = start - 1
    while k >= 0 and words[k] == "the" and doc.sent[k] == doc.sent[start]:
        k -= 1
    if k < 1 or doc.sent[k] != doc.sent[start]:
        return False
    if words[k] == "from":
        window = range(max(0, k - CUE_DISTANCE_SPAN), k)
        return any(words[j] in rules.units and doc.sent[j] == doc.sent[start] for j in window)
    return False


def _up_front(doc: Doc, weighing: Weighing, token: int) -> bool:
    return token < doc.n_head or doc.sent[token] in weighing.lead


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


@dataclass(slots=True)
class TheatreChoice:
    slug: str
    score: float
    share: float
    passed: bool
    why: str


def _sum_per_theatre(votes: Iterable[tuple[str, str, float]]) -> dict[str, float]:
    """Per theatre, the sum over what voted (a place, a cue) of each one's strongest
    vote: a place named five times counts once, at its most prominent mention."""
    strongest: dict[tuple[str, str], float] = {}
    for theatre, entity, weight in votes:
        strongest[(theatre, entity)] = max(strongest.get((theatre, entity), 0.0), weight)
    scores: dict[str, float] = {}
    for (theatre, _), w in strongest.items():
        scores[theatre] = scores.get(theatre, 0.0) + w
    return scores


TOLD_WORDS = 3  # words of a headline's second clause a body sentence repeats (all, of a shorter clause): it tells it


def _told_in_body(doc: Doc, start: int, m: Mention) -> bool:
    """Whether a body sentence tells the headline's second report without naming its place again:
    "...; Belgorod fuel depot on fire" over "Across the border, a fire at a fuel depot burned"."""
    stems = {st for k, st in enumerate(doc.stems[start:doc.n_head], start)
             if not m.start <= k < m.end and doc.words[k] not in STOPWORDS}
    if len(stems) < 2:
        return False
    needed = min(TOLD_WORDS, len(stems))
    by_sentence: dict[int, set[str]] = {}
    for k in range(doc.n_head, len(doc.words)):
        if doc.stems[k] in stems:
            by_sentence.setdefault(doc.sent[k], set()).add(doc.stems[k])
    return any(len(found) >= needed for found in by_sentence.values())


def select_theatres(votes: list[TheatreVote], taxonomy: Taxonomy) -> list[TheatreChoice]:
    """Every voted theatre, kept when it reaches the threshold and a share of the best (the
    share waived for a place a headline's second clause reports: ``headline_place``), in
    taxonomy order."""
    up_front = {v.theatre for v in votes if v.up_front and v.weight > 0}
    headline = {v.theatre for v in votes if v.headline_place and v.weight > 0}
    scores = _sum_per_theatre((v.theatre, v.entity, v.weight) for v in votes)
    best = max(scores.values(), default=0.0)
    out = []
    for slug in taxonomy.theatres:
        if slug not in scores:
            continue
        score = scores[slug]
        share = score / best if best else 0.0
        if score < taxonomy.theatre_threshold:
            out.append(TheatreChoice(slug, score, share, False, "below the threshold"))
        elif slug not in up_front and score < taxonomy.theatre_threshold * taxonomy.theatre_body_only:
            out.append(TheatreChoice(slug, score, share, False, "not in headline or lead, and not strong in the body"))
        elif share < (taxonomy.theatre_ratio if slug in up_front else taxonomy.theatre_body_ratio) \
                and slug not in headline:
            out.append(TheatreChoice(slug, score, share, False, "too small a share of the strongest theatre"))
        else:
            out.append(TheatreChoice(slug, score, share, True, ""))
    return out


def home_theatre(actors: list[TopicHit], topics: list[str], taxonomy: Taxonomy) -> TheatreChoice | None:
    """The theatre of an item about home affairs (a Rada vote, a Kremlin decree)
    that names no place: where the government it is about governs. Only for
    items on ``home_topics`` and only when one government clearly leads."""
    if not set(topics) & set(taxonomy.home_topics):
        return None
    scores = _sum_per_theatre((hit.topic, hit.phrase, hit.weight) for hit in actors)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < taxonomy.theatre_threshold:
        return None
    slug, score = ranked[0]
    if len(ranked) > 1 and ranked[1][1] > taxonomy.theatre_ratio * score:
        return None  # two governments: talks, not home affairs
    return TheatreChoice(slug, score, 1.0, True, "home affairs: the government the item is about")


def roundup_theatres(places: list, topics: list[str], theatres: list[str], taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Theatres an item gets from a nationwide strike roundup, with the places that give each.

    A roundup ("missiles hit Kyiv, Lviv, Odesa and Dnipro; in Kharkiv a hospital was damaged")
    reports each city hit, but its rear cities outvote the one front city by their number, so that
    city's theatre misses the share every theatre needs. When the item is on the roundup topic and
    labels enough places of the roundup theatre, which it is tagged with, every labelled place
    gives its theatre. (A Belgorod item that recalls "strikes on Kyiv, Lviv, Odesa and Kharkiv"
    is no roundup: its places of the rear did not make it a rear item.)"""
    if taxonomy.roundup is None:
        return {}
    topic, theatre, needed = taxonomy.roundup
    if topic not in topics or theatre not in theatres or sum(1 for p in places if p.theatre == theatre) < needed:
        return {}
    out: dict[str, list[str]] = {}
    for p in places:
        if p.theatre and p.theatre != theatre and p.theatre in taxonomy.theatres:
            out.setdefault(p.theatre, []).append(p.name)
    return out
