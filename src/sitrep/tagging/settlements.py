"""Settlements the gazetteer lacks, and namesakes far from where an item is.

GeoNames holds places of 500 people or more, so many front-line villages are
missing, or only a namesake elsewhere in the country is there. The text says
when a capitalised name is a settlement ("the village of Tsel", "near
Lysivka, Promin, Myroliubivka and Zhovte", "Sieverne, a village west of
Avdiivka"); a small place resolved hundreds of kilometres from every place
the item is about is a namesake of the village the item means. Both become
places of the region the item's text or its other places give.
"""

from __future__ import annotations

import re
from itertools import compress

from sitrep.tagging.document import Doc
from sitrep.tagging.gazetteer import COUNTRY, PLACE, REGION, Gazetteer, Place
from sitrep.tagging.places import (ABOUT, AN_AREA, AREA, CITY, GOAL, HISTORY, LOCATOR, METONYMY, NAME, NAMESAKE,
                                   OPENS_A_NAME, SECTOR, SETTLEMENT_WORDS, Mention, coordinated_runs, list_tail)
from sitrep.tagging.resolve import (ANCHOR_ROLES, NOT_HOLDING, TOPONYM_ENDINGS, _explicit_region, _km, _region_of,
                                    _synthetic, UNSUPPORTED, front_region, likeliest_region, looks_like_a_settlement)
from sitrep.tagging.place_phrases import HYPHENS
from sitrep.tagging.spelling import similar

# "Moscow says troops took Gatishche, Krasnoye, Morokhovets and Oleinikovo in Kharkov region" (a fresh batch,
# 2026-12-07): people are taken as often ("took Rutte and Sikorski to a command post", "taking Syrskyi at his
# word"), so see _taken_villages; "take" only in a headline (_HEADLINE_CAPTURES): an aim ("to take Pokrovsk")
# is no capture
_TOOK = frozenset({"took", "takes", "taking"})
# words a village's name stands before after "took" (besides _NAME_ENDS): "took Vodiane last week", "took
# Marinka from Ukrainian forces", "took Krasnohorivka village"; not "to" ("took Zelensky to positions")
_AFTER_TAKEN = frozenset({"from", "last", "this", "by", "with", "earlier", "early", "late", "back", "over", "within",
                          "before", "during", "the", "a", "village", "town", "settlement"})
_CAPTURE_VERBS = frozenset({"entered", "captured", "seized", "retook", "recaptured", "liberated", "reached",
                            "enters", "captures", "seizes", "retakes", "recaptures", "liberates", "reaches",
                            # "have taken Ostapovskoye", "trying to enter Bachivsk"
                            "taken", "retaken", "enter", "entering",
                            # "had occupied Novopustynka, Stari Terny, Illinka and Novodmytrivka"
                            "occupied"}) | _TOOK
# ... and in a headline, after a plural troop noun: "Ukrainian forces retake Filiia", "Russian troops take
# Morokhovets" (fresh batches, 2026-12-07); elsewhere these are aims ("trying to capture Pokrovsk", "Russia
# masses troops to capture ...")
_HEADLINE_CAPTURES = frozenset({"take", "capture", "seize", "retake", "recapture", "liberate"})
_TROOPS = frozenset({"forces", "troops", "units", "soldiers", "marines", "paratroopers", "russians", "ukrainians",
                     "defenders", "brigades"})
# "infiltrate near Dobropillia, reaching Kucheriv Yar" (a fresh batch, 2026-12-07): only a name with a
# settlement's ending, not "reaching Trump", "seizing Starlink terminals", "capturing Prigozhin"
_CAPTURE_GERUNDS = frozenset({"reaching", "capturing", "seizing", "retaking", "recapturing", "liberating"})
# words that may follow a village's name in a headline: "captured Zelyonoye north of Kharkov"
_NAME_ENDS = frozenset({"in", "and", "as", "after", "on", "of", "near", "north", "south", "east", "west",
                        "northeast", "northwest", "southeast", "southwest"})
# "Russia claims Bilogorovka": a claim names a village only with a village's ending (not "claimed Wagner")
_CLAIM_VERBS = frozenset({"claims", "claimed"})
# nouns of a capture before "of" (not "loss": "the loss of Trypilska", "the loss of Pyatnashka fighters", "the
# loss of Avdiivka and Zaluzhnyi's dismissal" name plants, units and people as often; a review, 2026-12-08)
_CAPTURE_NOUNS = frozenset({"capture", "fall", "liberation", "seizure", "recapture"})

# "fighting in Vovchoiarivka", "attacked in Zherebianky", "operating in Hatyshche", "advanced into
# Borysivka, Ohirtseve and Pletenivka": "in" and "into" cue a village only after these, and only a name
# with a village's ending (not "fighting in April", "in Syria", "in Transnistria")
_FIGHTING = frozenset({"fighting", "clashes", "battles", "combat", "fought", "battle", "attacked", "attacking",
                       "advance", "advances", "advanced", "advancing", "operating", "operate", "operates"})
_VILLAGE_ENDINGS = tuple(e for e in TOPONYM_ENDINGS if e not in ("ia", "yi", "ye", "sk"))
_CLAIM_ENDINGS = tuple(e for e in _VILLAGE_ENDINGS if e not in ("ky", "ki"))
# a name "in X near <a known place>" ends as a settlement does, or as Hroza and Antopil do
_PLACED_ENDINGS = TOPONYM_ENDINGS + ("a", "pil", "pol")
# parts only a settlement has: "the western outskirts of Zhelanne" names a village as "the village of" does
# (not "centre": "the Centre of National Resistance" is a body)
_SETTLEMENT_PARTS = frozenset({"outskirts", "outskirt", "edge", "suburbs"})
# "in the centres of Dalne, Sontsivka and Berestky" (context.toml [names] centres): where troops are, not
# "a missile hit the repair centre of Ukrzaliznytsia"
_INTO = frozenset({"in", "at", "into", "to"})
# how sure a cue makes a new name a settlement: "the village of X" is strong, "near X" weak; a weak
# cue's name listed with two places the gazetteer knows is listed (a place, whatever its ending)
LISTED = "listed"


# 'forces "liberated" Zhelanne Druhe': a cue may close a quote (and scraped copy puts no-break spaces)
_QUOTES = " \u00a0\u2009\u202f\"'\u201c\u201d\u2018\u2019"
_COMPASS_PARTS = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern",
                            "northwestern", "southeastern", "southwestern"})
# "advanced in western Pleshchiivka": a part of the village between "in" and its name
_SETTLEMENT_CUES = (frozenset({"of", "near", "around", "including", "in", "into"}) | _CAPTURE_VERBS | _CAPTURE_GERUNDS
                    | _CLAIM_VERBS | _COMPASS_PARTS | _HEADLINE_CAPTURES)


def _part_of(words: list[str], k: int) -> bool:
    """"the southern part of Zolotyi Kolodiaz": a compass part names a settlement as its outskirts do."""
    return words[k] in ("part", "parts") and k >= 1 and words[k - 1] in _COMPASS_PARTS


def _placed_near_known(doc: Doc, i: int, known_end: dict[int, int], openers: frozenset[str]) -> bool:
    """Whether the capitalised name at ``i`` (after "in") is placed by a place the gazetteer knows
    right after it: "a strike on a café in Hroza near Kupyansk", "in Nova Poltavka, near Izium".
    One word with a settlement's ending, or an opener and a word ("Nova Poltavka"): not a unit or a
    body ("served in Wagner near Bakhmut", "in Azov Brigade near Pokrovsk", "in Achilles near ...")."""
    words, caps, sent = doc.words, doc.caps, doc.sent
    j = i
    while j < len(words) and j - i < 2 and caps[j] and sent[j] == sent[i] and j not in known_end:
        j += 1
    if not (i < j < len(words) - 1 and words[j] == "near" and sent[j + 1] == sent[i] and j + 1 in known_end):
        return False
    return words[j - 1].endswith(_PLACED_ENDINGS) and (j - i == 1 or words[i] in openers)


# "served in Khartiia": a unit, not a village
_SERVED = frozenset({"served", "serves", "serving", "volunteered", "volunteers", "volunteering", "enlisted", "joined"})
# ... and Russian villages' endings besides: "In Nekhlitsy, in the Sevsk district"
_AREA_PLACED_ENDINGS = _PLACED_ENDINGS + ("tsy", "sy", "no", "ny")
# the words of a district or region placing a name right after it: "In Nekhlitsy, in the Sevsk district, ..."
_AREA_WORDS = frozenset({"district", "raion", "community", "hromada", "municipality", "region", "oblast"})


def _placed_by_area(doc: Doc, i: int, known_end: dict[int, int], openers: frozenset[str]) -> bool:
    """Whether the capitalised name at ``i`` (after "in") is placed by the district or region of a place the
    gazetteer knows, right after a comma: "In Nekhlitsy, in the Sevsk district, two people were wounded", "a
    house in Nyzhche Solone, in the Izium district" (a governor's tally; fresh batches, 2026-12-07 and -08).
    One word, or an opener and a word, as in ``_placed_near_known``."""
    words, caps, sent = doc.words, doc.caps, doc.sent
    j = i
    while j < len(words) and j - i < 2 and caps[j] and sent[j] == sent[i] and j not in known_end:
        j += 1
    if j == i or j >= len(words) or "," not in doc.gap(j) or not (j - i == 1 or words[i] in openers):
        return False
    # not "served in Wagner, in the Luhansk region", "served in Khartiia, in the Kharkiv region" (a review)
    if not words[j - 1].endswith(_AREA_PLACED_ENDINGS) or i >= 2 and words[i - 2] in _SERVED:
        return False
    k = j + 2 if words[j:j + 2] == ["in", "the"] else j
    if k not in known_end or sent[k] != sent[i]:
        return False
    end = known_end[k]
    return words[end - 1] in _AREA_WORDS or end < len(words) and words[end] in _AREA_WORDS


def unknown_settlements(doc: Doc, mentions: list[Mention], gaz: Gazetteer,
                        not_names: frozenset[str] = frozenset(), *,
                        units: frozenset[str], kit: frozenset[str] = frozenset(),
                        centres: frozenset[str] = frozenset(), plurals: frozenset[str] = frozenset(),
                        people: frozenset[str] = frozenset()) -> list[Mention]:
    """Capitalised names the gazetteer lacks where the text says they are settlements:
    "the village of Tsel", "near Lastochkyne and Sieverne", "including Gornal". Their region
    comes from the text ("in Kursk Oblast") or, later, from the item's other places.
    ``not_names``: capitalised words that are never a settlement's name ("near Russian air
    bases", "Kharkiv City, a city of a million"), nor is a region's base name said alone
    ("attacks in Ivanovo, Ryazan and Amur"); ``units``: the words of a distance
    ("Hroza lies about 30 kilometres west of Kupiansk"); ``kit``: nouns a weapon's or an area's
    name stands before ("including Kalibr cruise missiles", "advanced in western Zaporizka oblast");
    ``centres``: "in the centre of" a name makes it a village when it ends as villages do; ``plurals``:
    "settlements", "villages", whose sentence makes one known village enough for a list; ``people``: given
    names, which make a name of two words a person's ("including Herman Smetanin")."""
    taken = set()
    known_end: dict[int, int] = {}  # a known name in a list: where it ends
    for m in mentions:
        if m.role == NAME and (m.why.startswith("preceded by the capitalised") or m.why == OPENS_A_NAME):
            continue  # "Stari Terny", "Nove Shakhove": parts of a longer name, which may be a settlement itself
        taken.update(range(m.start, m.end))
        known_end[m.start] = m.end
    # countries abroad ("including Britain, Canada and Spain"); not "captured Dalne and Ukraine said ..."
    home = {r.country for r in gaz.regions.values() if r.country}
    countries = frozenset(m.start for m in mentions if m.kind == COUNTRY and m.country not in home)
    words, caps = doc.words, doc.caps
    out: list[Mention] = []
    after_cue = [i + 1 for i in compress(range(len(words)), map(_SETTLEMENT_CUES.__contains__, words))]
    done = 0
    # names after "the village of", "near", "including"; not "captured", "seized" (a person as often as a village)
    cued: set[int] = set()
    for i in after_cue:
        if i >= len(words) or i < done:
            continue
        centre = (i >= 4 and words[i - 1] == "of" and words[i - 2] in centres and not caps[i - 2]
                  and words[i - 3] == "the" and words[i - 4] in _INTO)
        strong = centre or i >= 2 and words[i - 1] == "of" and (
            words[i - 2] in SETTLEMENT_WORDS or words[i - 2] in _SETTLEMENT_PARTS or _part_of(words, i - 2)) or (
            words[i - 1] == "in" and (_placed_near_known(doc, i, known_end, gaz.settlement_openers)
                                      or _placed_by_area(doc, i, known_end, gaz.settlement_openers)))
        into = i - 2 if words[i - 1] in _COMPASS_PARTS else i - 1  # "in western Pleshchiivka"
        fighting = into >= 1 and words[into] in ("in", "into") and words[into - 1] in _FIGHTING
        # "the capture of Stepova Novoselivka", "the fall of Ivanivske": only with a village's ending, as a claim
        claim = words[i - 1] in _CLAIM_VERBS or (i >= 2 and words[i - 1] == "of" and words[i - 2] in _CAPTURE_NOUNS)
        gerund = words[i - 1] in _CAPTURE_GERUNDS
        captured = words[i - 1] in _CAPTURE_VERBS or (i < doc.n_head and i >= 2 and words[i - 1] in _HEADLINE_CAPTURES
                                                      and words[i - 2] in _TROOPS)
        weak = words[i - 1] in ("near", "around", "including") or captured or fighting or claim or gerund
        # a headline by "the village of", or "near" when it is not in title case ("Ukraine launches new
        # attack near Berdin"); not a capture verb ("... captured Wagner commander")
        if not (strong or weak) or not caps[i] or doc.sent_start[i] or (i < doc.n_head and doc.title_case) \
                or doc.gap(i).strip(_QUOTES):
            continue  # not '"... will not be reached," Boris Pistorius told': the cue ends its clause
        # "around" only in a list with a place the gazetteer knows: "around Strilecha and Pylna", not
        # "around Christmas" or "rallied around Zelensky"
        found = _listed_names(doc, i, taken, known_end, min_known=int(words[i - 1] == "around"), countries=countries)
        # a list with a place the gazetteer knows is a list of places: "advances in Shumy and Pivnichne"
        anchored = bool(found) and bool(_listed_names(doc, i, taken, known_end, min_known=1, countries=countries))
        if centre:  # "the centre of Sudzha, and Chief of ..."
            found = [(start, end) for start, end in found if words[end - 1].endswith(TOPONYM_ENDINGS)]
        if words[i - 1] in _TOOK:
            found = _taken_villages(doc, found, known_end)
        elif i < doc.n_head and captured:  # "retakes Zolota Balka", not "captures Wagner commander"
            found = _vouched(doc, found, TOPONYM_ENDINGS, anchored)
        if words[i - 1] == "occupied":  # not "the Occupied Territories", "occupied Tsentralna Street"; "Stari Terny"
            found = [(start, end) for start, end in found if words[end - 1].endswith(_VILLAGE_ENDINGS)
                     or (end - start > 1 and words[start] in gaz.settlement_openers)]
        if gerund:
            found = [(start, end) for start, end in _vouched(doc, found, TOPONYM_ENDINGS, anchored)
                     if not doc.possessive(end - 1)]
        if fighting or claim:  # a claim is about people as often: not "claimed Syrsky", "claimed Zelensky"
            found = _vouched(doc, found, _CLAIM_ENDINGS if claim else _VILLAGE_ENDINGS, anchored)
        if i < doc.n_head and not strong:  # "attack near Berdin in Kursk region", not "near Wagner headquarters"
            found = [(start, end) for start, end in found if end >= doc.n_head or words[end] in _NAME_ENDS
                     or doc.gap(end).strip()]
        # "near Plekhovo, Vorobzha and Martynovka": a name listed with two places the gazetteer knows
        # is a place whatever its ending (resolve._place_unknown), though its cue is weak; so is one a
        # list's other name or known place vouched for ("reaching Kucheriv Yar and Zolotyi Kolodiaz")
        listed = {start for start, _ in _listed_names(doc, i, taken, known_end, min_known=2)} if found else set()
        if found and (gerund or fighting or claim or words[i - 1] in _TOOK or i < doc.n_head and captured):
            listed |= {start for start, end in found if not words[end - 1].endswith(TOPONYM_ENDINGS)}
        for start, end in found:
            if doc.words[start] in not_names:
                continue
            m = Mention(start, end, PLACE, (), doc.text[doc.starts[start]:doc.ends[end - 1]])
            m.resolution = "strong" if strong else LISTED if start in listed else "weak"
            if not captured and not claim and not gerund:
                cued.add(start)
            out.append(m)
        done = found[-1][1] if found else i + 1
    out += _among_known_places(doc, mentions, taken, known_end, {m.start for m in out}, not_names, plurals)
    out += _opened_names(doc, mentions, {m.start for m in out})
    out += [m for m in _named_bases(doc, taken, {m.start for m in out}) if doc.words[m.start] not in not_names]
    out += [m for m in _apposed_settlements(doc, taken, {m.start for m in out}) if doc.words[m.start] not in not_names]
    out += [m for m in _measured_settlements(doc, mentions, taken, {m.start for m in out}, units, gaz)
            if doc.words[m.start] not in not_names]
    out = [m for m in out if not _before_kit(doc, m, kit) and not _acronym(doc, m)
           and tuple(words[m.start:m.end]) not in gaz.region_bases
           and not (m.end - m.start > 1 and words[m.start] in people)]  # "including Herman Smetanin"
    if out:
        # a name the text puts abroad once is abroad wherever the item repeats it ("at the Skrydstrup air base
        # in southern Denmark" ... "flew on to Skrydstrup"); so is a large city abroad GeoNames has
        # (not a mention whose sentence names a region of the war zone, or a strong cue places: "the village
        # of Stroivka in Kharkiv region", "the town of Alexandria in Kirovohrad region"; a review, 2026-12-08)
        placed = {doc.sent[r.start] for r in mentions if r.kind == REGION}
        abroad_here = {id(m): tuple(words[m.start:m.end]) for m in out if _abroad(doc, m, mentions, home)}
        abroad = set(abroad_here.values())

        def is_abroad(m: Mention) -> bool:
            if id(m) in abroad_here:
                return True
            if doc.sent[m.start] in placed:
                return False
            name = tuple(words[m.start:m.end])
            return name in abroad and m.resolution != "strong" or name in gaz.abroad_cities

        out = [m for m in out if not is_abroad(m)]
    if out:
        out += _named_again(doc, out, taken)
        for m in out:
            _locate_by_near(doc, m, mentions)
        pins = [m for m in mentions if m.kind in (REGION, PLACE) and m.role not in (NAME, METONYMY)]
        placing = [r for r in pins if r.kind == REGION and r.role not in NOT_HOLDING]
        for m in out:
            region = _explicit_region(doc, m, pins, gaz)
            how = "from the text"
            if not region:
                region = _region_of_next_locator(doc, m, pins, gaz)
                how = "the region of the place that locates its list"
            if not region:
                how = "from the text"
                same = {r.region for r in placing if doc.sent[r.start] == doc.sent[m.start]}
                region = same.pop() if len(same) == 1 else ""
            if not region:  # "near Lastochkyne, west of Avdiivka": the one region of the item's places; for
                # a name the text calls a settlement ("the outskirts of Zhelanne"), of its sentence's first
                # (in its sentence, places of one region first, then the likeliest regions of the others)
                strong = m.resolution == "strong"
                scopes = _STRONG_SCOPES if strong else _WEAK_SCOPES
                for scope, likeliest in scopes:
                    around = set()
                    for r in pins:
                        if r.kind != PLACE or (scope == "sentence" and doc.sent[r.start] != doc.sent[m.start]) \
                                or (strong and scope == "item" and r.role == HISTORY):  # "the village of
                            continue  # Kamenny" in Krasnodar Krai, not by Toropets of an earlier blast
                        regions = _regions_of(r, gaz, likeliest)
                        if len(regions) == 1:
                            around |= regions
                    region = around.pop() if len(around) == 1 else ""
                    how = f"the region of the {scope}'s other places"
                    if region or around:
                        break
            if not region and m.start in cued and not doc.possessive(m.end - 1):
                # "the village of Hroza" ... "the Kharkiv Oblast village"; not "near Ivanenko's farm"
                region = front_region({r.region for r in pins if r.kind == REGION}, gaz)
                how = "the one front-line region the item names"
            if not region and m.resolution == LISTED:
                # a name listed with places the gazetteer knows, when the item's places span regions and it
                # names no front: the region two or more of its sentence's places agree on ("liberated
                # Tsyrkuny, Peremoha, ... and Borshchova" in an item that turns to the Izium axis; a fresh
                # batch, 2026-12-08)
                region = _sentence_region(doc, m, pins, gaz)
                how = "the region of the sentence's other places"
            if region and gaz.regions[region].country:  # no village stands in a sea
                m.place = _synthetic(m, region, gaz)
                m.resolution = f"not in the gazetteer; {gaz.regions[region].name}, {how}"
        _one_region_per_name(doc, out)
    return out


def _vouched(doc: Doc, found: list[tuple[int, int]], endings: tuple[str, ...],
             anchored: bool) -> list[tuple[int, int]]:
    """The names of a list after a weak cue that end as ``endings`` do, or all of them when one does or
    when the list also holds a place the gazetteer knows: a list names one kind of thing, so "reaching
    Kucheriv Yar and Zolotyi Kolodiaz" vouches for the second name (a fresh batch, 2026-12-07)."""
    if anchored or any(doc.words[end - 1].endswith(endings) for _, end in found):
        return found
    return []


def _taken_villages(doc: Doc, found: list[tuple[int, int]], known_end: dict[int, int]) -> list[tuple[int, int]]:
    """The names after "took" that are villages: each one that ends as villages do (not as surnames and given
    names: "-ky", "-yi", "-ia"), or the whole list when "in the X region" closes it ("took Gatishche, Krasnoye,
    Morokhovets and Oleinikovo in Kharkov region"); never a name a person is taken with ("took Zelensky to")."""
    found = [(start, end) for start, end in found if _ends_a_name(doc, end)]
    if found and _region_closes(doc, found[-1][1], known_end):
        return found
    return [(start, end) for start, end in found if doc.words[end - 1].endswith(_CLAIM_ENDINGS)]


def _ends_a_name(doc: Doc, end: int) -> bool:
    """Whether the name before token ``end`` stands as a village's would after "took": at the end of its
    clause or before "in", "and", a date or a capitalised word; not before "to" (a person taken somewhere)
    nor a noun ("took Pyatnashka fighters prisoner")."""
    words = doc.words
    if end >= len(words) or doc.sent[end] != doc.sent[end - 1] or doc.gap(end).strip() or doc.caps[end]:
        return True
    return words[end] in _NAME_ENDS or words[end] in _AFTER_TAKEN


def _region_closes(doc: Doc, k: int, known_end: dict[int, int]) -> bool:
    """Whether "in (the) X region" follows the list whose last new name ends at token ``k``."""
    words, n = doc.words, len(doc.words)
    while k < n and (words[k] == "and" or doc.caps[k]) and doc.sent[k] == doc.sent[k - 1]:  # "... and Krasnoye"
        k = known_end.get(k, k + 1)
    if k + 1 >= n or words[k] != "in":
        return False
    k += 1 + int(words[k + 1] == "the")
    end = known_end.get(k)
    return end is not None and (words[end - 1] in _REGION_WORDS or end < n and words[end] in _REGION_WORDS)


_REGION_WORDS = frozenset({"region", "oblast", "province"})
_STRONG_SCOPES = (("sentence", False), ("sentence", True), ("item", False))
_WEAK_SCOPES = (("item", False),)
LISTED_SUPPORT = 2  # places of a sentence that must agree on the region of a name listed with them


def _sentence_region(doc: Doc, m: Mention, pins: list[Mention], gaz: Gazetteer) -> str:
    """The one region of the places in ``m``'s sentence whose readings lie in one region, when at least
    LISTED_SUPPORT of them do."""
    around: set[str] = set()
    support = 0
    for r in pins:
        if r.kind == PLACE and doc.sent[r.start] == doc.sent[m.start]:
            regions = _regions_of(r, gaz, False)
            if len(regions) == 1:
                around |= regions
                support += 1
    return around.pop() if len(around) == 1 and support >= LISTED_SUPPORT else ""


def _named_again(doc: Doc, found: list[Mention], taken: set[int]) -> list[Mention]:
    """The other mentions of a new settlement's name: "including Borisoglebsk and Khalino" in the
    headline makes the body's "Khalino near Kursk" the same airfield village, with no cue of its own
    (not a dateline's "HROZA", nor the first word of a longer name)."""
    words, caps = doc.words, doc.caps
    starts = {m.start for m in found}
    by_name = {tuple(words[m.start:m.end]): m for m in found}
    out = []
    for name, m in by_name.items():
        n = len(name)
        for i in range(len(words) - n + 1):
            if (i in starts or not caps[i] or tuple(words[i:i + n]) != name or any(j in taken for j in range(i, i + n))
                    or (i + n < len(words) and caps[i + n] and doc.gap(i + n) == " ")
                    or doc.text[doc.starts[i]:doc.ends[i + n - 1]].isupper()):
                continue
            k = Mention(i, i + n, PLACE, (), doc.text[doc.starts[i]:doc.ends[i + n - 1]])
            k.resolution = m.resolution
            out.append(k)
            starts.add(i)
    return out


def _locate_by_near(doc: Doc, m: Mention, mentions: list[Mention]) -> None:
    """"Khalino near Kursk": a known place right after a new settlement and "near" locates it, as it
    does after a place the gazetteer knows (place_roles); the new name takes its region from it."""
    k = m.end
    if k + 1 >= len(doc.words) or doc.words[k] != "near" or doc.gap(k).strip() or doc.sent[k] != doc.sent[m.start]:
        return
    o = next((o for o in mentions if o.start == k + 1 and o.kind == PLACE and o.role == ABOUT), None)
    if o is not None:
        o.role, o.why, o.measured = LOCATOR, f"locates the place named before it ('... near {o.trigger}')", True


def _regions_of(m: Mention, gaz: Gazetteer, likeliest: bool) -> set[str]:
    """The regions a known place may lie in; with ``likeliest``, the one its likeliest reading wins
    by the resolving margin (Dobropillia of Donetsk Oblast, not its village namesakes). Only for a
    place in the new name's own sentence where none has one region: "reached the villages of Kucheriv
    Yar and Zolotyi Kolodiaz, north-east of Dobropillia"; "Borisovka" beside Strilecha and Pylna is
    Borysivka of Kharkiv Oblast, not the Belgorod Oblast town."""
    regions = {gaz.places[e[1]].region for e in m.entries if e[0] == PLACE}
    if likeliest and len(regions) > 1:
        best = likeliest_region(m, gaz)
        if best:
            return {best}
    return regions


def _before_kit(doc: Doc, m: Mention, kit: frozenset[str]) -> bool:
    """Whether a name, or the list it closes with others, stands before one of ``kit``: "Kalibr cruise
    missiles", "the Saltivskyi and Nemyshlianskyi districts" (:func:`list_tail`)."""
    end = list_tail(doc, m.end)
    return end < len(doc.words) and doc.words[end] in kit and doc.gap(end) == " "


def _acronym(doc: Doc, m: Mention) -> bool:
    """"including NATO membership", "HIMARS strikes": a name in capitals is a body or a weapon, not a
    village (a dateline's "KYIV" is a place the gazetteer knows)."""
    first = doc.text[doc.starts[m.start]:doc.ends[m.start]]
    return len(first) > 1 and first.isupper()


LOCATOR_SPAN = 9  # words from a name to the locator its list ends with: "near A and B, east of C"
LOCATOR_PHRASE = 5  # words of the locator itself: "some 10 km east of"


def _region_of_next_locator(doc: Doc, m: Mention, pins: list[Mention], gaz: Gazetteer) -> str:
    """"near Myrolubivka and Promin, east of Pokrovsk": a list of villages ending in a locator
    lies in the locator's region, even where its sentence goes on to name another region
    ("..., while attacks near Petropavlivka in the Kharkiv region failed")."""
    r = next((r for r in pins if r.start >= m.end and r.measured), None)  # list mates the gazetteer knows come first
    if r is None or doc.sent[r.start] != doc.sent[m.start] or r.start - m.end > LOCATOR_SPAN:
        return ""
    commas = [k for k in range(m.end, r.start) if doc.gap(k).strip() == ","]
    if not commas or r.start - commas[-1] > LOCATOR_PHRASE:
        return ""  # no comma before the locator: "Promin east of Pokrovsk" is Promin's own locator, resolved
    for k in range(m.end, commas[-1]):  # the rest of the list: names joined by "and", "or" and commas
        if not (doc.caps[k] or doc.words[k] in ("and", "or")) or doc.gap(k).strip() not in ("", ","):
            return ""
    region = _region_of(r, gaz)
    if not region and r.kind == PLACE:  # Pokrovsk: the town of the front, not Pokrovsk in Yakutia
        region = likeliest_region(r, gaz)
    return region if region and gaz.regions[region].country else ""


ABROAD_SPAN = 4  # words from a name to "in <country>": "Ramstein Air Base in Germany"


def _abroad(doc: Doc, m: Mention, mentions: list[Mention], home: set[str]) -> bool:
    """Whether the sentence puts the name in a country the gazetteer has no regions of (not in
    ``home``): "Ramstein Air Base in Germany", "the Skrydstrup air base in southern Denmark", or a
    dateline ("EINDHOVEN, Netherlands - ..."): a place abroad, not a village of the war zone GeoNames
    lacks. The country is the object of that "in", with no comma between: not "near Novoolenivka in
    Donetsk Oblast, Estonia's intelligence chief said" (a review, 2026-12-08)."""
    words = doc.words
    for o in mentions:
        if o.kind != COUNTRY or not o.country or o.country in home or doc.sent[o.start] != doc.sent[m.start]:
            continue
        if o.start == m.end and m.start == doc.n_head and "," in doc.gap(m.end):  # a dateline
            return True
        # an appositive may open with a comma: "Przewodow, a village in eastern Poland"
        first = m.end + 1 if "," in doc.gap(m.end) and words[m.end] in ("a", "an") else m.end
        if not 0 < o.start - m.end <= ABROAD_SPAN or any("," in doc.gap(k) for k in range(first, o.start + 1)):
            continue
        k = o.start - 1
        while k > m.end and words[k] in _BEFORE_A_COUNTRY:
            k -= 1
        if words[k] == "in":
            return True
    return False


# words between "in" and a country: "in southern Denmark", "in the Netherlands"
_BEFORE_A_COUNTRY = frozenset({"the", "northern", "southern", "eastern", "western", "central", "north", "south",
                               "east", "west", "neighbouring", "neighboring", "nearby"})


def _one_region_per_name(doc: Doc, found: list[Mention]) -> None:
    """A new village the item names twice is one village: where its mentions put it in two regions,
    or only one of them in any, the one the text places most closely wins (a region named with it,
    then a place that locates it, then its sentence's places, then the item's), and the body's
    before the headline's. A headline joins clauses with commas ("near Ryzhivka, Chernihiv border
    villages shelled"); the body says "into Sumy Oblast near the village of Ryzhivka"."""
    by_name: dict[tuple[str, ...], list[Mention]] = {}
    for m in found:
        by_name.setdefault(tuple(doc.words[m.start:m.end]), []).append(m)
    for group in by_name.values():
        placed = [m for m in group if m.place is not None]
        if not placed or (len(placed) == len(group) and len({m.place.region for m in placed}) < 2):
            continue
        best = min(placed, key=lambda m: (_placing_rank(m.resolution), m.start < doc.n_head, m.start))
        for m in group:
            m.place, m.resolution = best.place, best.resolution


# how closely a new village's resolution places it, closest first (the texts unknown_settlements writes)
_PLACING = ("from the text", "the place that locates its list", "the sentence's other places",
            "the item's other places", "the one front-line region")


def _placing_rank(resolution: str) -> int:
    return next((k for k, how in enumerate(_PLACING) if how in resolution), len(_PLACING))


_NEIGHBOURING = frozenset({"nearby", "neighbouring", "neighboring", "adjacent"})


def _listed_names(doc: Doc, i: int, taken: set[int], known_end: dict[int, int],
                  min_known: int = 0, countries: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The unknown names of the list that starts at token ``i`` after a settlement cue:
    "near Lysivka, Promin, Myroliubivka and Zhovte" (known names in it are passed over).
    A list joined by commas must end in "and"/"or", so "near Kharkiv, Russian forces"
    is no list. ``min_known``: how many names of the list the gazetteer must know; a list
    with a country (mentions starting at ``countries``) lists countries: "including Britain,
    Canada and Spain"."""
    words, caps, n = doc.words, doc.caps, len(doc.words)
    items: list[tuple[int, int, bool]] = []  # (start, end, known)
    separators: list[str] = []
    j = i
    while j < n and caps[j] and doc.sent[j] == doc.sent[i]:
        if j in taken:
            if j not in known_end:
                break
            k = known_end[j]
            items.append((j, k, True))
        else:
            if not (words[j].isalpha() and len(words[j]) >= 3):
                break
            k = j + 1
            while k < n and caps[k] and k not in taken and doc.gap(k) in (" ", "-") and words[k].isalpha():
                k += 1
            items.append((j, k, False))
        if separators and separators[-1] == "and":
            break  # "A, B and C" ends at C: not "..., Ukraine's Defence Ministry said"
        gap = doc.gap(k).strip() if k < n else ""
        if k + 2 < n and words[k] in ("and", "or") and gap in ("", ",") and words[k + 1] in _NEIGHBOURING \
                and caps[k + 2]:
            separators.append("and")  # "near Kozinka and nearby Gorkovsky"
            j = k + 2
        elif k + 1 < n and words[k] in ("and", "or") and gap in ("", ",") and caps[k + 1]:
            separators.append("and")
            j = k + 1
        elif k < n and gap == "," and caps[k] and words[k] not in ("and", "or"):
            separators.append(",")
            j = k
        else:
            if k + 1 < n and words[k] in ("and", "or") and gap in ("", ",") and (
                    words[k + 1] in _PLACE_PREPOSITIONS
                    or words[k + 1] == "the" and not _EDGES.isdisjoint(words[k + 2:k + 4])):
                separators.append("and")  # "near Dalne, Stari Terny and on (or: and) the edge of ...": closed
            break
    if "," in separators and separators[-1] != "and":  # commas without a closing "and": no list
        items = items[:separators.index(",") + 1]
    if sum(known for _, _, known in items) < min_known or any(known and start in countries
                                                               for start, _, known in items):
        return []
    return [(start, end) for start, end, known in items if not known]


# "... and on the eastern edge of Kurakhove": a place phrase closing a list of names (not "near
# Kupiansk, Syniehubov and the army said")
_PLACE_PREPOSITIONS = frozenset({"on", "in", "near", "around", "at", "along", "toward", "towards", "outside", "inside",
                                 "into"})

# "... and the eastern edge of Kurakhove": the part of a place that closes a list of names
_EDGES = frozenset({"edge", "edges", "outskirts", "fringes", "approaches", "outskirt"})

LIST_GAP = 6  # words between two known places of a list ("Strilecha, Pylna and Hlyboke": 2)


def _among_known_places(doc: Doc, mentions: list[Mention], taken: set[int], known_end: dict[int, int],
                        seen: set[int], not_names: frozenset[str], plurals: frozenset[str]) -> list[Mention]:
    """"seized Strilecha, Pylna and Hlyboke": a capitalised word the gazetteer lacks in a list
    with two or more villages it knows is a village too. In a list of goals ("pushed toward
    Strilecha, Pylna and Hlyboke") every village of the list is a goal, the known ones after it too."""
    out: list[Mention] = []
    done = 0
    for m, nxt in zip(mentions, mentions[1:] + [None]):
        goal = m.role == AREA and m.why.startswith(GOAL)
        if m.kind != PLACE or (m.role != ABOUT and not goal) or m.start < done or m.start < doc.n_head:
            continue
        # a list needs another known place just after, or a sentence about settlements (below)
        paired = nxt is not None and nxt.start - m.end <= LIST_GAP and doc.sent[nxt.start] == doc.sent[m.start]
        opens = _list_opened_before(doc, m.start, taken)
        found = _listed_names(doc, opens, taken, known_end, min_known=2) if paired else []
        if not found and not goal and _counts_settlements(doc, m.start, plurals):
            # "taken 12 settlements ..., naming Martynovka, Kubatkin, Kolmakov and Dmitryukov": one known
            # village will do in a list of three or more that a sentence about settlements gives
            found = _listed_names(doc, opens, taken, known_end, min_known=1)
            found = found if len(found) >= 2 else []
        for start, end in found:
            if start not in seen and doc.words[start] not in not_names:
                k = Mention(start, end, PLACE, (), doc.text[doc.starts[start]:doc.ends[end - 1]])
                k.resolution = "strong"
                if goal:
                    k.role, k.why = AREA, f"{GOAL} (listed with {m.trigger})"
                out.append(k)
        if goal and found:
            last = found[-1][1]  # the list runs on past the last name found: "..., Oliinykove and Hlyboke"
            for o in mentions:
                if o.kind == PLACE and m.end <= o.start and (o.start < last or (
                        o.start == last + 1 and doc.words[last] in ("and", "or"))):
                    last = max(last, o.end)
                    if o.role == ABOUT:
                        o.role, o.why = AREA, f"{GOAL} (listed with {m.trigger})"
        done = found[-1][1] if found else m.end
    return out


def _counts_settlements(doc: Doc, i: int, plurals: frozenset[str]) -> bool:
    """Whether the sentence of token ``i`` speaks of settlements in the plural (``plurals``) before it."""
    lo, _ = doc.sentence_span(i)
    return not plurals.isdisjoint(doc.words[lo:i])


# words before a source rather than a village: "According to Suspilne, Vovchansk, Lyptsi and Hlyboke ..."
_SOURCE_BEFORE = frozenset({"to", "by", "from", "told", "per"})


def _list_opened_before(doc: Doc, i: int, taken: set[int]) -> int:
    """Where a list with the known place at ``i`` starts: names the gazetteer lacks may come first
    ("four villages of the Krasnopillia community: Osoivka, Khmelivka, Vesele and Lozove"). Only
    single words with a village's ending, so "On Wednesday, Vesele and Lozove" starts at Vesele, and not
    a source ("According to Suspilne, ...")."""
    words, start = doc.words, i
    k = i - 1
    while k >= 0 and doc.sent[k] == doc.sent[i] and doc.gap(k + 1).strip() == "," and doc.caps[k] \
            and k not in taken and words[k].isalpha() and words[k].endswith(_VILLAGE_ENDINGS) \
            and (k == 0 or not doc.caps[k - 1] or doc.gap(k).strip() not in ("", *HYPHENS)) \
            and (k == 0 or words[k - 1] not in _SOURCE_BEFORE):
        start = k
        k -= 1
    return start


def _opened_names(doc: Doc, mentions: list[Mention], seen: set[int]) -> list[Mention]:
    """"Nove Shakhove", "Stepnaya Novoselovka": a settlement opener the gazetteer knows as a place of
    its own, then a village it knows, make one village it lacks (place_roles gives both parts the
    name role); the name alone says it is a settlement."""
    out = []
    for m, nxt in zip(mentions, mentions[1:]):
        if m.role == NAME and m.why == OPENS_A_NAME and nxt.start == m.end and m.start not in seen:
            k = Mention(m.start, nxt.end, PLACE, (), doc.text[doc.starts[m.start]:doc.ends[nxt.end - 1]])
            k.resolution = "strong"
            out.append(k)
    return out


_BASE_WORDS = frozenset({"airfield", "airbase", "air"})  # "air" only as "air base"


def _named_bases(doc: Doc, taken: set[int], seen: set[int]) -> list[Mention]:
    """"the Dyagilevo air base", "Kacha airfield": a capitalised word the gazetteer lacks before
    an air base or airfield names the place where the base is."""
    words, caps, n = doc.words, doc.caps, len(doc.words)
    out = []
    for i in compress(range(n), map(_BASE_WORDS.__contains__, words)):
        if words[i] == "air" and (i + 1 >= n or words[i + 1] not in ("base", "bases")):
            continue
        k = i - 1
        # a headline in sentence case names a base as a body does ("drones strike Shaykovka air base")
        if (k < doc.n_head and doc.title_case) or k in taken or k in seen or not caps[k] or doc.sent_start[k] \
                or not words[k].isalpha() or len(words[k]) < 4 or doc.gap(i).strip():
            continue
        m = Mention(k, k + 1, PLACE, (), doc.text[doc.starts[k]:doc.ends[k]])
        m.resolution = "strong"
        out.append(m)
    return out


def _apposed_settlements(doc: Doc, taken: set[int], seen: set[int]) -> list[Mention]:
    """"Sieverne, a village west of Avdiivka": a capitalised word the gazetteer lacks,
    described by an apposition as a settlement."""
    words, caps = doc.words, doc.caps
    out = []
    for i in compress(range(len(words)), map(SETTLEMENT_WORDS.__contains__, words)):  # the filter runs in C
        if doc.possessive(i):  # "Ivan Fedorov, the city's elected mayor" describes a person
            continue
        j = i - 1  # walk back over "a small front-line" to the comma
        while j > 0 and words[j] in _APPOSITION_FILLERS and doc.gap(j).strip() in ("", "-"):
            j -= 1
        if j < 1 or words[j] not in ("a", "an", "the") or doc.gap(j).strip() != ",":
            continue
        k = j - 1
        if k < doc.n_head or k in taken or k in seen or not caps[k] or not words[k].isalpha() or len(words[k]) < 3:
            continue
        start = k
        while start - 1 >= doc.n_head and caps[start - 1] and (start - 1) not in taken \
                and doc.gap(start).strip() in ("", "-") and not doc.sent_start[start]:
            start -= 1
        m = Mention(start, k + 1, PLACE, (), doc.text[doc.starts[start]:doc.ends[k]])
        m.resolution = "strong"
        out.append(m)
    return out


_LIES = frozenset({"lies", "lay", "sits", "sat", "stands", "stood"})
_LIES_SPAN = 4  # words from the verb to the distance: "lies about 30 kilometres west of"


def _measured_settlements(doc: Doc, mentions: list[Mention], taken: set[int], seen: set[int],
                          units: frozenset[str], gaz: Gazetteer) -> list[Mention]:
    """"Hroza lies about 30 kilometres west of Kupiansk": a capitalised word the gazetteer
    lacks that opens a sentence placing it at a distance from another place, in that
    place's region. Only a verb of lying ("Fighting was heaviest 20 km south of Pokrovsk"
    places nothing)."""
    words, caps, n = doc.words, doc.caps, len(doc.words)
    out = []
    for i in compress(range(n), map(_LIES.__contains__, words)):
        k = i - 1
        if k < doc.n_head or k in taken or k in seen or not doc.sent_start[k] or not caps[k] \
                or not words[k].isalpha() or len(words[k]) < 4:
            continue
        after = words[i + 1:min(n, i + 1 + _LIES_SPAN)]
        if units.isdisjoint(after) or "of" not in words[i + 1:min(n, i + 3 + _LIES_SPAN)]:
            continue
        of = words.index("of", i + 1)
        locating = next((o for o in mentions if o.kind == PLACE and of < o.start <= of + 3), None)
        regions = {gaz.places[e[1]].region for e in locating.entries if e[0] == PLACE} if locating else set()
        if len(regions) != 1:
            continue  # located by nothing the gazetteer knows: no evidence it is a place
        region = regions.pop()
        m = Mention(k, k + 1, PLACE, (), doc.text[doc.starts[k]:doc.ends[k]])
        m.resolution = f"not in the gazetteer; {gaz.regions[region].name}, the region of the place that locates it"
        m.place = _synthetic(m, region, gaz)
        out.append(m)
    return out


_APPOSITION_FILLERS = frozenset({"small", "large", "front", "line", "frontline", "border", "nearby", "tiny",
                                 "former", "mining", "industrial", "key", "strategic", "neighbouring",
                                 "neighboring", "russian", "ukrainian", "occupied", "coastal", "riverside"})




FAR_KM = 60.0  # a village this far from every place around it is not the one the item means
SMALL = 5000  # ...when it is this small (towns are named for themselves, far or not)
LISTED_FAR_KM = 150.0  # a small town this far from every other place of the item, in a list with them...
LISTED_SMALL = 20_000  # ...is a namesake too ("toward Pishchane and Novotroitske" south of Pokrovsk),
CLUSTER_KM = 60.0  # ...when its list and two or more places around it lie this close: one stretch of front


def _trusted(m: Mention) -> bool:
    """A place that can say where an item is: a town, a feature or an editor's place."""
    p = m.place
    return p is not None and (p.population >= SMALL or p.kind == "feature" or not p.geonameid)


def _listed_stray(m: Mention, run: list[Mention], anchors: list[Mention], gaz: Gazetteer) -> bool:
    """A small town named in one list (``run``) with villages of one stretch of front, and
    far from every place of the item: GeoNames has the town, not the village of that name the
    item means. "Odesa and Vovchansk" (one place beside it, nothing near that) is a list of
    targets, not a stretch of front."""
    p = m.place
    if p is None or not _may_stray(p):
        return False
    others = [a.place for a in anchors if a.place.slug != p.slug]
    # list mates with a position of their own (a village placed only by its region sits at the
    # region's centre), which must lie close together: "Kupiansk, Vovchansk and Bilopillia" do not
    mates = [o.place for o in run if o is not m and o.place is not None and o.place.slug != p.slug
             and not _at_region_centre(o.place, gaz)]
    if any(_km(a, b) > CLUSTER_KM for a in mates for b in mates):
        return False
    stretch = [a for a in others if any(_km(a, b) <= CLUSTER_KM for b in mates)]
    return len(stretch) >= 2 and all(_km(p, a) > LISTED_FAR_KM for a in others)


def _unsupported_stray(m: Mention, anchors: list[Mention]) -> bool:
    """A town read as the best known of its name with nothing in the item for it, far from
    every other place of an item about one stretch of front: "advanced into the eastern part of
    Vyshneve" southwest of Selydove is the Donetsk village GeoNames lacks, not the Kyiv suburb."""
    p = m.place
    if p is None or m.resolution != UNSUPPORTED or p.population >= CITY or not _may_stray_town(p):
        return False
    others = [a.place for a in anchors if a.place.slug != p.slug]
    return len(others) >= 2 and all(_km(p, a) > LISTED_FAR_KM for a in others)


def _sector_it_lies_off(doc: Doc, m: Mention, mentions: list[Mention], anchors: list[Mention],
                        gaz: Gazetteer) -> Mention | None:
    """The sector its own clause names, when ``m`` is a small town far from it and from every other
    place of the item, named after "near" ("In the Pokrovsk direction, attacks were stopped near
    Novotroitske and Pustynka"): the village of that sector GeoNames lacks, not the town of that name
    it has in Kherson Oblast. Not a sector of another clause ("... in the Pokrovsk direction, while
    glide bombs struck Bilopillia")."""
    p = m.place
    if p is None or not _may_stray(p) or not _after_near(doc, m.start):
        return None
    words, s = doc.words, doc.sent[m.start]
    sectors = [o for o in mentions if o.role == SECTOR and o.place is not None and doc.sent[o.start] == s
               and o.end <= m.start and not any(words[k] in _CLAUSE_BREAKS or doc.gap(k).strip() == ";"
                                                 for k in range(o.end, m.start))]
    others = [a.place for a in anchors if a.place.slug != p.slug and not _at_region_centre(a.place, gaz)]
    if sectors and all(_km(p, a) > LISTED_FAR_KM for a in [o.place for o in sectors] + others):
        return sectors[-1]
    return None


_CLAUSE_BREAKS = frozenset({"while", "whereas", "but", "although", "though"})


def _after_near(doc: Doc, i: int) -> bool:
    """Whether token ``i`` stands in a list of names after "near" or "around" ("near Lysivka and
    Novotroitske")."""
    words, caps, s = doc.words, doc.caps, doc.sent[i]
    k = i - 1
    while k >= 0 and doc.sent[k] == s and (caps[k] or words[k] in ("and", "or")):
        k -= 1
    return k >= 0 and doc.sent[k] == s and words[k] in ("near", "around")


def _may_stray(p: Place) -> bool:
    """A GeoNames town small enough to be a namesake of the village an item means."""
    return p.population < LISTED_SMALL and _may_stray_town(p)


def _may_stray_town(p: Place) -> bool:
    """A GeoNames town, not a feature or one an editor prefers, that may be a namesake."""
    return bool(p.geonameid) and p.kind != "feature" and not p.prefer


REGION_AFTER_SPAN = 5  # words from a name to the region placing it: "Toropets, in the Tver region"


def _placed_by_its_sentence(doc: Doc, m: Mention, mentions: list[Mention], readings: list[Place]) -> bool:
    """Whether a reading of ``m`` lies by the sector or the river its own sentence names: "in the
    Kupiansk direction, attacks near Petropavlivka", "on the left bank of the Dnipro near Krynky"
    hold those villages where they are, whatever front the paragraph before was about. (Neither
    is an anchor elsewhere: a sector spans a front, and a river's one point lies far from most
    of its shore.) Any sentence that names the village counts, in any spelling ("Krynki, as Russia
    spells it"): a headline often names it alone. So does a reading's region named right after the
    name, in a history sentence too: "After Toropets, Tikhoretsk" is the Toropets of "the arsenal at
    Toropets, in the Tver region", not a village by Tikhoretsk."""
    name = doc.words[m.start:m.end]
    same = [o for o in mentions if doc.words[o.start:o.end] == name or (m.place is not None and o.place is m.place)]
    sentences = {doc.sent[o.start] for o in same}
    regions = {p.region for p in readings}
    if any(o.kind == REGION and o.role != NAMESAKE and o.region in regions
           and any(0 < o.start - x.end <= REGION_AFTER_SPAN and doc.sent[x.start] == doc.sent[o.start] for x in same)
           for o in mentions):
        return True
    for o in mentions:
        if o is m or o.kind != PLACE or o.place is None or doc.sent[o.start] not in sentences:
            continue
        if o.role == SECTOR or o.place.is_water:
            if any(_km(p, o.place) <= FAR_KM for p in readings):
                return True
    return False


def _named_near(doc: Doc, name: list[str], anchors: list[Mention]) -> Mention | None:
    """The place after the name and "near" ("Khalino near Kursk"), which places every mention of
    the name: the list it came in first ("airfields including Borisoglebsk and Khalino") does not."""
    for o in anchors:
        k = o.start - 1 - len(name)
        if k >= 0 and doc.words[o.start - 1] == "near" and doc.words[k:o.start - 1] == name \
                and doc.sent[k] == doc.sent[o.start]:
            return o
    return None


def _at_region_centre(p: Place, gaz: Gazetteer) -> bool:
    """A village the gazetteer lacks, placed by its region only (``resolve._synthetic``)."""
    r = gaz.regions.get(p.region)
    return r is not None and not p.geonameid and (p.lat, p.lon) == (r.lat, r.lon)


_THEATRE_ANCHORS = frozenset({ABOUT, SECTOR, AREA, LOCATOR})


def zone_new_villages(mentions: list[Mention], gaz: Gazetteer) -> None:
    """A village GeoNames lacks sits at its region's centre, where no [[zone]] of places.toml
    reaches it: it takes the theatre of the item's known places of its region when they agree
    ("Ostapivske" beside Velykomykhailivka is donbas, not the rear of Dnipropetrovsk Oblast)."""
    theatres: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == PLACE and m.place is not None and m.role in _THEATRE_ANCHORS \
                and not _at_region_centre(m.place, gaz):
            theatres.setdefault(m.place.region, set()).add(m.place.theatre)
    for m in mentions:
        if m.kind == PLACE and m.place is not None and _at_region_centre(m.place, gaz):
            known = theatres.get(m.place.region, ())
            if len(known) == 1:
                m.place.theatre = next(iter(known))


def relocate_namesakes(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Villages resolved to a namesake far from the item, or left ambiguous or regionless,
    become villages of the region of the nearest trusted place of their paragraph (else of
    the item's trusted places, when they share one region): "near Lysivka, Promin and Zhovte" on the Pokrovsk axis is in
    Donetsk Oblast, whatever villages of those names GeoNames has elsewhere. A name whose
    readings include a region the item names is left alone."""

    # regions named in history or as locators ("the Olenivka in Donetsk Oblast, where ... in 2022") do not hold a namesake
    named_regions = {m.region for m in mentions if m.kind == REGION and m.role not in NOT_HOLDING}
    # not a river or reservoir, whose one point lies far from most villages on its shore (the
    # Kakhovka reservoir's is in Kherson Oblast, Stepnohirsk on its shore in Zaporizhzhia Oblast)
    anchors = [m for m in mentions
               if m.kind == PLACE and m.role in ANCHOR_ROLES and _trusted(m) and not m.place.is_water]
    if not anchors:
        return
    para = doc.para_of_sent
    placed = [m for m in mentions if m.kind == PLACE and m.role in ANCHOR_ROLES and m.place is not None]
    run_of: dict[int, list[Mention]] = {}  # the item's lists, made when a small town first needs them
    moved: dict[tuple, Mention] = {}  # (name, the namesake it was read as) -> the mention moved
    for m in mentions:
        if m.kind != PLACE or m.role in (NAME, METONYMY):
            continue
        sector = None
        if m.place is not None and m.place.prefer and m.place.geonameid:
            continue  # the town an editor prefers for its name, however small (Ust-Luga, the Baltic port)
        if _trusted(m) and not _unsupported_stray(m, placed):
            if not _may_stray(m.place):
                continue
            if not run_of:
                run_of = {id(o): run for run in coordinated_runs(doc, mentions) for o in run}
            sector = _sector_it_lies_off(doc, m, mentions, placed, gaz)
            if not _listed_stray(m, run_of[id(m)], placed, gaz) and sector is None:
                continue
        readings = [gaz.places[e[1]] for e in m.entries if e[0] == PLACE]
        # a city's own name left unresolved is no new village near the item's places ("with children in
        # Moscow and Voronezh" made a Voronezh by Moscow; a fresh batch, 2026-12-07); it stays unresolved, as
        # "Dzerzhinsk" in an item on the Toretsk front must
        if m.place is None and any(p.population >= CITY and p.name == m.trigger for p in readings):
            continue
        if m.place is None and not readings:
            if not m.resolution.startswith("not in the gazetteer; no region") or not looks_like_a_settlement(
                    doc, m, gaz.settlement_openers):
                continue
        elif m.place is not None and "named with it" in m.resolution:
            continue
        if m.place is not None and m.place.region in named_regions or m.place is None and any(
                p.region in named_regions for p in readings):
            continue
        name = doc.words[m.start:m.end]
        others = [a for a in anchors if doc.words[a.start:a.end] != name]
        # the town a sector is named after is the last resort: "a village in the Berdiansk direction"
        # lies in Donetsk Oblast, Berdiansk in Zaporizhzhia Oblast
        plain = [a for a in others if a.role != SECTOR]
        s = doc.sent[m.start]
        closest = sorted((a for a in plain if para[doc.sent[a.start]] == para[s]),
                         key=lambda a: (doc.sent[a.start] != s, abs(a.start - m.start)))
        # the nearest trusted place of the paragraph, else the places of its own sentence ("near Lyptsi
        # and Hlyboke"), else all of the item's
        mates = [o for o in mentions if o is not m and o.kind == PLACE and o.place is not None
                 and o.role in ANCHOR_ROLES and o.role != SECTOR and doc.sent[o.start] == s
                 and doc.words[o.start:o.end] != name and not o.place.is_water]  # as ``anchors``
        # a town read off the sector of its clause lies in that sector, or by the names listed with it
        # after the sector, whatever the paragraph or the sentence named before
        named_near = _named_near(doc, name, anchors)
        if named_near is not None:  # "Khalino near Kursk", wherever the item names Khalino
            near = [named_near]
        elif sector is not None:
            near = [o for o in mates if o.start >= sector.end] or [sector]
        else:
            near = closest[:1] or mates or plain or others
        regions = {a.place.region for a in near}
        if len(regions) != 1:
            continue
        region = regions.pop()
        if m.place is not None and m.place.region == region and all(a.why.endswith(AN_AREA) for a in near):
            continue  # "the Kursk border village": Tyotkino of Kursk Oblast, far from Kursk city, is in its land
        if not gaz.regions[region].country:
            continue
        # a sector reaches further from its town than a village lies from the town it is named with
        if any(_km(p, a.place) <= FAR_KM * (2 if a.role == SECTOR else 1) for p in readings for a in near):
            continue
        if _placed_by_its_sentence(doc, m, mentions, readings):
            continue
        detail = (f"{m.place.name} of {m.place.region_name} is far away" if m.place is not None
                  else "its namesakes are far away" if readings else "not in the gazetteer")
        if m.place is not None:
            moved[(tuple(name), m.place.slug)] = m
        m.place = _synthetic(m, region, gaz)
        m.region = region
        m.resolution = (f"a village near {near[0].place.name} ({detail}); "
                        f"{gaz.regions[region].name} from the places around it")
    # the same name elsewhere in the item means the same village: "near Lysivka and Novotroitske ...
    # entered Novotroitske"
    for m in mentions:
        first = moved.get((tuple(doc.words[m.start:m.end]), m.place.slug)) if m.place is not None else None
        if first is not None and first is not m:
            m.place, m.region, m.resolution = first.place, first.region, first.resolution


def relocate_across_border(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """A small town listed with villages of a region across the border, which the item names
    while it never names the town's own: "near Plekhovo, Vorozhba and Martynovka" in an item
    about Kursk Oblast is the Kursk village of Vorozhba, not the Sumy Oblast town GeoNames
    holds, though the two lie too close for ``relocate_namesakes`` to call it far away."""
    named = {m.region for m in mentions if m.kind == REGION and m.role not in NOT_HOLDING}
    moved: dict[tuple[str, ...], Place] = {}
    for run in coordinated_runs(doc, mentions):
        for m in run:
            p = m.place
            if (m.kind != PLACE or m.role in (NAME, METONYMY) or p is None or not _may_stray(p)
                    or p.region in named or "named with it" in m.resolution):
                continue
            regions = {o.place.region for o in run if o is not m and o.kind == PLACE and o.place is not None}
            if len(regions) != 1:
                continue
            region = regions.pop()
            country = gaz.regions[region].country
            if region not in named or not country or country == gaz.regions[p.region].country:
                continue
            m.place = moved[tuple(doc.words[m.start:m.end])] = _synthetic(m, region, gaz)
            m.region = region
            m.resolution = (f"a village of {gaz.regions[region].name}, listed with its villages "
                            f"({p.name} of {p.region_name} is across the border)")
    for m in mentions:  # the same name elsewhere in the item: the same village
        again = moved.get(tuple(doc.words[m.start:m.end]))
        if again is not None and m.place is not None and m.place.geonameid and m.place.region != again.region \
                and "named with it" not in m.resolution:
            m.place, m.region = again, again.region


SPELT_ALIKE = 0.88  # how alike (sound skeletons) a new village's Ukrainian-ending name and a known place must be
SPELT_MARGIN = 0.05  # ... and how much more alike than the next name of the region


def respell_new_villages(mentions: list[Mention], gaz: Gazetteer, endings: list[tuple[str, str]],
                         stems: list[tuple[str, str]]) -> None:
    """A village the item pinned to a region of Ukraine as new to the gazetteer may be written
    the Russian way ("Novoselovka", "Sinkovka", "Zhelannoye"). With its ending made Ukrainian, a
    place of the region spelt alike, and clearly more alike than any other, is the place the item
    means; with none, the new village takes the Ukrainian ending, as the site spells Ukraine's
    places (tests/evaluation/GUIDE.md, Places), and the Ukrainian form of a Russian stem
    ("Novoaleksandrovka" is Novooleksandrivka). Villages of Russia keep their Russian names."""
    new = [m for m in mentions if m.place is not None and not m.place.geonameid and m.place.kind == "village"
           and gaz.regions[m.place.region].country == "UA" and _at_region_centre(m.place, gaz)]
    # the item's own new villages in Ukrainian spelling: "Stepnaya Novoselovka" is the "Stepova Novoselivka"
    # of its headline
    spelt = {m.place.slug: m.place for m in new if _ukrainian_spelling(m.place.name, endings, stems) == m.place.name}
    for m in new:
        p = m.place
        ukrainian = _ukrainian_spelling(p.name, endings, stems)
        if ukrainian == p.name:  # a Ukrainian spelling already: a village the gazetteer lacks
            continue
        in_item = _spelt_alike(ukrainian, [q for q in spelt.values() if q.region == p.region])
        known = in_item or _spelt_alike(ukrainian, gaz.settlements_of(p.region))
        if known is not None:
            m.place = known
            m.resolution += f"; {known.name}, as {'the item' if in_item else 'the gazetteer'} spells it"
        else:
            m.place = _synthetic(m, p.region, gaz, ukrainian)
            m.resolution += f"; spelt {ukrainian}, with the Ukrainian ending"


MIN_STEM = 3  # letters a name keeps before an ending respelt


def _ukrainian_spelling(name: str, endings: list[tuple[str, str]], stems: list[tuple[str, str]]) -> str:
    low = name.lower()
    for russian, ukrainian in endings:
        if low.endswith(russian) and len(low) - len(russian) >= MIN_STEM:  # "Aya" is no "a" with an ending
            name = name[:len(name) - len(russian)] + ukrainian
            break
    return "".join(_ukrainian_stems(part, stems) for part in re.split(r"([\s-])", name))


def _ukrainian_stems(word: str, stems: list[tuple[str, str]]) -> str:
    """One word of a name with its Russian stems made Ukrainian ("Novoaleksandrivka" ->
    "Novooleksandrivka"), keeping its capital; an ending and a stem may meet in a triple "i"
    ("Sergeiivka" -> "Serhiiivka"), which Ukrainian spelling never has."""
    low = word.lower()
    respelt = low
    for russian, ukrainian in stems:
        respelt = respelt.replace(russian, ukrainian)
    respelt = respelt.replace("iii", "ii")
    if respelt == low:
        return word
    return respelt[:1].upper() + respelt[1:] if word[:1].isupper() else respelt


def _spelt_alike(name: str, places: list[Place]) -> Place | None:
    best: dict[str, tuple[float, Place]] = {}
    first = name[:1].lower()
    for q in places:
        if q.name[:1].lower() != first:  # a spelling keeps its first letter (and this keeps the scan short)
            continue
        score = similar(name, q.name)
        if score >= SPELT_ALIKE - SPELT_MARGIN and score > best.get(q.name, (0.0, q))[0]:
            best[q.name] = (score, q)
    ranked = sorted(best.values(), key=lambda x: -x[0])
    if not ranked or ranked[0][0] < SPELT_ALIKE or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < SPELT_MARGIN):
        return None
    return ranked[0][1]
