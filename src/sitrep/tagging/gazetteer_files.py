"""The editor's gazetteer files in data/gazetteer/: read and checked.

regions.toml (admin1 code -> region -> theatre), places.toml (places GeoNames lacks,
newsroom spellings, theatre exceptions, zones), stoplist.toml (names that are words or people
far more often than places) and context.toml (the word lists of the place-context rules).
Each loader reports a mistake with the file, the table and a hint (DataError), so an editor
can fix it without reading code; the compiler (gazetteer_build.py) uses what they return.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from sitrep.errors import DataError
from sitrep.tagging.gazetteer import Region
from sitrep.tagging.taxonomy import Table, read_toml, tables
from sitrep.text import fold


def load_regions(path: Path, theatres: set[str] | None) -> tuple[dict[str, Region], dict, dict]:
    """regions.toml -> regions, (country, admin1) -> slug, slug -> phrases."""
    data = read_toml(path)
    regions, by_code, phrases = {}, {}, {}
    for t in tables(path, data):
        t.check_keys({"name", "country", "admin1", "theatre", "names", "aliases", "kind", "within"})
        country = t.str("country", required=False) or ""
        theatre = t.str("theatre", required=True)
        if theatres is not None and theatre not in theatres:
            raise t.fail("theatre", f"unknown theatre '{theatre}'",
                         f"use one of: {', '.join(sorted(theatres))} (data/taxonomy/theatres.toml)")
        region = Region(t.where, t.str("name", required=True), theatre, country, t.str("kind", "oblast"),
                        names=tuple(t.strs("names")), within=t.str("within", ""))
        regions[region.slug] = region
        admin1 = t.str("admin1")
        if admin1:
            if (country, admin1) in by_code:
                raise t.fail("admin1", f"code {country} {admin1} is already used by [{by_code[(country, admin1)]}]",
                             "each GeoNames admin1 code belongs to one region")
            by_code[(country, admin1)] = region.slug
        phrases[region.slug] = _region_phrases(region, t.strs("names"), t.strs("aliases"))
    for t in tables(path, data):
        if t.str("within", "") and t.str("within") not in regions:
            raise t.fail("within", f"unknown region '{t.str('within')}'", "name a region slug of this file")
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


def load_places_file(path: Path, regions: dict[str, Region], theatres: set[str] | None):
    data = read_toml(path)
    for key in data:
        if key not in ("place", "zone"):
            raise DataError(str(path), f"unknown section '{key}'", "use [[place]] or [[zone]] tables")
    edits, additions, zones = [], [], []
    for i, raw in enumerate(data.get("place", [])):
        t = Table(path, f"place #{i + 1}", raw)
        t.check_keys({"geonames", "name", "region", "lat", "lon", "aliases", "context_aliases", "population",
                      "kind", "theatre", "prefer", "metonymy", "naval_theatre", "label", "namesake"})
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
    t.strs("context_aliases")
    t.bool("prefer")
    t.bool("metonymy")
    t.bool("label", True)
    t.bool("namesake")
    t.num("population")


def load_stoplist(path: Path) -> set[str]:
    data = read_toml(path)
    t = Table(path, "stoplist", data)
    t.check_keys({"never", "words"})
    return {fold(n) for n in t.strs("never") + t.strs("words")}


_CONTEXT_SPEC = {
    "names": ("after", "after_capitalised", "after_sea", "kit", "weapons", "areas", "before", "before_of", "titles",
              "vessels", "place_nouns", "allowed_before", "allowed_after", "given_names", "renames", "rename_fillers",
              "rename_verbs", "named_throughout", "named_parts", "centres", "settlement_openers", "officials",
              "official_fillers", "former_officials", "peoples", "hyphen_after", "hyphen_before", "sites_after"),
    "metonymy": ("verbs", "object_verbs", "objects", "not_after_verb", "utilities", "utility_verbs", "nouns",
                 "before_to_with", "parties", "permitters", "permitted"),
    "capitals": ("prepositions", "event_verbs", "near", "city_areas", "city_parts", "officials", "visitors", "portions",
                 "visit", "visit_fillers", "no_visit", "called_off", "events", "visited"),
    "areas": ("words", "town_plurals", "plural_regions", "region_after", "list_openers", "located", "located_before",
              "administrations", "buildings", "attacks", "region_titles", "listed_by", "neighbourhoods",
              "of_regions"),
    "events": ("after", "causes", "since", "battles", "battle_present", "lead_history", "control", "destroyed",
               "undone", "recent", "aside_openers", "aside_present",
               "aside_events"),
    "features": ("plural", "variants", "town_before", "town_parts"),
    "locators": ("units", "directions", "skip", "origins", "launchers", "origin_nouns", "hyphenated", "roads", "phrases",
                 "toward", "goals", "goal_partners", "goal_reached", "goal_back", "goal_back_ends", "left_from",
                 "evacuations", "evacuee_sites", "lies", "lies_where", "airports", "flights", "flight_stops",
                 "hypothetical", "conditional", "based", "near_breaks", "not_clauses", "edges", "sites", "rivers",
                 "region_borders", "border_crossings", "destinations", "describing", "site_movers",
                 "airport_attacks", "own_stops", "river_parts"),
    "sectors": ("words",),
    "elsewhere": ("openers", "forecasts"),
    "demands": ("phrases", "talks"),
    "namesakes": ("openers", "placed_openers", "placed_after", "placed_by", "another"),
    "plants": ("after",),
    "spellings": ("russian_endings", "russian_stems"),
}


_ONE_WORD_LISTS = (
    ("names", "settlement_openers", "list the first word of a name only, e.g. \"stari\" for Stari Terny"),
    *(("metonymy", key, "list single words; the tagger compares them with one word of the text at a time")
      for key in ("utilities", "utility_verbs", "permitters", "permitted")),
    *(("names", key, "list single words; the tagger compares them with one word of the text at a time")
      for key in ("given_names", "rename_fillers", "rename_verbs", "named_throughout", "named_parts", "centres",
                  "vessels", "place_nouns", "weapons", "officials", "official_fillers", "former_officials", "peoples",
                  "hyphen_after", "hyphen_before")),
    ("areas", "of_regions", "list single words; the tagger compares them with the word after a name"),
    *(("events", key, "list single words; the tagger looks for them one word at a time")
      for key in ("aside_openers", "aside_present", "aside_events")),
    ("locators", "border_crossings", "list single words; the tagger compares them with the words before a border"),
    ("namesakes", "another", "list single words; the tagger compares them with the word before a name"),
    ("features", "town_before", "list single words; the tagger compares them with the word before a name"),
    ("features", "town_parts", "list single words; the tagger compares them with the word before \"of\""),
    ("areas", "neighbourhoods", "list single words; the tagger compares them with the word after a name"),
    ("areas", "listed_by", "list single words; the tagger compares them with the word before a list"),
    ("demands", "talks", "list single words; the tagger looks for them one word at a time"),
    *(("locators", key, "list single words; the tagger compares them with one word of the text at a time")
      for key in ("goals", "goal_partners", "goal_reached", "goal_back", "goal_back_ends", "evacuations", "lies",
                  "lies_where", "airports", "flights", "flight_stops", "evacuee_sites", "not_clauses", "edges",
                  "sites", "rivers", "conditional", "site_movers", "airport_attacks",
                  "own_stops")),
    *(("events", key, "list single words; the tagger compares them with the word after a name")
      for key in ("control", "destroyed", "undone", "recent")),
)


def load_context(path: Path, theatres: set[str] | None) -> dict:
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
    for section, key, hint in _ONE_WORD_LISTS:  # compared with one token at a time
        for word in out[section][key]:
            if " " in word:
                raise DataError(str(path), f"[{section}] {key}: '{word}' is more than one word", hint)
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
