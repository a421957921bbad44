"""The alias tables of a data folder, derived once and cached beside the gazetteer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sitrep.files.cachefile import read_sealed, warn_discarded, write_sealed
from sitrep.search.alias_sources import read_search_aliases, russian_names
from sitrep.search.aliases import ALIAS_VERSION, AliasTables, build_alias_tables

# The code the tables are derived by (named as modules, see sitrep.files.digest).
ALIAS_CODE = ("sitrep.search.aliases", "sitrep.search.alias_sources", "sitrep.search.transliteration",
              "sitrep.search.alias_cache")

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


def alias_tables_path(data_dir: Path, cache_dir: Path | None = None) -> Path:
    """The cache file of the tables for ``data_dir``: keyed on the gazetteer's
    own cache key and the alias modules' code (ALIAS_CODE), so they change together.
    Naming it imports the tagger (the gazetteer's key), which the build has loaded."""
    from sitrep.files.digest import code_digest
    from sitrep.tagging.gazetteer import cache_key, default_cache_dir

    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    key = hashlib.sha256((cache_key(Path(data_dir)) + ALIAS_VERSION).encode()
                         + code_digest(*ALIAS_CODE)).hexdigest()[:16]
    return cache_dir / f"aliases-{key}.json"


def load_alias_tables(data_dir: Path, cache_dir: Path | None = None, cached: Path | None = None) -> AliasTables:
    """Both tables for ``data_dir``, cached as JSON beside the gazetteer
    (``cached``: :func:`alias_tables_path`, when the caller has named it: the
    search process is handed it by the build, and need not import the tagger,
    a fifth of a second, to read the tables).

    Deriving them needs the compiled gazetteer (itself cached) and GeoNames'
    Cyrillic names. A damaged cache file is rebuilt with one warning naming it."""
    cached = Path(cached) if cached is not None else alias_tables_path(data_dir, cache_dir)
    payload = read_sealed(cached, CACHE_KIND, CACHE_FORMAT)
    if payload is not None:
        tables = _valid_tables(payload)
        if tables is not None:
            return tables
        warn_discarded(cached, "it does not hold the alias tables")
    from sitrep.tagging.gazetteer import load_gazetteer
    from sitrep.tagging.taxonomy import load_taxonomy

    cache_dir = cached.parent
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
