"""Spelling aliases for search: the other spellings of a place mean the place.

A reader types "Kiev", "Kharkov", "Izyum" or "Artemivsk"; the archive says
Kyiv, Kharkiv, Izium and Bakhmut. The gazetteer already knows these spellings
(editors' aliases in places.toml, GeoNames alternates, regions' names), so the
alias table is derived from it, never typed twice: it maps one folded word to
the folded word of the place's name. ``sitrep.text.analyze`` applies it before
stemming, at index time and at query time alike, so "kiev" and "kyiv" become
the same index term in the Whoosh index and in the browser index.

Only one-word spellings of one-word names are aliased (a multi-word alias would
shift token positions), and a spelling is dropped when it could mean two
different names, is a stop word, a word of the taxonomy's vocabulary, or the
name of another known place: aliasing must never hide a word.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sitrep.files.cachefile import read_sealed, warn_discarded, write_sealed
from sitrep.text import STOPWORDS, fold, tokenize

ALIAS_VERSION = "1"
MIN_ALIAS_LENGTH = 4
# GeoNames alternates of small places are too often someone else's name;
# editor spellings (places.toml, regions.toml) are always trusted.
MIN_ALTERNATE_POPULATION = 10_000


@dataclass(frozen=True, slots=True)
class _Candidate:
    canonical: str  # folded one-word name the spelling stands for
    editor: bool
    rank: tuple  # lower is better: preferred, then populous places win


def _one_word(name: str) -> str | None:
    toks = [t.text for t in tokenize(name)]
    return toks[0] if len(toks) == 1 else None


def _place_candidates(gazetteer) -> dict[str, list[_Candidate]]:
    """Spelling -> the one-word place names it is a spelling of."""
    from sitrep.tagging.gazetteer import ALTERNATE, DISTRICT, EDITOR, PLACE, PRIMARY

    out: dict[str, list[_Candidate]] = {}
    for key, entries in gazetteer.index.items():
        if len(key) != 1:
            continue
        for kind, target, quality, _cap in entries:
            if kind != PLACE or quality == DISTRICT:
                continue
            place = gazetteer.places[target]
            canonical = _one_word(place.name)
            if canonical is None:
                continue
            if quality == ALTERNATE and place.population < MIN_ALTERNATE_POPULATION:
                continue
            if quality not in (EDITOR, PRIMARY, ALTERNATE):
                continue
            rank = (not place.prefer, quality != EDITOR, -place.population)
            out.setdefault(key[0], []).append(_Candidate(canonical, quality == EDITOR, rank))
    return out


def _region_candidates(gazetteer) -> dict[str, list[_Candidate]]:
    """'Kharkov Oblast' is a name of Kharkiv Oblast: 'kharkov' -> 'kharkiv'."""
    from sitrep.tagging.gazetteer import REGION

    suffixes = {"oblast", "region", "province", "krai", "voblast", "republic"}
    out: dict[str, list[_Candidate]] = {}
    for key, entries in gazetteer.index.items():
        if len(key) != 2 or key[1] not in suffixes:
            continue
        for kind, target, _quality, _cap in entries:
            if kind != REGION:
                continue
            name = [t.text for t in tokenize(gazetteer.regions[target].name)]
            if len(name) == 2 and name[1] in suffixes:
                out.setdefault(key[0], []).append(_Candidate(name[0], True, (False, False, 0)))
    return out


_VARIANT_RULES = ((re.compile(r"(.)\1+"), r"\1"), (re.compile(r"z"), "s"), (re.compile(r"ou"), "o"))


def _variant_key(word: str) -> str:
    """Donbass/Donbas, mobilization/mobilisation, armoured/armored: one key."""
    for pattern, repl in _VARIANT_RULES:
        word = pattern.sub(repl, word)
    return word


def _taxonomy_candidates(taxonomy) -> dict[str, list[_Candidate]]:
    """Spelling variants an editor listed side by side in one theatre or topic."""
    out: dict[str, list[_Candidate]] = {}
    groups = [list(t.cues) for t in taxonomy.theatres.values()]
    groups += [list(t.phrases) for t in taxonomy.topics.values()]
    for phrases in groups:
        first_of: dict[str, str] = {}
        for phrase in phrases:
            word = _one_word(phrase)
            if word is None:
                continue
            key = _variant_key(word)
            canonical = first_of.setdefault(key, word)
            if canonical != word:
                out.setdefault(word, []).append(_Candidate(canonical, True, (False, False, 0)))
    return out


def _taxonomy_words(taxonomy) -> set[str]:
    words: set[str] = set()
    for t in taxonomy.theatres.values():
        for phrase in t.cues:
            words.update(tok.text for tok in tokenize(phrase))
    for t in taxonomy.topics.values():
        for phrase in [*t.phrases, *t.negative]:
            words.update(tok.text for tok in tokenize(phrase))
    return words


def build_aliases(gazetteer, taxonomy=None) -> dict[str, str]:
    """The alias table: folded spelling -> folded word it stands for."""
    candidates: dict[str, list[_Candidate]] = {}
    sources = [_place_candidates(gazetteer), _region_candidates(gazetteer)]
    if taxonomy is not None:
        sources.append(_taxonomy_candidates(taxonomy))
    for source in sources:
        for spelling, cands in source.items():
            candidates.setdefault(spelling, []).extend(cands)
    names = {c.canonical for cands in candidates.values() for c in cands}
    vocabulary = _taxonomy_words(taxonomy) if taxonomy is not None else set()
    table: dict[str, str] = {}
    for spelling, cands in sorted(candidates.items()):
        if spelling in STOPWORDS or len(spelling) < MIN_ALIAS_LENGTH or spelling[:1].isdigit():
            continue
        canonicals = {c.canonical for c in cands}
        if spelling in canonicals or spelling in names:
            continue  # already a name in its own right
        if spelling in vocabulary and not any(c.editor for c in cands):
            continue
        editors = {c.canonical for c in cands if c.editor}
        if len(canonicals) > 1:
            if len(editors) != 1:
                continue  # ambiguous: two different names, no editor decided
            canonicals = editors
        table[spelling] = canonicals.pop()
    return _resolve_chains(table)


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


CACHE_KIND = "aliases"
CACHE_FORMAT = 1


def _valid_table(payload: bytes) -> dict[str, str] | None:
    """The table in a cache payload, or None when it is not a table of words."""
    try:
        table = json.loads(payload.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                              for k, v in table.items()):
        return None
    return table


def load_aliases(data_dir: Path, cache_dir: Path | None = None) -> dict[str, str]:
    """The alias table for ``data_dir``, cached as JSON beside the gazetteer.

    Deriving it needs the compiled gazetteer (itself cached); the cache is
    keyed on the gazetteer's own cache key so both change together. A damaged
    cache file (even a well-formed one such as ``[]``, which would silently
    turn every alias off) is rebuilt with one warning naming it."""
    from sitrep.tagging.gazetteer import cache_key, default_cache_dir, load_gazetteer
    from sitrep.tagging.taxonomy import load_taxonomy

    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    key = hashlib.sha256((cache_key(Path(data_dir)) + ALIAS_VERSION).encode()).hexdigest()[:16]
    cached = cache_dir / f"aliases-{key}.json"
    payload = read_sealed(cached, CACHE_KIND, CACHE_FORMAT)
    if payload is not None:
        table = _valid_table(payload)
        if table is not None:
            return table
        warn_discarded(cached, "it does not hold an alias table")
    taxonomy = load_taxonomy(Path(data_dir))
    gazetteer = load_gazetteer(Path(data_dir), cache_dir, set(taxonomy.theatres))
    table = build_aliases(gazetteer, taxonomy)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("aliases-*.json"):
            if old != cached:
                old.unlink(missing_ok=True)
        write_sealed(cached, CACHE_KIND, CACHE_FORMAT,
                     json.dumps(table, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    except OSError:
        pass
    return table


__all__ = ["build_aliases", "load_aliases", "aliases_digest", "fold"]
