"""Place and region mentions: find them, decide what each one is doing, resolve names.

A name in the text is only a candidate. The context decides its role:
  about     the item is about this place (it becomes a place label and counts for the theatre)
  sector    "the Pokrovsk direction": counts for the theatre, no place label
  area      "Izmail district", "near Kyiv": counts for the theatre, no place label
  locator   "50 km from Kharkiv": only locates something else
  history   a sentence about the past ("since the siege of Avdiivka in 2023")
  metonymy  a capital standing for its government ("Kyiv said", "aid to Kyiv")
  name      part of another name ("Kyiv Independent", "the submarine Kursk")
Which place an ambiguous name means is decided afterwards, in resolve.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.tagging.gazetteer import COUNTRY, PLACE, REGION, Gazetteer, Place
from sitrep.text import stem, tokenize
from sitrep.tagging.document import Doc

KIND_PRIORITY = {REGION: 0, COUNTRY: 1, PLACE: 2}

ABOUT, SECTOR, AREA, LOCATOR, HISTORY, METONYMY, NAME = (
    "about", "sector", "area", "locator", "history", "metonymy", "name")
COUNTRY_MENTION = "country"
_DIRECTION, _DISTANCE = "a direction from", "a distance marker"
_AUXILIARIES = frozenset({"came", "comes", "was", "were", "is", "has", "had", "have", "been", "does", "did",
                          "would", "will", "could", "should", "must", "may", "might", "can"})
_PASSIVE_EVENTS = frozenset({"under", "hit", "attacked", "struck", "targeted", "shelled", "rocked", "shaken",
                             "plunged", "been", "bombed", "pounded", "left"})
SEA_ADJECTIVE_NOUNS = frozenset({"port", "ports", "coast", "resort", "resorts", "city", "town", "coastline"})


@dataclass(slots=True)
class Mention:
    """One occurrence of a gazetteer name in the item."""

    start: int  # token span
    end: int
    kind: int  # PLACE, REGION or COUNTRY
    entries: tuple  # candidate entries of the name index
    trigger: str  # the text as written
    role: str = ABOUT
    why: str = ""
    place: Place | None = None  # the resolved place (kind PLACE)
    region: str = ""  # region slug (REGION; or the resolved place's)
    country: str = ""  # country code (COUNTRY)
    resolution: str = ""  # how an ambiguous name was resolved
    measured: bool = False  # a locator by distance or direction ("north of Avdiivka")


# ----------------------------------------------------------------------------- finding


BACKGROUND = "in a sentence about the past"


def _not_a_name(doc: Doc, start: int, trigger: str) -> bool:
    """Words that only look like a place: the second half of a hyphenated name
    ("Lvova-Belova" is a person, not Belovo) and words in capitals (acronyms such as
    BARI, and wire datelines "KYIV, Ukraine —", which say where the reporter was)."""
    begin = doc.starts[start]
    if begin >= 2 and doc.text[begin - 1] == "-" and doc.text[begin - 2].isalpha():
        return True
    letters = [c for c in trigger if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest non-overlapping gazetteer names, regions before countries before places."""
    words, caps, sent = doc.words, doc.caps, doc.sent
    index, lengths, lower = gaz.index, gaz.lengths, gaz.lower_lengths
    n = len(words)
    spans = []
    # a lower-case word can only start the names that may be written in lower case
    for i in [i for i, w in enumerate(words) if w in lengths]:
        if not caps[i] and words[i] not in lower:
            continue
        for length in (lengths if caps[i] else lower)[words[i]]:
            if i + length > n or sent[i + length - 1] != sent[i]:
                continue
            entries = index.get(tuple(words[i:i + length]))
            if not entries:
                continue
            if not caps[i]:
                entries = tuple(e for e in entries if not e[3])
                if not entries:
                    continue
            if len(entries) == 1:
                spans.append((i, i + length, entries[0][0], entries))
                continue
            kind = min((e[0] for e in entries), key=KIND_PRIORITY.get)
            spans.append((i, i + length, kind, tuple(e for e in entries if e[0] == kind)))
    spans.sort(key=lambda s: (-(s[1] - s[0]), KIND_PRIORITY[s[2]], s[0]))
    taken = [False] * n
    out = []
    for start, end, kind, entries in spans:
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = True
        m = Mention(start, end, kind, entries, doc.text[doc.starts[start]:doc.ends[end - 1]])
        if _not_a_name(doc, start, m.trigger):
            continue
        if kind == REGION:
            m.region = entries[0][1]
        elif kind == COUNTRY:
            m.country = entries[0][1]
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


# ----------------------------------------------------------------------------- roles


class ContextRules:
    """The word lists of data/gazetteer/context.toml as sets."""

    def __init__(self, context: dict):
        names, met, cap = context["names"], context["metonymy"], context["capitals"]
        self.name_after = frozenset(names["after"])
        self.name_before = frozenset(names["before"])
        self.allowed_before = frozenset(names["allowed_before"])
        self.allowed_after = frozenset(names["allowed_after"])
        self.verbs = frozenset(met["verbs"])
        self.not_after_verb = frozenset(met["not_after_verb"])
        self.nouns = frozenset(met["nouns"])
        self.before_to_with = frozenset(met["before_to_with"])
        self.parties = frozenset(met["parties"])
        self.cap_preps = frozenset(cap["prepositions"])
        self.cap_near = frozenset(cap["near"])
        self.cap_visit = frozenset(cap["visit"])
        self.cap_events = frozenset(stem(w) for w in cap["events"])
        self.area_words = frozenset(context["areas"]["words"])
        self.plural_regions = frozenset(context["areas"]["plural_regions"])
        self.event_after = frozenset(context["events"]["after"])
        self.feature_plurals = []
        for pair in context["features"]["plural"]:
            plural, _, singular = pair.partition("=")
            self.feature_plurals.append((tuple(t.text for t in tokenize(plural)),
                                         tuple(t.text for t in tokenize(singular))))
        loc = context["locators"]
        self.units = frozenset(loc["units"])
        self.directions = frozenset(loc["directions"])
        self.loc_skip = frozenset(loc["skip"])
        self.origins = frozenset(loc["origins"])
        self.origin_nouns = frozenset(loc["origin_nouns"])
        self.locator_phrases = [tuple(p.split()) for p in loc["phrases"]]
        self.locator_by_last: dict[str, list[tuple[str, ...]]] = {}
        for p in self.locator_phrases:
            self.locator_by_last.setdefault(p[-1], []).append(p)
        self.sector_words = frozenset(context["sectors"]["words"])


def clean_gap(gap: str) -> bool:
    return gap.strip() == ""


def _lists(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined by commas, "and" or "or" ("Kharkiv, Sumy and Kyiv")."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and m.kind != COUNTRY and runs[-1][-1].kind != COUNTRY:
            last = runs[-1][-1]
            between = doc.words[last.end:m.start]
            gap = doc.text[doc.ends[last.end - 1]:doc.starts[m.start]]
            if doc.sent[last.start] == doc.sent[m.start] and (
                    (not between and gap.strip() == ",") or between in (["and"], ["or"])):
                runs[-1].append(m)
                continue
        runs.append([m])
    return runs


def assign_roles(doc: Doc, mentions: list[Mention], rules: ContextRules, gaz: Gazetteer,
                 background: frozenset[int] = frozenset()) -> None:
    """Set each mention's role from the words around it; ``background`` holds the
    sentences about earlier events (:mod:`sitrep.tagging.aboutness`)."""
    spans = {m.start: m for m in mentions}
    ends = {m.end for m in mentions}
    runs = _lists(doc, mentions)
    run_of = {id(m): run for run in runs for m in run}
    for run in runs:  # "Grodno and Brest regions", "Kupiansk and Chuhuiv districts"
        after = doc.words[run[-1].end] if run[-1].end < len(doc.words) else ""
        if len(run) > 1 and _as_features(doc, run, rules, gaz):
            continue
        if after in rules.plural_regions:  # "Grodno and Brest regions"
            for m in run:
                _as_region(m, gaz, doc)
        elif len(run) > 1 and after in rules.sector_words:  # "the Pokrovsk and Kurakhove fronts"
            for m in run:
                if m.kind == PLACE:
                    m.role, m.why = SECTOR, f"a sector of the front: '... {after}'"
        elif len(run) > 1 and any(o.kind == REGION for o in run):
            for k, m in enumerate(run):  # "in Lviv and Volyn": a town joined to a region is its region
                joined = (k + 1 < len(run) and doc.words[m.end:run[k + 1].start] in (["and"], ["or"])) or (
                    k > 0 and doc.words[run[k - 1].end:m.start] in (["and"], ["or"]))
                if joined:
                    _as_region(m, gaz, doc)
        elif after in rules.area_words and len(run) > 1:
            for m in run:
                if m.kind == PLACE:
                    m.role, m.why = AREA, f"an area: '... {after}'"
    _headline_regions(doc, mentions, gaz)
    for m in mentions:
        if m.role != ABOUT:
            continue
        role, why = _role(doc, m, rules, gaz, spans, ends, run_of[id(m)])
        m.measured = role == LOCATOR and why.startswith((_DIRECTION, _DISTANCE))
        if role in (ABOUT, SECTOR, AREA) and doc.sent[m.start] in background:
            role, why = HISTORY, BACKGROUND
        m.role, m.why = role, why


def _headline_regions(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Headlines shorten "Sumy Oblast" to "Sumy": a headline town whose namesake region the body
    names, while the body never names the town, stands for the region."""
    body_regions = {m.region for m in mentions if m.kind == REGION and m.start >= doc.n_head}
    body_names = {tuple(doc.words[m.start:m.end]) for m in mentions if m.kind == PLACE and m.start >= doc.n_head}
    for m in mentions:
        if m.start >= doc.n_head or m.kind != PLACE or tuple(doc.words[m.start:m.end]) in body_names:
            continue
        before = (m.kind, m.region, m.entries)
        _as_region(m, gaz, doc)
        if m.kind == REGION and m.region not in body_regions:
            m.kind, m.region, m.entries = before  # only when the body names that region
            m.why = ""
        elif m.kind == REGION:
            m.why = "the headline's short name of a region the body names"


def _as_features(doc: Doc, run: list[Mention], rules: ContextRules, gaz: Gazetteer) -> bool:
    """"Khmelnytskyi and Rivne nuclear power plants": each name becomes its feature."""
    end = run[-1].end
    for plural, singular in rules.feature_plurals:
        if tuple(doc.words[end:end + len(plural)]) != plural:
            continue
        found = []
        for m in run:
            entries = [e for e in gaz.index.get(tuple(doc.words[m.start:m.end]) + singular, ()) if e[0] == PLACE]
            if not entries:
                return False
            found.append(entries)
        for m, entries in zip(run, found):
            m.kind, m.entries = PLACE, tuple(entries)
            m.trigger = f"{m.trigger} {' '.join(singular)}"
        return True
    return False


def _as_region(m: Mention, gaz: Gazetteer, doc: Doc) -> None:
    """A town name that stands for its region in "X and Y regions"."""
    if m.kind == REGION:
        return
    for suffix in ("oblast", "region"):
        for e in gaz.index.get(tuple(doc.words[m.start:m.end]) + (suffix,), ()):
            if e[0] == REGION:
                m.kind, m.region, m.entries = REGION, e[1], (e,)
                m.role, m.why = ABOUT, "a region in a list of regions"
                return


def _is_capital(m: Mention, gaz: Gazetteer) -> bool:
    return m.kind == PLACE and any(gaz.places[e[1]].metonymy for e in m.entries)


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

    # part of a name
    if prev in rules.name_before:
        return NAME, f"after '{prev}'"
    if _quoted_name(doc, m):
        return NAME, "a name in quotes"
    if nxt in rules.name_after and clean_gap(doc.gap(e)):
        return NAME, f"before '{nxt}'"
    if m.kind != REGION and not in_title:
        if (nxt and caps[e] and clean_gap(doc.gap(e)) and nxt not in rules.allowed_after
                and e not in spans and not doc.possessive(e - 1)):
            return NAME, f"followed by the capitalised '{doc.text[doc.starts[e]:doc.ends[e]]}'"
        if (prev and caps[s - 1] and not doc.sent_start[s - 1] and clean_gap(doc.gap(s))
                and prev not in rules.allowed_before and not doc.possessive(s - 1) and s not in ends):
            return NAME, f"preceded by the capitalised '{doc.text[doc.starts[s - 1]:doc.ends[s - 1]]}'"

    # a government, not a place
    if m.kind == COUNTRY or _is_capital(m, gaz):
        role = _capital_role(doc, m, rules, prev, nxt, run)
        if role is not None:
            return role
    if m.kind == COUNTRY:
        return ABOUT, ""

    if m.kind == REGION and not gaz.regions[m.region].country and nxt in SEA_ADJECTIVE_NOUNS:
        return LOCATOR, f"'{m.trigger} {nxt}' describes a place on the coast"
    if m.kind == PLACE:
        if nxt_run in rules.event_after and len(run) == 1:
            return HISTORY, f"'{m.trigger} {nxt_run}' names an operation"
        if prev == "on" and _is_water(m, gaz):
            return LOCATOR, f"'on {m.trigger}' locates a town on the water"
        if nxt in rules.sector_words:
            return SECTOR, f"'{m.trigger} {nxt}' is a sector of the front"
        if nxt in rules.area_words:
            return AREA, f"'{m.trigger} {nxt}' is an area"

    # a locator: "100 km from Kharkiv", "north of occupied Melitopol", "the regional center, Kharkiv"
    first = run[0].start
    k = first - 1
    while k >= 0 and sent[k] == sent[s] and words[k] in rules.loc_skip and words[k] != "of":
        k -= 1
    if k >= 0 and sent[k] == sent[s] and words[k] in ("of", "from"):
        before = words[max(0, k - 6):k]
        if k >= 1 and words[k - 1] in rules.directions:
            return LOCATOR, f"{_DIRECTION} {m.trigger}"
        if any(w in rules.units for w in before) and all(sent[j] == sent[s] for j in range(max(0, k - 6), k)):
            return LOCATOR, _DISTANCE
        if words[k] == "from" and any(w in rules.origins and sent[j] == sent[s]
                                      for j, w in enumerate(words[max(0, k - 10):k], max(0, k - 10))):
            return LOCATOR, "where an attack came from"
        if words[k] == "from" and k >= 1 and (words[k - 1] in rules.origin_nouns
                                              or (k >= 2 and words[k - 2] in rules.origin_nouns)):
            return LOCATOR, "where people came from"
    if prev == "near" and any(o.kind == PLACE and o.end <= s - 1 and s - 1 - o.end <= 4 and sent[o.start] == sent[s]
                              and o.role != NAME and not _is_water(o, gaz) for o in spans.values()):
        return LOCATOR, f"locates the place named before it ('... near {m.trigger}')"
    for end in (first, first - 1, first - 2):  # the phrase may end up to two words before the name
        if end < 1 or words[end - 1] not in rules.locator_by_last:
            continue
        for phrase in rules.locator_by_last[words[end - 1]]:
            start = end - len(phrase)
            if start >= 0 and tuple(words[start:end]) == phrase and sent[start] == sent[s]:
                return LOCATOR, f"after '{' '.join(phrase)}'"
    return ABOUT, ""


def _is_water(m: Mention, gaz: Gazetteer) -> bool:
    """Rivers and reservoirs are located by the villages on them, so those villages count."""
    return any(gaz.places[e[1]].kind == "feature" and gaz.places[e[1]].name.lower().endswith(("river", "reservoir"))
               for e in m.entries if e[0] == PLACE)


_QUOTES = ("'", "\u2018", "\u2019", '"', "\u201c", "\u201d", "\u00ab", "\u00bb")


def _quoted_name(doc: Doc, m: Mention) -> bool:
    """'Odesa', a marine platoon commander: a quoted name followed by an apposition."""
    before = doc.text[doc.starts[m.start] - 1:doc.starts[m.start]] if doc.starts[m.start] else ""
    after = doc.text[doc.ends[m.end - 1]:doc.ends[m.end - 1] + 1]
    if before not in _QUOTES or after not in _QUOTES:
        return False
    rest = doc.text[doc.ends[m.end - 1] + 1:doc.ends[m.end - 1] + 6].lower()
    return rest.startswith((", a ", ", an ", ", the "))


def _capital_role(doc: Doc, m: Mention, rules: ContextRules, prev: str, nxt: str,
                  run: list[Mention]) -> tuple[str, str] | None:
    """Capitals and countries: a place only where something physically happens there."""
    words = doc.words
    s, e = m.start, m.end
    n = len(words)
    after_verb = words[e + 1] if e + 1 < n else ""
    if nxt in rules.verbs and after_verb != "by" and not (nxt in _AUXILIARIES and after_verb in rules.not_after_verb):
        return METONYMY, f"'{m.trigger} {nxt}' names a government"
    if doc.possessive(e - 1) and (nxt in rules.nouns or (e + 1 < n and words[e + 1] in rules.nouns)):
        return METONYMY, f"'{m.trigger}'s ...' names a government"
    if prev in rules.parties:
        return METONYMY, f"'{prev} {m.trigger}' names a party"
    if m.kind == COUNTRY:
        if prev in ("in", "into", "inside", "across", "to", "over", "from"):
            return None
        return COUNTRY_MENTION, "a country named in passing"
    sentence = doc.sent[s]
    lo = s
    while lo > 0 and doc.sent[lo - 1] == sentence:
        lo -= 1
    hi = e
    while hi < n and doc.sent[hi] == sentence:
        hi += 1
    eventful = any(st in rules.cap_events for st in doc.stems[lo:hi])
    if prev in rules.cap_near:
        return AREA, f"'{prev} {m.trigger}': the area around the capital"
    if nxt and doc.stems[e] in rules.cap_events and not doc.possessive(e - 1):
        return None  # "Moscow airports", "Kyiv residents"
    if doc.possessive(e - 1) and any(o.start == e and o.kind == PLACE for o in run + [m]) or (
            doc.possessive(e - 1) and nxt and doc.stems[e] in rules.cap_events):
        return None  # "Moscow's Sheremetyevo", "Kyiv's metro"
    physical = clean_gap(doc.gap(s)) and (
        prev in rules.cap_preps or (prev == "to" and s >= 2 and words[s - 2] in rules.cap_visit))
    if nxt in _AUXILIARIES and e + 1 < n and words[e + 1] in _PASSIVE_EVENTS:
        physical = True  # "Kyiv came under attack", "Moscow was hit", "Kyiv has been struck"
    in_list = len(run) > 1 and any(o is not m and o.kind == PLACE for o in run)
    if s < doc.n_head and (in_list or (prev in rules.cap_preps and clean_gap(doc.gap(s)))):
        physical = True
    if physical and (eventful or in_list):
        return None
    if in_list and eventful:
        return None
    if (physical or in_list) and s < doc.n_head:
        return None
    return METONYMY, f"'{m.trigger}' without a physical event: the government"
