"""Place and region mentions: the candidates a text holds, and the roles they can play.

A name in the text is only a candidate. The context decides its role:
  about     the item is about this place (it becomes a place label and counts for the theatre)
  sector    "the Pokrovsk direction": counts for the theatre, no place label
  area      "Izmail district", "near Kyiv": counts for the theatre, no place label
  locator   "50 km from Kharkiv": only locates something else
  history   a sentence about the past ("since the siege of Avdiivka in 2023")
  metonymy  a capital standing for its government ("Kyiv said", "aid to Kyiv")
  name      part of another name ("Kyiv Independent", "the submarine Kursk")
  namesake  another place of the name the item tells its place apart from ("not to be confused
            with the Andriivka in Donetsk Oblast"): no label, no vote, no help in resolving
This module finds the candidates and holds the roles; place_context.py reads the word lists
of data/gazetteer/context.toml, place_roles.py decides each mention's role (capitals.py
the roles of capitals and countries), and resolve.py decides which place an ambiguous name
means.
"""

from __future__ import annotations

from itertools import compress

from dataclasses import dataclass

from sitrep.tagging.document import Doc
from sitrep.tagging.gazetteer import COUNTRY, PLACE, REGION, Gazetteer, Place

KIND_PRIORITY = {REGION: 0, COUNTRY: 1, PLACE: 2}

ABOUT, SECTOR, AREA, LOCATOR, HISTORY, METONYMY, NAME, NAMESAKE = (
    "about", "sector", "area", "locator", "history", "metonymy", "name", "namesake")
COUNTRY_MENTION = "country"
# Words that say a name is a settlement: "the village of Tsel", "villages south of Velyka Novosilka"
SETTLEMENT_WORDS = frozenset({"village", "villages", "town", "towns", "settlement", "settlements", "city",
                              "suburb", "hamlet"})


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
    seat: bool = False  # "X regional administration" struck: the city X (its role is decided here)


# ----------------------------------------------------------------------------- finding


BACKGROUND = "in a sentence about the past"
OPENS_A_NAME = "the first word of a longer name"  # "Nove" of "Nove Shakhove" (role NAME)
GOAL = "where it is headed, not where it happened"  # "pushing toward Novoprokopivka" (role AREA)
NEAR_LOCATOR = "locates the place named before it"  # "Dobropillia near Huliaipole" (role LOCATOR)
AN_AREA = "is an area"  # "'Kursk border' is an area", "'Kupiansk district' ..." (role AREA): the town's region's land
CITY = 100_000  # people: a place this large is named for itself, and is no namesake of a village


def _not_a_name(doc: Doc, start: int, trigger: str) -> bool:
    """Words that only look like a place: the second half of a hyphenated name
    ("Lvova-Belova" is a person, not Belovo) and words in capitals (acronyms such as
    BARI, and wire datelines "KYIV, Ukraine —", which say where the reporter was)."""
    begin = doc.starts[start]
    if begin >= 2 and doc.text[begin - 1] == "-" and doc.text[begin - 2].isalpha():
        return True
    second = trigger[1:2]
    if second.isalpha() and not second.isupper():  # "Kyiv": most names, decided without a list
        return False
    letters = [c for c in trigger if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_BREAKS = frozenset(",;:()")


def _broken(doc: Doc, start: int, end: int) -> bool:
    """Whether punctuation that no name holds splits tokens [start, end): "In Odesa, regional
    governor Kiper said" names the city, not the "Odesa regional" administration."""
    text, starts, ends = doc.text, doc.starts, doc.ends
    return any(not _BREAKS.isdisjoint(text[ends[k - 1]:starts[k]]) for k in range(start + 1, end))


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest non-overlapping gazetteer names, regions before countries before places."""
    words, caps, sent = doc.words, doc.caps, doc.sent
    index, lengths, lower, pairs = gaz.index, gaz.lengths, gaz.lower_lengths, gaz.pairs
    n = len(words)
    spans: list[tuple[int, int, int, tuple]] = []  # (start, end, kind, entries)
    # A capitalised word may start any name, a lower-case one only a name that may be written in
    # lower case: only the capitalised words are looked up among all first words (a table too
    # large for the processor's cache), every word among the few of lower-case names, both in C.
    # (A first word of a lower-case name is a first word of a name.)
    capitalised = compress(range(n), caps)
    first_words = set(compress(capitalised, map(lengths.__contains__, compress(words, caps))))
    first_words.update(compress(range(n), map(lower.__contains__, words)))
    for i in sorted(first_words):
        word = words[i]
        name_lengths = (lengths if caps[i] else lower)[word]
        if i + 1 == n or (word, words[i + 1]) not in pairs:  # no longer name starts here ("the army")
            if name_lengths[-1] != 1:
                continue
            name_lengths = (1,)
        for length in name_lengths:
            if i + length > n or sent[i + length - 1] != sent[i]:
                continue
            entries = index.get(tuple(words[i:i + length]))
            if not entries or (length > 1 and _broken(doc, i, i + length)):
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


def list_end(doc: Doc, end: int) -> tuple[int, int]:
    """Where a list of capitalised names going on from token ``end`` ends, and how many names it
    has after ``end``: "the Kyivskyi, Saltivskyi and Nemyshlianskyi districts" goes on past names the
    gazetteer lacks, which break a run of mentions but not the list. A list closes with "and" or "or";
    without one, no list goes on ("Zoriany Hai, Russian drones also struck": ``(end, 0)``)."""
    words, caps, sent = doc.words, doc.caps, doc.sent
    n, k, more, closed = len(words), end, 0, False
    while k < n and sent[k] == sent[end - 1]:
        gap = doc.gap(k).strip()
        joined = words[k] in ("and", "or") and gap in ("", ",")
        j = k + 1 if joined else k if gap == "," else -1
        if j < 0 or j >= n or not caps[j] or sent[j] != sent[k] or (j > k and doc.gap(j).strip()):
            break
        while j + 1 < n and caps[j + 1] and doc.gap(j + 1) == " ":  # a name of several words
            j += 1
        k, more, closed = j + 1, more + 1, joined
    return (k, more) if closed else (end, 0)


def list_tail(doc: Doc, end: int) -> int:
    """The word after a list going on from token ``end`` when it names what the list's names are, a
    plural ("the Kyivskyi, Saltivskyi and Nemyshlianskyi districts", "Kalibr and Iskander missiles");
    otherwise ``end``, the word after the names themselves."""
    k, more = list_end(doc, end)
    if more and k < len(doc.words) and doc.sent[k] == doc.sent[end - 1] and doc.words[k].endswith("s"):
        return k
    return end


def _closed(doc: Doc, run: list[Mention], name: Mention, then: Mention | None) -> bool:
    """Whether a list ended with "and" or "or", so that ``name``, after a comma past it, starts
    something else ("taken on by train to Lviv and Chernivtsi, Donetsk governor Vadym Filashkin
    said"); not when ``then``, the next name, is joined to it by "and" or "or" in turn ("over the
    Bryansk and Kursk, Belgorod and Oryol regions")."""
    joined = (["and"], ["or"])
    if len(run) < 2 or doc.words[run[-2].end:run[-1].start] not in joined:
        return False
    return then is None or doc.words[name.end:then.start] not in joined


def coordinated_runs(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined by commas, "and" or "or" ("Kharkiv, Sumy and Kyiv")."""
    runs: list[list[Mention]] = []
    for k, m in enumerate(mentions):
        if runs and m.kind != COUNTRY and runs[-1][-1].kind != COUNTRY:
            last = runs[-1][-1]
            between = doc.words[last.end:m.start]
            gap = doc.text[doc.ends[last.end - 1]:doc.starts[m.start]]
            then = mentions[k + 1] if k + 1 < len(mentions) else None
            if doc.sent[last.start] == doc.sent[m.start] and (
                    (not between and gap.strip() == "," and not _closed(doc, runs[-1], m, then))
                    or between in (["and"], ["or"])):
                runs[-1].append(m)
                continue
        runs.append([m])
    return runs
