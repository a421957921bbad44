"""``sitrep search`` and ``sitrep bench-search``: the command-line side of search.

``cli.py`` and ``tasks.py`` call these functions; they only read settings,
open the prebuilt index and print.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import sys
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.search.index import Filters, SearchIndex, index_dir_for

BOLD, RESET = "\033[1m", "\033[0m"


def _settings(settings_file: str | None, content: str | None = None) -> dict:
    """Pelican settings as the build reads them (paths resolved), or {}."""
    if not settings_file or not Path(settings_file).is_file():
        return {}
    from pelican.settings import read_settings

    return read_settings(settings_file, override={"PATH": str(Path(content).resolve())} if content else {})


def resolve_index(settings_file: str | None, index: str | None = None, content: str | None = None) -> tuple[Path, str]:
    """(index directory, SITEURL) for the CLI: --index wins, else the settings' index."""
    conf = _settings(settings_file, content)
    if index:
        return Path(index), conf.get("SITEURL", "")
    if not conf:
        raise SitrepError(f"no settings file {settings_file!r}; run from the project folder or give --index DIR")
    return index_dir_for(conf), conf.get("SITEURL", "")


def _check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise SitrepError(f"{option} {value!r} is not a date; write YYYY-MM-DD, e.g. {option} 2025-01-31") from None


def _check_facets(si: SearchIndex, filters: Filters) -> None:
    """An unknown slug is an error that lists near matches, not an empty result."""
    reader = si.searcher.reader()
    for option, fieldname, value in (("--theatre", "theatres", filters.theatre), ("--topic", "topics", filters.topic),
                                     ("--place", "places", filters.place), ("--source", "source", filters.source)):
        if not value:
            continue
        known = sorted(t.decode() if isinstance(t, bytes) else t for t in reader.lexicon(fieldname))
        if value not in known:
            near = difflib.get_close_matches(value, known, n=3)
            hint = f"did you mean {', '.join(near)}?" if near else f"known values: {', '.join(known[:20])}"
            raise SitrepError(f"{option} {value!r} matches no item; {hint}")


def cmd_search(query: str, theatre: str | None = None, topic: str | None = None, place: str | None = None,
               source: str | None = None, since: str | None = None, until: str | None = None, limit: int = 10,
               as_json: bool = False, settings: str | None = "pelicanconf.py", index: str | None = None,
               content: str | None = None, out=None) -> int:
    """Search the prebuilt index; print ranked results (or JSON)."""
    out = out or sys.stdout
    filters = Filters(theatre, topic, place, source, _check_date(since, "--since"), _check_date(until, "--until"))
    index_dir, site_url = resolve_index(settings, index, content)
    with SearchIndex(index_dir) as si:
        _check_facets(si, filters)
        result = si.search(query, filters, limit=max(1, int(limit)))
    if as_json:
        rows = [{"id": h.id, "url": f"{site_url}/{h.url}", "headline": h.headline, "date": h.date,
                 "score": h.score, "theatres": h.theatres, "topics": h.topics, "snippet": h.snippet_text()}
                for h in result.hits]
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    color = out.isatty() and not os.environ.get("NO_COLOR")
    mark = (BOLD, RESET) if color else ("**", "**")
    shown = f"{len(result.hits)} of {result.total}" if result.total > len(result.hits) else f"{result.total}"
    print(f"{shown} result{'s' if result.total != 1 else ''} for {query!r} ({result.seconds * 1000:.1f} ms)", file=out)
    for rank, h in enumerate(result.hits, 1):
        tags = ", ".join(h.theatres + h.topics)
        print(f"\n{rank:>2}. {h.headline}  [{h.score:.3f}]", file=out)
        print(f"    {h.date} · {h.source}{' · ' + tags if tags else ''}", file=out)
        print(f"    {site_url}/{h.url}", file=out)
        print(f"    {h.snippet_text(mark)}", file=out)
    return 0


def cmd_bench_search(reports: int = 5000, seed: int = 1, workdir: str | None = None, data_dir: str = "data",
                     settings: str = "pelicanconf.py", keep: bool = False) -> int:
    """Generate an archive, build it, and compare the search indexes (see search_bench)."""
    from sitrep.search.bench import run_benchmark

    table = run_benchmark(int(reports), int(seed), Path(workdir) if workdir else None, Path(data_dir),
                          Path(settings), keep)
    print(table)
    return 0
