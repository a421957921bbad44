"""Spelling aliases for search: the other spellings of a place mean the place.

A reader types "Kiev", "Kharkov", "Izyum", "Krivoy Rog" or "Artemivsk"; the
archive says Kyiv, Kharkiv, Izium, Kryvyi Rih and Bakhmut. The gazetteer
already knows most of these spellings (editors' aliases in places.toml,
GeoNames alternates, regions' names), and GeoNames also holds each place's
Russian Cyrillic name, whose usual Latin transliterations (Харьков -> Kharkov,
Запорожье -> Zaporozhye, Угледар -> Ugledar, Волчанск -> Volchansk) are the
spellings of the Soviet and Russian press. So the tables are derived, never
typed twice. Renamed places (Artemovsk, Dnepropetrovsk, Krasnoarmeysk,
Dzerzhinsk) are not respellings: editors list them in places.toml.

Two tables come out, both of folded words:

``aliases`` (index time)
    spelling -> the word of the place's name. ``sitrep.text.analyze`` applies
    it before stemming, when indexing and when querying alike, so "kiev" and
    "kyiv" are one index term and each finds the other.
``also`` (query time)
    spelling -> words it may also stand for. A spelling that is the name of a
    place of its own (Dzerzhinsk is a Russian city as well as Toretsk's old
    name) or that an editor gave to two places (Dnepropetrovsk: the city of
    Dnipro and Dnipropetrovsk Oblast) cannot be rewritten in the index without
    hiding a word. A query word with such a spelling matches its own term or
    any of these (the best one counts), so "Dzerzhinsk" finds Toretsk, but
    "Toretsk" does not find the Russian city.

Multi-word names pair word by word, at query time only, when both spellings
have as many words (Krivoy Rog -> Kryvyi Rih: krivoy -> kryvyi, rog -> rih),
each pair starting with the same letter and the whole names alike, so
"Crimean Bridge" never makes "crimean" mean "kerch". A spelling is dropped when it is a stop word, a
word of the taxonomy's vocabulary, or when nobody decided between the places it
could mean: aliasing must never hide a word. None of this reaches the tagger,
which matches only the gazetteer's own names.

The candidates come from :mod:`sitrep.search.alias_sources`; this module
decides the tables, and :mod:`sitrep.search.alias_cache` keeps them per data folder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sitrep.search.alias_sources import (
    EDITOR, RUSSIAN, Candidate, place_candidates, place_name_words, region_candidates, taxonomy_candidates,
    taxonomy_words, words_of,
)
from sitrep.text import STOPWORDS

ALIAS_VERSION = "2"
MIN_ALIAS_LENGTH = 4
MIN_PAIRED_WORD_LENGTH = 3  # a word of a multi-word name (rog -> rih)
MAX_ALSO = 3  # words a query-time spelling may stand for


@dataclass(slots=True)
class AliasTables:
    """The index-time table and the query-time one (see the module docstring)."""

    aliases: dict[str, str] = field(default_factory=dict)
    also: dict[str, list[str]] = field(default_factory=dict)


def build_alias_tables(gazetteer, taxonomy=None, russian: dict[int, list[str]] | None = None,
                       search: dict[str, list[str]] | None = None) -> AliasTables:
    """Both tables from the gazetteer (and its places' Russian names), the
    taxonomy's spelling variants and the editor's search spellings (``search``,
    see :func:`sitrep.search.alias_sources.read_search_aliases`)."""
    candidates: dict[str, list[Candidate]] = {}
    sources = [place_candidates(gazetteer, russian), region_candidates(gazetteer)]
    if taxonomy is not None:
        sources.append(taxonomy_candidates(taxonomy))
    for source in sources:
        for spelling, cands in source.items():
            candidates.setdefault(spelling, []).extend(cands)
    names = {c.canonical for cands in candidates.values() for c in cands if not c.paired}
    name_words = place_name_words(gazetteer)
    own_population: dict[str, int] = {}  # one-word name -> its most populous place
    for p in gazetteer.places:
        words = words_of(p.name)
        if len(words) == 1:
            own_population[words[0]] = max(own_population.get(words[0], 0), p.population)
    vocabulary = taxonomy_words(taxonomy) if taxonomy is not None else set()
    table: dict[str, str] = {}
    also: dict[str, list[str]] = {}
    for spelling, cands in sorted(candidates.items()):
        if spelling in STOPWORDS or spelling[:1].isdigit():
            continue
        whole = [c for c in cands if not c.paired] if len(spelling) >= MIN_ALIAS_LENGTH else []
        if not whole:
            # only a word of a multi-word name (krivoy, of Krivoy Rog): at query time
            # only, since Russian names decline (Kalach-na-Done), and never a word
            # that is a name or a word of its own
            if len(spelling) >= MIN_PAIRED_WORD_LENGTH and not {spelling} & (names | name_words | vocabulary):
                also[spelling] = _ordered({c.canonical for c in cands}, cands)[:MAX_ALSO]
            continue
        if spelling in vocabulary and not any(c.editor for c in whole):
            continue
        canonicals = {c.canonical for c in whole}
        if spelling in canonicals or spelling in names:
            # a name of its own: only an editor (Dzerzhinsk -> Toretsk), or the Russian
            # name of a bigger place (Volchansk -> Vovchansk), makes it mean another
            others = [c for c in whole if c.place and c.canonical != spelling and (
                c.editor or (c.kind == RUSSIAN and c.population > own_population.get(spelling, 0)))]
            if others:
                also[spelling] = _ordered({c.canonical for c in others}, others)[:MAX_ALSO]
            continue
        if len(canonicals) > 1:
            editors = {c.canonical for c in whole if c.editor}
            if len(editors) != 1:  # two names and no one editor's choice: any of the trusted ones
                trusted = [c for c in whole if c.kind in (EDITOR, RUSSIAN)]
                if trusted:
                    also[spelling] = _ordered({c.canonical for c in trusted}, trusted)[:MAX_ALSO]
                continue
            canonicals = editors  # the editor decided
        table[spelling] = canonicals.pop()
    for spelling, words in (search or {}).items():  # the editor's come first
        also[spelling] = _unique([*words, *also.get(spelling, [])])[:MAX_ALSO]
    table = _resolve_chains(table)
    also = {s: _unique([table.get(w, w) for w in words if table.get(w, w) != table.get(s, s)])
            for s, words in also.items()}
    return AliasTables(table, {s: ws for s, ws in also.items() if ws})


def build_aliases(gazetteer, taxonomy=None, russian: dict[int, list[str]] | None = None) -> dict[str, str]:
    """The index-time alias table: folded spelling -> folded word it stands for."""
    return build_alias_tables(gazetteer, taxonomy, russian).aliases


def _ordered(words: set[str], cands: list[Candidate]) -> list[str]:
    """``words`` best first: the rank of their best candidate, then alphabetically."""
    best: dict[str, tuple] = {}
    for c in cands:
        if c.canonical in words:
            key = (c.kind != EDITOR, c.rank)
            if c.canonical not in best or key < best[c.canonical]:
                best[c.canonical] = key
    return sorted(words, key=lambda w: (best[w], w))


def _unique(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w not in out:
            out.append(w)
    return out


def _resolve_chains(table: dict[str, str]) -> dict[str, str]:
    """a -> b -> c becomes a -> c, so applying the table once is enough."""
    out = {}
    for spelling, target in table.items():
        seen = {spelling}
        while target in table and target not in seen:
            seen.add(target)
            target = table[target]
        if target != spelling:
            out[spelling] = target
    return out


def aliases_digest(table: dict[str, str]) -> str:
    """A short hash that changes whenever the table does (indexes record it)."""
    blob = json.dumps(table, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(ALIAS_VERSION.encode() + blob).hexdigest()[:16]
