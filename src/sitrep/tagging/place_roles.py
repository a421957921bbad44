"""The role of each place mention: what the words around a name say it is doing.

A name is ABOUT the item unless its context makes it part of another name, a sector of the
front, an area (a district, a forest, a power plant named after the town), a locator ("50 km
from Kharkiv", "from the direction of Toretsk"), history (a sentence about the past, an earlier
event named as a cause, a digest's "Meanwhile," turn to another development) or, for capitals
and countries, a government (capitals.py). The word lists come from
data/gazetteer/context.toml (place_context.py); roles are listed in places.py.
"""

from __future__ import annotations

from itertools import compress

from sitrep.tagging.aboutness import MONTHS, PASSIVE_BEFORE
from sitrep.tagging.capitals import PART_OF, capital_role, is_capital
from sitrep.tagging.document import Doc
from sitrep.tagging.gazetteer import COUNTRY, EDITOR, PLACE, REGION, Gazetteer
from sitrep.tagging.place_clauses import before_cue_clauses, recalling_lead
from sitrep.tagging.place_context import ContextRules, clean_gap
from sitrep.tagging.place_phrases import HYPHENS, in_the_area, regions_tail, road_after
from sitrep.tagging.places import (ABOUT, AN_AREA, AREA, BACKGROUND, CITY, GOAL, HISTORY, LOCATOR, METONYMY, NAME,
                                   NAMESAKE, NEAR_LOCATOR, OPENS_A_NAME, SECTOR, SETTLEMENT_WORDS, Mention,
                                   coordinated_runs, list_tail)
from sitrep.tagging.resolve import TOPONYM_ENDINGS
from sitrep.text import count_of, tokenize

_DIRECTION, _DISTANCE = "a direction from", "a distance marker"
_HYPOTHETICAL_GOAL = "a goal in a sentence about what may happen"
CAUSE_SPAN = 8  # words between a cause phrase and the place it names ("for the July 17 attack on the ...")
_CLAUSE_BREAKS = frozenset({"and", "but", "while", "which", "where", "when"})
VILLAGE = 3_000  # people: "advanced north of Vremivka" happened at the village; "north of Orikhiv" (14,000) did not
# (nor "east of the Oskil River" or "south of the Kakhovka dam": features only locate)
ANOTHER_DEVELOPMENT = "in a sentence that turns to another development"
SEA_ADJECTIVE_NOUNS = frozenset({"port", "ports", "coast", "resort", "resorts", "city", "town", "coastline"})


def assign_roles(doc: Doc, mentions: list[Mention], rules: ContextRules, gaz: Gazetteer,
                 background: frozenset[int] = frozenset(),
                 cues: dict[int, tuple[tuple[int, str], ...]] | None = None) -> _Times:
    """Set each mention's role from the words around it; ``background`` holds the
    sentences about earlier events and ``cues`` what made them so (:mod:`sitrep.tagging.aboutness`).
    Returns what it found of the item's times, for :func:`assign_time_roles`."""
    for m in mentions:
        _as_seat(doc, m, rules, gaz)
    spans = {m.start: m for m in mentions}
    ends = {m.end for m in mentions}
    runs = coordinated_runs(doc, mentions)
    run_of = {id(m): run for run in runs for m in run}
    for run in runs:  # "Grodno and Brest regions", "Kupiansk and Chuhuiv districts"
        last = run[-1].end
        # the word after the list, in its sentence: not the body's first word after a headline's last name
        after = doc.words[last] if last < len(doc.words) and doc.sent[last] == doc.sent[last - 1] else ""
        if len(run) > 1 and _as_features(doc, run, rules, gaz, mentions):
            for m in mentions:
                run_of.setdefault(id(m), [m])
            continue
        if after in rules.plural_regions or _after_regions(doc, run[0].start, rules) or regions_tail(
                doc, run[-1].end, rules):
            # "Grodno and Brest regions", "Oryol, Kaluga and other regions"
            for m in run:
                _as_region(m, gaz, doc)
        elif after in rules.region_after and clean_gap(doc.gap(last)):
            _as_region(run[-1], gaz, doc)  # "the Luhansk republic"; "Kharkiv and Kursk salient positions"
        elif len(run) > 1 and _sector_after(doc, run, after, rules):  # "the Pokrovsk and Kurakhove fronts"
            for m in run:
                if m.kind == PLACE:
                    m.role, m.why = SECTOR, f"a sector of the front: '... {after}'"
        elif len(run) > 1 and any(o.kind == REGION for o in run):
            for k, m in enumerate(run):  # "in Lviv and Volyn": a town joined to a region is its region
                joined = (k + 1 < len(run) and doc.words[m.end:run[k + 1].start] in (["and"], ["or"])) or (
                    k > 0 and doc.words[run[k - 1].end:m.start] in (["and"], ["or"]))
                if joined:
                    _as_region(m, gaz, doc)
        elif _listed_areas(doc, run, rules, gaz):  # not "defenders of Mariupol and Snake Island, border guards"
            for m in run:
                if m.kind == PLACE:
                    m.role, m.why = AREA, f"an area: '... {doc.words[list_tail(doc, last)]}'"
        elif area := _areas_opening(doc, run[0].start, rules):
            for m in run:
                if m.kind == PLACE:
                    m.role, m.why = AREA, f"a list of {area}, not of their towns"
    _headline_regions(doc, mentions, gaz, rules)
    when = _Times(doc, rules, background, cues or {}, mentions, gaz)
    for m in mentions:
        if m.role != ABOUT:
            continue
        role, why = (ABOUT, "") if m.seat else _role(doc, m, rules, gaz, spans, ends, run_of[id(m)])
        m.measured = role == LOCATOR and why.startswith((_DIRECTION, _DISTANCE, NEAR_LOCATOR))
        m.role, m.why = when.role(m, role, why)
    _short_for_features(doc, mentions, gaz, rules)
    _short_for_names(doc, mentions, gaz, rules)
    when.namesake_clauses = _namesake_clauses(doc, rules)  # found once: settlements found later need them too
    _named_again(doc, mentions, rules, when.namesake_clauses)
    _renamed(doc, mentions, rules)
    _namesakes(mentions, when.namesake_clauses)
    return when


def _renamed(doc: Doc, mentions: list[Mention], rules: ContextRules) -> None:
    """"Seversk, the Russian name for Siversk": the second name is the first place again, so a
    locator ("5 km east of Seversk") stays one under its other name. A labelled first name
    leaves the second as it is: both are the same place."""
    sent = doc.sent
    before: Mention | None = None
    for m in mentions:
        if before is not None and before.role != ABOUT and m.kind == PLACE and sent[before.start] == sent[m.start]:
            if _bracketed_alias(doc, before, m):  # "within 10 km of Krasnoarmeysk (Pokrovsk)"
                m.role, m.why = before.role, f"another name for '{before.trigger}' ({before.why})"
                m.measured = before.measured
            if any(_renames(doc, before, m, phrase, rules) for phrase in rules.renames) \
                    or _called(doc, before, m, rules):
                m.role, m.why = before.role, f"another name for '{before.trigger}' ({before.why})"
                m.measured = before.measured
        if before is not None and m.kind == PLACE and sent[before.start] == sent[m.start] and _formerly(doc, before, m):
            m.role, m.why = NAME, f"a former name of '{before.trigger}'"

        if m.kind == PLACE and m.role not in (METONYMY, NAME):  # "as Moscow calls": Moscow renames nothing
            before = m


# "Ivanivske, known before 2016 as Krasne", "Samar, a town that was called Novomoskovsk until last year": the
# second name is the first place's former name (a fresh batch, 2026-12-08: a dated rename no longer hides its
# sentence as background, sitrep.tagging.aboutness)
_FORMERLY = frozenset({"called", "named", "renamed"})
FORMERLY_SPAN = 10  # words from a place to its former name


def _formerly(doc: Doc, before: Mention, m: Mention) -> bool:
    """Whether ``m`` is ``before``'s former name: "known ... as" or a passive "was called" right before it, in
    an aside after ``before`` (a comma or a bracket) with no other comma between, and a time that dates the
    name after it or between ("known before 2016 as", "was called ... until last year"); not "a village
    called Usatove in the suburbs", "a settlement named Zaliznychne in the afternoon" (a review, 2026-12-08)."""
    words, k = doc.words, m.start - 1
    if k <= before.end or m.start - before.end > FORMERLY_SPAN or doc.gap(before.end).strip() not in (",", "("):
        return False
    if any(c in doc.gap(j) for j in range(before.end + 1, m.start) for c in ",;:()"):  # not "north-east"'s hyphen
        return False
    known = words[k] == "as" and "known" in words[before.end:k]
    if known and any(w in ("until", "till", "before", "formerly", "previously") for w in words[before.end:k]):
        return True
    if not (known or words[k] in _FORMERLY and words[k - 1] in PASSIVE_BEFORE):
        return False
    after = words[m.end:m.end + 2]
    return len(after) == 2 and (after[0] in ("until", "till") or after[0] in ("before", "in") and (
        after[1].isdigit() or after[1] in MONTHS))


def _renames(doc: Doc, before: Mention, m: Mention, phrase: tuple[str, ...], rules: ContextRules) -> bool:
    """"Seversk, the Russian name for Siversk": ``phrase`` right before ``m``, with only a comma and
    [names] rename_fillers after ``before``."""
    k = m.start - len(phrase)
    return (k >= before.end and tuple(doc.words[k:m.start]) == phrase and "," in doc.gap(before.end)
            and all(w in rules.rename_fillers for w in doc.words[before.end:k]))


def _called(doc: Doc, before: Mention, m: Mention, rules: ContextRules) -> bool:
    """"Toretsk, which Russian sources still call Dzerzhinsk": a [names] rename_verbs word right
    before ``m``, in a clause that "which" opens right after ``before`` and a comma, five words at most
    between them ("which the Russian Defence Ministry still calls")."""
    words, k = doc.words, m.start - 1
    return (k > before.end and words[k] in rules.rename_verbs and words[before.end] == "which"
            and "," in doc.gap(before.end) and k - before.end <= 6
            and not any("," in doc.gap(j) for j in range(before.end + 1, m.start + 1)))


def _bracketed_alias(doc: Doc, before: Mention, m: Mention) -> bool:
    """Whether ``m`` is ``before``'s place again, in brackets right after it: "Krasnoarmeysk (Pokrovsk)",
    "Toretsk (Dzerzhinsk)"."""
    if m.start != before.end or doc.gap(m.start).strip() != "(":
        return False
    return not {e[1] for e in before.entries if e[0] == PLACE}.isdisjoint(e[1] for e in m.entries if e[0] == PLACE)


def _namesakes(mentions: list[Mention], clauses: list[tuple[int, int, str]]) -> None:
    """"Andriivka in Sumy Oblast should not be confused with the Andriivka south of Bakhmut": what
    follows a namesake opener (context.toml [namesakes]) to the end of its clause is the other place
    of that name, so it labels nothing, and resolve.py does not let a region named there place the
    item's village. ``clauses``: :func:`_namesake_clauses` of the item."""
    for m in mentions:
        for start, end, opener in clauses:
            if start <= m.start < end and m.role != NAME:
                m.role, m.why = NAMESAKE, f"after '{opener}'"


# words after a comma that go on describing the namesake: "..., or with the Lyman near Izmail", "another
# Bilohorivka, near Soledar in the Donetsk region", "Sloviansk in Donetsk Oblast, which Russian sources call
# Slavyansk" (not a verb: "the older Neptune, hit a base in Armiansk"; not "and": "..., and advanced toward
# Yelyzavetivka" is the news again)
_GOES_ON = frozenset({"or", "nor", "near", "in", "which", "where", "a", "an", "about", "some",
                      "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


PLACED_AFTER_SPAN = 4  # words from "not" to a placed opener: "not the larger town of the same name"


def _set_apart(doc: Doc, opener: int, rules: ContextRules) -> bool:
    """Whether a word that sets another place apart ("not", "another") stands a few words before a
    placed opener, in its clause: "not the town of the same name", not "the village of the same name"."""
    for k in range(opener - 1, max(-1, opener - 1 - PLACED_AFTER_SPAN), -1):
        if doc.sent[k] != doc.sent[opener] or doc.gap(k + 1).strip():
            return False
        if doc.words[k] in rules.namesake_placed_after:
            return True
    return False


def _stands_alone(doc: Doc, k: int, m: Mention) -> bool:
    """Whether the capitalised word at ``k``, right before ``m`` in a headline, is a name of its own that the
    body uses without ``m``: "Gerasimov tells Putin Gornal retaken" ... "President Vladimir Putin" (a fresh
    batch, 2026-12-08), where the headline runs two names together; not "Timur Ivanov jailed" ... "Ivanov",
    a first name the body drops (a review)."""
    word, name = doc.words[k], doc.words[m.start:m.end]
    return any(doc.words[j] == word and doc.words[j + 1:j + 1 + len(name)] != name
               for j in range(doc.n_head, len(doc.words)))


def _namesake_clauses(doc: Doc, rules: ContextRules) -> list[tuple[int, int, str]]:
    """(first token, end, opener) of the words after each namesake opener, to the end of the
    clause: a comma, semicolon, colon, dash or bracket ends it unless a word of ``_GOES_ON`` follows.
    After a placed opener ("of the same name") the clause must open at once with a word that places
    ("in", "near"), and "and" ends it too."""
    words, sent, openers, n = doc.words, doc.sent, rules.namesake_openers, len(doc.words)
    out: list[tuple[int, int, str]] = []
    for i in compress(range(n), map(openers.__contains__, words)):  # the look-ups run in C
        if out and i < out[-1][1]:
            continue
        for phrase in openers[words[i]]:
            start = i + len(phrase)
            if tuple(words[i:start]) == phrase and doc.joined(i, start):
                placed = phrase in rules.placed_namesake_openers
                if placed and not (start < n and sent[start] == sent[i] and words[start] in rules.namesake_placed_by
                                   and doc.joined(start - 1, start + 1) and _set_apart(doc, i, rules)):
                    break
                end = start
                while end < n and sent[end] == sent[i] and (
                        end == start or not doc.gap(end).strip(" \"'\u201c\u201d") or words[end] in _GOES_ON) and not (
                        placed and words[end] == "and"):
                    end += 1
                out.append((start, end, " ".join(phrase)))
                break
    return out


def _named_again(doc: Doc, mentions: list[Mention], rules: ContextRules,
                 clauses: list[tuple[int, int, str]]) -> None:
    """A name the item gave a person's title or first name ("Lieutenant General Igor Kirillov") is
    that person wherever the item repeats it: "prosecutors had charged Kirillov" names the general,
    not the town of Kirillov in Vologda Oblast. A ship's name is the ship again only after "the"
    ("the landing ship Novocherkassk" ... "the Novocherkassk had been damaged"): "the submarine
    Kursk" leaves "Kursk city" a city. A name set apart as a namesake ("not to be confused with Nove
    Shakhove") gives its words to no one."""
    names, ships = {}, {}
    for m in mentions:
        if m.role == NAME and m.kind == PLACE and m.start > 0:
            if any(start <= m.start < end for start, end, _ in clauses):
                continue
            if doc.words[m.start - 1] in rules.titles or m.why.startswith("preceded by the capitalised") and not (
                    m.start < doc.n_head and _stands_alone(doc, m.start - 1, m)):
                names[tuple(doc.words[m.start:m.end])] = m.trigger
            elif doc.words[m.start - 1] in rules.vessels:
                ships[tuple(doc.words[m.start:m.end])] = m.trigger
    if not (names or ships):
        return
    for m in mentions:
        words = tuple(doc.words[m.start:m.end])
        if m.kind != PLACE or m.role == NAME:
            continue
        if words in names:
            m.role, m.why = NAME, f"the name given '{names[words]}' elsewhere in the item"
        elif (words in ships and m.start > 0 and doc.words[m.start - 1] == "the"
              and not _followed_by_kind(doc, m, rules)):
            m.role, m.why = NAME, f"the ship '{ships[words]}' named elsewhere in the item"


def _followed_by_kind(doc: Doc, m: Mention, rules: ContextRules) -> bool:
    """"the Kursk region", "the Kerch port", "the Novorossiysk naval base", "the Rostov-on-Don headquarters":
    a word after the name that makes it a place again."""
    if m.end >= len(doc.words):
        return False
    after = doc.words[m.end]
    return after in rules.allowed_after or after in rules.sites or after in rules.place_nouns


def assign_time_roles(mentions: list[Mention], when: _Times) -> None:
    """For settlements found after :func:`assign_roles` (names the gazetteer lacks, from
    settlements.py): the same history, recalled-lead and other-development roles, so "a
    soldier detained in the Armenian city of Gyumri in December 2023" labels nothing; and the
    namesake role ("not to be confused with Nove Shakhove, a separate village")."""
    for m in mentions:
        if m.role == ABOUT:
            m.role, m.why = when.role(m, ABOUT, m.why)
        changed = _since_changed_hands(when.doc, m.start, when.rules, strict=True) if m.role == ABOUT else ""
        if changed:  # "since Russian forces took Ostapivske and other villages" (a fresh batch, 2026-12-07)
            m.role, m.why = HISTORY, f"'since ... {changed}': an earlier change of hands"
    _namesakes(mentions, when.namesake_clauses)


class _Times:
    """Which mentions stand in a sentence about another time or another development."""

    def __init__(self, doc: Doc, rules: ContextRules, background: frozenset[int],
                 cues: dict[int, tuple[tuple[int, str], ...]], mentions: list[Mention], gaz: Gazetteer):
        self.doc, self.rules, self.background, self.cues = doc, rules, background, cues
        self.namesake_clauses: list[tuple[int, int, str]] = []  # set by assign_roles
        other = _other_developments(doc, rules) if rules.elsewhere else frozenset()
        # most items turn nowhere: the headline's places are looked at only when one does
        self.other = other - _in_the_headline(doc, mentions, gaz) if other else other
        self.forecast = _forecasts(doc, rules) if rules.forecasts else frozenset()
        self.demanded = _demanded(doc, rules) if rules.demands else {}
        self.recalled = recalling_lead(doc, rules)

    def role(self, m: Mention, role: str, why: str) -> tuple[str, str]:
        doc, recalled = self.doc, self.recalled
        if role not in (ABOUT, SECTOR, AREA):
            return role, why
        if doc.sent[m.start] in self.background and (
                m.kind != PLACE or not before_cue_clauses(doc, m, self.cues.get(doc.sent[m.start], ()),
                                                           self.rules)):
            # only an ABOUT mention may still label as recent background of the item's theatre (core.py)
            return HISTORY, BACKGROUND if role == ABOUT else f"{why}, {BACKGROUND}"
        if recalled[0] <= m.start < recalled[1]:
            return HISTORY, f"in a lead that recalls an earlier time ('{recalled[2]} ...')"
        if doc.sent[m.start] in self.other:
            return HISTORY, ANOTHER_DEVELOPMENT
        if doc.sent[m.start] in self.forecast:
            return LOCATOR, "in a sentence about what may happen"
        lo, hi = self.demanded.get(doc.sent[m.start], (0, 0))
        if lo < m.start < hi:
            return LOCATOR, "land asked for in talks, not where something happened"
        return role, why


def _short_for_features(doc: Doc, mentions: list[Mention], gaz: Gazetteer, rules: ContextRules) -> None:
    """Once an item names a feature after a town ("the Zmiiv Thermal Power Plant", "the
    Chornobyl nuclear power plant"), the town's bare name stands for the feature ("with Zmiiv
    out of service", "Chornobyl's shelter"): it gives the theatre but no place label. A city
    (Zaporizhzhia, Kursk) is named for itself, whatever plant shares its name, and so is a town
    after one of [features] town_before ("captured Kurakhove"), a part of a city ("fighting in central
    Kurakhove") or one of `town_parts` and "of" ("the centre of Kurakhove")."""
    features = set()
    for m in mentions:
        if m.end - m.start > 1 and m.kind == PLACE and m.entries and m.role == ABOUT and all(
                e[0] == PLACE and gaz.places[e[1]].kind == "feature" for e in m.entries):
            features.add(tuple(t.text for t in tokenize(gaz.places[m.entries[0][1]].name)))
    if not features:
        return

    def short(m: Mention) -> bool:
        words = tuple(doc.words[m.start:m.end])
        readings = [gaz.places[e[1]] for e in m.entries if e[0] == PLACE]
        return m.kind == PLACE and m.role == ABOUT and bool(m.entries) and any(
            len(f) > len(words) and f[:len(words)] == words for f in features) and all(
            p.kind != "feature" and p.population < CITY for p in readings) and not _after_town_word(doc, m.start, rules)

    # a name listed with a village that is no feature's is a village too: "seized Fedorivka and
    # Serebrianka" beside "the Serebrianka forest"; not "with Trypillia and Zmiiv out of service"
    for run in coordinated_runs(doc, mentions):
        if all(short(m) for m in run):
            for m in run:
                m.role, m.why = AREA, f"'{m.trigger}' short for the {m.trigger} feature the item names"


def _short_for_names(doc: Doc, mentions: list[Mention], gaz: Gazetteer, rules: ContextRules) -> None:
    """Once an item names a pipeline after a village ("the Druzhba pipeline", "the Druzhba oil
    pipeline", "the Druzhba and Baltic pipelines": [names] named_throughout), the village's name
    elsewhere in it is the pipeline's too where one of [names] named_parts follows: "drones set fire
    to the Druzhba pumping station", "halting Druzhba flows"; not "Russian troops entered Druzhba, a
    village east of Toretsk". A city keeps its own name."""
    words, n = doc.words, len(doc.words)
    named: dict[tuple[str, ...], str] = {}
    for m in mentions:
        what = _pipeline_after(doc, m, rules) if m.kind == PLACE else ""
        if what:
            named[tuple(words[m.start:m.end])] = what
            if m.role == ABOUT:
                m.role, m.why = NAME, f"before '{what}'"
    if not named:
        return
    for m in mentions:
        what = named.get(tuple(words[m.start:m.end])) if m.kind == PLACE and m.role == ABOUT else None
        if what and m.end < n and words[m.end] in rules.named_parts and m.entries and not _names_a_city(m, gaz):
            m.role, m.why = NAME, f"'{m.trigger}' short for the {m.trigger} {what} the item names"


def _pipeline_after(doc: Doc, m: Mention, rules: ContextRules) -> str:
    """The [names] named_throughout word ("pipeline") that names the place at ``m``: right after it,
    after "oil" or "gas", or after a list of such names ("the Druzhba and Baltic pipelines"), or ""."""
    words, n, k = doc.words, len(doc.words), m.end
    if k < n and words[k] in ("oil", "gas"):
        k += 1
    elif k + 1 < n and words[k] in ("and", "or") and doc.caps[k + 1]:
        k += 2
    if k < n and doc.sent[k] == doc.sent[m.start] and words[k].removesuffix("s") in rules.named_throughout:
        return words[k].removesuffix("s")
    return ""


def _names_a_city(m: Mention, gaz: Gazetteer) -> bool:
    """Whether one of the name's strongest readings is a city (a weak alias such as a city district's
    does not count) or no settlement at all."""
    best = min(e[2] for e in m.entries)
    return any(e[0] != PLACE or gaz.places[e[1]].population >= CITY for e in m.entries if e[2] == best)


def _after_town_word(doc: Doc, start: int, rules: ContextRules) -> bool:
    """Whether the word before ``start`` makes a bare name the town, not its plant: a capture verb or
    "into" ([features] town_before), a part of a city ("central"), or "the centre of" (``town_parts``)."""
    words, k = doc.words, start - 1
    if k < 0 or doc.sent[k] != doc.sent[start]:
        return False
    if words[k] in rules.city_parts or words[k] in rules.town_before:
        return True  # "fighting in central Kurakhove", "captured Kurakhove"
    return words[k] == "of" and k >= 1 and words[k - 1] in rules.town_parts  # "the centre of Kurakhove"


def _other_developments(doc: Doc, rules: ContextRules) -> frozenset[int]:
    """Sentences after the lead that open with "Meanwhile," or "On the same day,": a digest's
    turn to another development, whose places are not where this item's news happens.
    The opener must be followed by a comma: "Elsewhere in Donetsk Oblast" continues the news."""
    words, n = doc.words, len(doc.words)
    out = set()
    for i in compress(range(n), doc.sent_start):  # sentence starts only (compress runs in C)
        if words[i] not in rules.elsewhere or doc.sent[i] <= doc.lead_sent:
            continue
        for phrase in rules.elsewhere[words[i]]:
            end = i + len(phrase)
            if end < n and tuple(words[i:end]) == phrase and doc.gap(end).strip().startswith(","):
                out.add(doc.sent[i])
                break
    return frozenset(out)


def _in_the_headline(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> frozenset[int]:
    """Sentences that name a place or region a headline's second report names: a turn to it
    ("Separately, Russian forces shelled the border areas of Chernihiv Oblast" under "Guards repel
    raid near Ryzhivka, Chernihiv border villages shelled") is news the headline reports, not another
    development. Only a clause after a comma or semicolon of the headline (a headline of one report
    names its own place, and "Meanwhile, ... near Sudzha in Kursk Oblast" under "North Korean troops
    in Kursk Oblast suffer losses" is still a turn), and not a capital."""
    def key(m: Mention):  # a region by its slug, a place by its words
        return m.region if m.kind == REGION else tuple(doc.words[m.start:m.end])

    clause = doc.second_clause()
    head = {key(m) for m in mentions
            if clause <= m.start < doc.n_head and m.kind in (PLACE, REGION) and not is_capital(m, gaz)}
    if not head:
        return frozenset()
    return frozenset(doc.sent[m.start] for m in mentions
                     if m.start >= doc.n_head and m.kind in (PLACE, REGION) and key(m) in head)


def _forecasts(doc: Doc, rules: ContextRules) -> frozenset[int]:
    """Sentences after the lead that forecast ("will likely", "is expected to"): an
    assessment's outlook names places where something may happen, not where it did."""
    words, n, lead = doc.words, len(doc.words), doc.lead_sent
    out = set()
    for i in compress(range(n), map(rules.forecasts.__contains__, words)):  # the filter runs in C
        if doc.sent[i] > lead and doc.sent[i] not in out and any(
                tuple(words[i:i + len(phrase)]) == phrase for phrase in rules.forecasts[words[i]]):
            out.add(doc.sent[i])
    return frozenset(out)


def _demanded(doc: Doc, rules: ContextRules) -> dict[int, tuple[int, int]]:
    """Per sentence that speaks of a demand before a phrase asking for land ("demand that Ukraine
    give up ..."), the tokens from that phrase to the end of its clause: the places there are asked
    for, not where something happened ("..., and overnight drones struck Odesa" is news again)."""
    words, n = doc.words, len(doc.words)
    out: dict[int, tuple[int, int]] = {}
    for i in compress(range(n), map(rules.demands.__contains__, words)):
        k = doc.sent[i]
        if k in out:
            continue
        phrase = next((p for p in rules.demands[words[i]] if tuple(words[i:i + len(p)]) == p), None)
        if phrase is None:
            continue
        lo, hi = doc.sentence_span(i)
        if rules.talks.isdisjoint(words[lo:i]):  # not "withdraw from Avdiivka, as talks on aid stalled"
            continue
        end = i + len(phrase)
        while end < hi and not _clause_ends(doc, end, rules):
            end += 1
        out[k] = (i + len(phrase) - 1, end)
    return out


def _clause_ends(doc: Doc, k: int, rules: ContextRules) -> bool:
    """Whether a new clause starts at token ``k``: after a semicolon, or a comma and "and", "while"..."""
    gap = doc.gap(k)
    return ";" in gap or ("," in gap and doc.words[k] in rules.near_breaks)


def _after_regions(doc: Doc, start: int, rules: ContextRules) -> bool:
    """A list that follows "regions" closely names regions: "15 regions, among them Kyiv,
    Zhytomyr and Volyn", "the regions of Kharkiv, Sumy and Chernihiv"."""
    lo = max(0, start - 4)
    if rules.plural_regions.isdisjoint(doc.words[lo:start]):
        return False
    return any(doc.words[k] in rules.plural_regions and doc.sent[k] == doc.sent[start] for k in range(lo, start))


_APPOSITION = 8  # words of ", the regional capital," between a place and "lies"


def _lies(doc: Doc, end: int, rules: ContextRules) -> bool:
    """Whether the verb after a place (past an apposition) says where it is, a distance or a position
    following: "Zaporizhzhia, the regional capital, lies about 50 km north", "The district centre,
    Grayvoron, lies 9 km from the border"; not "Bakhmut lies in ruins"."""
    words, sent, n = doc.words, doc.sent, len(doc.words)
    k = end
    if k < n and doc.gap(k).strip() == "," and words[k] not in rules.lies:  # not the apposition itself
        close = next((j for j in range(k + 1, min(n, k + _APPOSITION)) if doc.gap(j).strip() == ","), -1)
        if close < 0 or sent[close] != sent[end - 1]:
            return False
        k = close
    if k + 1 >= n or words[k] not in rules.lies or not sent[end - 1] == sent[k] == sent[k + 1]:
        return False
    where = words[k + 1]
    return where[:1].isdigit() or where in rules.lies_where or where in rules.directions


_ROUGHLY = frozenset({"about", "some", "roughly", "around", "just", "only", "nearly", "barely", "over", "under"})


def _placed_from_the_scene(doc: Doc, end: int, rules: ContextRules) -> int:
    """The word after a distance and a direction from the item's scene that follow a place, set off by
    a comma (-1 if none): "an advance on Kostiantynivka, about 12 kilometers to the northwest", "Kharkiv,
    about 45 km to the south-west, has seen fewer strikes". Not "X, 12 km north of Y" or "west from Y",
    which place X from Y, where the news mostly is (the dev splits, 2026-12-07: 94 of 105 such places are
    not labelled); nor, in the caller, a scene the sentence opens ("In Nizhyn, about 80 km to the
    southeast, schools ...") or a place said to be hit ("Vovchansk, 5 km to the south, was shelled too")."""
    words, sent, n = doc.words, doc.sent, len(doc.words)
    if end >= n or doc.gap(end).strip() != "," or sent[end] != sent[end - 1]:
        return -1
    k = end
    while k < n and k < end + 2 and words[k] in _ROUGHLY:
        k += 1
    if k >= n or count_of(words[k]) is None:  # a count: "a few kilometres to the north" is the scene's
        return -1
    k += 1
    if k + 2 >= n or words[k] not in rules.units:
        return -1
    k += 1
    if words[k] in ("further", "farther"):
        k += 1
    elif words[k:k + 2] == ["to", "the"]:
        k += 2
    else:
        return -1
    k = _compass_end(doc, k, rules)
    return k if k > 0 and sent[k - 1] == sent[end] and (k >= n or words[k] not in ("of", "from")) else -1


_BEFORE_THE_HIT = frozenset({"was", "were", "is", "are", "has", "have", "had", "been", "also", "too", "then",
                             "later", "again"})


def _hit_beside(doc: Doc, start: int, after: int, rules: ContextRules) -> bool:
    """Whether the place at ``start``, described up to ``after``, is itself hit: "struck Kupiansk, about
    40 km to the north", "Vovchansk, 5 km to the south, was shelled too", "..., damaging a school"."""
    words, sent = doc.words, doc.sent
    k = start - 1
    if k >= 1 and words[k] in ("on", "at") and sent[k - 1] == sent[start]:
        k -= 1  # "glide bombs fell on Kostiantynivka"
    if k >= 0 and sent[k] == sent[start] and (_hit_word(doc, k, rules) or words[k] == "fell"):
        return True
    while after < len(words) and sent[after] == sent[start] and words[after] in _BEFORE_THE_HIT:
        after += 1
    return after < len(words) and sent[after] == sent[start] and _hit_word(doc, after, rules)


def _hit_word(doc: Doc, k: int, rules: ContextRules) -> bool:
    """A word that says something was hit: [locators] goal_reached, [capitals] event_verbs and events,
    or a one-word [areas] attacks ("shelled")."""
    w = doc.words[k]
    return (w in rules.goal_reached or w in rules.cap_event_verbs or doc.stems[k] in rules.cap_events
            or (w,) in rules.attacks.get(w, ()))


SCENE_SPAN = 4  # words before a place where "in" may open its sentence's scene: "In the village of X"


def _scene_opened(doc: Doc, start: int) -> bool:
    """Whether "in" or "at" opens the sentence up to a few words before ``start``: "In Nizhyn, ...",
    "In the village of Kozacha Lopan, ...", "In nearby Vovchansk, ...", "In Kupiansk and Borova, ..."."""
    first = doc.sentence_span(start)[0]
    return start - first <= SCENE_SPAN and doc.words[first] in ("in", "at")


_BACK_TO_A_PLACE = frozenset({"city", "town", "village", "there", "it", "its"})


def _event_after(doc: Doc, k: int, rules: ContextRules) -> bool:
    """Whether the sentence goes on from token ``k`` to an event ([capitals] events, [locators]
    goal_reached) there: "diverted to Kharkiv as glide bombs pound the city", "restored trains to Kherson
    after a strike on the city's station"; not "boarding a train to Kyiv, killing one", the news of the
    station the train left from."""
    hi = doc.sentence_span(k - 1)[1]
    words = doc.words[k:hi]
    return not _BACK_TO_A_PLACE.isdisjoint(words) and (
        any(st in rules.cap_events for st in doc.stems[k:hi]) or not rules.goal_reached.isdisjoint(words))


def _compass_end(doc: Doc, k: int, rules: ContextRules) -> int:
    """The word after a (hyphenated) direction starting at ``k`` ("south-west"), or -1 if none starts there."""
    if k >= len(doc.words) or doc.words[k] not in rules.directions:
        return -1
    k += 1
    while k < len(doc.words) and doc.gap(k) == "-" and doc.words[k] in rules.directions:
        k += 1
    return k


def _on_the_edge(doc: Doc, s: int, e: int, rules: ContextRules) -> int:
    """Where "on" (or "at") stands in "on the (western) edge of" before token ``s``, or in "on X's
    (northern) edge" around tokens [s, e), with any of [locators] edges ("outskirts", "flank" ...); -1
    if neither: "Marinka, a town on the western edge of Donetsk", "Andriivka on Bakhmut's southern flank"."""
    words, sent = doc.words, doc.sent
    k = s - 1
    if k >= 2 and words[k] == "of" and sent[k] == sent[s]:
        k -= 1
        if words[k] not in rules.edges:
            return -1
        for at in range(k - 1, max(-1, k - 4), -1):  # "the", then up to two words: "the north-eastern"
            if words[at] == "the":
                return at - 1 if at >= 1 and words[at - 1] in ("on", "at") and sent[at - 1] == sent[s] else -1
        return -1
    if s >= 1 and words[s - 1] in ("on", "at") and sent[s - 1] == sent[s] and doc.possessive(e - 1) and any(
            words[j] in rules.edges and sent[j] == sent[s] for j in range(e, min(len(words), e + 3))):
        return s - 1  # "Goncharovka, on Sudzha's southern edge"
    return -1


def _airport_flights(doc: Doc, run: list[Mention], rules: ContextRules) -> bool:
    """Whether ``run`` names airports in a sentence about their flights: "Flights were briefly
    restricted at Domodedovo, Vnukovo and Zhukovsky airports", "Vnukovo airport briefly suspended
    flights" report what an attack elsewhere caused, not where it happened."""
    if rules.airports.isdisjoint(doc.vocab):
        return False
    words, first = doc.words, run[0].start
    lo, hi = doc.sentence_span(first)
    end = list_tail(doc, run[-1].end)
    before = end < hi and words[end] in rules.airports  # "Sochi airport"
    after = first > lo and words[first - 1] in rules.airports  # "airport Vnukovo"
    adjacent = before or after or words[run[-1].end - 1] in rules.airports  # ... a name with it: "Vnukovo airport"
    listed = first - 1 > lo and words[first - 1] == "in" and words[first - 2] in rules.airports  # "airports in X"
    if not (adjacent or listed) or _reached(doc, first, rules):
        return False  # not "a drone hit a hangar at Vnukovo airport and flights were suspended"
    sentence = words[lo:hi]
    if not (rules.flights.isdisjoint(sentence) or rules.flight_stops.isdisjoint(sentence)) and (
            adjacent or rules.airport_attacks.isdisjoint(sentence)):  # not "explosions rocked airports in Kaluga"
        return True
    # "Sochi airport, about 100 km down the coast, was closed", "closed Kazan and Nizhnekamsk airports",
    # "airports in Kaluga and Tambov stopped receiving aircraft": the stop is the airport's own, and nothing
    # attacked it (fresh batches, 2026-12-07); not "fighting around the Donetsk airport, where units halted
    # Russian operations"
    stops = rules.flight_stops | rules.own_stops
    k = first - 2 if first >= 2 and words[first - 1] == "the" else first - 1
    stopped = k >= lo and words[k] in stops or _stop_in_clause(doc, end, hi, stops)
    return stopped and rules.airport_attacks.isdisjoint(sentence)


AIRPORT_STOP_SPAN = 12  # words after an airport in which its own clause says it stopped


def _stop_in_clause(doc: Doc, k: int, hi: int, stops: frozenset[str]) -> bool:
    """Whether one of ``stops`` follows token ``k`` in its clause (up to a subordinating word or a new
    clause's "and"): not "around the ruined Donetsk airport and Ukrainian units stopped a push"."""
    for j in range(k, min(hi, k + AIRPORT_STOP_SPAN)):
        if doc.words[j] in _SUBORDINATORS or doc.words[j] in ("and", "but"):
            return False
        if doc.words[j] in stops:
            return True
    return False


def _listed_areas(doc: Doc, run: list[Mention], rules: ContextRules, gaz: Gazetteer) -> bool:
    """Whether a list ending in an area word holds ``run``: "the Kupiansk and Chuhuiv districts", and
    "the Kyivskyi, Saltivskyi and Nemyshlianskyi districts" whose names the gazetteer partly lacks."""
    tail = list_tail(doc, run[-1].end)
    if (len(run) < 2 and tail == run[-1].end) or tail >= len(doc.words) or doc.sent[tail] != doc.sent[run[0].start]:
        return False
    after = doc.words[tail]
    if len(run) > 1 and not after.endswith("s") and not doc.words[run[-2].end:run[-1].start]:
        return False  # "a drone hit Mala Tokmachka, Zaporizhzhia governor says": a singular word, Y's alone
    if after in rules.areas_of_regions and any(_namesake_region(o, gaz, doc) is None for o in run if o.kind == PLACE):
        return False  # "Pokrovsk and Myrnohrad authorities": the towns' own
    return after in rules.area_words and not in_the_area(doc, run[0].start, after, rules) and clean_gap(doc.gap(tail))


AREA_OPENER_SPAN = 3  # words between a plural area word and the verb opening its list ("communities shelled")


def _areas_opening(doc: Doc, start: int, rules: ContextRules) -> str:
    """The plural area word whose list starts at ``start``, or "": "the communities shelled included
    Khotin, Yunakivka and Sumy" lists hromadas, which a governor's tally names, not where a hit was."""
    words, sent = doc.words, doc.sent
    k = start - 1
    if k < 1 or sent[k] != sent[start] or words[k] not in rules.area_listed_by:
        return ""
    for j in range(k - 1, max(-1, k - 1 - AREA_OPENER_SPAN), -1):
        if sent[j] != sent[k] or doc.gap(j + 1).strip():
            return ""
        if words[j] in rules.area_words and words[j].endswith("s"):
            return words[j]
    return ""


def _headline_regions(doc: Doc, mentions: list[Mention], gaz: Gazetteer, rules: ContextRules) -> None:
    """Headlines shorten "Sumy Oblast" to "Sumy": a headline town whose namesake region the body
    names, while the body never names the town, stands for the region. Not a capital ("drones hit
    Moscow" ... "and in the Moscow region" names both), nor when the body speaks of "the city", nor
    when the body names the region only in an official's title ("Kherson regional governor ... said
    the bus was hit" under "Drone hits a bus in Kherson")."""
    n = len(doc.words)

    def titled(m: Mention) -> bool:
        return m.end < n and doc.words[m.end] in rules.region_titles

    body = [m for m in mentions if m.kind == REGION and m.start >= doc.n_head]
    named = {m.region for m in body}  # the regions the body names...
    untitled = {m.region for m in body if not titled(m)}  # ... and those it names not only in a title
    if not named:
        return
    body_names = {tuple(doc.words[m.start:m.end]) for m in mentions if m.kind == PLACE and m.start >= doc.n_head}
    words = doc.words
    city = any(  # "the city", not "the city of Shostka"; only the places of "city" are looked at (found in C)
        words[k - 1] == "the" and (k + 1 == n or words[k + 1] != "of")
        for k in compress(range(n), map("city".__eq__, words)) if k > doc.n_head)
    for m in mentions:
        if m.start >= doc.n_head or m.kind != PLACE or tuple(doc.words[m.start:m.end]) in body_names:
            continue
        if city or is_capital(m, gaz):
            continue
        before = (m.kind, m.region, m.entries)
        _as_region(m, gaz, doc)
        if m.kind == REGION and m.region not in (named if titled(m) else untitled):
            m.kind, m.region, m.entries = before  # only when the body names that region
            m.why = ""
        elif m.kind == REGION:
            m.why = "the headline's short name of a region the body names"


def _as_features(doc: Doc, run: list[Mention], rules: ContextRules, gaz: Gazetteer,
                 mentions: list[Mention]) -> bool:
    """"Khmelnytskyi and Rivne nuclear power plants": each name becomes its feature. The list may
    end in a name that is no place ("Khmelnytskyi, Rivne and South Ukraine nuclear power plants"):
    it becomes a mention of its feature, in place of whatever the words matched. A name the gazetteer
    knows no such feature of stays what it is ("Olenya, Belaya, Dyagilevo and Ivanovo air bases": the
    Belaya air base, the city of Ivanovo)."""
    end = run[-1].end
    for plural, singular in rules.feature_plurals:
        tail = _feature_tail(doc, end, plural, singular, gaz)
        if tail is None and tuple(doc.words[end:end + len(plural)]) != plural:
            continue
        found = [[e for e in gaz.index.get(tuple(doc.words[m.start:m.end]) + singular, ()) if e[0] == PLACE]
                 for m in run]
        if not any(found) or tail is not None and not all(found):
            return False
        for m, entries in zip(run, found):
            if entries:
                m.kind, m.entries = PLACE, tuple(entries)
                m.trigger = f"{m.trigger} {' '.join(singular)}"
        if tail is not None:
            start, stop, entries = tail
            mentions[:] = [o for o in mentions if not start <= o.start < stop]
            text = doc.text[doc.starts[start]:doc.ends[stop - 1]]
            mentions.append(Mention(start, stop, PLACE, tuple(entries), f"{text} {' '.join(singular)}"))
            mentions.sort(key=lambda o: o.start)
        return True
    return False


def _feature_tail(doc: Doc, end: int, plural: tuple, singular: tuple, gaz: Gazetteer):
    """(start, end, entries) of "and South Ukraine" before ``plural`` when "South Ukraine" plus
    ``singular`` names a feature, else None."""
    words = doc.words
    if end >= len(words) or words[end] not in ("and", "or"):
        return None
    for k in (1, 2, 3):
        start, stop = end + 1, end + 1 + k
        if tuple(words[stop:stop + len(plural)]) == plural and all(doc.sent[j] == doc.sent[end] for j in range(start, stop)):
            entries = [e for e in gaz.index.get(tuple(words[start:stop]) + singular, ()) if e[0] == PLACE]
            return (start, stop, entries) if entries else None
    return None


def _as_seat(doc: Doc, m: Mention, rules: ContextRules, gaz: Gazetteer) -> None:
    """"Strike on Nikolaev regional administration", "a missile hit the Kharkiv regional military
    administration building": the building of a region's government, struck, stands in the
    city the region is named after, so "X regional" there is the city. Its span keeps
    "regional", which would otherwise make it an area."""
    words, e, n = doc.words, m.end, len(doc.words)
    if m.kind != REGION or words[e - 1] != "regional" or e - m.start < 2:
        return
    k = e
    while k < n and k < e + 2 and words[k] in ("military", "state"):
        k += 1
    if k >= n or words[k] not in rules.administrations or doc.sent[k] != doc.sent[m.start]:
        return
    building = any(w in rules.buildings for w in words[k + 1:k + 4])
    if not (building or _after_attack(doc, m.start, rules)):
        return
    entries = tuple(x for x in gaz.index.get(tuple(words[m.start:e - 1]), ()) if x[0] == PLACE)
    if entries:
        m.kind, m.region, m.entries, m.seat = PLACE, "", entries, True


def _after_attack(doc: Doc, start: int, rules: ContextRules) -> bool:
    """Whether an attack phrase ("hit", "strike on") ends just before token ``start`` (past "the")."""
    k = start - 1 if start > 0 and doc.words[start - 1] != "the" else start - 2
    if k < 0 or doc.sent[k] != doc.sent[start]:
        return False
    return any(tuple(doc.words[k + 1 - len(p):k + 1]) == p for p in rules.attacks.get(doc.words[k], ()))


HYPHENED_VILLAGE = 5_000  # people: a smaller place joined by a hyphen opens a longer name
# words that may follow a village's name in its sentence (anything else lower-case is a noun the name
# describes: "the Tyotkino-Ryzhivka border area")
_AFTER_A_VILLAGE = frozenset({"in", "and", "or", "near", "on", "at", "after", "to", "from", "with", "by", "as", "was",
                              "were", "is", "are", "had", "has", "have", "village", "villages", "which", "where"})


def _noun_after(doc: Doc, k: int) -> bool:
    """Whether a lower-case word other than a preposition or a verb follows token ``k - 1`` in its clause."""
    return k < len(doc.words) and doc.sent[k] == doc.sent[k - 1] and clean_gap(doc.gap(k)) and not doc.caps[k] \
        and doc.words[k] not in _AFTER_A_VILLAGE


def _as_region(m: Mention, gaz: Gazetteer, doc: Doc) -> None:
    """A town name that stands for its region in "X and Y regions"."""
    if m.kind != REGION and _to_region(m, gaz, doc):
        m.role, m.why = ABOUT, "a region in a list of regions"


def _role(doc: Doc, m: Mention, rules: ContextRules, gaz: Gazetteer, spans: dict, ends: set,
          run: list[Mention]) -> tuple[str, str]:
    words, caps, sent = doc.words, doc.caps, doc.sent
    s, e = m.start, m.end
    n = len(words)
    prev = words[s - 1] if s > 0 and sent[s - 1] == sent[s] else ""
    nxt = words[e] if e < n and sent[e] == sent[s] else ""
    in_title = s < doc.n_head and doc.title_case
    after_run = run[-1].end
    nxt_run = words[after_run] if after_run < n and sent[after_run] == sent[s] else ""

    # a power plant named after the town: "the Trypillia power plant", "Zmiiv TPP"; but the town's own
    # plant ("Okhtyrka's thermal power plant") is in the town
    if m.kind == PLACE and nxt in rules.plants and clean_gap(doc.gap(e)) and not doc.possessive(e - 1):
        for phrase in rules.plants[nxt]:
            if tuple(words[e:e + len(phrase)]) == phrase:
                return AREA, f"'{m.trigger} {' '.join(phrase)}' names a power plant, not the town"

    # "the road bridge over the Desna river": a river that shares a town's name, which the gazetteer
    # knows only as the town (rivers it knows are water, located by the villages on them)
    if m.kind == PLACE and (nxt in rules.rivers or nxt in rules.river_parts and (*words[s:e], "river") in gaz.index) \
            and clean_gap(doc.gap(e)) and not _is_water(m, gaz) \
            and not (e + 1 < n and words[e + 1] in rules.sites):  # not "the Izmail river port"
        return AREA, f"'{m.trigger} {nxt}' names a river, not the town"

    if nxt in rules.name_after_hyphen and doc.gap(e) in ("-", "\u2011"):  # not a dash: "Kharkiv—class sizes"
        return NAME, f"'{m.trigger}-{nxt}' names a class, not the town"  # "a Karakurt-class corvette"
    # "the Vladivostok-based brigade": a unit's home, not where the news happens
    if nxt in rules.hyphen_locators and doc.gap(e) in ("-", "\u2011"):
        return LOCATOR, f"'{m.trigger}-{nxt}' says where something is based"
    if nxt and doc.gap(e) in HYPHENS and caps[e] and road_after(doc, e, rules):
        return LOCATOR, f"'{m.trigger}-{doc.text[doc.starts[e]:doc.ends[e]]}' names a road by its ends"
    if prev and doc.gap(s) in HYPHENS and caps[s - 1] and road_after(doc, e - 1, rules):  # "... the Kharkiv-Belgorod highway"
        return LOCATOR, f"'{doc.text[doc.starts[s - 1]:doc.ends[s - 1]]}-{m.trigger}' names a road by its ends"

    # part of a name
    if prev in rules.name_before:
        return NAME, f"after '{prev}'"
    if prev in rules.name_before_hyphen and doc.gap(s - 1) in ("-", "\u2011"):  # "the Panama-flagged Aya"
        return NAME, f"after '-{prev}'"
    first = run[0].start  # "defenders of Mariupol and Snake Island": the whole list
    if first >= 2 and words[first - 1] == "of" and words[first - 2] in rules.name_before_of \
            and sent[first - 2] == sent[s] and not doc.possessive(e - 1):  # not "defenders of Mariupol's Azovstal"
        return NAME, f"after '{words[first - 2]} of'"
    if _quoted_name(doc, m):
        return NAME, "a name in quotes"
    if nxt in rules.name_after and (clean_gap(doc.gap(e)) or _quote_closes(doc.gap(e))) \
            and (caps[e] or nxt not in rules.name_after_capitalised):  # also 'the "Dnipro" Operational-Strategic Group'
        return NAME, f"before '{nxt}'"
    title = _official_after(doc, e, rules) if m.kind == PLACE and not doc.possessive(e - 1) else (
        _possessive_governor(doc, e, rules) if m.kind == PLACE else "")
    if title == "governor" and _to_region(m, gaz, doc):
        return ABOUT, f"'{m.trigger} governor ...': the governor's region"
    if title == "mayor" and (prev in rules.former_officials or _speaks_of_another_place(doc, m, spans)):
        return NAME, f"an official's title ('{m.trigger} {nxt} ...')"
    if m.kind == PLACE and prev == "of" and _former_mayor_of(doc, s, rules):
        return NAME, f"an official's title ('{words[s - 2]} of {m.trigger}')"
    # "Nove Shakhove": GeoNames has a Nove and a Shakhove, not the village (in a title-case headline,
    # only before a name it knows: not "Strikes Hit Nove Overnight")
    if m.kind != REGION and e - s == 1 and words[s] in gaz.settlement_openers and nxt and caps[e] \
            and doc.gap(e) == " " and (not in_title or e in spans):
        return NAME, OPENS_A_NAME
    # "Rai-Oleksandrivka": a village's name joined by a hyphen to a capitalised word is the first part of
    # a longer name (roads named by their ends are locators above; a town is named for itself: "the
    # Pokrovsk-Myrnohrad area"; a fresh batch, 2026-12-07). Not a pair before a noun ("the Krynky-Korsunka
    # bridgehead"), nor a dash ("at Krynky—Russian bloggers said")
    if m.kind == PLACE and e - s == 1 and nxt and doc.gap(e) in ("-", "\u2011") and caps[e] and nxt.isalpha() \
            and max((gaz.places[x[1]].population for x in m.entries), default=0) < HYPHENED_VILLAGE \
            and not _noun_after(doc, e + 1):
        return NAME, OPENS_A_NAME
    if m.kind != REGION and not in_title:
        if (nxt and caps[e] and clean_gap(doc.gap(e)) and nxt not in rules.allowed_after
                and e not in spans and not doc.possessive(e - 1) and tuple(words[e:e + 2]) not in rules.sites_after):
            return NAME, f"followed by the capitalised '{doc.text[doc.starts[e]:doc.ends[e]]}'"
        if (prev and caps[s - 1] and clean_gap(doc.gap(s)) and prev not in rules.allowed_before
                and not doc.possessive(s - 1) and (s not in ends or prev in gaz.settlement_openers)
                and (not doc.sent_start[s - 1] or prev in rules.given_names)):
            return NAME, f"preceded by the capitalised '{doc.text[doc.starts[s - 1]:doc.ends[s - 1]]}'"

    # a government, not a place
    district = e - s > 1 and words[e - 1] in rules.area_words and _aliased_with_area_word(m, words[e - 1], gaz)
    if m.kind == COUNTRY or is_capital(m, gaz) and not district:  # a district of Kyiv is never its government
        role = capital_role(doc, m, rules, prev, nxt, run, gaz)
        if role is not None:
            return role
    if m.kind == COUNTRY:
        return ABOUT, ""

    if m.kind == REGION:
        border = _phrase_before(doc, s, rules.region_borders)
        if border and not _crossed(doc, s - len(border), rules):
            return LOCATOR, f"'{' '.join(border)} {m.trigger}' locates what lies by the border"
    if m.kind == REGION and not gaz.regions[m.region].country:
        deal = next((p for p in rules.name_after_sea if tuple(words[e:e + len(p)]) == p), None)
        if deal and clean_gap(doc.gap(e)):
            return NAME, f"'{m.trigger} {' '.join(deal)}' names a deal"
        if nxt in SEA_ADJECTIVE_NOUNS:
            return LOCATOR, f"'{m.trigger} {nxt}' describes a place on the coast"
        at = s - 2 if prev == "the" and s >= 2 and sent[s - 2] == sent[s] else s - 1  # "in", "over", "on"...
        before = words[at] if at >= 0 else ""
        if before == "on" and any(words[k] in SETTLEMENT_WORDS or words[k] in SEA_ADJECTIVE_NOUNS
                                  for k in range(max(0, at - 3), at) if sent[k] == sent[s]):
            return LOCATOR, f"'on {m.trigger}' locates a town on the water"  # "a port city on the Sea of Azov"
        if before == "from" or before in ("over", "in") and _launched_from(doc, at, rules):
            return LOCATOR, "where a strike was launched from"
    if m.kind == PLACE:
        if s >= doc.n_head and _airport_flights(doc, run, rules):
            return LOCATOR, f"'{m.trigger}' airport stopped flights: a consequence, not where it happened"
        if _lies(doc, run[-1].end, rules):
            return LOCATOR, f"'{m.trigger} lies ...' says where a place is"
        # after a list of where fighting is, the distance places its last name from the one before: "attacks
        # near Vuhledar and Prechystivka, about 12 km to the north-west" (a fresh batch, 2026-12-07); not
        # "Okhtyrka and Trostianets, about 50 km to the south, were spared"
        listed_near = len(run) > 1 and run[0].start > 0 and words[run[0].start - 1] in ("near", "around")
        placed = -1 if listed_near else _placed_from_the_scene(doc, run[-1].end, rules)
        if placed > 0 and not _scene_opened(doc, run[0].start) and not _hit_beside(doc, run[0].start, placed, rules):
            return LOCATOR, f"'{m.trigger}, ... km to the ...' says where it lies from the news"
        cause = _named_cause(doc, run[0].start, rules) or _undone_before(doc, run[0].start, run[-1].end, rules)
        if cause:
            return HISTORY, f"an earlier event named as the cause or the start ('{cause} ...')"
        if nxt_run in rules.event_after and len(run) == 1:
            return HISTORY, f"'{m.trigger} {nxt_run}' names an operation"
        battle = _named_battle(doc, run[0].start, run[-1].end, rules)
        if battle:
            return HISTORY, f"'{battle} {m.trigger}' after the lead names an earlier battle"
        water = _is_water(m, gaz)
        if prev == "on" and water:
            return LOCATOR, f"'on {m.trigger}' locates a town on the water"
        how = _water_locates(doc, s, m.trigger) if water else ""
        if how:
            return LOCATOR, how
        if _sector_after(doc, run, nxt, rules):
            return SECTOR, f"'{m.trigger} {nxt}' is a sector of the front"
        if nxt in _COAST and clean_gap(doc.gap(e)) and "off" in words[max(0, s - 2):s]:
            return LOCATOR, f"'off {m.trigger} {nxt}' names the sea off it"  # not "an attack on the Odesa coast"
        if _road_goal(doc, run[0].start, rules):
            return LOCATOR, "where a road leads"  # "routes west toward Zaporizhzhia"
        if _road_start(doc, run[0].start, run[-1].end, rules):
            return LOCATOR, "where a road starts"
        if _road_between(doc, run[0].start, rules):
            return LOCATOR, "an end of a road or line"  # "a second defensive line between Novoprokopivka and Verbove"
        changed = _since_changed_hands(doc, run[0].start, rules)
        if changed:
            return HISTORY, f"'since ... {changed}': an earlier change of hands"
        if nxt in rules.area_words and not in_the_area(doc, run[0].start, nxt, rules) \
                and clean_gap(doc.gap(run[-1].end)) and (  # not "the village of Sushany, regional governor ... said"
                nxt not in rules.areas_of_regions or _namesake_region(m, gaz, doc) is not None):
            return AREA, f"'{m.trigger} {nxt}' {AN_AREA}"
        if nxt in rules.neighbourhoods and clean_gap(doc.gap(e)) and not _a_city_named(m, gaz):
            return AREA, f"'{m.trigger} {nxt}' names a part of a city"  # not "a Kharkiv neighbourhood"
        # "Kharkiv villages", and one: "Gornal, the last Kursk village in Ukrainian hands" (a fresh batch, 2026-12-07)
        if (nxt in rules.town_plurals or f"{nxt}s" in rules.town_plurals) and clean_gap(doc.gap(e)) \
                and len(run) == 1 and any(gaz.places[entry[1]].population >= CITY
                                          for entry in m.entries if entry[0] == PLACE):
            return AREA, f"'{m.trigger} {nxt}' names a village of its region"
        if e - s > 1 and words[e - 1] in rules.area_words and not _is_feature(m, gaz) and not district:
            # not "the Serebrianka forest", nor the editor's "Obolon district" of Kyiv
            return AREA, f"'{m.trigger}' is a district"

    # a locator: "100 km from Kharkiv", "north of occupied Melitopol", "the regional center, Kharkiv"
    first = run[0].start
    k = first - 1
    while k >= 0 and sent[k] == sent[s] and words[k] in rules.loc_skip and words[k] != "of":
        k -= 1
    if k >= 0 and sent[k] == sent[s] and words[k] in ("of", "from"):
        preceding = words[max(0, k - 6):k]
        if k >= 3 and words[k - 1] in rules.directions and words[k - 2] == "the" and words[k - 3] in PART_OF:
            return ABOUT, f"'{words[k - 3]} the {words[k - 1]} of' it: a part of the place"
        if k >= 1 and words[k - 1] in rules.directions:
            d = _compass_start(doc, k - 1, rules)
            if (m.kind == PLACE and not any(w in rules.units for w in preceding) and d not in ends
                    and not _located_before(doc, d)
                    and all(gaz.places[entry[1]].population < VILLAGE and gaz.places[entry[1]].kind != "feature"
                            for entry in m.entries)):
                # "advanced north of Yunakivka"; but "Andriivka, south of Chasiv Yar" locates Andriivka
                return ABOUT, f"'{words[k - 1]} of' a village: at its edge"
            return LOCATOR, f"{_DIRECTION} {m.trigger}"
        area = words[k] == "of" and words[k - 2:k - 1] == ["square"]  # "1,000 square kilometres of Kursk region"
        if any(w in rules.units for w in preceding) and all(sent[j] == sent[s] for j in range(max(0, k - 6), k)) \
                and not area:
            return LOCATOR, _DISTANCE
        if words[k] == "from" and "across" in words[max(0, k - 4):k] and all(
                sent[j] == sent[s] for j in range(max(0, k - 4), k)):
            return LOCATOR, "across a river or reservoir from it"  # "across the Volga from Saratov"
        if words[k] == "from" and any(w in rules.origins and sent[j] == sent[s]
                                      for j, w in enumerate(words[max(0, k - 10):k], max(0, k - 10))):
            return LOCATOR, "where an attack came from"
        if words[k] == "from" and k >= 1 and (words[k - 1] in rules.origin_nouns
                                              or (k >= 2 and words[k - 2] in rules.origin_nouns)):
            return LOCATOR, "where people came from"
    if k >= 0 and sent[k] == sent[s] and words[k] in ("near", "outside", "around") \
            and _from_near(doc, k, rules, spans):
        return LOCATOR, "where an attack came from"  # "drones launched from the coast near Odesa"
    if k >= 0 and sent[k] == sent[s] and words[k] == "over" and _launched_from(doc, k, rules):
        return LOCATOR, "where a strike was launched from"  # "launched from Tu-95 bombers over Engels"
    if k >= 0 and sent[k] == sent[s] and words[k] in rules.toward and _hypothetical(doc, s, rules):
        return LOCATOR, f"{_HYPOTHETICAL_GOAL} ('... toward {m.trigger}')"
    conditional = _conditional(doc, first, run[-1].end, rules) if m.kind == PLACE else ""
    if conditional:
        return LOCATOR, f"what may happen ('{conditional} ... {m.trigger}'), not news"
    goal = _goal_word(doc, k, s, rules) if first >= doc.n_head else -1
    if goal >= 0 and not doc.possessive(e - 1) and not _goal_reached(doc, run[-1].end, spans, rules):
        return AREA, f"{GOAL} ('{words[goal]} {m.trigger}')"  # still names the front, as an area does
    listed_goal = _listed_after_goal(doc, first, spans, rules) if first >= doc.n_head else None
    if listed_goal is not None and not _goal_reached(doc, run[-1].end, spans, rules):
        return listed_goal.role, f"{listed_goal.why.split(' (')[0]} (listed with {listed_goal.trigger})"
    if m.kind == PLACE and prev == "to" and _visit_not_made(doc, s, rules):
        return LOCATOR, f"a visit that did not happen ('... to {m.trigger}')"
    if m.kind == PLACE and first >= 1 and words[first - 1] == "to" and _evacuated_to(doc, first - 1, rules):
        return LOCATOR, f"where people were taken ('... to {m.trigger}')"
    if m.kind == PLACE and _phrase_before(doc, first, rules.destinations) \
            and not _event_after(doc, run[-1].end, rules) and not _where_follows(doc, run[-1].end):
        return LOCATOR, f"where a train, a bus or a flight goes ('... to {m.trigger}')"
    if m.kind == PLACE and first >= 2 and words[first - 1] == "in" and words[first - 2] in rules.evacuee_sites \
            and nxt_run != "where" and not _reached(doc, s, rules) \
            and (_evacuated_to(doc, first - 1, rules) or _moved_to_a_site(doc, first - 2, rules)):
        return LOCATOR, f"where people were taken ('... {words[first - 2]} in {m.trigger}')"  # not "..., where"
    near = s - 1  # "near Graivoron", "near the border town of Graivoron"
    while near > 0 and sent[near] == sent[s] and words[near] in rules.loc_skip and s - near < 5:
        near -= 1
    if near >= 0 and words[near] == "near" and _locates_place_before(doc, near + 1, m, spans, rules, gaz):
        return LOCATOR, f"{NEAR_LOCATOR} ('... near {m.trigger}')"
    if near >= 1 and words[near] in ("near", "outside") and words[near - 1] in _UNNAMED_SETTLEMENTS \
            and doc.joined(near - 1, near + 1) and not _after_direction(doc, near - 1, rules) \
            and not (near >= 2 and words[near - 2] == "the" and _after_direction(doc, near - 2, rules)) \
            and not _turns_to_itself(doc, e):
        # "evacuation ordered from 37 villages near Kupiansk", "recaptured the village near Sudzha": the news
        # is in the villages, and the town names their area (and theatre); not "attacking south of the town near
        # Stupochky", where "the town" is another place, nor "villages near Nikopol and the city itself"
        return AREA, f"names the area of a settlement left unnamed ('{words[near - 1]} {words[near]} {m.trigger}')"
    if near >= 0 and words[near] in ("near", "outside") and _named_site_before(doc, near, rules, spans):
        return LOCATOR, f"locates the site named before it ('... {words[near - 1]} {words[near]} {m.trigger}')"
    on = _on_the_edge(doc, s, e, rules)
    # ... or an unnamed one: "the town on the western edge of Donetsk had been captured" (a fresh batch,
    # 2026-12-07)
    if on >= 0 and (_locates_place_before(doc, on + 1, m, spans, rules, gaz)
                    or on >= 1 and words[on - 1] in _UNNAMED_SETTLEMENTS and sent[on - 1] == sent[s]
                    and not _turns_to_itself(doc, e)):  # not "... and pushed into the city"
        last = e - 1 if on < s - 1 else next(j for j in range(e, n) if words[j] in rules.edges)  # "on X's ... edge"
        return LOCATOR, f"{NEAR_LOCATOR} ('... {doc.text[doc.starts[on]:doc.ends[last]]}')"
    skipped = first  # "confused with the village of Lyman": the phrase, then words such as "the village of"
    while skipped > 0 and sent[skipped - 1] == sent[s] and words[skipped - 1] in rules.loc_skip:
        skipped -= 1
    # up to two words, or only skippable ones: "from the direction of the Russian village of Tyotkino"
    for end in dict.fromkeys((first, first - 1, first - 2, *range(first - 3, skipped - 1, -1))):
        if end < 1 or words[end - 1] not in rules.locator_by_last:
            continue
        for phrase in rules.locator_by_last[words[end - 1]]:
            start = end - len(phrase)
            # the phrase unbroken: not "the governor said, in Zaporizhzhia's Shevchenkivskyi district"
            if start >= 0 and tuple(words[start:end]) == phrase and sent[start] == sent[s] and doc.joined(start, end):
                if phrase in rules.based and _reached(doc, s, rules) and not _launched_in(doc, s, rules):
                    continue  # "drones destroyed two Su-34s based at Marinovka": hit where they are based
                if phrase in rules.describing and (doc.possessive(run[-1].end - 1)
                                                   or _event_after(doc, run[-1].end, rules)):
                    continue  # "a hotel that overlooks Odesa's port", "the train that runs from Pokrovsk
                    # was suspended after shelling damaged the tracks there": the news is there
                if _named_seat(doc, start, end, first):
                    return ABOUT, f"'{' '.join(phrase)} {m.trigger}' is where it happened"
                left = _left_from(words, start, rules) if phrase[0] == "from" else ""
                if left:
                    return ABOUT, f"'{left} {' '.join(phrase)} {m.trigger}': left or lost there"
                return LOCATOR, f"after '{' '.join(phrase)}'"
    return ABOUT, ""


def _left_from(words: list[str], start: int, rules: ContextRules) -> str:
    """The withdrawal just before a "from ..." locator phrase ("withdrew", "fell back"), or ""."""
    for phrase in rules.left_from:
        if start >= len(phrase) and tuple(words[start - len(phrase):start]) == phrase:
            return " ".join(phrase)
    return ""


_SEATS = frozenset({"capital", "centre", "center"})


def _named_seat(doc: Doc, start: int, end: int, first: int) -> bool:
    """"Protests in the regional capital Makhachkala": a seat of government named right after
    "in the" is where the news is; "the regional centre, Kharkiv" and "from the regional centre
    Sumy" only locate."""
    words = doc.words
    return (end == first and words[end - 1] in _SEATS and clean_gap(doc.gap(first)) and start >= 2
            and words[start - 1] == "the" and words[start - 2] in ("in", "at"))


_COAST = frozenset({"coast", "coastline", "shore"})
_GOALS = frozenset({"to", "toward", "towards"})
# words that may stand between a road and where it leads: "the road to", "routes west toward",
# "the highway leading north to" (not a verb of the news: "cut the road and advanced to X")
_ROAD_FILLERS = frozenset({"that", "main", "supply"})
_ROAD_VERBS = frozenset({"leading", "running", "heading", "leads", "runs"})
_ROAD_VIA = frozenset({"through", "via", "past"})
_LOCATED_NOUNS = frozenset({"river", "reservoir", "road", "highway"})  # "the Mokri Yaly River south of ..."


def _clause_before(doc: Doc, start: int, span: int):
    """Tokens before ``start``, nearest first, while they stand in its clause: the same sentence,
    no comma, semicolon or colon, no "and", "which", "when"... between."""
    words, sent = doc.words, doc.sent
    for k in range(start - 1, max(-1, start - 1 - span), -1):
        if sent[k] != sent[start] or words[k] in _CLAUSE_BREAKS or doc.gap(k + 1).strip() in (",", ";", ":"):
            return
        yield k


def _road_goal(doc: Doc, start: int, rules: ContextRules) -> bool:
    """Whether the place at ``start`` is where a road leads: "to"/"toward" before it, and before
    that a road word with only direction words between ("routes west toward Zaporizhzhia")."""
    words = doc.words
    if start < 2 or words[start - 1] not in _GOALS:
        return False
    road = next((k for k in _clause_before(doc, start - 1, 8) if _road_word(words[k], rules)), None)
    if road is None:
        return False
    between = words[road + 1:start - 1]
    # "the road leading from the peninsula to": what follows a road verb describes the road;
    # "the E50 highway from Pokrovsk to Pavlohrad": a road named by its two ends
    from_name = bool(between) and between[0] == "from" and all(doc.caps[k] for k in range(road + 2, start - 1))
    # "the highway south-west through Ivanivske to Kostiantynivka": the towns it passes first (not "advanced
    # along the railway through Klishchiivka to Andriivka and took the village")
    via = next((i for i, w in enumerate(between) if w in _ROAD_VIA), len(between))
    if via < len(between) and (not all(doc.caps[k] or words[k] == "and" for k in range(road + 2 + via, start - 1))
                               or not rules.goal_reached.isdisjoint(words[start + 1:start + GOAL_REACHED_SPAN])):
        return False
    return from_name or bool(between) and between[0] in _ROAD_VERBS or all(
        w in rules.directions or w in _ROAD_FILLERS for w in between[:via])


def _road_start(doc: Doc, start: int, end: int, rules: ContextRules) -> bool:
    """Whether a sentence opens with the road starting at the place: "From Chasiv Yar the road west of
    Bakhmut dips through Khromove" (a fresh batch, 2026-12-07)."""
    words = doc.words
    lo, hi = doc.sentence_span(start)
    if start != lo + 1 or words[lo] != "from":
        return False
    k = end + (end < hi and words[end] == "the")  # not "From Kherson, the route to Mykolaiv is crowded"
    return k < hi and clean_gap(doc.gap(end)) and _road_word(words[k], rules)


_NOT_DESTINATION = frozenset({"close", "next", "according", "due", "adjacent", "similar", "up"})
EVACUATION_SPAN = 20  # words before "to" in which the sentence says people were moved


def _in_sentence(doc: Doc, s: int, words: frozenset[str]) -> bool:
    """Whether the sentence of token ``s`` has one of ``words``."""
    lo, hi = doc.sentence_span(s)
    return not words.isdisjoint(doc.words[lo:hi])


def _reached(doc: Doc, s: int, rules: ContextRules) -> bool:
    """Whether the sentence of token ``s`` says something was hit or reached ([locators] goal_reached):
    "a missile struck an evacuation point in Kramatorsk, killing 50" is news from Kramatorsk."""
    return _in_sentence(doc, s, rules.goal_reached)


def _a_city_named(m: Mention, gaz: Gazetteer) -> bool:
    """Whether a city of at least CITY people bears the name ``m`` gives (not as another name of it)."""
    name = m.trigger.casefold()
    return any(e[0] == PLACE and gaz.places[e[1]].population >= CITY and gaz.places[e[1]].name.casefold() == name
               for e in m.entries)


def _launched_in(doc: Doc, s: int, rules: ContextRules) -> bool:
    """Whether the sentence of token ``s`` says a strike was launched or fired ([locators] origins):
    "missiles launched from Tu-95 bombers based at Olenya hit Ternopil" hit Ternopil, not Olenya."""
    return _in_sentence(doc, s, rules.origins)


def _moved_to_a_site(doc: Doc, site: int, rules: ContextRules) -> bool:
    """Whether "to" stands a few words before the evacuee site at ``site`` (past its adjectives) and
    one of [locators] site_movers before that in its clause, or "in" right after one: "moving residents of
    the district to temporary housing in Kursk", "housed in dormitories in Kursk"; not "moving back into
    repaired housing in Irpin"."""
    words = doc.words
    to = next((k for k in range(site - 1, max(-1, site - 4), -1) if words[k] in ("to", "in")), -1)
    if to >= 0 and words[to] == "in":  # "would be housed in temporary accommodation in Kursk" (a fresh batch,
        # 2026-12-07)
        return _passive_before(doc, to, rules.site_movers) and doc.sent[to - 2] == doc.sent[site]
    return to >= 1 and doc.sent[to] == doc.sent[site] and _said_before(doc, to, rules.site_movers)


_BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})
_RELATIVES = frozenset({"who", "which", "that"})


def _passive_before(doc: Doc, k: int, verbs: frozenset[str]) -> bool:
    """Whether a passive of one of ``verbs`` stands right before token ``k``, not in a relative clause: "would
    be housed in", "were taken to"; not "displaced people housed in a shelter", "who were housed in"."""
    words = doc.words
    return k >= 3 and words[k - 1] in verbs and words[k - 2] in _BE and words[k - 3] not in _RELATIVES


def _evacuated_to(doc: Doc, to: int, rules: ContextRules) -> bool:
    """Whether the word at ``to`` ("to", or the "in" of "to a transit centre in") names where evacuees
    went: a word of [locators] evacuations before it in its clause, not "close to", "next to", nor past
    another clause ("urged residents to leave as drone attacks spread to Nikopol")."""
    if to >= 1 and doc.words[to - 1] in _NOT_DESTINATION:
        return False
    # "the bodies were taken to Kharkiv for forensic examination" (a fresh batch, 2026-12-07): the dead
    # carried away; not "recovered the bodies ... as shelling spread to Druzhkivka"
    carried = doc.words[to] == "to" and _passive_before(doc, to, _CARRIED) and _said_before(doc, to, _THE_DEAD)
    return carried or _said_before(doc, to, rules.evacuations)


_CARRIED = frozenset({"taken", "brought", "transported", "sent", "moved", "returned", "handed"})
_THE_DEAD = frozenset({"bodies", "remains"})


def _said_before(doc: Doc, to: int, wanted: frozenset[str]) -> bool:
    """Whether one of ``wanted`` stands before token ``to`` in its clause (EVACUATION_SPAN words at most,
    no sentence end nor subordinating word between)."""
    words, sent = doc.words, doc.sent
    for k in range(to - 1, max(-1, to - 1 - EVACUATION_SPAN), -1):
        if sent[k] != sent[to] or words[k] in _SUBORDINATORS:
            return False
        if words[k] in wanted:
            return True
    return False


def _sector_after(doc: Doc, run: list[Mention], word: str, rules: ContextRules) -> bool:
    """Whether ``word`` after the names of ``run`` makes them a sector of the front ([sectors] words): "line"
    only as "the Kreminna line", and not when the sentence turns to the town itself ("Residents of Kherson
    line up for water", "broke through the Pokrovsk line and entered the city")."""
    if word not in rules.sector_words:
        return False
    start = run[0].start
    return word != "line" or start >= 1 and doc.words[start - 1] == "the" and not _turns_to_itself(doc, run[-1].end)


def _road_between(doc: Doc, start: int, rules: ContextRules) -> bool:
    """Whether the list at ``start`` names the ends of a road or a line: "between" before it, and a
    road word ("road", "line", "highway") at most three words before that, in its clause."""
    words = doc.words
    if start < 2 or words[start - 1] != "between":
        return False
    return any(_road_word(words[k], rules) for k in _clause_before(doc, start - 1, 3))


def _road_word(word: str, rules: ContextRules) -> bool:
    """A word of [locators] roads, or its plural ("routes", "lines")."""
    return word in rules.roads or word.rstrip("s") in rules.roads


def _undone_before(doc: Doc, start: int, end: int, rules: ContextRules) -> str:
    """"after" or "since" when the clause it opens says the place was lost or destroyed: "six weeks
    after the Kakhovka dam was destroyed", "since Avdiivka was captured", "after Vuhledar fell", "after
    the destruction of the Kakhovka dam" date an earlier event that this one follows ([events]
    destroyed, undone); not "after a drone was shot down over Kyiv", not "after Kharkiv fell into
    darkness", not with a recent time beside it ("after the dam was destroyed overnight", "on Tuesday
    after the breach of the dam": the breach is the news), not in the headline."""
    words, n = doc.words, len(doc.words)
    if start < doc.n_head:
        return ""
    k = start - 1 if start and words[start - 1] != "the" else start - 2
    if k >= 3 and words[k] == "of" and words[k - 1] in rules.undone and words[k - 2] == "the" \
            and words[k - 3] in ("after", "since") and doc.joined(k - 3, start):
        k, verb_end = k - 3, end  # "after the destruction of the Kakhovka dam"
    elif k >= 0 and words[k] in ("after", "since") and doc.sent[k] == doc.sent[start] and end < n:
        if words[end] == "fell" and (end + 1 >= n or words[end + 1] in _FELL_WHEN or not clean_gap(doc.gap(end + 1))):
            verb_end = end + 1
        elif words[end] in ("was", "were") and end + 1 < n and (
                words[end + 1] in rules.control or words[end + 1] in rules.destroyed):
            verb_end = end + 2
        else:
            return ""
    else:
        return ""
    lo, hi = doc.sentence_span(start)
    if not rules.recent.isdisjoint(words[max(lo, k - 3):k]) or not rules.recent.isdisjoint(
            words[verb_end:min(verb_end + 3, hi)]):
        return ""
    return words[k]


# after "fell", words that go on with when or to whom ("after Avdiivka fell in February", "fell to
# Wagner"), not how ("fell into darkness", "fell silent")
_FELL_WHEN = frozenset({"in", "on", "last", "earlier", "to", "this", "at", "during", "after", "before", "a", "two",
                        "three", "four", "five", "six", "several", "weeks", "months"})


def _since_changed_hands(doc: Doc, start: int, rules: ContextRules, strict: bool = False) -> str:
    """The control verb just before ``start`` when "since" opens its clause: "since Ukrainian
    troops withdrew from Lysychansk", "has since taken Popasna" date an earlier change of hands;
    "have pushed west since they seized Avdiivka and are now near Pokrovsk" dates only Avdiivka.
    ``strict`` (new villages), and "took": only "since" before a subject ("since Russian forces took
    Ostapivske"), not a time ("attacking since October took Avdiivka on Saturday")."""
    words = doc.words
    if "since" not in words[max(0, start - CAUSE_SPAN):start]:  # most places: one slice, checked in C
        return ""
    verb = ""
    for k in _clause_before(doc, start, CAUSE_SPAN):
        # "withdrew from X", "retook X"; and "took" right before the name (a fresh batch, 2026-12-07), which
        # [events] control leaves out for "took place"
        if not verb and (words[k] in rules.control and start - k <= 3 or words[k] == "took" and start - k == 1):
            verb = words[k]
        elif words[k] == "since":
            subject = k + 1 < len(words) and words[k + 1] in _SINCE_SUBJECTS
            return verb if subject or not (strict or verb == "took") else ""
    return ""


# words that open the clause of "since ... took X": a subject, not a time ("since October", "since 2022")
_SINCE_SUBJECTS = frozenset({"the", "russian", "ukrainian", "russians", "ukrainians", "russia", "ukraine", "moscow",
                             "kyiv", "they", "it", "its", "their", "forces", "troops", "wagner"})


def _official_after(doc: Doc, e: int, rules: ContextRules) -> str:
    """The official's title when one and a name follow token ``e``: "(Kharkiv) mayor Ihor Terekhov",
    "(Kherson) regional governor Oleksandr Prokudin"; else ""."""
    words, n = doc.words, len(doc.words)
    k = _past_fillers(doc, e, rules)
    if (k + 1 < n and words[k] in rules.officials and clean_gap(doc.gap(k)) and doc.caps[k + 1]
            and doc.gap(k + 1) == " " and doc.sent[k + 1] == doc.sent[e - 1]):
        return words[k]
    return ""


_TITLE_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})


def _former_mayor_of(doc: Doc, s: int, rules: ContextRules) -> bool:
    """Whether "mayor of" before token ``s`` is a title with one of [names] former_officials: "Ivan Fedorov,
    the exiled Ukrainian mayor of Melitopol, said" names a man who works elsewhere, as "the exiled Melitopol
    mayor" does (a fresh batch, 2026-12-07). Only the title's own adjective, after "the" or "a" ("deputy"
    or a nationality between): not "ousted the elected mayor of Melitopol", nor "a former teacher and mayor
    of Izium"."""
    words, k = doc.words, s - 2
    if k < 2 or words[k] != "mayor" or doc.sent[k] != doc.sent[s]:
        return False
    j = k - 1
    while j > 0 and (words[j] == "deputy" or doc.caps[j]) and k - j < 3:  # "the exiled Ukrainian mayor"
        j -= 1
    return words[j] in rules.former_officials and j >= 1 and words[j - 1] in _TITLE_OPENERS \
        and doc.sent[j - 1] == doc.sent[s]


WHERE_SPAN = 4  # words after a destination in which ", where ..." says what happened there


def _where_follows(doc: Doc, end: int) -> bool:
    """Whether "where" stands a few words after ``end`` in its sentence: "to Kharkiv on Friday, where he
    met commanders" says what happened there."""
    hi = min(end + WHERE_SPAN, doc.sentence_span(end - 1)[1])
    return "where" in doc.words[end:hi]


def _phrase_before(doc: Doc, k: int, phrases: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The first of ``phrases`` that ends right before token ``k``, in its sentence ("border with",
    "trains to"), or None."""
    return next((p for p in phrases if k >= len(p) and tuple(doc.words[k - len(p):k]) == p
                 and doc.sent[k - len(p)] == doc.sent[k]), None)


BORDER_CROSSING_SPAN = 3  # words before "border with": "crossed the administrative border with"


def _crossed(doc: Doc, k: int, rules: ContextRules) -> bool:
    """Whether the border phrase at ``k`` is crossed ("troops crossed the border with Russia's Kursk
    region", "an assault across the border with Kharkiv region"): the region is where they went."""
    return any(doc.words[j] in rules.border_crossings for j in range(max(0, k - BORDER_CROSSING_SPAN), k)
               if doc.sent[j] == doc.sent[k])


def _possessive_governor(doc: Doc, e: int, rules: ContextRules) -> str:
    """"governor" when a possessive name is a governor's, with or without the name after him:
    "Rostov's acting governor says eight drones were shot down" speaks for the region."""
    k = _past_fillers(doc, e, rules)
    return "governor" if k < len(doc.words) and doc.words[k] == "governor" and doc.sent[k] == doc.sent[e - 1] else ""


def _past_fillers(doc: Doc, e: int, rules: ContextRules) -> int:
    """The first word from ``e`` past up to two of an official's fillers ("acting", "regional")."""
    k = e
    while k < len(doc.words) and k < e + 2 and doc.words[k] in rules.official_fillers and clean_gap(doc.gap(k)):
        k += 1
    return k


def _speaks_of_another_place(doc: Doc, m: Mention, spans: dict) -> bool:
    """Whether the sentence of a mayor's title, after the lead, names another place: "Konotop Mayor
    Artem Semenikhin alleged that Sumy regional authorities ...". A mayor who names no other place
    reports his own town's news ("... said three people were killed in the city")."""
    if doc.sent[m.start] <= doc.lead_sent:
        return False
    lo, hi = doc.sentence_span(m.start)
    name = doc.words[m.start:m.end]
    return any(lo <= k < hi and o.kind in (PLACE, REGION) and doc.words[o.start:o.end] != name
               for k, o in spans.items())


def _to_region(m: Mention, gaz: Gazetteer, doc: Doc) -> bool:
    """Make a town's mention its namesake region's ("Bryansk governor Alexander Bogomaz" governs
    Bryansk Oblast, "Grodno and Brest regions"); False when it has none."""
    entry = _namesake_region(m, gaz, doc)
    if entry is None:
        return False
    m.kind, m.region, m.entries = REGION, entry[1], (entry,)
    return True


def _namesake_region(m: Mention, gaz: Gazetteer, doc: Doc) -> tuple | None:
    """The gazetteer entry of the region named like the mention's town ("Kharkiv Oblast"), if any."""
    for suffix in ("oblast", "region"):
        for entry in gaz.index.get(tuple(doc.words[m.start:m.end]) + (suffix,), ()):
            if entry[0] == REGION:
                return entry
    return None


def _compass_start(doc: Doc, d: int, rules: ContextRules) -> int:
    """The first word of the direction ending at ``d``: "south" of "south-west", so that
    "Andriivka, south-west of Kindrativka" is located by the village as "Andriivka, west of" is."""
    while d > 0 and doc.gap(d) == "-" and doc.words[d - 1] in rules.directions:
        d -= 1
    return d


def _located_before(doc: Doc, d: int) -> bool:
    """Whether the direction word at ``d`` locates what stands just before it: "villages south of
    Velyka Novosilka", "the Mokri Yaly River south of Velyka Novosilka", not "advanced north of
    Yunakivka" nor "advanced on Tuesday north of Yunakivka"."""
    b = d - 1
    if b < 0 or doc.sent[b] != doc.sent[d] or doc.gap(d).strip():
        return False
    return doc.words[b] in SETTLEMENT_WORDS or doc.words[b] in _LOCATED_NOUNS


def _named_cause(doc: Doc, start: int, rules: ContextRules) -> str:
    """The cause phrase ("retaliation for", "in response to") a few words before ``start`` in
    the same clause (no comma, semicolon or "and" between), or ""."""
    words, causes = doc.words, rules.causes
    lo = max(0, start - CAUSE_SPAN)
    if causes.keys().isdisjoint(words[lo:start]):
        return ""
    # The nearest phrase first, and only then whether the clause reaches it: phrases end in
    # words as common as "for", "to" and "of", but the phrases themselves are rare.
    for k in range(start - 1, lo - 1, -1):
        for phrase in causes.get(words[k], ()):
            first = k + 1 - len(phrase)
            if first >= 0 and tuple(words[first:k + 1]) == phrase:
                return " ".join(phrase) if _clause_reaches(doc, start, k) else ""
    return ""


def _clause_reaches(doc: Doc, start: int, k: int) -> bool:
    """Whether token ``k`` stands in the clause before ``start`` (see ``_clause_before``)."""
    return sum(1 for _ in _clause_before(doc, start, start - k)) == start - k


_BACK_TO_ITSELF = frozenset({"city", "town", "itself"})  # the sentence turns to the town: "... and the city itself"


def _turns_to_itself(doc: Doc, end: int) -> bool:
    """Whether the sentence goes on from token ``end`` to the town itself ("... and pushed into the city"),
    so the name before ``end`` is where the news is, not a landmark for something else."""
    return not _BACK_TO_ITSELF.isdisjoint(doc.words[end:doc.sentence_span(end - 1)[1]])


_UNNAMED_SETTLEMENTS = SETTLEMENT_WORDS - {"city", "suburb"}  # "the village near Sudzha": the news is in the village
_EXPLODED = frozenset({"exploded", "explodes", "exploding", "crashed", "fell"})  # a strike's end, as a hit is


def _from_near(doc: Doc, at: int, rules: ContextRules, spans: dict[int, Mention]) -> bool:
    """Whether the "near" at ``at`` ends "<origin verb> from the coast near": "drones launched
    from the coast near Odesa", "shells fired from positions outside Horlivka" came from there;
    not "Russia launched 40 drones, and debris falling from the sky near Odesa" (the verb must
    stand right before the "from", an adverb or auxiliary between at most, with no comma). Up to four
    words may name the launch site ("rockets fired from Czech-made Vampire launchers near Kharkiv"), but
    no place and no hit: "missiles launched from Crimea hit a port near Odesa" hit Odesa."""
    words, sent = doc.words, doc.sent
    source = next((j for j in range(at - 1, max(-1, at - 6), -1) if words[j] == "from" and sent[j] == sent[at]), -1)
    if source >= 0 and any(j in spans or words[j] in rules.goal_reached or words[j] in _EXPLODED
                           for j in range(source + 1, at)):
        return False
    verb = next((j for j in range(source - 1, max(-1, source - 3), -1) if words[j] in rules.origins), -1)
    return verb >= 0 and sent[verb] == sent[at] and doc.joined(verb, source + 1)


def _launched_from(doc: Doc, at: int, rules: ContextRules) -> bool:
    """Whether the "over"/"in" at ``at`` follows a launcher ("bombers over", "a submarine in") in a
    sentence that says from or by what a strike was launched: "missiles fired by bombers over the
    Black Sea", "Kalibr missiles from ships in the Black Sea hit Odesa", not "fired warning shots at
    a cargo ship in the Black Sea"."""
    words = doc.words
    lo = doc.sentence_span(at)[0]
    launcher = any(words[k] in rules.launchers for k in range(max(lo, at - 3), at))
    return launcher and ("from" in words[lo:at] or "by" in words[lo:at])


def _named_battle(doc: Doc, start: int, end: int, rules: ContextRules) -> str:
    """The battle phrase ("battle for", "defence of") just before ``start``, when that stands after
    the headline and the lead, or "": the item recalls the battle rather than reports it. Not when
    the sentence opens with it ("In the battle for Toretsk, Ukrainian forces repelled ...") or goes
    on in the present ("The battle for Pokrovsk remains the most intense")."""
    if start < 1 or start < doc.n_head or doc.sent[start] == doc.lead_sent:
        return ""
    words, sent = doc.words, doc.sent
    for phrase in rules.battles.get(words[start - 1], ()):
        first = start - len(phrase)
        if first < 0 or tuple(words[first:start]) != phrase or sent[first] != sent[start]:
            continue
        lo = doc.sentence_span(start)[0]
        if all(w in ("the", "in", "during") for w in words[lo:first]):
            return ""
        if end < len(words) and sent[end] == sent[start] and words[end] in rules.battle_present:
            return ""
        return " ".join(phrase)
    return ""


def _hypothetical(doc: Doc, token: int, rules: ContextRules) -> bool:
    """Whether the sentence of ``token`` speaks of what may happen ("would", "could", "threatens")."""
    return _in_sentence(doc, token, rules.hypothetical)


# words that open another clause between a "would" and a place: "repairs would take weeks after the strike
# in Izmail", "troops, who could rely on air cover, entered Novohrodivka"
_CLAUSE_OPENERS = frozenset({"after", "when", "where", "who", "whom", "whose", "which", "because", "since",
                             "while", "until", "before", "as"})
# ... and of those, the ones that never stand as prepositions ("evacuated since May to Kharkiv")
_SUBORDINATORS = _CLAUSE_OPENERS - {"after", "since", "until", "before"}


def _conditional(doc: Doc, start: int, end: int, rules: ContextRules) -> str:
    """The "would", "could" or "might" that makes the place at [start, end) what may happen, or "":
    one before it in its clause ("said the capture would let them push artillery away from Donetsk"),
    or one after it in a sentence with "if" before it ("if they reach the highway, Lysychansk could be
    cut off"). Only after the lead: there "could" reports the news ("Kharkiv could lose power"). Not
    past "in", where a future step is still news there ("the curfew would be extended in Kupiansk"), nor
    past another clause, a quote or a hit ("which could have been intercepted, hit a substation in
    Ternopil"), nor "could not" ("firefighters could not reach the blaze in Zolochiv")."""
    if start < doc.n_head or doc.sent[start] <= doc.lead_sent:
        return ""
    words, sent = doc.words, doc.sent
    k = start - 1
    # no "would" reaches past "in": "repairs would take days in Kharkiv and nearby Chuhuiv" happen there
    while k >= 0 and sent[k] == sent[start] and not _clause_break(doc, k, rules) and words[k] != "in":
        if words[k] in rules.conditional:
            return "" if k + 1 < len(words) and words[k + 1] in ("not", "never") else words[k]
        if _stops_a_clause(doc, k):
            break
        k -= 1
    lo, hi = doc.sentence_span(start)
    if_at = next((i for i in range(start - 1, lo - 1, -1) if words[i] == "if"), -1)
    if if_at < 0 or any(_clause_break(doc, i, rules) for i in range(if_at + 1, start)):
        return ""  # not "did not say if anyone was hurt when a bomb hit a school in Bilopillia"
    for j in range(end, hi):
        if _stops_a_clause(doc, j) or _clause_break(doc, j, rules):
            return ""
        if words[j] in rules.conditional:
            return "" if j + 1 < hi and words[j + 1] in ("not", "never") else words[j]
    return ""


def _clause_break(doc: Doc, k: int, rules: ContextRules) -> bool:
    """Token ``k`` opens another clause or reports a hit: the scan for a "would" stops there."""
    return doc.words[k] in _CLAUSE_OPENERS or doc.words[k] in rules.goal_reached


def _stops_a_clause(doc: Doc, k: int) -> bool:
    """The text before token ``k`` ends a clause: a semicolon, a quote, or ", and" ("... would take
    months, and queues formed at ...")."""
    if k >= len(doc.words):
        return False
    gap = doc.gap(k)
    return ";" in gap or any(q in gap for q in '"\u201c\u201d') or (
        "," in gap and doc.words[k] in _NEXT_CLAUSE)


GOAL_REACHED_SPAN = 12  # words after a goal in which its sentence may say it was reached or hit
_NEXT_CLAUSE = frozenset({"and", "but", "while", "as"})  # after a comma: the goal's clause is over


def _goal_word(doc: Doc, k: int, s: int, rules: ContextRules) -> int:
    """The index of "toward(s)" that makes the place at ``s`` the goal of an advance, or -1:
    "pushed toward Verbove", "toward the village of Novoselydivka" (``k``: the word before the
    name, past "the" and the like). Not "attacked in and toward Chasiv Yar": that is fighting there."""
    words, sent = doc.words, doc.sent
    if k >= 2 and words[k] == "of" and words[k - 1] in SETTLEMENT_WORDS:  # "the Ukrainian-held city of"
        j = k - 2
        while j > 0 and j > k - 5 and words[j] not in ("the", "a"):
            j -= 1
        k = j - 1 if words[j] in ("the", "a") else -1
    if k < 0 or sent[k] != sent[s] or words[k] not in rules.goals:
        return -1
    if k >= 2 and words[k - 1] in ("and", "or") and words[k - 2] in rules.goal_partners:
        return -1
    return k


def _listed_after_goal(doc: Doc, first: int, spans: dict[int, Mention], rules: ContextRules) -> Mention | None:
    """The goal a name is listed with after "and the cities of": "toward Barvinkove and the cities
    of Sloviansk and Kramatorsk" heads for all three (a plain "A and B" list is one run already)."""
    words, sent = doc.words, doc.sent
    k = first - 1
    while k > 0 and sent[k] == sent[first] and words[k] in rules.loc_skip and first - k <= _LIST_SKIP:
        k -= 1
    if k < 1 or words[k] not in ("and", "or") or k == first - 1:
        return None
    before = next((o for o in spans.values() if o.end == k and sent[o.start] == sent[first]), None)
    if before is None:
        return None
    goal = before.role == AREA and before.why.startswith(GOAL)
    return before if goal or (before.role == LOCATOR and before.why.startswith(_HYPOTHETICAL_GOAL)) else None


_LIST_SKIP = 4  # words such as "the cities of" between "and" and the next name of a list


def _goal_reached(doc: Doc, end: int, spans: dict[int, Mention], rules: ContextRules) -> bool:
    """Whether the sentence goes on to say the goal was reached or hit: "missiles launched toward
    Odesa hit the port", "sent drones toward Kharkiv, and three struck homes", "advanced toward
    Staromaiorske and captured the village", "toward Pokrovsk, where street fighting broke out",
    "were repelled at the town's northern edge". Not a verb of another place ("toward Kurakhove and
    captured Ostrivske"), and words that point back at the goal ("its", "where") only in its own
    clause: not "..., and the ministry said it", "the General Staff said in its update"."""
    words, sent = doc.words, doc.sent
    own_clause = True
    for j in range(end, min(len(words), end + GOAL_REACHED_SPAN)):
        if sent[j] != sent[end - 1] or j in spans:
            return False  # another sentence, or another place: what follows is about it
        if ("," in doc.gap(j) and words[j] in _NEXT_CLAUSE) or ";" in doc.gap(j) or words[j] in rules.goal_back_ends:
            own_clause = False
        if words[j] in rules.goal_reached:  # not "... and captured Ostrivske", a name the gazetteer may lack
            after = j + 1 < len(words) and sent[j + 1] == sent[j] and doc.caps[j + 1]
            return not (after or any(i in spans for i in range(j + 1, min(len(words), j + 5))))
        if own_clause and (words[j] in rules.goal_back or (words[j] in SETTLEMENT_WORDS and doc.possessive(j))):
            return True
    return False


def _locates_place_before(doc: Doc, s: int, m: Mention, spans: dict[int, Mention], rules: ContextRules,
                          gaz: Gazetteer) -> bool:
    """Whether "near" before token ``s`` follows a place of the same phrase ("Lastochkyne near
    Avdiivka", "the village of Stepove, near Avdiivka"): a place a few words back, not itself a
    name, a government, a locator, a sector ("attacked in the Lyman direction on Wednesday, near
    Terny" names where) or a direction's origin ("south of Chasiv Yar near Stupochky"), nor the
    place ``m`` after "near" itself ("a convoy moving toward Kherson came under fire near the city of
    Kherson"), with no word of ``near_breaks`` nor a semicolon between ("north of Kharkiv and attacked
    near Vovchansk", "liberated Robotyne; fighting continues near Verbove" name where it happened)."""
    sent = doc.sent
    readings = {e[1] for e in m.entries if e[0] == PLACE}
    for o in spans.values():
        if (o.kind == PLACE and o.end <= s - 1 and s - 1 - o.end <= 4 and sent[o.start] == sent[s]
                and o.role not in (NAME, LOCATOR, METONYMY, SECTOR) and not _is_water(o, gaz)
                and not (readings & {e[1] for e in o.entries if e[0] == PLACE})
                and not _after_direction(doc, o.start, rules)
                and not any(_breaks(doc, k, rules, spans) or _semicolon_break(doc, k) for k in range(o.end, s))):
            return True
    return False


def _named_site_before(doc: Doc, near: int, rules: ContextRules, spans: dict[int, Mention]) -> bool:
    """Whether a named site stands right before the "near" (or "outside") at ``near``: "the Khalino
    airfield near Kursk", "the Dyagilevo air base near Ryazan" ([locators] sites after a name that
    does not open its sentence, all in one phrase). The name is a place's, one the gazetteer knows or
    with a toponym's ending: not "a Russian airfield near Morozovsk", "the Lukoil refinery near
    Volgograd" or "a Nova Poshta terminal near Kharkiv", which are in the town."""
    words, caps = doc.words, doc.caps
    k = near - 1
    if k < 1 or words[k] not in rules.sites or doc.gap(near).strip() not in ("", ","):
        return False
    k -= 1
    if words[k] in _SITE_KINDS and k >= 1:  # "air base", "oil depot"
        k -= 1
    if not (caps[k] and not doc.sent_start[k] and (k >= doc.n_head or not doc.title_case) and doc.joined(k, near)
            and doc.sent[k] == doc.sent[near]) or words[k] in rules.allowed_before:
        return False
    # the name's place, or the site's own ("the Stalnoy Kon oil depot outside Oryol", a fresh batch, 2026-12-07)
    return any(o.end in (k + 1, near) and o.kind == PLACE for o in spans.values()) or words[k].endswith(
        TOPONYM_ENDINGS)


_SITE_KINDS = frozenset({"air", "oil", "fuel"})  # a word between a site's name and its noun


def _semicolon_break(doc: Doc, k: int) -> bool:
    """A semicolon before token ``k`` starts another clause ("liberated Robotyne; fighting continues
    near Verbove"), unless that clause goes on about the place before it ("captured Pishchane; the
    village lies near Kupiansk")."""
    if ";" not in doc.gap(k):
        return False
    return not (doc.words[k] == "the" and k + 1 < len(doc.words) and doc.words[k + 1] in SETTLEMENT_WORDS)


def _visit_not_made(doc: Doc, s: int, rules: ContextRules) -> bool:
    """Whether "to" before token ``s`` ends a trip that did not happen: "Putin called off a trip
    to Stavropol", "did not travel to Kharkiv" (context.toml's visit words and ``called_off``)."""
    words = doc.words
    at = s - 3 if s >= 3 and words[s - 2] in rules.cap_visit_fillers else s - 2
    if at < 0 or words[at] not in rules.cap_visit or doc.sent[at] != doc.sent[s]:
        return False
    first = max(0, at - 3)
    while doc.sent[first] != doc.sent[s]:
        first += 1
    before = words[first:at]
    return any(tuple(before[k:k + len(p)]) == p for p in rules.called_off for k in range(len(before) - len(p) + 1))


def _after_direction(doc: Doc, k: int, rules: ContextRules) -> bool:
    """Whether the name at token ``k`` follows "<direction> of": "advanced south of Chasiv Yar near
    Stupochky" has a direction from one place and the place of the advance, not a village located."""
    return k >= 2 and doc.words[k - 1] == "of" and doc.words[k - 2] in rules.directions


def _breaks(doc: Doc, k: int, rules: ContextRules, spans: dict[int, Mention]) -> bool:
    """Whether token ``k`` starts another clause between a place and "near": "north of Kharkiv
    and attacked near Vovchansk", a participle after a comma: "press toward Borova, attacking
    near Zahryzove", or "also" before the clause's own verb: "forces from Toretsk also conducted
    assaults near Shcherbynivka"; not "and" before another place of the list ("Kozinka and Glotovo
    near Graivoron"), though it is before another subject ("Siversk, and Ukrainian forces
    counterattacked near Hryhorivka")."""
    words = doc.words
    word = words[k]
    if word not in rules.near_breaks:  # [locators] not_clauses: "..., including homes near Graivoron"
        return word.endswith("ing") and "," in doc.gap(k) and word not in rules.not_clauses
    if word == "also":  # not "Stepove, also near Avdiivka"
        return k + 1 < len(words) and words[k + 1] != "near"
    if word not in ("and", "or") or k + 1 >= len(words):
        return True
    nxt = spans.get(k + 1)  # a place, or a name the gazetteer lacks: "Tykhe and Hatyshche near Vovchansk"
    if nxt is not None:
        return nxt.kind != PLACE
    return not (doc.caps[k + 1] and words[k + 1].endswith(TOPONYM_ENDINGS))


def _is_feature(m: Mention, gaz: Gazetteer) -> bool:
    """A named feature of the gazetteer (a forest, a bridge, a plant): a place, whatever its last word."""
    return any(gaz.places[e[1]].kind == "feature" for e in m.entries if e[0] == PLACE)


def _aliased_with_area_word(m: Mention, word: str, gaz: Gazetteer) -> bool:
    """An editor's alias that spells out the area word ("Moscow City business district" for
    Moscow): the editor said what it means, so it is the place, not a district of that name. A
    place whose own name ends in the word ("Kamianobridskyi raion") is still a district."""
    return any(e[2] == EDITOR and not gaz.places[e[1]].name.lower().endswith(word)
               for e in m.entries if e[0] == PLACE)


def _is_water(m: Mention, gaz: Gazetteer) -> bool:
    """Rivers and reservoirs are located by the villages on them, so those villages count."""
    return any(gaz.places[e[1]].is_water
               for e in m.entries if e[0] == PLACE)


_BANK_WORDS = frozenset({"bank", "banks", "shore", "shores", "side"})
_BANK_SIDES = frozenset({"left", "right", "eastern", "western", "east", "west", "northern", "southern", "north",
                         "south", "both", "opposite", "other", "its", "the"})
_LOCATED_ON_WATER = frozenset({"junction", "hub"})  # "the rail junction on the west bank of the Oskil"


def _water_locates(doc: Doc, s: int, trigger: str) -> str:
    """Why a river or reservoir at token ``s`` only locates, or "": "Lozova, on the eastern bank of
    the Oskil", "a village on the left bank of the Oskil", "the city on the Oskil River" place a
    town; "push toward the Oskil", "back to the Oskil River" name a goal. Not "advanced on the west
    bank of the Oskil" nor "a bridgehead on its west bank": something happens at the river."""
    words, sent = doc.words, doc.sent
    k = s - 1
    if k >= 0 and words[k] == "the":
        k -= 1
    if k >= 1 and words[k] == "of" and words[k - 1] in _BANK_WORDS:
        k -= 2
        while k >= 0 and words[k] in _BANK_SIDES and k > s - 7:
            k -= 1
    if k < 1 or sent[k] != sent[s]:
        return ""
    if words[k] in ("toward", "towards") or (words[k] == "to" and words[k - 1] == "back"):
        return f"a goal ('{words[k]} {trigger}')"
    if words[k] in ("on", "along") and sent[k - 1] == sent[s] and (
            "," in doc.gap(k) or words[k - 1] in SETTLEMENT_WORDS or words[k - 1] in _LOCATED_ON_WATER):
        return f"describes a place on the water ('... {words[k]} the ...')"
    return ""


_QUOTES = ("'", "\u2018", "\u2019", '"', "\u201c", "\u201d", "\u00ab", "\u00bb")


def _quote_closes(gap: str) -> bool:
    """A closing quote and a space: the "Dnipro" of 'the "Dnipro" Operational-Strategic Group'."""
    return len(gap) == 2 and gap[0] in _QUOTES and gap[1] == " "


def _quoted_name(doc: Doc, m: Mention) -> bool:
    """'Odesa', a marine platoon commander: a quoted name followed by an apposition."""
    begin = doc.starts[m.start]
    if not begin or doc.text[begin - 1] not in _QUOTES:  # most names: decided on the one character
        return False
    after = doc.text[doc.ends[m.end - 1]:doc.ends[m.end - 1] + 1]
    if after not in _QUOTES:
        return False
    rest = doc.text[doc.ends[m.end - 1] + 1:doc.ends[m.end - 1] + 6].lower()
    return rest.startswith((", a ", ", an ", ", the "))
