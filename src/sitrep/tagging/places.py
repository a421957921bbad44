"""Place and region mentions: find them, decide what each one is doing, resolve names.

A name in the text is only a candidate. The context decides its role:
  about     the item is about this place (it becomes a place label and counts for the theatre)
  sector    "the Pokrovsk direction": counts for the theatre, no place label
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
from .document import Doc

FRONT_THEATRES = frozenset({"donbas", "kharkiv", "south", "northern-border"})
RESOLVE_MARGIN = 1.0  # the best reading must beat the next by this much
KIND_PRIORITY = {REGION: 0, COUNTRY: 1, PLACE: 2}

ABOUT, SECTOR, LOCATOR, HISTORY, METONYMY, NAME = "about", "sector", "locator", "history", "metonymy", "name"


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
        names, met = context["names"], context["metonymy"]
        self.name_after = frozenset(names["after"])
        self.name_before = frozenset(names["before"])
        self.allowed_before = frozenset(names["allowed_before"])
        self.allowed_after = frozenset(names["allowed_after"])
        self.verbs = frozenset(met["verbs"])
        self.not_after_verb = frozenset(met["not_after_verb"])
        self.nouns = frozenset(met["nouns"])
        self.before_to_with = frozenset(met["before_to_with"])
        self.parties = frozenset(met["parties"])
        self.units = frozenset(context["locators"]["units"])
        self.locator_phrases = [tuple(p.split()) for p in context["locators"]["phrases"]]
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


def assign_roles(doc: Doc, mentions: list[Mention], rules: ContextRules, gaz: Gazetteer) -> None:
    """Set each mention's role from the words around it."""
    history = _history_sentences(doc, rules)
    spans = {m.start: m for m in mentions}
    for m in mentions:
        role, why = _role(doc, m, rules, gaz, spans)
        if role == ABOUT and doc.sent[m.start] in history:
            role, why = HISTORY, "in a sentence about the past"
        m.role, m.why = role, why


def _is_capital(m: Mention, gaz: Gazetteer) -> bool:
    if m.kind == COUNTRY:
        return True
    return m.kind == PLACE and any(gaz.places[e[1]].metonymy for e in m.entries)


def _role(doc: Doc, m: Mention, rules: ContextRules, gaz: Gazetteer, spans: dict) -> tuple[str, str]:
    words, caps, sent = doc.words, doc.caps, doc.sent
    s, e = m.start, m.end
    n = len(words)
    prev = words[s - 1] if s > 0 and sent[s - 1] == sent[s] else ""
    nxt = words[e] if e < n and sent[e] == sent[s] else ""
    in_title = s < doc.n_head and doc.title_case

    # part of a name
    if prev in rules.name_before:
        return NAME, f"after '{prev}'"
    if nxt in rules.name_after and _clean_gap(doc.gap(e)):
        return NAME, f"before '{nxt}'"
    if m.kind != REGION and not in_title:
        if (nxt and caps[e] and _clean_gap(doc.gap(e)) and nxt not in rules.allowed_after
                and e not in spans and not doc.possessive(e - 1)):
            return NAME, f"followed by the capitalised '{doc.text[doc.starts[e]:doc.ends[e]]}'"
        if (prev and caps[s - 1] and not doc.sent_start[s - 1] and _clean_gap(doc.gap(s))
                and prev not in rules.allowed_before and not doc.possessive(s - 1)
                and not _ends_mention(s, spans)):
            return NAME, f"preceded by the capitalised '{doc.text[doc.starts[s - 1]:doc.ends[s - 1]]}'"

    # a government, not a place
    if _is_capital(m, gaz):
        if nxt in rules.verbs and not (e + 1 < n and words[e + 1] in rules.not_after_verb):
            return METONYMY, f"'{m.trigger} {nxt}' names a government"
        if doc.possessive(e - 1) and (nxt in rules.nouns or (e + 1 < n and words[e + 1] in rules.nouns)):
            return METONYMY, f"'{m.trigger}'s ...' names a government"
        if prev in rules.parties:
            return METONYMY, f"'{prev} {m.trigger}' names a party"
        if prev in ("to", "with", "from", "on", "for") and any(w in rules.before_to_with for w in words[max(0, s - 6):s - 1]):
            return METONYMY, f"'... {prev} {m.trigger}' names a government"
        if nxt in ("and", "or") and e + 1 < n and (e + 1) in spans and _is_capital(spans[e + 1], gaz):
            other = spans[e + 1]
            after = words[other.end] if other.end < n else ""
            if after in rules.verbs:
                return METONYMY, f"'{m.trigger} and {other.trigger} {after}' names governments"
        if prev == "and" and s >= 2 and any(sp.end == s - 1 and _is_capital(sp, gaz) for sp in spans.values()):
            if prev in ("and",) and nxt in rules.verbs:
                return METONYMY, "names governments"
            if s >= 3 and words[s - 3] in rules.parties:
                return METONYMY, "names parties"

    # a sector of the front named after a town
    if m.kind == PLACE and nxt in rules.sector_words:
        return SECTOR, f"'{m.trigger} {nxt}' is a sector of the front"

    # a locator: "100 km from Kharkiv", "the regional center, Kharkiv"
    if prev in ("of", "from") and any(w in rules.units for w in words[max(0, s - 7):s - 1]):
        if all(sent[k] == sent[s] for k in range(max(0, s - 7), s)):
            return LOCATOR, "a distance marker"
    for phrase in rules.locator_phrases:
        lo = s - len(phrase)
        for start in (lo, lo - 1):
            if start >= 0 and tuple(words[start:start + len(phrase)]) == phrase and sent[start] == sent[s]:
                return LOCATOR, f"apposition to '{' '.join(phrase)}'"
    return ABOUT, ""


def _ends_mention(i: int, spans: dict) -> bool:
    return any(m.end == i for m in spans.values())


# ----------------------------------------------------------------------------- resolution


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Pick the place each PLACE mention means, or leave it unresolved."""
    regions_item = {m.region for m in mentions if m.kind == REGION and m.role != NAME}
    regions_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.kind == REGION:
            regions_sentence.setdefault(doc.sent[m.start], set()).add(m.region)
    anchors: list[Place] = []
    pending = []
    for m in mentions:
        if m.kind != PLACE:
            continue
        targets = {e[1] for e in m.entries}
        if len(targets) == 1:
            m.place = gaz.places[m.entries[0][1]]
            if m.entries[0][2] == DISTRICT:
                m.resolution = f"a district of {m.place.name}"
            if m.role in (ABOUT, SECTOR):
                anchors.append(m.place)
        else:
            pending.append(m)
    for m in pending:
        scored = []
        for kind, idx, quality, _cap in m.entries:
            p = gaz.places[idx]
            score = math.log10(p.population + 10)
            why = []
            if p.theatre in FRONT_THEATRES:
                score += 1.0
            if p.prefer:
                score += 2.0
            if quality == EDITOR:
                score += 0.3
            elif quality == ALTERNATE:
                score -= 0.7
            elif quality == DISTRICT:
                score -= 1.5
            if p.region in regions_sentence.get(doc.sent[m.start], ()):
                score += 5.0
                why.append(f"{gaz.regions[p.region].name} named in the same sentence")
            elif p.region in regions_item:
                score += 3.5
                why.append(f"{gaz.regions[p.region].name} named in the item")
            near = min((_km(p, a) for a in anchors if a is not p), default=None)
            if near is not None:
                bonus = 3.0 if near < 40 else 2.0 if near < 100 else 1.0 if near < 250 else 0.0
                if bonus:
                    score += bonus
                    why.append(f"{near:.0f} km from other places of the item")
            scored.append((score, idx, quality, why))
        scored.sort(key=lambda x: -x[0])
        best = scored[0]
        if len(scored) > 1 and best[0] - scored[1][0] < RESOLVE_MARGIN:
            m.resolution = f"ambiguous: {len(scored)} places of that name"
            continue
        m.place = gaz.places[best[1]]
        reason = "; ".join(best[3]) or "best known of the places of that name"
        if best[2] == DISTRICT:
            reason = f"a district of {m.place.name}; {reason}"
        m.resolution = reason
    for m in mentions:
        if m.place is not None:
            m.region = m.place.region
