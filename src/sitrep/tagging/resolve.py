"""Resolution of place names: which place an ambiguous name means, and places the
gazetteer lacks.

A name's readings are scored by population (log10), the front line, an editor's
preference, how the spelling matched, a region named with it ("Lyman, Odesa Oblast")
or in the item, and the distance to the item's other places; the best reading must
win by RESOLVE_MARGIN or share its region with the close ones, else the name stays
unresolved. Names the gazetteer lacks become places of the region the text gives
("the village of Tsel in the Asipovichy district"). Districts stand for their city
only when the item names the city.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sitrep.tagging.gazetteer import ALTERNATE, DISTRICT, EDITOR, IN_CONTEXT, PLACE, REGION, Gazetteer, Place
from sitrep.text import slugify
from sitrep.tagging.document import Doc
from sitrep.tagging.places import (ABOUT, AREA, CITY, HISTORY, LOCATOR, METONYMY, NAME, NAMESAKE, NEAR_LOCATOR,
                                   SECTOR, SETTLEMENT_WORDS, Mention)

FRONT_THEATRES = frozenset({"donbas", "kharkiv", "south", "northern-border"})
RESOLVE_MARGIN = 1.0  # the best reading must beat the next by this much
LISTED_KM = 40  # a reading this close to a place of the same sentence is the likelier one


UNSUPPORTED = "best known of the places of that name"  # the reason when nothing in the item chose
NEARER_RATIO = 2.0  # of two tied readings, one this many times nearer the item's places wins
NEAREST_KM = 25  # ... if it lies this close to one of them
PRIOR_CLEAR = 2.5  # a reading this far ahead on its prior alone (Pokrovsk of the front) is taken at once


def _km(a: Place, b: Place) -> float:
    return _km_point(a.lat, a.lon, b.lat, b.lon)


km_between = _km  # for the modules that weigh places by distance after resolving


# Distances worked out, by the two points: an item asks for some sixty (every reading of an
# ambiguous name against every place resolved so far), mostly between the same few hundred
# places item after item, and a look-up costs a quarter of the trigonometry.
_DISTANCES: dict[tuple[float, float, float, float], float] = {}
_DISTANCES_KEPT = 200_000  # pairs; emptied when it grows past this


ANCHOR_ROLES = frozenset({ABOUT, SECTOR, AREA, LOCATOR, HISTORY})
# how far a reading may lie from the distance the text states and still be the place it means
STATED_KM_SLACK = 0.5
# words that may stand between a place and the region pinning it ("the Dyagilevo air base in the Ryazan region")
BETWEEN_PLACE_AND_REGION = frozenset({"in", "of", "the", "a", "village", "town", "city", "settlement",
                                      "small", "occupied", "frontline", "front", "line", "russia", "ukraine",
                                      "belarus", "northern", "southern", "eastern", "western", "central",
                                      # "Razdolnoye in south-western Donetsk region", "in the far east of"
                                      "north", "south", "east", "west", "northeastern", "northwestern",
                                      "southeastern", "southwestern", "far",
                                      "air", "base", "airfield", "airbase",
                                      # "Nikolskoye oil pumping station in Russia's Tambov region"
                                      "oil", "fuel", "pumping", "station", "refinery", "depot", "terminal",
                                      "substation", "facility", "power",
                                      # "Dachne, its first village in Dnipropetrovsk region"
                                      "its", "their", "first", "last", "latest", "another",
                                      # "Kostiantynivka is a small village in Sumy Oblast"
                                      "is", "was", "lies", "located", "situated", "hamlet", "which"})
# ... where the name is what the sentence is about: not "the brigade that stormed Andriivka was in Kursk Oblast"
_COPULAS = frozenset({"is", "was", "lies", "located", "situated"})
_LANDS = frozenset({"peninsula", "spit", "island", "islands"})
# Endings of Ukrainian, Russian and Belarusian place names, for names the gazetteer lacks that
# the text gives no region for ("near Lastochkyne and Sieverne").
TOPONYM_ENDINGS = ("ivka", "ovka", "evka", "yivka", "ne", "ve", "ka", "ky", "ki", "ino", "ovo", "evo", "yno",
                   "sk", "ske", "tske", "yar", "ivtsi", "tsi", "chi", "ychi", "ia", "ove", "eve", "yi", "ye",
                   "shche")  # Hatyshche, Horodyshche


def looks_like_a_settlement(doc: Doc, m: Mention, openers: frozenset[str]) -> bool:
    """Whether a name the gazetteer lacks has a settlement's shape: a toponym's ending
    ("Sieverne"), or a settlement's first word ("Stari Terny", context.toml's openers) when
    the text does not go on to say what else it is ("near Velykyi Rynok, the central market")."""
    words = doc.words[m.start:m.end]
    if words[-1].endswith(TOPONYM_ENDINGS):
        return True
    if len(words) < 2 or words[0] not in openers:
        return False
    n, size = len(doc.words), len(words)
    for start in range(n - size):  # any mention of the name: a headline's is rarely explained
        e = start + size
        if doc.words[start:e] == words and doc.sent[e] == doc.sent[start] and doc.gap(e).strip() == "," \
                and doc.words[e] in ("a", "an", "the"):
            # "Stari Terny, a village west of Kurakhove" is one; "Velykyi Rynok, the central market" is not
            return any(w in SETTLEMENT_WORDS for w in doc.words[e + 1:e + 4])
    return True


def _region_of(m: Mention, gaz: Gazetteer) -> str:
    """The region a mention pins: a region, or a place whose readings share one region."""
    if m.kind == REGION:
        return m.region
    if m.kind == PLACE:
        if m.place is not None:
            return m.place.region
        regions = {gaz.places[e[1]].region for e in m.entries}
        if len(regions) == 1:
            return regions.pop()
    return ""


def _explicit_region(doc: Doc, m: Mention, pins: list[Mention], gaz: Gazetteer) -> str:
    """The region an item pins a name to: "X in Y Oblast", "X, Y Oblast", "Y Oblast's X",
    "X in the Asipovichy district", "X in Sevastopol"."""
    for r in pins:
        if r is m or doc.sent[r.start] != doc.sent[m.start] or r.role == SECTOR:
            continue  # a sector ("a village in the Berdiansk direction") spans regions
        if r.kind == REGION and r.end == m.start and doc.possessive(r.end - 1):
            return r.region
        if 6 < r.start - m.end <= APPOSITIVE_SPAN and (r.kind == REGION or r.role == AREA) \
                and _apposed_settlement_in(doc, m, r):
            region = _region_of(r, gaz)
            if region and gaz.regions[region].country:
                return region
        if 0 <= r.start - m.end <= 6:
            between = doc.words[m.end:r.start]
            gap = doc.text[doc.ends[m.end - 1]:doc.starts[r.start]]
            # "X, Y Oblast, and Z", and a list of bare names: "in Donetsk, Dnipropetrovsk and Kharkiv"
            in_list = r.end < len(doc.words) and doc.words[r.end] in ("and", "or") and (
                "," in doc.gap(r.end) or r.end - r.start == 1)
            # a headline's comma joins two clauses ("near Ryzhivka, Chernihiv border villages shelled")
            apposed = r.kind == REGION and gap.strip() in (",", "(") and not in_list and m.start >= doc.n_head
            # "Olenivka on the Tarkhankut peninsula": the land the name stands on (not "on the Belgorod border")
            on_area = (r.role == AREA and between in (["on"], ["on", "the"]) and r.end < len(doc.words)
                       and doc.words[r.end] in _LANDS)
            in_words = all(w in BETWEEN_PLACE_AND_REGION for w in between) and ("in" in between or apposed)
            if (in_words and _says_where(doc, m, between)) or on_area:
                # not an item of a list: "refineries in Ryazan, Samara Oblast, and Krasnodar Krai"
                region = _region_of(r, gaz)
                if region and not gaz.regions[region].country:
                    continue  # "near Sevastopol in the Black Sea": a sea locates, it does not contain
                if region and (r.kind == REGION or r.role == AREA or gaz.regions[region].kind == "city"
                               or "in" in between):
                    return region
    return ""


_VILLAGE_WORDS = frozenset({"village", "hamlet", "settlement"})  # what no city of 100,000 is called
APPOSITIVE_SPAN = 14  # words from a name to the region its appositive places it in
_CLAUSE_OPENERS = frozenset({"that", "which", "whose", "where", "who", "whom", "when", "while", "as", "to", "from"})


def _apposed_settlement_in(doc: Doc, m: Mention, r: Mention) -> bool:
    """"Andriivka, a village of a few hundred houses in the north of Sumy region": an appositive that calls
    the name a settlement and ends in the region, with no comma between (a fresh batch, 2026-12-08). The
    short ones ("X, a village in Sumy Oblast") are the words of ``BETWEEN_PLACE_AND_REGION``."""
    words, k = doc.words, m.end
    if "," not in doc.gap(k) or words[k] not in ("a", "an") or SETTLEMENT_WORDS.isdisjoint(words[k + 1:k + 4]):
        return False
    if any(c in doc.gap(j) for j in range(k + 1, r.start) for c in ",;:()"):  # not "north-east"'s hyphen
        return False
    # a clause inside the appositive says where something else is: "Tyotkino, a village on the border that
    # faces Ukrainian positions in the Sumy region", "Selydove, a town whose residents were evacuated to
    # shelters in the Dnipropetrovsk region" (a review of the rule, 2026-12-08)
    if not _CLAUSE_OPENERS.isdisjoint(words[k:r.start]):
        return False
    last_in = max((j for j in range(k, r.start) if words[j] == "in"), default=None)
    return last_in is not None and all(w in BETWEEN_PLACE_AND_REGION for w in words[last_in:r.start])


def _inner_region(explicit: str, targets: set[int], gaz: Gazetteer) -> str:
    """The region the text names for a name, or the one region of its readings that lies within it:
    "Sevastopol in occupied Crimea" is the city of the Sevastopol region (regions.toml ``within``)."""
    if not explicit or any(gaz.places[t].region == explicit for t in targets):
        return explicit
    inner = {gaz.places[t].region for t in targets if gaz.regions[gaz.places[t].region].within == explicit}
    return inner.pop() if len(inner) == 1 else explicit


def _says_where(doc: Doc, m: Mention, between: list[str]) -> bool:
    """Whether the words between ``m`` and a region say where ``m`` is: "in" or a comma do; a copula
    only where the name opens its sentence ("Kostiantynivka is a small village in Sumy Oblast", "The
    Olenivka in question lies in Crimea"; not "the brigade that stormed Andriivka was in Kursk Oblast"),
    "which" only with a copula ("Andriivka, which lies in Sumy Oblast"; not "Sumy, which in Kursk
    Oblast's media ...")."""
    if between and between[0] == "which":
        return len(between) > 1 and between[1] in _COPULAS
    if "which" in between:
        return False
    if _COPULAS.isdisjoint(between):
        return True
    k = m.start - 1 if m.start > 0 and doc.words[m.start - 1] == "the" else m.start
    return doc.sent_start[k] or k == 0 or k == doc.n_head


def _region_of_a_list(doc: Doc, m: Mention, pins: list[Mention], gaz: Gazetteer,
                      openers: dict[str, list[tuple[str, ...]]]) -> str:
    """The region a list of villages follows: "four villages in Sumy region, including Andriivka
    and Kostiantynivka" puts both in Sumy region, where GeoNames may only know the Andriivkas and
    Kostiantynivkas of other oblasts. Only for names GeoNames holds several times and none of them
    a city (Sevastopol is Sevastopol wherever a list of Crimean airfields names it), and not after
    a sea, which locates rather than contains. ``openers``: context.toml's list_openers."""
    readings = [gaz.places[e[1]] for e in m.entries]
    if len(readings) < 2 or any(p.population >= CITY for p in readings):
        return ""
    start = _list_start(doc, m, pins)
    opener = next((len(ph) for ph in openers.get(doc.words[start - 1], ()) if start > len(ph)
                   and tuple(doc.words[start - len(ph):start]) == ph), 0) if start else 0
    k = start - opener
    if not doc.gap(k).strip().startswith(","):
        return ""
    r = next((r for r in pins if r.kind == REGION and r.end == k and r.role not in (SECTOR, HISTORY)
              and doc.sent[r.start] == doc.sent[m.start]), None)
    if r is None or not (opener or _settlement_in(doc, r.start)):
        return ""
    return r.region if gaz.regions[r.region].country else ""


def _settlement_in(doc: Doc, k: int) -> bool:
    """Whether "<village> in" stands before token ``k``: "its first village in Dnipropetrovsk Oblast,
    Dachne" names the village after the comma (where GeoNames may only know its namesakes)."""
    return k >= 2 and doc.words[k - 1] == "in" and doc.words[k - 2] in SETTLEMENT_WORDS


def _list_start(doc: Doc, m: Mention, pins: list[Mention]) -> int:
    """The first token of the list of names ``m`` stands in ("A, B and C"): back over the names
    of the same sentence joined by a comma, "and" or "or"."""
    start = m.start
    for p in reversed([p for p in pins if p.end <= m.start]):
        same_sentence = doc.sent[p.start] == doc.sent[m.start]
        joined = start - p.end <= 1 and all(w in ("and", "or") for w in doc.words[p.end:start])
        if not (same_sentence and joined and p.kind == PLACE):
            break
        start = p.start
    return start


def _synthetic(m: Mention, region_slug: str, gaz: Gazetteer, name: str = "") -> Place:
    """A place GeoNames lacks, pinned by the item to a region ("the village of Tsel in Mogilev region"),
    named as the item names it unless ``name`` is given."""
    r = gaz.regions[region_slug]
    name = name or (m.trigger[:-2] if m.trigger.endswith(("'s", "\u2019s")) else m.trigger)
    return Place(f"{slugify(name)}-{r.slug}", name, r.slug, r.name, r.theatre, r.country, r.lat, r.lon, 0,
                 "village")


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer,
            list_openers: dict[str, list[tuple[str, ...]]] | None = None,
            units: frozenset[str] = frozenset(), another: frozenset[str] = frozenset()) -> None:
    """Pick the place each PLACE mention means, or leave it unresolved. ``list_openers``
    (context.toml) are the words between a region and the list of its places ("including");
    ``units`` the words of a distance ("130 kilometres east of Lviv"); ``another`` the words
    that make a name a second place of that name ("a second Petropavlivka")."""
    # not a namesake's region ("should not be confused with the Andriivka in Donetsk Oblast")
    region_mentions = [m for m in mentions if m.kind == REGION and m.role not in (NAME, HISTORY, NAMESAKE)]
    regions_item = {m.region for m in region_mentions}
    regions_sentence: dict[int, set[str]] = {}
    for m in region_mentions:
        regions_sentence.setdefault(doc.sent[m.start], set()).add(m.region)
    anchors: list[Place] = []
    pending = []
    pins = [m for m in mentions if m.kind in (REGION, PLACE) and m.role not in (NAME, METONYMY)]
    # a region pins a name only in its own sentence: each name is held against those pins alone
    pins_in: dict[int, list[Mention]] = {}
    for r in pins:
        pins_in.setdefault(doc.sent[r.start], []).append(r)
    unknown = []
    pinned: dict[tuple, Mention] = {}  # a name the item places in a region GeoNames lacks it in
    told_apart = _namesakes_told_apart(doc, mentions, pins, gaz)
    for m in mentions:
        if m.kind != PLACE or m.place is not None:
            continue
        ruled_out = told_apart.get(tuple(doc.words[m.start:m.end])) if m.role != NAMESAKE else None
        if ruled_out and _not_the_namesake(doc, m, ruled_out, pins_in.get(doc.sent[m.start], []),
                                           regions_item, gaz):
            continue
        if not m.entries:
            unknown.append(m)
            continue
        in_sentence = pins_in.get(doc.sent[m.start], [])
        explicit = (_explicit_region(doc, m, in_sentence, gaz)
                    or _region_of_a_list(doc, m, pins, gaz, list_openers or {}))
        targets = {e[1] for e in m.entries}
        explicit = _inner_region(explicit, targets, gaz)
        # a big city keeps its own region unless a region is named right by it: "refineries in Ryazan, in Kstovo
        # in the Nizhny Novgorod region" (a fresh batch, 2026-12-07); "Novomoskovsk in the Dnipropetrovsk region"
        # is a namesake the gazetteer lacks
        # ... or the text calls it a village ("the village of Murom in the Shebekino district", not the city of
        # Vladimir Oblast; a fresh batch, 2026-12-08)
        if explicit and any(gaz.places[t].population >= CITY for t in targets) \
                and not any(gaz.places[t].region == explicit for t in targets) \
                and not _explicit_region(doc, m, [r for r in in_sentence if r.kind == REGION], gaz) \
                and not (m.start >= 2 and doc.words[m.start - 1] == "of" and doc.words[m.start - 2] in _VILLAGE_WORDS):
            explicit = ""
        if explicit and not any(gaz.places[t].region == explicit for t in targets):
            m.place = _synthetic(m, explicit, gaz)
            m.resolution = f"no {m.trigger} of {gaz.regions[explicit].name} in the gazetteer; region from the text"
            if m.role == ABOUT:
                pinned.setdefault(tuple(doc.words[m.start:m.end]), m)
            continue
        if len(targets) == 1:
            m.place = gaz.places[m.entries[0][1]]
            if m.entries[0][2] == DISTRICT:
                m.resolution = f"a district of {m.place.name}"
            if m.role in ANCHOR_ROLES:
                anchors.append(m.place)
        else:
            pending.append((m, explicit))
    region_points = [gaz.regions[r] for r in regions_item if gaz.regions[r].lat]
    # The same name repeated in an item means the same place: resolve it once (the mention
    # with an explicit region first), then copy.
    # A region pinned to a name where it only locates or is contrasted ("not to be confused with
    # the Lyman in Kharkiv Oblast") resolves that mention alone, not the name's other mentions.
    groups: dict[tuple, list[tuple[Mention, str]]] = {}
    for m, explicit in pending:
        words = tuple(doc.words[m.start:m.end])
        if (explicit and m.role != ABOUT) or m.role == NAMESAKE:
            groups[(m.start,)] = [(m, explicit)]
        elif not explicit and words in pinned:  # "Olenivka in Crimea" in the lead: later "Olenivka" too
            m.place, m.resolution = pinned[words].place, pinned[words].resolution
            if m.role in ANCHOR_ROLES:
                anchors.append(m.place)
        elif not explicit and _spelt_as_pinned(doc, m, pinned, regions_sentence, gaz):
            if m.role in ANCHOR_ROLES:
                anchors.append(m.place)
        else:
            groups.setdefault(words, []).append((m, explicit))
    ordered = [sorted(g, key=lambda x: not x[1]) for g in groups.values()]
    todo = [(g, _sentences_of(doc, g, mentions)) for g in ordered]  # found once for all rounds
    # places resolved in one round help resolve others in the next; a name the item gives no
    # evidence for waits until the others are placed ("near Kamianske on the Zaporizhzhia front":
    # not the city of Kamianske, best known, before the front places it)
    for by_prior in (False, True):
        for _round in range(3):
            left = []
            for group, sentences in todo:
                m, explicit = group[0]
                if not _resolve_one(doc, m, explicit, gaz, anchors, regions_item, regions_sentence,
                                    _listed_with(doc, m, mentions), sentences, by_prior):
                    left.append((group, sentences))
                    continue
                _share(m, group)
            if len(left) == len(todo):
                break
            todo = left
    front = front_region(regions_item, gaz)
    for group, _ in todo:
        names = [m for m, _ in group]
        told = tuple(doc.words[names[0].start:names[0].end]) in told_apart
        _share(_in_named_region(doc, names, front, gaz, told) or group[0][0], group)
    _near_locators(doc, mentions, gaz, units, another)
    _drop_out_of_context(doc, mentions, gaz)
    _drop_orphan_districts(mentions, gaz)
    _drop_strays(doc, mentions, anchors, region_points, front, gaz)
    _place_unknown(doc, unknown, anchors, gaz)
    for m in mentions:
        if m.place is not None:
            m.region = m.place.region


# roles of a region that do not hold the item's villages: part of a name, history, a locator
# ("the highway linking Pokrovsk with Zaporizhzhia Oblast"), a namesake's region
NOT_HOLDING = frozenset({NAME, HISTORY, LOCATOR, NAMESAKE})


def _namesakes_told_apart(doc: Doc, mentions: list[Mention], pins: list[Mention],
                          gaz: Gazetteer) -> dict[tuple, tuple[set[int], set[int], set[str]]]:
    """The readings an item rules out for its own village, by name: (those it places, the best
    known one it leaves unplaced, the regions the telling sentence gives the item's own). "The
    Olenivka in Crimea is not to be confused with the Olenivka in Donetsk Oblast" rules out the
    Olenivkas of Donetsk Oblast and gives Crimea; "a namesake of Kostiantynivka", with nothing
    after it to place it, the best-known Kostiantynivka."""
    out: dict[tuple, tuple[set[int], set[int], set[str]]] = {}
    for x in mentions:
        if x.role != NAMESAKE:
            continue
        if x.kind == PLACE and x.entries:
            placed, guessed, _ = out.setdefault(tuple(doc.words[x.start:x.end]), (set(), set(), set()))
            explicit = _explicit_region(doc, x, pins, gaz)
            if explicit:
                placed.update(e[1] for e in x.entries if gaz.places[e[1]].region == explicit)
            elif not any(o.start > x.start and doc.sent[o.start] == doc.sent[x.start] for o in pins):
                guessed.add(max(x.entries, key=lambda e: prior(gaz.places[e[1]], e[2]))[1])
        elif x.kind == REGION:  # the item's names before the opener, in the region named after it
            for m in mentions:
                if (m.kind == PLACE and m.role != NAMESAKE and m.start < x.start
                        and doc.sent[m.start] == doc.sent[x.start]):
                    placed, _, own = out.setdefault(tuple(doc.words[m.start:m.end]), (set(), set(), set()))
                    placed.update(e[1] for e in m.entries if gaz.places[e[1]].region == x.region)
                    # "The Vorozhba named here is a village in Kursk Oblast, not the town of the same
                    # name in Sumy Oblast": the region between the name and the namesake's is its own
                    own.update(r.region for r in mentions if r.kind == REGION and r.role not in NOT_HOLDING
                               and m.end <= r.start < x.start and doc.sent[r.start] == doc.sent[x.start])
    return out


def _not_the_namesake(doc: Doc, m: Mention, ruled_out: tuple[set[int], set[int], set[str]], pins: list[Mention],
                      regions_item: set[str], gaz: Gazetteer) -> bool:
    """Drop the readings the item ruled out (:func:`_namesakes_told_apart`); a guessed one only
    outside the regions the item names ("the village of Konstantinovka in the Donetsk region ...
    not to be confused with the city of Kostiantynivka": both in Donetsk Oblast). With none left,
    the name is a village of the region its sentence gives, else of the one the sentence that tells
    the namesakes apart gives it, else of the one region of Ukraine the item names, if it names one:
    True when that placed it."""
    placed, guessed, own = ruled_out
    kept = tuple(e for e in m.entries if e[1] not in placed)
    # a guess never leaves a name without readings: "the attack was unlike the earlier ones on Kyiv"
    # compares events in the one Kyiv there is
    m.entries = tuple(e for e in kept if e[1] not in guessed or gaz.places[e[1]].region in regions_item) or kept
    if m.entries:
        return False
    home = [r for r in regions_item if gaz.regions[r].country == "UA"]
    region = (_explicit_region(doc, m, pins, gaz) or (next(iter(own)) if len(own) == 1 else "")
              or (home[0] if len(home) == 1 else ""))
    if not region:
        return False
    m.place = _synthetic(m, region, gaz)
    m.resolution = f"not the namesake the item tells it apart from; {gaz.regions[region].name} from the text"
    return True


SAME_NAME_SHARE = 0.6  # of a pinned name's readings that another spelling must share


def _spelt_as_pinned(doc: Doc, m: Mention, pinned: dict[tuple, Mention], regions_sentence: dict[int, set[str]],
                     gaz: Gazetteer) -> bool:
    """An ambiguous name that is another spelling of a name the item pinned to a region (most
    of the pinned name's readings are also its own): "Kostiantynivka" in Sumy region in the lead,
    then the ministry's "Konstantinovka", which GeoNames also reads as Russian villages. Its own
    reading in that region if it has one, else the pinned place. Not when its sentence names a
    region it has a reading in ("Konstantinovka, the Donetsk region city"); a region it has none in
    says nothing of it ("villages close to the border with Russia's Kursk region"). True when it
    placed ``m``."""
    if not pinned:  # most items pin nothing: done before any look-up
        return False
    readings = {e[1] for e in m.entries}
    named = regions_sentence.get(doc.sent[m.start], ())
    if any(gaz.places[i].region in named for i in readings):
        return False
    best, shared = None, 0.0
    for p in pinned.values():
        theirs = {e[1] for e in p.entries}
        share = len(theirs & readings) / len(theirs) if len(theirs) > 1 else 0.0
        if share >= SAME_NAME_SHARE and share > shared:
            best, shared = p, share
    if best is None:
        return False
    own = next((gaz.places[i] for i in readings if gaz.places[i].region == best.place.region), None)
    m.place = own or best.place
    m.resolution = f"spelt otherwise, the {best.trigger} of {best.place.region_name} the item names before"
    return True


def _place_unknown(doc: Doc, unknown: list[Mention], anchors: list[Place], gaz: Gazetteer) -> None:
    """Names the gazetteer lacks and the text gives no region for take the region of the
    item's places when those all lie in one region and the name looks like a toponym."""
    regions = {a.region for a in anchors}
    if len(regions) != 1:
        for m in unknown:
            m.resolution = "not in the gazetteer; no region in the text"
        return
    region = regions.pop()
    for m in unknown:
        if m.resolution == "weak" and not looks_like_a_settlement(doc, m, gaz.settlement_openers):
            m.resolution = "not in the gazetteer; does not look like a place name"
            continue
        m.place = _synthetic(m, region, gaz)
        m.resolution = f"not in the gazetteer; {gaz.regions[region].name} from the item's other places"


def _share(m: Mention, group: list[tuple[Mention, str]]) -> None:
    """The same name repeated in an item means the same place: ``m``'s answer for the whole group."""
    for other, _ in group:
        if other is not m:
            other.place, other.resolution = m.place, m.resolution


# Words before a name that put it where something happens: "near Yablonovo", "the village of Zelenyi Hai".
_PLACE_CUES = frozenset({"in", "near", "at", "outside", "around", "of"})


def _where_something_happens(doc: Doc, m: Mention) -> bool:
    """Whether a mention the item is about stands after a word of ``_PLACE_CUES`` and is no
    possessive ("near Ivanenko's farm"): what a name must show before it is taken for a
    village GeoNames lacks ("Kozlov, the head of the administration, said" shows nothing)."""
    return (m.role == ABOUT and m.start > 0 and doc.words[m.start - 1] in _PLACE_CUES
            and not doc.possessive(m.end - 1))


def _in_named_region(doc: Doc, names: list[Mention], front: str, gaz: Gazetteer,
                     told_apart: bool = False) -> Mention | None:
    """A name still ambiguous, none of whose readings lies in ``front``, the one region the item
    names ("the village of Zelenyi Hai" ... "the Kharkiv Oblast village", GeoNames holding Zelenyi
    Hais in four other oblasts): a village of that region GeoNames lacks, decided on the first of
    its mentions that shows it is a place, or on the first the item is about when it tells the name
    apart from a namesake (``told_apart``: that says it is a place). That mention, or None."""
    m = next((x for x in names if _where_something_happens(doc, x) or (told_apart and x.role == ABOUT)),
             None) if front else None
    if m is None or any(gaz.places[e[1]].region == front for e in m.entries):
        return None
    m.place = _synthetic(m, front, gaz)
    m.resolution = (f"not in the gazetteer in {gaz.regions[front].name}, the one front-line region the "
                    f"item names ({len(m.entries)} places of that name elsewhere)")
    return m


def _sentences_of(doc: Doc, group: list[tuple[Mention, str]], mentions: list[Mention]) -> list[int]:
    """The sentences where a repeated name is what the item is about: "Ivanivka" in a list, then
    "The Ivanivka covered by the order is the village in Kherson region's Beryslav district". Not
    one that also names a namesake it is contrasted with ("Lyman should not be confused with the
    village of Lyman in Kharkiv Oblast"): its region is the namesake's."""
    name = doc.words[group[0][0].start:group[0][0].end]
    contrasted = {doc.sent[x.start] for x in mentions
                  if x.role != ABOUT and doc.words[x.start:x.end] == name}
    return [k for k in {doc.sent[x.start] for x, _ in group if x.role == ABOUT} if k not in contrasted]


def _listed_with(doc: Doc, m: Mention, mentions: list[Mention]) -> list[Place]:
    """The places already resolved in the sentence of ``m``: a list of villages
    ("attacks near Stepove and Mala Tokmachka") names places of one stretch of the front."""
    sentence = doc.sent[m.start]
    return [x.place for x in mentions
            if x is not m and x.place is not None and x.role in ANCHOR_ROLES and doc.sent[x.start] == sentence]


def prior(p: Place, quality: int) -> float:
    """How likely a reading is before the item says anything: the larger, the nearer the front,
    the more an editor expects it, the likelier."""
    score = math.log10(p.population + 10)
    if p.theatre in FRONT_THEATRES:
        score += 1.0
    if p.prefer:
        score += 2.0
    if not p.geonameid and not p.namesake:
        score += 3.0  # an editor's addition means the editor expects it in the news
    if quality == EDITOR:
        score += 0.3
    elif quality == ALTERNATE:
        score -= 1.0
    elif quality == DISTRICT:  # judged by a district's size, not its city's
        score -= 3.0 + max(0.0, math.log10(p.population + 10) - 5.0)
    return score


def likeliest_region(m: Mention, gaz: Gazetteer) -> str:
    """The region of the reading of ``m`` that wins on its own (``prior``) by the resolving
    margin: Pokrovsk of the front, not of Yakutia, where nothing else decides."""
    scored = sorted(((prior(gaz.places[e[1]], e[2]), gaz.places[e[1]].region) for e in m.entries), reverse=True)
    if not scored or any(scored[0][0] - score < RESOLVE_MARGIN and region != scored[0][1]
                         for score, region in scored[1:]):
        return ""
    return scored[0][1]


def _resolve_one(doc: Doc, m: Mention, explicit: str, gaz: Gazetteer, anchors: list[Place],
                 regions_item: set[str], regions_sentence: dict[int, set[str]],
                 listed_with: Sequence[Place] = (), sentences: Sequence[int] = (), by_prior: bool = True) -> bool:
    """Score every reading of an ambiguous name; True when one clearly wins. A region named in
    the sentence of any of the name's mentions (``sentences``) that names one region counts as
    named with it. Without ``by_prior``, a reading that wins on its prior alone does not count yet."""
    scored = []
    named_here = set(regions_sentence.get(doc.sent[m.start], ()))
    for k in sentences:  # not a list of regions ("villages in the Kharkiv and Sumy regions")
        if len(regions_sentence.get(k, ())) == 1:
            named_here.update(regions_sentence[k])
    for kind, idx, quality, _cap in m.entries:
        p = gaz.places[idx]
        score = gaz.priors.get((idx, quality))
        if score is None:  # remembered: the same readings come back item after item
            score = gaz.priors[(idx, quality)] = prior(p, quality)
        why = []  # (format, value): written out for the winner alone
        if p.region == explicit:
            score += 10.0
            why.append(("{} named with it", gaz.regions[p.region].name))
        elif p.region in named_here:
            score += 5.0
            why.append(("{} named with it", gaz.regions[p.region].name))
        elif p.region in regions_item:
            score += 3.5
            why.append(("{} named in the item", gaz.regions[p.region].name))
        near = min((_km(p, a) for a in anchors if a is not p), default=None)
        if near is not None:
            bonus = 4.0 if near < 40 else 3.0 if near < 100 else 1.0 if near < 200 else 0.0
            if bonus:
                score += bonus
                why.append(("{:.0f} km from other places of the item", near))
        beside = min((_km(p, a) for a in listed_with if a is not p), default=None)
        if beside is not None and beside < LISTED_KM:
            score += 2.0
            why.append(("{:.0f} km from a place named in the same sentence", beside))
        scored.append((score, idx, quality, why, near))
    scored.sort(key=lambda x: -x[0])
    best = scored[0]
    close = [x for x in scored[1:] if best[0] - x[0] < RESOLVE_MARGIN]
    best_place = gaz.places[best[1]]
    tied = ""
    if close and any(gaz.places[x[1]].region != best_place.region for x in close):
        nearest = _much_nearer([best, *close])
        if nearest is None:
            m.resolution = f"ambiguous: {len(scored)} places of that name"
            return False
        best, close = nearest, [x for x in close if x is not nearest and gaz.places[x[1]].region
                                == gaz.places[nearest[1]].region]
        best_place = gaz.places[best[1]]
        tied = f" (the nearest of {len(scored)} places of that name)"
    if not best[3] and not by_prior and any(best[0] - x[0] < PRIOR_CLEAR
                                             and gaz.places[x[1]].region != best_place.region for x in scored[1:]):
        return False  # nothing in the item chose it, nor is it far the likeliest: wait for the other places
    m.place = best_place
    reason = ("; ".join(form.format(value) for form, value in best[3]) or UNSUPPORTED) + tied
    if close:
        reason += " (several in that region)"
    if best[2] == DISTRICT:
        reason = f"a district of {m.place.name}; {reason}"
    m.resolution = reason
    if m.role in ANCHOR_ROLES:
        anchors.append(m.place)
    return True


def _much_nearer(tied: list[tuple]) -> tuple | None:
    """Of readings that tie on their score, the one much nearer the item's other places: Ivanivske 6 km from
    Bakhmut ties with the larger Ivanivske of Luhansk Oblast, 68 km away, until distance breaks the tie."""
    placed = sorted((x for x in tied if x[4] is not None), key=lambda x: x[4])
    if len(placed) < len(tied) or placed[0][2] == DISTRICT or placed[0][4] > NEAREST_KM \
            or placed[0][4] * NEARER_RATIO > placed[1][4]:
        return None
    return placed[0]


def _near_locators(doc: Doc, mentions: list[Mention], gaz: Gazetteer, units: frozenset[str],
                   another: frozenset[str] = frozenset()) -> None:
    """"Stepove, north of Avdiivka", "Zelenyi Hai and Dobropillia near Huliaipole": a name located
    by the place after it is near that place. Choose the reading near it; when GeoNames has none
    (small villages), the place is a new one in the locating place's region."""
    locators = [m for m in mentions if m.measured and m.place is not None and m.place.kind != "feature"]
    located: set[int] = set()  # the mentions a locator of their own placed: another's locator moves none of them
    for m in mentions:
        if m.kind != PLACE or not m.entries or m.role not in (ABOUT, SECTOR, AREA):
            continue
        loc = next((L for L in locators if doc.sent[L.start] == doc.sent[m.start]
                    and 0 < L.start - m.end <= 6 and _locates(doc, m, L, mentions)
                    and (not L.why.startswith(NEAR_LOCATOR) or _listed_up_to(doc, m, L))),
                   None)
        if loc is None:
            continue
        located.add(id(m))
        if m.place is not None:
            # "Ternopil, some 130 kilometres east of Lviv": the city, where the text says it is
            km, stated = _km(m.place, loc.place), _stated_km(doc, m.end, loc.start, units)
            if km <= 100 or stated is not None and abs(km - stated) <= STATED_KM_SLACK * max(stated, 20.0):
                continue
        before = m.place
        near = sorted((_km(gaz.places[e[1]], loc.place), e[1]) for e in m.entries if e[0] == PLACE)
        if near and near[0][0] <= 60:
            m.place = gaz.places[near[0][1]]
            m.resolution = f"{near[0][0]:.0f} km from {loc.place.name}, which locates it"
        elif loc.place.region in gaz.regions and gaz.regions[loc.place.region].country:
            m.place = _synthetic(m, loc.place.region, gaz)
            m.resolution = f"not in the gazetteer near {loc.place.name}; its region from there"
        if (before is not None and m.place is not before and any(gaz.places[e[1]] is before for e in m.entries)
                and not (m.start > 0 and doc.words[m.start - 1] in another)):
            _relocate_name(doc, m, before, [x for x in mentions if id(x) not in located])


def _locates(doc: Doc, m: Mention, loc: Mention, mentions: list[Mention]) -> bool:
    """Whether the locator after ``m`` locates ``m``: a place named between them stands in a list with
    ``m`` ("Stepove and Berdychi, north of Avdiivka", not "the Aya had loaded at Chornomorsk, south of
    Odesa", where Odesa locates Chornomorsk), and the locating phrase is not joined on as a second place
    ("advanced in southern Kamianske and north of Plavni": fresh batches, 2026-12-08)."""
    words, caps = doc.words, doc.caps
    for x in mentions:
        if m.end <= x.start < loc.start and not all((caps[k] or words[k] in ("and", "or"))
                                                    and doc.gap(k).strip() in ("", ",") for k in range(m.end, x.start)):
            return False
    phrase = next((k for k in range(m.end, loc.start) if not caps[k] and words[k] not in ("and", "or")), None)
    # "Ivanivka and two other villages north of Toretsk" is one list the locator places
    return phrase is None or phrase == m.end or words[phrase - 1] not in ("and", "or") or not (
        words[phrase] in _LOCATING_STARTS or any(c.isdigit() for c in words[phrase]))


# the first word of a locating phrase joined on by "and": "and north of Plavni", "and 5 km from", "and near"
_LOCATING_STARTS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                              "near", "outside", "just", "some", "about", "around", "roughly", "nearly", "upstream",
                              "downstream"})


def _listed_up_to(doc: Doc, m: Mention, loc: Mention) -> bool:
    """Whether ``m`` and the "near" locator ``loc`` stand in one list: "Zelenyi Hai and Dobropillia near
    Huliaipole" (only names, commas and "and" before "near", no comma before it), not "Engels and the
    Dyagilevo airfield near Ryazan"; and whether ``loc`` is a town: newsrooms put towns "near" a city
    a hundred kilometres away ("Kirishi near St Petersburg", "Taganrog, near occupied Mariupol")."""
    if loc.place is None or loc.place.population >= CITY:
        return False
    near = next((k for k in range(loc.start - 1, m.end - 1, -1) if doc.words[k] == "near"), None)
    if near is None or doc.gap(near).strip():
        return False
    return all((doc.caps[k] or doc.words[k] in ("and", "or")) and doc.gap(k).strip() in ("", ",")
               for k in range(m.end, near))


def _relocate_name(doc: Doc, m: Mention, before: Place, mentions: list[Mention]) -> None:
    """The other mentions of ``m``'s name that shared the reading its locator ruled out take the
    one it gave: "near Kindrativka, Andriivka and Yunakivka" ... "Andriivka, south-west of
    Kindrativka" is one village of Sumy Oblast, not a Donetsk Andriivka in the headline and a Sumy
    one below. Only a reading the gazetteer offered for the name, not one the text placed (a
    village GeoNames lacks, in the region named), and not a mention whose sentence names the region."""
    name = doc.words[m.start:m.end]
    for x in mentions:
        if (x is not m and x.place is before and doc.words[x.start:x.end] == name
                and "named with it" not in (x.resolution or "")):
            x.place, x.resolution = m.place, m.resolution


def _stated_km(doc: Doc, lo: int, hi: int, units: frozenset[str]) -> float | None:
    """The distance the words between a place and its locator give ("130 kilometres", "80 miles"), in km."""
    for k in range(lo, hi - 1):
        unit = doc.words[k + 1]
        if unit in units:
            try:
                n = float(doc.words[k].replace(",", ""))
            except ValueError:
                return None
            return n * 1.609 if unit.startswith("mile") else n / 1000 if unit.startswith("met") else n
    return None


def _via_district(m: Mention, gaz: Gazetteer) -> bool:
    """The mention names its place only as one of its districts ("Saltivka" for Kharkiv)."""
    place, places, found = m.place, gaz.places, False
    for kind, idx, quality, _ in m.entries:  # a name may have dozens of readings: stop at the first that says no
        if kind == PLACE and places[idx] is place:
            if quality != DISTRICT:
                return False
            found = True
    return found


def _drop_orphan_districts(mentions: list[Mention], gaz: Gazetteer) -> None:
    """A city district names its city only when the item names the city too ("Kharkiv's
    Saltivka"): "the Desnianskyi district" alone could be in Kyiv or Chernihiv."""
    districts = [m.place is not None and _via_district(m, gaz) for m in mentions]
    if not any(districts):
        return
    named = {m.place.slug for m, district in zip(mentions, districts) if m.place is not None and not district}
    for m, district in zip(mentions, districts):
        if district and m.place.slug not in named:
            m.resolution = f"a district of {m.place.name}, which the item does not name: dropped"
            m.place = None


def _drop_strays(doc: Doc, mentions: list[Mention], anchors: list[Place], region_points: list, front: str,
                 gaz: Gazetteer) -> None:
    """A small place far from everything else the item names is probably a namesake GeoNames
    lacks (a Belgorod village matching one in Siberia): it becomes a village of ``front``, the
    one front-line region the item names ("crashed in the Belgorod region ... near Yablonovo"),
    when the text shows it is a place; else it stays unresolved."""
    points = [(a.lat, a.lon) for a in anchors if a.population >= 5000 or a.kind == "feature"]
    points += [(r.lat, r.lon) for r in region_points]
    if not points:
        return
    for m in mentions:
        p = m.place
        if p is None or p.population >= 5000 or p.kind == "feature" or not p.geonameid or p.prefer:
            continue  # an editor's preferred reading stays: "the Baltic port of Ust-Luga" (a fresh batch, 2026-12-08)
        if min(_km_point(p.lat, p.lon, lat, lon) for lat, lon in points) > 400:
            if front and _where_something_happens(doc, m):
                m.place = _synthetic(m, front, gaz)
                m.resolution = (f"{p.name} of {p.region_name} is far from the item's other places: a namesake "
                                f"in {gaz.regions[front].name}, the one front-line region the item names")
                continue
            m.resolution = f"{p.name} of {p.region_name} is far from the item's other places: unresolved"
            m.place = None


CONTEXT_SPAN = 6  # words between a context alias and the place or region that puts it in its region


def _drop_out_of_context(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """A place matched only by one of its ``context_aliases`` (places.toml) stays a place only
    where its sentence is already in its region: "the village of New York", "New York, south of
    Toretsk in Donetsk Oblast" is Niu-York; "the UN Security Council in New York" is not."""
    for m in mentions:
        p = m.place
        if p is None or m.kind != PLACE:
            continue
        qualities = [e[2] for e in m.entries if gaz.places[e[1]].slug == p.slug]
        if not qualities or any(q != IN_CONTEXT for q in qualities):
            continue  # not one of the name's readings (a village placed by its region), or not by context alone
        name, sentence = doc.words[m.start:m.end], doc.sent[m.start]
        # close by in its own sentence: "New York, south of Toretsk", not "the UN Security Council met in
        # New York on Tuesday after strikes on Kramatorsk"
        beside = any(o.kind in (PLACE, REGION) and doc.sent[o.start] == sentence and o.role in ANCHOR_ROLES
                     and abs(o.start - m.start) <= CONTEXT_SPAN
                     and (o.region if o.kind == REGION else o.place and o.place.region) == p.region
                     and doc.words[o.start:o.end] != name for o in mentions)
        settlement = m.start >= 2 and doc.words[m.start - 1] == "of" and doc.words[m.start - 2] in SETTLEMENT_WORDS
        if not (beside or settlement):
            # another place of that name, outside the gazetteer: never a village to guess a region for
            m.role, m.why = NAME, f"'{m.trigger}' means {p.name} only in an item about {p.region_name}"
            m.place = None


def front_region(named: set[str], gaz: Gazetteer) -> str:
    """The region an item names (``named``: the regions of its REGION mentions, but in names)
    when it is the only one and lies in a front theatre, else "". Villages GeoNames lacks, or
    holds only a namesake of elsewhere, are mostly front-line villages; a region of the rear or
    of Russia at large is too wide a guess, and so is one of two ("near Nadiia and Kolodiazi, on
    the border between Donetsk and Luhansk oblasts")."""
    if len(named) != 1:
        return ""
    region = next(iter(named))
    return region if gaz.regions[region].theatre in FRONT_THEATRES else ""


def _km_point(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (remembered: see ``_DISTANCES``)."""
    key = (lat1, lon1, lat2, lon2)
    km = _DISTANCES.get(key)
    if km is None:
        if len(_DISTANCES) >= _DISTANCES_KEPT:
            _DISTANCES.clear()
        km = _DISTANCES[key] = _haversine(lat1, lon1, lat2, lon2)
    return km


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))
