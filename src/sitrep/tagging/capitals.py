"""Capitals and countries: a place only where something physically happens there.

"Kyiv said", "Moscow's forces", "talks between Kyiv and Moscow" name governments; "a drone
hit in Moscow", "a protest in Kyiv", "a visit to Kyiv" name places. Capitals are the places
flagged ``metonymy = true`` in data/gazetteer/places.toml; the word lists are context.toml's
[metonymy] and [capitals] sections (place_context.py).
"""

from __future__ import annotations

from sitrep.tagging.document import Doc
from sitrep.tagging.gazetteer import COUNTRY, PLACE, Gazetteer
from sitrep.tagging.place_context import ContextRules, clean_gap
from sitrep.tagging.place_phrases import HYPHENS
from sitrep.tagging.places import AREA, COUNTRY_MENTION, METONYMY, Mention

_AUXILIARIES = frozenset({"came", "comes", "was", "were", "is", "has", "had", "have", "been", "does", "did",
                          "would", "will", "could", "should", "must", "may", "might", "can"})
_PASSIVE_EVENTS = frozenset({"under", "hit", "attacked", "struck", "targeted", "shelled", "rocked", "shaken",
                             "plunged", "been", "bombed", "pounded", "left"})


_PERFECT = frozenset({"has", "had", "have"})  # "Kyiv has struck refineries": active, so the government acts
# a visit in a clause that one of these opens dates another event or may not happen, and is no news of its own:
# "a strike on Kostiantynivka as Blinken visits Kyiv", "after US envoys visit Moscow", "Fico, who visited
# Moscow in December", "won't sign unless Putin visits Minsk"
_TIME_CLAUSE = frozenset({"as", "after", "before", "while", "when", "who", "which", "until", "since", "once",
                          "unless", "if"})
_RECIPIENT = frozenset({"to", "on"})  # "aid to Kyiv", "pressure on Moscow" (context.toml before_to_with)
_RECIPIENT_SPAN = 5  # words before the preposition searched for such a word


def is_capital(m: Mention, gaz: Gazetteer) -> bool:
    """Whether the name's strongest readings include a capital: "Shevchenko" is a village
    name first and a Kyiv district's only by a weak alias, so it does not name a government."""
    if m.kind != PLACE or not m.entries:
        return False
    if len(m.entries) == 1:  # most names: one reading
        return gaz.places[m.entries[0][1]].metonymy
    best = min(e[2] for e in m.entries)
    return any(gaz.places[e[1]].metonymy for e in m.entries if e[2] == best)


def _verb_after_list(doc: Doc, run: list[Mention], rules: ContextRules, gaz: Gazetteer) -> str:
    """The government verb after a list of capitals or countries, past one adverb ("Kyiv and
    Moscow regularly accuse"), or ""."""
    if len(run) < 2 or not all(o.kind == COUNTRY or is_capital(o, gaz) for o in run):
        return ""
    words, k, n = doc.words, run[-1].end, len(doc.words)
    if k < n and doc.sent[k] == doc.sent[run[-1].start] and words[k].endswith("ly") and clean_gap(doc.gap(k)):
        k += 1
    if k >= n or doc.sent[k] != doc.sent[run[-1].start] or not clean_gap(doc.gap(k)):
        return ""
    verb, after = words[k], (words[k + 1] if k + 1 < n else "")
    return verb if _government_verb(verb, after, rules) else ""


def _government_verb(verb: str, after: str, rules: ContextRules) -> bool:
    """Whether ``verb`` (followed by ``after``) makes the capital before it a government: "Kyiv
    said", "Kyiv has struck Russian refineries", not "Kyiv was hit", "Kyiv has been hit" nor "Kyiv
    hit by missiles"."""
    if verb in rules.object_verbs:  # "trade accusations", not "traded drone attacks"
        return after in rules.verb_objects
    if verb in _PERFECT and after in _PASSIVE_EVENTS and after in rules.verbs:
        return True
    return verb in rules.verbs and after != "by" and not (verb in _AUXILIARIES and after in rules.not_after_verb)


PART_OF = frozenset({"in", "on", "across", "over", "throughout"})  # "in the south of Moscow": a part of it


def _portion(doc: Doc, k: int, rules: ContextRules) -> bool:
    """Whether token ``k`` says how much of a city: "most", "parts", "70%", "70 percent", or which
    part of it: "fell in the south of Moscow" (not "villages to the north of Kyiv")."""
    word = doc.words[k]
    if word in rules.cap_portions or word in ("percent", "cent"):
        return True
    if word in rules.city_parts and k >= 2 and doc.words[k - 1] == "the" and doc.words[k - 2] in PART_OF:
        return True
    return word.isdigit() and k + 1 < len(doc.words) and doc.gap(k + 1).strip().startswith("%")


def _in_and_near(doc: Doc, s: int, rules: ContextRules) -> bool:
    """Whether "in and around" (or "in and near") stands before token ``s``: the city and its
    surroundings, not only the area around it."""
    words = doc.words
    return s >= 3 and words[s - 2] in ("and", "or") and words[s - 3] in rules.cap_preps \
        and doc.sent[s - 3] == doc.sent[s] and clean_gap(doc.gap(s - 1)) and clean_gap(doc.gap(s - 2))


_SITE_NAME = 3  # words of a site's name: "Kyiv's Lukianivska metro station"


def _named_site(doc: Doc, e: int, rules: ContextRules) -> bool:
    """Whether a possessive capital ends at ``e`` before a site of it: one of the event words, after
    at most a few capitalised words of its name ("Kyiv's metro", "Kyiv's Lukianivska metro station",
    "Kyiv's Okhmatdyt hospital"); not "Kyiv's Western allies" nor "near Kyiv's northern outskirts"."""
    if not doc.possessive(e - 1):
        return False
    k, n = e, len(doc.words)
    while k < n and k < e + _SITE_NAME and doc.caps[k] and doc.sent[k] == doc.sent[e - 1] and clean_gap(doc.gap(k)):
        k += 1
    return k < n and doc.sent[k] == doc.sent[e - 1] and doc.stems[k] in rules.cap_events


def _government_noun(doc: Doc, e: int, rules: ContextRules) -> bool:
    """Whether one of [metonymy] nouns follows token ``e``, past one modifier ("Kyiv's western allies"),
    hyphenated or not ("Kyiv's long-expected push", "Moscow's full-scale invasion")."""
    words, n = doc.words, len(doc.words)
    k = e
    for _ in range(2):
        if k >= n:
            return False
        if words[k] in rules.nouns:  # not "Kyiv's closely-guarded government quarter", a part of the city
            return not (k + 1 < n and words[k + 1] in rules.city_areas)
        k += 1
        while k < n and doc.gap(k) in HYPHENS:
            k += 1
    return False


def capital_role(doc: Doc, m: Mention, rules: ContextRules, prev: str, nxt: str,
                  run: list[Mention], gaz: Gazetteer) -> tuple[str, str] | None:
    """Capitals and countries: a place only where something physically happens there."""
    words = doc.words
    s, e = m.start, m.end
    n = len(words)
    if e + 1 < n and nxt in rules.utility_verbs and words[e + 1] in rules.utilities and clean_gap(doc.gap(e + 1)):
        return None  # "Kyiv loses power after a missile barrage": the city itself
    if _government_verb(nxt, words[e + 1] if e + 1 < n else "", rules):
        return METONYMY, f"'{m.trigger} {nxt}' names a government"
    verb = _verb_after_list(doc, run, rules, gaz)
    if verb:  # "Kyiv and Moscow regularly accuse each other"
        return METONYMY, f"'... {verb}' after a list of capitals names governments"
    if doc.possessive(e - 1) and _government_noun(doc, e, rules):
        name = m.trigger[:-2] if m.trigger.endswith(("'s", "\u2019s")) else m.trigger  # the trigger has the 's
        return METONYMY, f"'{name}'s ...' names a government"
    if prev in rules.parties:
        return METONYMY, f"'{prev} {m.trigger}' names a party"
    if prev in rules.permitters and nxt in rules.permitted and m.kind != COUNTRY and clean_gap(doc.gap(s)):
        return METONYMY, f"'{prev} {m.trigger}': a government allowed or helped to act"
    if m.kind != COUNTRY and prev in _RECIPIENT and s >= 2 and doc.sent[max(0, s - _RECIPIENT_SPAN)] == doc.sent[s] \
            and any(w in rules.before_to_with for w in words[max(0, s - _RECIPIENT_SPAN):s - 1]):
        return METONYMY, f"'... {prev} {m.trigger}': what is given to or asked of a government"
    if m.kind != COUNTRY and prev == "in" and s >= 2 and words[s - 2] in rules.cap_officials \
            and doc.sent[s - 2] == doc.sent[s] and clean_gap(doc.gap(s - 1)) \
            and not (s >= 3 and words[s - 3] in rules.cap_visitors):  # not "European leaders in Kyiv"
        return METONYMY, f"'{words[s - 2]} in {m.trigger}' names the government"
    if m.kind == COUNTRY:
        if prev in ("in", "into", "inside", "across", "to", "over", "from"):
            return None
        return COUNTRY_MENTION, "a country named in passing"
    lo, hi = doc.sentence_span(s)
    eventful = any(st in rules.cap_events for st in doc.stems[lo:hi])
    if prev in rules.cap_near and not _named_site(doc, e, rules):  # not "near Kyiv's Lukianivska station"
        if not _in_and_near(doc, s, rules):
            return AREA, f"'{prev} {m.trigger}': the area around the capital"
        prev = words[s - 3]  # "strikes in and around Kyiv": in the city too, as "in Kyiv"
    if nxt and doc.stems[e] in rules.cap_events and not doc.possessive(e - 1):
        return None  # "Moscow airports", "Kyiv residents"
    if doc.possessive(e - 1) and any(o.start == e and o.kind == PLACE for o in run + [m]) or _named_site(doc, e, rules):
        return None  # "Moscow's Sheremetyevo", "Kyiv's metro", "Kyiv's Lukianivska metro station"
    at = s - 1  # the word that says what happened to the capital: "hit Kiev", "hit south-western Kiev"
    while prev in rules.city_parts and at >= 1 and at > s - 3 and doc.gap(at).strip(" -") == "":
        at -= 1
        prev = words[at]
    if prev == "of" and at >= 1 and doc.sent[at - 1] == doc.sent[s] and clean_gap(doc.gap(s)) \
            and not doc.possessive(e - 1) and _portion(doc, at - 1, rules):  # not "part of Moscow's shadow fleet"
        return None  # "most of Kyiv", "most of central Kyiv", "70% of Kyiv": the city itself
    verb_at = s - 3 if s >= 3 and words[s - 2] in rules.cap_visit_fillers else s - 2  # "travelled together to Kyiv"
    visited = prev in rules.cap_visited and doc.sent[s] in (0, doc.lead_sent) and _TIME_CLAUSE.isdisjoint(
        words[max(doc.sentence_span(s)[0], s - 9):s - 1])
    if visited:  # "US envoy visits Minsk" (headline, lead): the verb takes the city; not "as Blinken visits Kyiv"
        verb_at = s - 1
    visit = (prev == "to" and verb_at >= 0 and words[verb_at] in rules.cap_visit or visited) \
        and clean_gap(doc.gap(s)) and not any(k >= 0 and doc.sent[k] == doc.sent[s] and words[k] in rules.cap_no_visit
                                              for k in (verb_at - 1, verb_at - 2))
    if visit and doc.sent[s] in (0, doc.lead_sent):
        return None  # "leaders travel to Kyiv": in the headline or lead, the visit is the news; not "will not travel"
    physical = visit or clean_gap(doc.gap(s)) and prev in rules.cap_preps
    # "a drone swarm targets Kyiv", not "Lavrov attacks Kyiv over its refusal": another event word
    if prev in rules.cap_event_verbs and clean_gap(doc.gap(s)) and any(
            st in rules.cap_events for k, st in enumerate(doc.stems[lo:hi], lo) if k != at):
        return None
    if nxt in _AUXILIARIES and e + 1 < n and words[e + 1] in _PASSIVE_EVENTS:
        physical = True  # "Kyiv came under attack", "Moscow was hit", "Kyiv has been struck"
    if nxt == "without" and clean_gap(doc.gap(e)) and not rules.utilities.isdisjoint(words[e + 1:e + 3]):
        physical = True  # "Kyiv without power and water after strikes": the city's state, not "without the weapon"
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
