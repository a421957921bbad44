"""``sitrep search`` and ``sitrep bench-search``: the command-line side of search.

``search`` only resolves the index from the settings, opens it and prints;
the arguments of both commands, their options dataclasses and the rule that
lets a query start with '-' (``sitrep search -kursk``) live here too, and
:mod:`sitrep.cli` assembles them with the other commands. Whoosh is imported
when a search runs, so other commands never load it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sitrep.config.arguments import SubParsers, add_command, positive_int, settings_arg
from sitrep.config import DEFAULT_SETTINGS, load
from sitrep.errors import SitrepError

if TYPE_CHECKING:
    from sitrep.search.index import Filters, SearchIndex

BOLD, RESET = "\033[1m", "\033[0m"


@dataclass
class SearchOptions:
    query: str = ""
    theatre: str | None = None
    topic: str | None = None
    place: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 10
    json: bool = False
    sort: str = "relevance"
    settings: str = DEFAULT_SETTINGS
    content: str | None = None
    index: str | None = None


@dataclass
class BenchSearchOptions:
    reports: int = 5000
    seed: int = 1
    workdir: str | None = None
    keep: bool = False
    settings: str = DEFAULT_SETTINGS


def resolve_index(o: SearchOptions) -> tuple[Path, str]:
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


def search(o: SearchOptions, out: TextIO | None = None) -> int:
    """Search the prebuilt index with the options of ``sitrep search``; print
    ranked results (or JSON)."""
    from sitrep.search.index import Filters, SearchIndex

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


def cmd_bench_search(o: BenchSearchOptions) -> int:
    from sitrep.search.bench import run_benchmark

    conf = load(o.settings, required=True)
    print(run_benchmark(o.reports, o.seed, Path(o.workdir) if o.workdir else None, conf.data,
                        conf.settings_file, o.keep))
    return 0


def add_search(sub: SubParsers) -> None:
    p = add_command(sub, "search", search, SearchOptions, "full-text search of the built site's index")
    p.add_argument("query", help='words, "a phrase", OR, NOT/-word; the last word is also a prefix')
    for facet in ("theatre", "topic", "place"):
        p.add_argument(f"--{facet}", help=f"{facet} slug")
    p.add_argument("--source", help="source slug, e.g. frontline-desk")
    p.add_argument("--since", help="YYYY-MM-DD (inclusive)")
    p.add_argument("--until", help="YYYY-MM-DD (inclusive)")
    p.add_argument("--limit", type=positive_int, default=10, help="results to show (default 10)")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance", help="order of results")
    p.add_argument("--json", action="store_true",
                   help="print JSON: id, url, headline, date, score, theatres, topics, snippet")
    p.add_argument("--content", help="content folder the index was built from (default: the settings' PATH)")
    p.add_argument("--index", help="Whoosh index folder (default: the one the build keeps)")
    settings_arg(p)


def add_bench_search(sub: SubParsers) -> None:
    p = add_command(sub, "bench-search", cmd_bench_search, BenchSearchOptions,
                    "benchmark search on a generated archive, beside Pagefind")
    p.add_argument("--reports", type=positive_int, default=5000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", help="where to generate and build (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the generated archive and sites")
    settings_arg(p)


def query_last(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``sitrep search -kursk``: a query starting with '-' (NOT kursk) is not an
    option; it is moved after '--' so that argparse takes it as the query."""
    if not argv or argv[0] != "search" or "--" in argv:
        return argv
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["search"]
    options = sub._option_string_actions
    kept, dashed, positional, i = [argv[0]], [], 0, 1
    while i < len(argv):
        token = argv[i]
        action = options.get(token.partition("=")[0])
        if action is not None:
            kept.append(token)
            if action.nargs != 0 and "=" not in token and i + 1 < len(argv):
                kept.append(argv[i + 1])
                i += 1
        elif token.startswith("-") and len(token) > 1:
            dashed.append(token)
        else:
            kept.append(token)
            positional += 1
        i += 1
    if len(dashed) == 1 and positional == 0:
        return [*kept, "--", dashed[0]]
    return argv
