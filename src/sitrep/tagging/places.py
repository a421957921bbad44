"""Place and region mentions: find them, decide what each one is doing, resolve names.

A name in the text is only a candidate. The context decides its role:
  about     the item is about this place (it becomes a place label and counts for the theatre)
  sector    "the Pokrovsk direction": counts for the theatre, no place label
  area      "Izmail district", "near Kyiv": counts for the theatre, no place label
  locator   "50 km from Kharkiv": only locates something else
  history   a sentence about the past ("since the siege of Avdiivka in 2023")
  metonymy  a capital standing for its government ("Kyiv said", "aid to Kyiv")
  name      part of another name ("Kyiv Independent", "the submarine Kursk")
Ambiguous names (Lyman, Novoivanivka) are resolved by a region named in the item,
then the item's other places, then population and the front line; a name still
ambiguous after that stays unresolved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..gazetteer import ALTERNATE, COUNTRY, DISTRICT, EDITOR, PLACE, REGION, Gazetteer, Place
from ..text import slugify, stem, tokenize
from .document import Doc

FRONT_THEATRES = frozenset({"donbas", "kharkiv", "south", "northern-border"})
RESOLVE_MARGIN = 1.0  # the best reading must beat the next by this much
KIND_PRIORITY = {REGION: 0, COUNTRY: 1, PLACE: 2}

ABOUT, SECTOR, AREA, LOCATOR, HISTORY, METONYMY, NAME = (
    "about", "sector", "area", "locator", "history", "metonymy", "name")
COUNTRY_MENTION = "country"


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


# ----------------------------------------------------------------------------- finding


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest non-overlapping gazetteer names, regions before countries before places."""
    words, caps, sent = doc.words, doc.caps, doc.sent
    index, max_len = gaz.index, gaz.max_len
    n = len(words)
    spans = []
    for i, w in enumerate(words):
        longest = max_len.get(w)
        if not longest:
            continue
        for length in range(min(longest, n - i), 0, -1):
            if sent[i + length - 1] != sent[i]:
                continue
            entries = index.get(tuple(words[i:i + length]))
            if not entries:
                continue
            entries = tuple(e for e in entries if caps[i] or not e[3])
            if entries:
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
        self.locator_phrases = [tuple(p.split()) for p in loc["phrases"]]
        self.history_phrases = [tuple(p.split()) for p in context["history"]["phrases"]]
        self.past_years = frozenset(context["history"]["past_years"])
        self.sector_words = frozenset(context["sectors"]["words"])


def _clean_gap(gap: str) -> bool:
    return gap.strip() == ""


def _history_sentences(doc: Doc, rules: ContextRules) -> set[int]:
    """Sentences (other than headline and lead) that talk about the past."""
    out = set()
    words, sent = doc.words, doc.sent
    firsts = {p[0] for p in rules.history_phrases}
    for i, w in enumerate(words):
        s = sent[i]
        if i < doc.n_head or s == doc.lead_sent or s in out:
            continue
        if w in rules.past_years:
            out.add(s)
        elif w in firsts:
            for p in rules.history_phrases:
                if tuple(words[i:i + len(p)]) == p:
                    out.add(s)
                    break
    return out


def _lists(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined by commas, "and" or "or" ("Kharkiv, Sumy and Kyiv")."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs:
            last = runs[-1][-1]
            between = doc.words[last.end:m.start]
            gap = doc.text[doc.ends[last.end - 1]:doc.starts[m.start]]
            if doc.sent[last.start] == doc.sent[m.start] and (
                    (not between and gap.strip() == ",") or between in (["and"], ["or"])):
                runs[-1].append(m)
                continue
        runs.append([m])
    return runs


def assign_roles(doc: Doc, mentions: list[Mention], rules: ContextRules, gaz: Gazetteer) -> None:
    """Set each mention's role from the words around it."""
    history = _history_sentences(doc, rules)
    spans = {m.start: m for m in mentions}
    ends = {m.end for m in mentions}
    runs = _lists(doc, mentions)
    run_of = {id(m): run for run in runs for m in run}
    for run in runs:  # "Grodno and Brest regions", "Kupiansk and Chuhuiv districts"
        after = doc.words[run[-1].end] if run[-1].end < len(doc.words) else ""
        if len(run) > 1 and _as_features(doc, run, rules, gaz):
            continue
        if after in rules.plural_regions or (len(run) > 1 and any(o.kind == REGION for o in run)):
            # "Grodno and Brest regions"; "in Lviv and Volyn": a town beside a region is its region
            for m in run:
                _as_region(m, gaz, doc)
        elif after in rules.area_words and len(run) > 1:
            for m in run:
                if m.kind == PLACE:
                    m.role, m.why = AREA, f"an area: '... {after}'"
    for m in mentions:
        if m.role != ABOUT:
            continue
        role, why = _role(doc, m, rules, gaz, spans, ends, run_of[id(m)])
        if role in (ABOUT, SECTOR, AREA) and doc.sent[m.start] in history:
            role, why = HISTORY, "in a sentence about the past"
        m.role, m.why = role, why


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
    if nxt in rules.name_after and _clean_gap(doc.gap(e)):
        return NAME, f"before '{nxt}'"
    if m.kind != REGION and not in_title:
        if (nxt and caps[e] and _clean_gap(doc.gap(e)) and nxt not in rules.allowed_after
                and e not in spans and not doc.possessive(e - 1)):
            return NAME, f"followed by the capitalised '{doc.text[doc.starts[e]:doc.ends[e]]}'"
        if (prev and caps[s - 1] and not doc.sent_start[s - 1] and _clean_gap(doc.gap(s))
                and prev not in rules.allowed_before and not doc.possessive(s - 1) and s not in ends):
            return NAME, f"preceded by the capitalised '{doc.text[doc.starts[s - 1]:doc.ends[s - 1]]}'"

    # a government, not a place
    if m.kind == COUNTRY or _is_capital(m, gaz):
        role = _capital_role(doc, m, rules, prev, nxt, run)
        if role is not None:
            return role
    if m.kind == COUNTRY:
        return ABOUT, ""

    if m.kind == PLACE:
        if nxt_run in rules.event_after and len(run) == 1:
            return HISTORY, f"'{m.trigger} {nxt_run}' names an operation"
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
            return LOCATOR, f"a direction from {m.trigger}"
        if any(w in rules.units for w in before) and all(sent[j] == sent[s] for j in range(max(0, k - 6), k)):
            return LOCATOR, "a distance marker"
    if prev == "near" and any(o.kind == PLACE and o.end <= s - 1 and s - 1 - o.end <= 4 and sent[o.start] == sent[s]
                              for o in spans.values()):
        return LOCATOR, f"locates the place named before it ('... near {m.trigger}')"
    for phrase in rules.locator_phrases:
        lo = first - len(phrase)
        for start in (lo, lo - 1, lo - 2):
            if start >= 0 and tuple(words[start:start + len(phrase)]) == phrase and sent[start] == sent[s]:
                return LOCATOR, f"after '{' '.join(phrase)}'"
    return ABOUT, ""


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
    if nxt in rules.verbs and not (e + 1 < n and words[e + 1] in rules.not_after_verb):
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
    physical = _clean_gap(doc.gap(s)) and (
        prev in rules.cap_preps or (prev == "to" and s >= 2 and words[s - 2] in rules.cap_visit))
    in_list = len(run) > 1 and any(o is not m and o.kind == PLACE for o in run)
    if s < doc.n_head and (in_list or prev in rules.cap_preps):
        physical = True
    if physical and (eventful or in_list):
        return None
    if in_list and eventful:
        return None
    if (physical or in_list) and s < doc.n_head:
        return None
    return METONYMY, f"'{m.trigger}' without a physical event: the government"


# ----------------------------------------------------------------------------- resolution


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


ANCHOR_ROLES = frozenset({ABOUT, SECTOR, AREA, LOCATOR, HISTORY})
SETTLEMENT_WORDS = frozenset({"village", "villages", "town", "towns", "settlement", "settlements", "city",
                              "suburb", "hamlet"})
BETWEEN_PLACE_AND_REGION = frozenset({"in", "of", "the", "a", "village", "town", "city", "settlement",
                                      "small", "occupied", "frontline", "front", "line", "russia", "ukraine",
                                      "belarus", "northern", "southern", "eastern", "western", "central"})
# Endings of Ukrainian, Russian and Belarusian place names, for names the gazetteer lacks that
# the text gives no region for ("near Lastochkyne and Sieverne").
TOPONYM_ENDINGS = ("ivka", "ovka", "evka", "yivka", "ne", "ve", "ka", "ky", "ki", "ino", "ovo", "evo", "yno",
                   "sk", "ske", "tske", "yar", "ivtsi", "tsi", "chi", "ychi", "ia", "ove", "eve", "yi", "ye")


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
        if r is m or doc.sent[r.start] != doc.sent[m.start]:
            continue
        if r.kind == REGION and r.end == m.start and doc.possessive(r.end - 1):
            return r.region
        if 0 <= r.start - m.end <= 6:
            between = doc.words[m.end:r.start]
            gap = doc.text[doc.ends[m.end - 1]:doc.starts[r.start]]
            if all(w in BETWEEN_PLACE_AND_REGION for w in between) and (
                    "in" in between or (r.kind == REGION and gap.strip() in (",", "("))):
                region = _region_of(r, gaz)
                if region and (r.kind == REGION or r.role == AREA or gaz.regions[region].kind == "city"
                               or "in" in between):
                    return region
    return ""


def _synthetic(m: Mention, region_slug: str, gaz: Gazetteer, doc: Doc) -> Place:
    """A place GeoNames lacks, pinned by the item to a region ("the village of Tsel in Mogilev region")."""
    r = gaz.regions[region_slug]
    name = m.trigger[:-2] if m.trigger.endswith(("'s", "\u2019s")) else m.trigger
    return Place(f"{slugify(name)}-{r.slug}", name, r.slug, r.name, r.theatre, r.country, r.lat, r.lon, 0,
                 "village")


def unknown_settlements(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Capitalised names the gazetteer lacks where the text says they are settlements:
    "the village of Tsel", "near Lastochkyne and Sieverne", "including Gornal". Their region
    comes from the text ("in Kursk Oblast") or, later, from the item's other places."""
    taken = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    words, caps = doc.words, doc.caps
    out: list[Mention] = []
    i = 1
    while i < len(words):
        strong = i >= 2 and words[i - 1] == "of" and words[i - 2] in SETTLEMENT_WORDS
        weak = words[i - 1] in ("near", "including")
        if not (strong or weak) or i in taken or not caps[i] or doc.sent_start[i] or i < doc.n_head:
            i += 1
            continue
        found = []
        j = i
        while j < len(words) and caps[j] and j not in taken and doc.sent[j] == doc.sent[i] \
                and words[j].isalpha() and len(words[j]) >= 3:
            k = j + 1
            while k < len(words) and caps[k] and k not in taken and doc.gap(k) in (" ", "-") and words[k].isalpha():
                k += 1
            found.append((j, k))
            if k < len(words) and words[k] == "and" and k + 1 < len(words) and caps[k + 1]:
                j = k + 1
                continue
            break
        for start, end in found:
            m = Mention(start, end, PLACE, (), doc.text[doc.starts[start]:doc.ends[end - 1]])
            m.resolution = "strong" if strong else "weak"
            out.append(m)
        i = max(i + 1, found[-1][1] if found else i + 1)
    if out:
        pins = [m for m in mentions if m.kind in (REGION, PLACE) and m.role not in (NAME, METONYMY)]
        for m in out:
            region = _explicit_region(doc, m, pins, gaz)
            if not region:
                same = {r.region for r in pins if r.kind == REGION and doc.sent[r.start] == doc.sent[m.start]}
                region = same.pop() if len(same) == 1 else ""
            if region:
                m.place = _synthetic(m, region, gaz, doc)
                m.resolution = f"not in the gazetteer; {gaz.regions[region].name} from the text"
    return out


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Pick the place each PLACE mention means, or leave it unresolved."""
    region_mentions = [m for m in mentions if m.kind == REGION and m.role != NAME]
    regions_item = {m.region for m in region_mentions}
    regions_sentence: dict[int, set[str]] = {}
    for m in region_mentions:
        regions_sentence.setdefault(doc.sent[m.start], set()).add(m.region)
    anchors: list[Place] = []
    pending = []
    pins = [m for m in mentions if m.kind in (REGION, PLACE) and m.role not in (NAME, METONYMY)]
    unknown = []
    for m in mentions:
        if m.kind != PLACE or m.place is not None:
            continue
        if not m.entries:
            unknown.append(m)
            continue
        explicit = _explicit_region(doc, m, pins, gaz)
        targets = {e[1] for e in m.entries}
        if explicit and not any(gaz.places[t].region == explicit for t in targets):
            m.place = _synthetic(m, explicit, gaz, doc)
            m.resolution = f"no {m.trigger} of {gaz.regions[explicit].name} in the gazetteer; region from the text"
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
    for _round in range(3):  # places resolved in one round help resolve others in the next
        left = []
        for m, explicit in pending:
            if not _resolve_one(doc, m, explicit, gaz, anchors, regions_item, regions_sentence):
                left.append((m, explicit))
        if len(left) == len(pending):
            break
        pending = left
    _drop_strays(mentions, anchors, region_points)
    _place_unknown(doc, unknown, anchors, gaz)
    for m in mentions:
        if m.place is not None:
            m.region = m.place.region


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
        if m.resolution == "weak" and not doc.words[m.end - 1].endswith(TOPONYM_ENDINGS):
            m.resolution = "not in the gazetteer; does not look like a place name"
            continue
        m.place = _synthetic(m, region, gaz, doc)
        m.resolution = f"not in the gazetteer; {gaz.regions[region].name} from the item's other places"


def _resolve_one(doc: Doc, m: Mention, explicit: str, gaz: Gazetteer, anchors: list[Place],
                 regions_item: set[str], regions_sentence: dict[int, set[str]]) -> bool:
    """Score every reading of an ambiguous name; True when one clearly wins."""
    scored = []
    for kind, idx, quality, _cap in m.entries:
        p = gaz.places[idx]
        score = math.log10(p.population + 10)
        why = []
        if p.theatre in FRONT_THEATRES:
            score += 1.0
        if p.prefer:
            score += 2.0
        if not p.geonameid:
            score += 3.0  # an editor's addition means the editor expects it in the news
        if quality == EDITOR:
            score += 0.3
        elif quality == ALTERNATE:
            score -= 0.7
        elif quality == DISTRICT:
            score -= 3.0
        if p.region == explicit or p.region in regions_sentence.get(doc.sent[m.start], ()):
            score += 5.0
            why.append(f"{gaz.regions[p.region].name} named with it")
        elif p.region in regions_item:
            score += 3.5
            why.append(f"{gaz.regions[p.region].name} named in the item")
        near = min((_km(p, a) for a in anchors if a is not p), default=None)
        if near is not None:
            bonus = 4.0 if near < 40 else 3.0 if near < 100 else 1.0 if near < 200 else 0.0
            if bonus:
                score += bonus
                why.append(f"{near:.0f} km from other places of the item")
        scored.append((score, idx, quality, why))
    scored.sort(key=lambda x: -x[0])
    best = scored[0]
    close = [x for x in scored[1:] if best[0] - x[0] < RESOLVE_MARGIN]
    best_place = gaz.places[best[1]]
    if close and any(gaz.places[x[1]].region != best_place.region for x in close):
        m.resolution = f"ambiguous: {len(scored)} places of that name"
        return False
    m.place = best_place
    reason = "; ".join(best[3]) or "best known of the places of that name"
    if close:
        reason += " (several in that region)"
    if best[2] == DISTRICT:
        reason = f"a district of {m.place.name}; {reason}"
    m.resolution = reason
    if m.role in ANCHOR_ROLES:
        anchors.append(m.place)
    return True


def _drop_strays(mentions: list[Mention], anchors: list[Place], region_points: list) -> None:
    """A small place far from everything else the item names is probably a namesake GeoNames
    lacks (a Belgorod village matching one in Siberia): leave it unresolved."""
    points = [(a.lat, a.lon) for a in anchors if a.population >= 5000 or a.kind == "feature"]
    points += [(r.lat, r.lon) for r in region_points]
    if not points:
        return
    for m in mentions:
        p = m.place
        if p is None or p.population >= 5000 or p.kind == "feature" or not p.geonameid:
            continue
        if min(_km_point(p.lat, p.lon, lat, lon) for lat, lon in points) > 400:
            m.resolution = f"{p.name} of {p.region_name} is far from the item's other places: unresolved"
            m.place = None


def _km_point(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))
