"""How much each sentence of an item says what the item is about.

A newsroom item reports one development in its headline and lead, then adds
detail, reactions and background: earlier strikes elsewhere, the history of
an offensive, total losses since 2022. Tags must come from the development,
so every sentence gets a weight (``data/taxonomy/aboutness.toml``): the
headline and the lead weigh most, later paragraphs less, and background
sentences (dated well before the item, or phrased as history) almost nothing.
Topic phrases, theatre cues and place names then count with the weight of the
sentence they stand in.
"""

from __future__ import annotations

from itertools import compress

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.tagging.document import Doc
from sitrep.tagging.taxonomy import Table, read_toml
from sitrep.text import count_of

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_FIRST_YEAR, _LAST_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class AboutnessRules:
    """The weights and background cues of aboutness.toml."""

    headline: float = 2.0
    lead: float = 1.5
    body: float = 1.0
    late: float = 0.6
    late_after: int = 4
    background: float = 0.3
    lead_min_words: int = 12
    phrases: tuple[tuple[str, ...], ...] = ()
    spans: frozenset[tuple[str, ...]] = frozenset()  # background phrases that may open a span to today...
    span_units: frozenset[str] = frozenset()  # ...when one of these follows: "in the past 24 hours"
    recent_before: frozenset[str] = frozenset()  # a phrase after one of these is recent: "a day earlier"
    lead_ties: frozenset[str] = frozenset()  # "It came a day after ...": a lead sentence opening so is background
    lead_tie_verbs: frozenset[str] = frozenset()  # ... with one of these ("came", "follows") opening the phrase
    days: int = 3
    carry: bool = False
    place_min_weight: float = 0.0  # a place label needs a mention in a sentence of at least this weight...
    place_ratio: float = 0.0  # ...and, outside headline and lead, this share of the main place's mentions
    place_history_days: int = 90  # a background sentence dated this much earlier never gives a place label
    # a long item's last share of words (headline included), where a place named only there is context...
    place_tail: float = 0.0
    place_tail_words: int = 200  # ...in an item whose body has at least this many words
    place_water_up_front: bool = False  # a river or reservoir is a place label only from the headline or lead
    # a place the headline or lead names in another role (a locator, a government, a goal) needs news
    # there in a sentence of at least body weight, not only in a late or background one
    place_up_front_context: bool = False

    def by_first_word(self) -> tuple[dict[str, tuple[int, ...]], frozenset[tuple[str, ...]]]:
        """The background phrases' lengths by first word, and the phrases: a word starting
        none is passed by one look-up, one that does costs a look-up per length."""
        lengths: dict[str, set[int]] = {}
        for p in self.phrases:
            lengths.setdefault(p[0], set()).add(len(p))
        return {w: tuple(sorted(ns)) for w, ns in lengths.items()}, frozenset(self.phrases)


def load_aboutness(path: Path) -> AboutnessRules:
    """Rules from aboutness.toml; a missing file means the defaults and no background phrases."""
    from sitrep.text import tokenize

    if not path.exists():
        return AboutnessRules()
    data = read_toml(path)
    root = Table(path, "", data)
    root.check_keys({"weights", "lead", "background", "places"})
    w = Table(path, "weights", data.get("weights", {}))
    w.check_keys({"headline", "lead", "body", "late", "late_after", "background"})
    lead = Table(path, "lead", data.get("lead", {}))
    lead.check_keys({"min_words"})
    bg = Table(path, "background", data.get("background", {}))
    bg.check_keys({"phrases", "days", "carry", "spans", "span_units", "recent_before",
                   "tie_verbs", "tie_amounts", "tie_units", "tie_links", "lead_ties", "lead_tie_verbs"})
    places = Table(path, "places", data.get("places", {}))
    places.check_keys({"min_weight", "ratio", "history_days", "tail", "tail_words", "water_up_front",
                       "up_front_context"})
    defaults = AboutnessRules()
    weights = {k: w.num(k, getattr(defaults, k)) for k in ("headline", "lead", "body", "late", "background")}
    for key, value in weights.items():
        if value < 0:
            raise w.fail(key, "must not be negative", f"use e.g. {key} = {getattr(defaults, key)}")
    tail = places.num("tail", defaults.place_tail)
    if not 0 <= tail < 1:
        raise places.fail("tail", "must be at least 0 and below 1", "use e.g. tail = 0.25, or 0 to turn it off")
    if places.num("tail_words", defaults.place_tail_words) < 0:
        raise places.fail("tail_words", "must not be negative", "use e.g. tail_words = 200")
    return AboutnessRules(
        **weights,
        late_after=int(w.num("late_after", defaults.late_after)),
        lead_min_words=int(lead.num("min_words", defaults.lead_min_words)),
        phrases=tuple(tuple(t.text for t in tokenize(p)) for p in [*bg.strs("phrases"), *_ties(bg)]),
        spans=frozenset(tuple(t.text for t in tokenize(p)) for p in bg.strs("spans")),
        span_units=frozenset(t.text for w in bg.strs("span_units") for t in tokenize(w)),
        recent_before=frozenset(t.text for w in bg.strs("recent_before") for t in tokenize(w)),
        lead_ties=frozenset(t.text for w in bg.strs("lead_ties") for t in tokenize(w)),
        lead_tie_verbs=frozenset(t.text for w in bg.strs("lead_tie_verbs") for t in tokenize(w)),
        days=int(bg.num("days", defaults.days)),
        carry=bg.bool("carry", defaults.carry),
        place_min_weight=places.num("min_weight", defaults.place_min_weight),
        place_ratio=places.num("ratio", defaults.place_ratio),
        place_history_days=int(places.num("history_days", defaults.place_history_days)),
        place_tail=tail,
        place_tail_words=int(places.num("tail_words", defaults.place_tail_words)),
        place_water_up_front=places.bool("water_up_front", defaults.place_water_up_front),
        place_up_front_context=places.bool("up_front_context", defaults.place_up_front_context),
    )


def _ties(bg: Table) -> list[str]:
    """The tie phrases of [background]: "came nine days after", "comes less than a week before"."""
    return [" ".join(w for w in (verb, amount, unit, link) if w)
            for verb in bg.strs("tie_verbs") for amount in ["", *bg.strs("tie_amounts")]
            for unit in bg.strs("tie_units") for link in bg.strs("tie_links")]


@dataclass(slots=True)
class Weighing:
    """Per-sentence weights of one item, and which sentences are background."""

    weights: list[float]  # by sentence number
    background: frozenset[int]
    lead: frozenset[int]
    history: frozenset[int] = frozenset()  # background by a history phrase or a date long before the item
    # what made each background sentence so: (token, kind) with kind "phrase", "date" or "since"
    # (a date after "since": a span reaching today); place roles hide only the clause of the cue
    cues: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)

    def at(self, token: int, doc: Doc) -> float:
        return self.weights[doc.sent[token]]


def weigh(doc: Doc, rules: AboutnessRules, date: dt.date | None = None,
          phrases: tuple[dict[str, tuple[int, ...]], frozenset[tuple[str, ...]]] | None = None) -> Weighing:
    """Weights of every sentence of ``doc`` (see the module docstring)."""
    n_sent = (doc.sent[-1] + 1) if doc.words else 1
    sent_first = _sentence_starts(doc, n_sent)
    lead = _lead(doc, sent_first, n_sent, rules)
    dates = _dates(doc)
    reference = date or _latest(dates, doc, lead)
    background = set()
    history = set()
    cues: dict[int, list[tuple[int, str]]] = {}
    lengths, known = phrases if phrases is not None else rules.by_first_word()
    words, n_head, sent = doc.words, doc.n_head, doc.sent
    n_words, pairs = len(words), _pairs(known)
    for i in compress(range(n_words), map(lengths.__contains__, words)):  # the filter runs in C
        s = sent[i]
        if i < n_head or s in background or (s in lead and i - sent_first[s] > 1):
            continue  # a lead sentence only when it opens "It came ...", "This comes after ..."
        if (words[i],) not in known and (i + 1 == n_words or (words[i], words[i + 1]) not in pairs):
            continue  # "the", "in", "a" followed by no phrase's second word
        found = next((n for n in lengths[words[i]] if tuple(words[i:i + n]) in known), 0)
        if found and s in lead and not _ties_lead(words, i, found, sent_first[s], rules):
            continue
        if found and not _span_to_today(words, i, found, rules) and not _dates_a_name(doc, i):
            background.add(s)
            if not _recent(words, i, rules):  # "a day earlier" is background, not history
                history.add(s)
            cues.setdefault(s, []).append((i, "phrase"))
    lead = lead - background  # only a lead sentence that ties the news to another event is in both
    if reference is not None:
        for token, when, exact in dates:
            s = doc.sent[token]
            if (token >= doc.n_head and s not in lead and _before(when, exact, reference, rules.days)
                    and not _dates_a_name(doc, token)):
                old = _before(when, exact, reference, rules.place_history_days)
                since = _since(doc, token, qualified=not old)
                if since and not old:
                    continue  # "Since August, drones have hit the Ryazan refinery three times": today's campaign
                background.add(s)
                cues.setdefault(s, []).append((token, "since" if since else "date"))
                if old and not since:
                    history.add(s)
    if rules.carry and doc.paragraphs > 2:  # several body paragraphs: history runs to the paragraph's end
        for s in sorted(background):
            k = s + 1
            while k < n_sent and doc.para_of_sent[k] == doc.para_of_sent[s] and k not in lead:
                background.add(k)
                k += 1
    weights = []
    for s in range(n_sent):
        if s == 0 and doc.n_head:
            weights.append(rules.headline)
        elif s in lead:
            weights.append(rules.lead)
        elif s in background:
            weights.append(rules.background)
        elif doc.para_of_sent[s] >= rules.late_after:
            weights.append(rules.late)
        else:
            weights.append(rules.body)
    return Weighing(weights, frozenset(background), frozenset(lead), frozenset(history),
                    {s: tuple(c) for s, c in cues.items()})


SPAN_REACH = 3  # words after a span phrase where its unit may stand: "in the past two weeks"


# "Samar, a town that was called Novomoskovsk until last year", "Pokrovsk, known as Krasnoarmiisk until
# 2016", "renamed in 2016", "Velykyi Vilkhovyi Island (known until 2024 as Velykyi Potomkin)": a date right
# after a place's former name, or between "known" and it, dates the name, not the news
_NAMING = frozenset({"called", "named", "renamed"})
_BEFORE_A_NAMES_DATE = frozenset({"until", "till", "before", "in"})
NAME_SPAN = 3  # words of a former name
# the words before a passive naming verb: "was called", "formerly named"
PASSIVE_BEFORE = frozenset({"was", "were", "is", "are", "been", "be", "being", "formerly", "previously", "once",
                            "originally"})


def _dates_a_name(doc: Doc, i: int) -> bool:
    """Whether the time at token ``i`` closes a clause naming a place's former name (a fresh batch,
    2026-12-08: the strike on Samar was hidden as a sentence about the past)."""
    words, caps = doc.words, doc.caps
    k = i - 1
    if k < 0 or words[k] not in _BEFORE_A_NAMES_DATE:
        return False
    k -= 1
    name = 0
    while k >= 0 and caps[k] and name < NAME_SPAN:
        k, name = k - 1, name + 1
    if k < 0:
        return False
    if name == 0:  # "known until 2024 as Velykyi Potomkin": the name after the date
        return words[k] == "known" and i + 2 < len(words) and words[i + 1] == "as" and caps[i + 2]
    if doc.gap(k + name + 1).strip():  # "a town Moscow called Ugledar, in October 2024": the date is the news'
        return False
    # a passive naming ("was called Novomoskovsk until"), not an act of naming ("Zelensky named Syrskyi in
    # February", "Russia named Nova Kakhovka in November 2022 its capital": a review of the rule, 2026-12-08)
    return (words[k] in _NAMING and k > 0 and words[k - 1] in PASSIVE_BEFORE
            or words[k] == "as" and k > 0 and words[k - 1] == "known")


def _span_to_today(words: list[str], i: int, n: int, rules: AboutnessRules) -> bool:
    """Whether the background phrase of ``n`` words at ``i`` opens a span reaching the present
    ("in the past 24 hours", "in the past ten days"), which reports the news, not history."""
    return tuple(words[i:i + n]) in rules.spans and not rules.span_units.isdisjoint(words[i + n:i + n + SPAN_REACH])


_PAIRS: dict[frozenset, frozenset] = {}


def _ties_lead(words: list[str], i: int, found: int, first: int, rules: AboutnessRules) -> bool:
    """Whether the background phrase of ``found`` words at ``i`` makes its lead sentence a tie to
    another event: the sentence opens with "It" or "This" and a tie verb ("It came a day after ...",
    "This comes after ...", "It follows a strike on ..."), and the phrase is no comparison ("It came as
    close as 3 km", "It came as a shock"): not "It was liberated", "It earlier said"."""
    phrase = words[i:i + found]
    if i == first + 1 and words[first] in rules.lead_ties:
        verb = phrase[0]
    elif i == first and phrase[0] in rules.lead_ties and found > 1:
        verb = phrase[1]
    else:
        return False
    return verb in rules.lead_tie_verbs and phrase[-1] != "as"


def _recent(words: list[str], i: int, rules: AboutnessRules) -> bool:
    """Whether the background phrase at token i follows a recent time ("a day earlier", "hours
    before", "two days earlier"): a count of days past ``days`` is as old as a date that far back
    ("five days earlier, Russia had set the previous record"), and so are 96 hours."""
    if not (i and words[i - 1] in rules.recent_before):
        return False
    unit = words[i - 1]
    if unit not in ("days", "hours") or i < 2:
        return True
    number = count_of(words[i - 2])
    if number is None:
        return True  # "a few days earlier", "several days before"
    return (number if unit == "days" else number / 24) <= rules.days


def _pairs(known: frozenset[tuple[str, ...]]) -> frozenset[tuple[str, str]]:
    """The first two words of the longer background phrases (kept per phrase set)."""
    pairs = _PAIRS.get(known)
    if pairs is None:
        pairs = _PAIRS[known] = frozenset(p[:2] for p in known if len(p) > 1)
    return pairs


def _sentence_starts(doc: Doc, n_sent: int) -> list[int]:
    firsts = list(compress(range(len(doc.words)), doc.sent_start))  # the filter runs in C
    if len(firsts) == n_sent:  # every sentence opens with a marked token (make_doc's)
        return firsts
    first = [len(doc.words)] * n_sent
    for i in range(len(doc.words) - 1, -1, -1):
        first[doc.sent[i]] = i
    return first


def _lead(doc: Doc, sent_first: list[int], n_sent: int, rules: AboutnessRules) -> frozenset[int]:
    """The body's first sentence, and the next when the first is short."""
    if doc.n_head >= len(doc.words):
        return frozenset()
    first = doc.sent[doc.n_head]
    lead = {first}
    length = (sent_first[first + 1] if first + 1 < n_sent else len(doc.words)) - sent_first[first]
    if length < rules.lead_min_words and first + 1 < n_sent:
        lead.add(first + 1)
    return frozenset(lead)


def _dates(doc: Doc) -> list[tuple[int, tuple, bool]]:
    """(token, date, exact day?) of every "Feb. 4", "4 February", "August 2024" and "2023"."""
    out = []
    words = doc.words
    n = len(words)
    months = MONTHS
    # only month names and years can be dates: skip the rest in one comprehension
    # (in C over a set of both where every digit is an ASCII one)
    if doc.text.isascii():
        candidates = list(compress(range(n), map(_DATE_WORDS.__contains__, words)))
    else:
        candidates = [i for i, w in enumerate(words) if w in months or (len(w) == 4 and w.isdigit())]
    for i in candidates:
        w = words[i]
        month = MONTHS.get(w)
        nxt = words[i + 1] if i + 1 < n else ""
        prev = words[i - 1] if i else ""
        # "may" is a month beside a day or a year, or capitalised after "in", "since"...: "In May, a strike"
        if month and (w != "may" or _day(nxt) or _day(prev) or _year(nxt) or (doc.caps[i] and prev in _MAY_BEFORE)):
            day = _day(nxt) or _day(prev)
            year = _year(words[i + 2]) if day and nxt.isdigit() and i + 2 < n else None
            year = year or (_year(nxt) if not _day(nxt) else None)
            out.append((i, (year, month, day), day is not None))
        elif _year(w) and not (i and MONTHS.get(words[i - 1])) and "," not in doc.text[doc.starts[i]:doc.ends[i]]:
            out.append((i, (_year(w), None, None), False))  # "2,000 km" is a number, not a year
    return out


_MAY_BEFORE = frozenset({"in", "since", "until", "by", "early", "late", "mid", "last", "this", "next"})
# Other four-digit numbers ("5000") are no years, so they are left out: a small set stays in the
# processor's cache, where one of all 10,000 cost a memory read for most words of an item.
_DATE_WORDS = frozenset(MONTHS) | frozenset(str(year) for year in range(_FIRST_YEAR, _LAST_YEAR + 1))


# words between "since" and its date: "since late May", "since the end of 2024", "since mid-March"
_QUALIFIERS = frozenset({"early", "late", "mid"})
_PARTS = frozenset({"end", "start", "beginning", "middle"})


def _before_qualifier(words: list[str], k: int) -> int:
    """The token before a qualifier of the date that ends at ``k`` ("late", "the end of"), else k."""
    if k >= 0 and words[k] in _QUALIFIERS:
        return k - 1
    if k >= 2 and words[k] == "of" and words[k - 1] in _PARTS and words[k - 2] == "the":
        return k - 3
    return k


def _since(doc: Doc, token: int, qualified: bool = True) -> bool:
    """"since 2024", "since Feb. 24, 2022": a span that reaches the present, not a past event;
    but "since August 2022, when explosions at Saky destroyed seven jets" recalls the event that
    began it. With ``qualified``, "since late May" and "since the start of June" also count: kept
    for recent dates, as "trying to reach the river since late 2023" is a campaign's history."""
    words = doc.words
    k = token - 1
    while k >= 0 and (words[k].isdigit() or words[k] in MONTHS) and k >= token - 3:
        k -= 1
    if qualified:
        k = _before_qualifier(words, k)
    if k < 0 or words[k] != "since":
        return False
    end = token + 1
    while end < len(words) and end <= token + 3 and (words[end].isdigit() or words[end] in MONTHS):
        end += 1
    return not (end < len(words) and words[end] == "when" and "," in doc.gap(end))


def _day(word: str) -> int | None:
    return int(word) if word.isdigit() and 1 <= int(word) <= 31 and len(word) <= 2 else None


def _year(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) == 4 and _FIRST_YEAR <= int(word) <= _LAST_YEAR else None


def _latest(dates, doc: Doc, lead: frozenset[int]) -> dt.date | None:
    """Without the item's date: the latest full date its headline and lead name."""
    best = None
    for token, (year, month, day), exact in dates:
        if exact and year and (token < doc.n_head or doc.sent[token] in lead):
            try:
                when = dt.date(year, month, day)
            except ValueError:
                continue
            best = max(best, when) if best else when
    return best


def _before(when: tuple, exact: bool, reference: dt.date, days: int) -> bool:
    """Whether a named date lies clearly before the item's date."""
    year, month, day = when
    if month is None:  # a bare year
        return year < reference.year
    if year is None:  # "Feb. 4": the latest such day not after the reference
        year = reference.year if (month, day or 1) <= (reference.month, reference.day) else reference.year - 1
    if not exact:  # "August 2024": the whole month lies before
        end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        return (reference - end).days > days
    try:
        return (reference - dt.date(year, month, day)).days > days
    except ValueError:
        return False
