"""Which clause of a sentence a time cue speaks for, for place roles.

aboutness.py marks whole sentences as background (a date long before the item, a history
phrase); a sentence often reports today's news in one clause and recalls the past in another
("Russian forces entered Podol, which Ukraine had seized in August 2024"). These helpers let
place_roles.py hide only the places of the clause that names the earlier time, and find the
lead that opens by recalling one ("A year ago ...").
"""

from __future__ import annotations

from sitrep.tagging.document import Doc
from sitrep.tagging.place_context import ContextRules
from sitrep.tagging.places import Mention

# after a comma, these open a new clause ("..., which Ukraine had seized in 2024")
_CLAUSE_WORDS = frozenset({"and", "but", "while", "which", "where", "when", "who", "whose", "whereas",
                           "although", "though", "after", "before", "as"})


def _clause_break(doc: Doc, start: int, stop: int) -> bool:
    """Whether a new clause opens at a token of [start, stop]: after a semicolon, a dash or a
    bracket, or after a comma before "and", "which", "when"... ("Russian forces entered Podol,
    which Ukraine had seized in August 2024")."""
    words = doc.words
    for k in range(max(start, 1), min(stop, len(words) - 1) + 1):
        gap = doc.gap(k)
        if ";" in gap or "(" in gap or "\u2014" in gap or " \u2013 " in gap or " - " in gap or (
                "," in gap and words[k] in _CLAUSE_WORDS):
            return True
    return False


def before_cue_clauses(doc: Doc, m: Mention, cues: tuple[tuple[int, str], ...], rules: ContextRules) -> bool:
    """A background sentence hides the clause that names the earlier time, not the news before
    it: "Russian forces retook Melovoi and Podol, and Gerasimov claimed the return of 86 percent of
    the land Ukraine had seized in August 2024". A date after "since" is a span reaching today: an
    aside set off by a comma hides nothing before it ("the plant, occupied since March 2022, lost
    power"), but the clause it stands in is about that span ("attacked repeatedly since 2022"). A
    sentence marked for no cue of its own (carried from the one before) stays background. Nor does
    an aside that describes the place hide it when the clause after it reports fighting going on now
    (``_in_aside_after``)."""
    if not cues:
        return False
    return all(_in_clause_before(doc, token, m) or token >= m.end and (_clause_break(doc, m.end, token) or (
        kind == "since" and any("," in doc.gap(k) for k in range(m.end, token + 1))) or _in_aside_after(
        doc, m, token, rules)) for token, kind in cues)


def _in_aside_after(doc: Doc, m: Mention, token: int, rules: ContextRules) -> bool:
    """Whether the cue stands in one aside set off by commas right after the mention, and the clause after
    it reports something going on now. Two shapes only: the place as the subject, described by a participle
    or an appositive, then a present verb ("Urozhaine, the last village Ukraine took back in August, is
    still shelled almost daily"); and the scene that opens the sentence, described by a participle ("In
    Rivnopil, retaken at the end of June, deminers have been clearing the main street"). Not "Izium,
    retaken in September 2022, is still remembered for ...", "Bucha, occupied in 2022, has become a
    byword", "In Bakhmut, a year earlier, ...", "In Izium, exhumed bodies found in 2022 showed ..., and
    prosecutors say ..." (context.toml [events] aside_openers, aside_present, aside_events)."""
    words = doc.words
    if "," not in doc.gap(m.end) or any("," in doc.gap(k) for k in range(m.end + 1, token + 1)):
        return False
    lo, hi = doc.sentence_span(m.start)
    close = next((k for k in range(token + 1, hi) if "," in doc.gap(k)), None)
    if close is None or words[close] in _CLAUSE_WORDS:
        return False
    opener = words[m.end]
    participle = opener in rules.aside_openers or opener.endswith("ed")
    end = next((k for k in range(close + 1, hi) if _clause_break(doc, k, k)), hi)
    tail = words[close:end]
    if m.start == lo or "," in doc.gap(m.start) and m.start > lo:  # the place is the subject
        if not (participle or opener in _APPOSITIVE) or tail[0] not in rules.aside_present:
            return False
    elif not (m.start == lo + 1 and words[lo] in ("in", "at") and participle):  # the scene
        return False
    # the clause in the present, reporting an event of the fighting
    return not rules.aside_present.isdisjoint(tail) and not rules.aside_events.isdisjoint(tail)


# an appositive that describes a place: "Urozhaine, the last village on the river ..."
_APPOSITIVE = frozenset({"the", "a", "an", "one"})


def _in_clause_before(doc: Doc, token: int, m: Mention) -> bool:
    """Whether the cue stands in a subordinate clause that closes before the mention: "Russian forces
    entered Lebedevka, which Ukraine had seized in August 2024, and are fighting outside Sudzha". A
    cue that opens the sentence ("In August 2024, Ukraine seized Sudzha, and ...") dates all of it."""
    if token >= m.start:
        return False
    lo, _ = doc.sentence_span(token)
    return _clause_break(doc, lo + 1, token) and _clause_break(doc, token + 1, m.start)


_NOW = frozenset({"now", "today", "but", "yet", "nowadays"})


def _turns_to_now(doc: Doc, k: int) -> bool:
    """Whether the lead turns from the recalled time to the present at token ``k``: "A year ago
    Pokrovsk had trains; now ..." (a semicolon, or "now", "today", "but")."""
    return ";" in doc.gap(k) or doc.words[k] in _NOW


def recalling_lead(doc: Doc, rules: ContextRules) -> tuple[int, int, str]:
    """(start, end, phrase): the tokens of a lead that opens by recalling an earlier time ("A year ago
    Pokrovsk still had trains to Lviv", "Three years ago tanks reached Kharkiv, and shells fell on
    Derhachi"), up to where it turns to the present: an anniversary framing, whose places are
    history. The headline and the rest of the item say what is news."""
    lead = doc.lead_sent
    first = next((i for i in range(doc.n_head, len(doc.words)) if doc.sent[i] == lead), None)
    if first is None or not rules.lead_history:
        return (0, 0, "")
    words = doc.words
    for i in range(first, min(first + 3, len(words))):
        for phrase in rules.lead_history.get(words[i], ()):
            end = i + len(phrase)
            if tuple(words[i:end]) == phrase and all(doc.sent[k] == lead for k in range(i, end)):
                stop = end
                while stop < len(words) and doc.sent[stop] == lead and not _turns_to_now(doc, stop):
                    stop += 1
                return (end, stop, " ".join(phrase))
    return (0, 0, "")
