"""``sitrep search``: the command-line side of search.

It only resolves the index from the settings, opens it and prints.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import sys
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.config import load
from sitrep.search.index import Filters, SearchIndex

BOLD, RESET = "\033[1m", "\033[0m"


def resolve_index(o) -> tuple[Path, str]:
    """(index directory, SITEURL) for the CLI: --index wins, else the settings' index."""
    if o.index:
        conf = load(o.settings)
        return Path(o.index), conf.site_url
    conf = load(o.settings, content=o.content, required=True)
    return conf.search_index, conf.site_url


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


def search(o, out=None) -> int:
    """Search the prebuilt index with the options of ``sitrep search``; print
    ranked results (or JSON)."""
    out = out or sys.stdout
    filters = Filters(o.theatre, o.topic, o.place, o.source, _check_date(o.since, "--since"),
                      _check_date(o.until, "--until"))
    index_dir, site_url = resolve_index(o)
    with SearchIndex(index_dir) as si:
        _check_facets(si, filters)
        result = si.search(o.query, filters, limit=max(1, int(o.limit)), sort=o.sort)
        suggestion = si.suggest(o.query, filters) if not result.total and not o.json else None
    if result.notice:
        print(f"note: {result.notice}", file=sys.stderr)
    if o.json:
        rows = [{"id": h.id, "url": f"{site_url}/{h.url}", "headline": h.headline, "date": h.date,
                 "score": h.score, "theatres": h.theatres, "topics": h.topics, "snippet": h.snippet_text()}
                for h in result.hits]
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    color = out.isatty() and not os.environ.get("NO_COLOR")
    mark = (BOLD, RESET) if color else ("**", "**")
    shown = f"{len(result.hits)} of {result.total}" if result.total > len(result.hits) else f"{result.total}"
    order = ", newest first" if o.sort == "date" else ""
    print(f"{shown} result{'s' if result.total != 1 else ''} for {o.query!r}{order} "
          f"({result.seconds * 1000:.1f} ms)", file=out)
    if suggestion:
        other, total = suggestion
        print(f"Did you mean {other!r}? ({total} result{'s' if total != 1 else ''})", file=out)
    for rank, h in enumerate(result.hits, 1):
        tags = ", ".join(h.theatres + h.topics)
        score = f"  [{h.score:.3f}]" if o.sort != "date" else ""
        print(f"\n{rank:>2}. {h.headline}{score}", file=out)
        print(f"    {h.date} · {h.source}{' · ' + tags if tags else ''}", file=out)
        print(f"    {site_url}/{h.url}", file=out)
        print(f"    {h.snippet_text(mark)}", file=out)
    return 0
