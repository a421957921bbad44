"""Which pages the site has and what each one shows: page composition.

A newest-first list split into pages moves every item one place down when a
report arrives, so every page of every tag changes. Lists here are made to
stay put instead: a tag's page shows its overview and latest items, and each
month of its items has a page of its own (``/theatres/kharkiv/2025/02/``) that
never changes once the month is over (a tag whose page shows all its items
needs none); reports are archived the same way by year and month. Month
pages receive only what they show: their own items and a header that does
not change as items arrive, so an incremental build
(:mod:`sitrep.publish.render`) leaves them alone. The addresses of the old
paginated pages (``/theatres/kharkiv/page/3/``) stay valid as pages that send
readers on.

Nothing here knows Pelican: a view is a path, a template name and the
variables the template gets.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from sitrep.pages.collections import Collection

LATEST_ITEMS = 20  # items on a tag's own page unless the settings say (SITREP_TAG_LATEST_ITEMS)
OLD_PAGE_SIZE = 20  # items per page of the paginated lists these pages replace


@dataclass(frozen=True, slots=True)
class View:
    path: str  # the output file, relative to the site root
    template: str
    url: str  # the page's address, relative to the site root
    variables: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class KeyedPages:
    """The pages of one collection, queued by keys of what they are drawn from
    instead of by their views: each page's key holds everything ``make()``
    reads for it (with ``base``: the code and settings that lay them out), so
    while it stays the same the page is the previous build's and the views,
    charts' keys and fingerprints need not be made at all (most of the
    queueing of an add at 1,000 reports: 2,500 places and combinations, of
    which an add touches a few dozen)."""

    base: tuple  # what every keyed page is laid out by, one object per build
    pages: list[tuple[str, str, tuple]]  # (path, template, key) of each page, in make()'s order
    make: Callable[[], list[View]]


@dataclass(frozen=True, slots=True)
class Header:
    """What a month page shows of its collection: nothing that changes as items arrive."""

    kind: str
    key: str
    name: str
    url: str
    description: str
    feed_url: str | None
    theatre: str | None = None
    topic: str | None = None

    @classmethod
    def of(cls, coll: Collection) -> Header:
        return cls(coll.kind, coll.key, coll.name, coll.url, coll.description, coll.feed_url,
                   coll.theatre, coll.topic)


@dataclass(frozen=True, slots=True)
class Month:
    """One month of a list: its label, address and how many entries it holds."""

    year: int
    month: int
    url: str
    count: int

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"


def by_month(entries: Iterable[Any]) -> dict[tuple[int, int], list[Any]]:
    """Entries (anything with a ``date``) grouped by (year, month), newest month first,
    keeping each group's order."""
    groups: dict[tuple[int, int], list[Any]] = {}
    for e in entries:
        groups.setdefault((e.date.year, e.date.month), []).append(e)
    return dict(sorted(groups.items(), reverse=True))


def month_url(base: str, year: int, month: int) -> str:
    return f"{base}{year:04d}/{month:02d}/"


def month_list(base: str, groups: dict[tuple[int, int], list[Any]]) -> list[Month]:
    return [Month(y, m, month_url(base, y, m), len(v)) for (y, m), v in groups.items()]


def _neighbours(months: list[Month], k: int) -> dict[str, Month | None]:
    """Links to the earlier and later months of month ``k`` of a newest-first list
    (without their counts: a month page must not change when its neighbour grows)."""
    def link(m: Month) -> Month:
        return Month(m.year, m.month, m.url, 0)

    return {"earlier": link(months[k + 1]) if k + 1 < len(months) else None,
            "later": link(months[k - 1]) if k else None}


def collection_views(coll: Collection, overview: dict[str, Any], latest: int = LATEST_ITEMS) -> list[View]:
    """A tag's page (overview and latest items), one page per month of its
    items, and the addresses of its old numbered pages. A tag whose page
    shows all its items (most places and combinations) has no month pages:
    they would only repeat that list (a third of the site's bytes); its
    months get pages once it outgrows the list, and no page is taken away."""
    groups = by_month(coll.items) if len(coll.items) > latest else {}
    months = month_list(coll.url, groups)
    views = [View(f"{coll.url}index.html", coll.kind, coll.url,
                  {"collection": coll, "latest": coll.items[:latest], "months": months, **overview})]
    header = Header.of(coll)
    for k, (month, items) in enumerate(zip(months, groups.values())):
        views.append(View(f"{month.url}index.html", "collection_month", month.url,
                          {"collection": header, "month": month, "month_items": items, **_neighbours(months, k)}))
    views += moved_pages(coll.url, len(coll.items), OLD_PAGE_SIZE, coll.url, coll.name)
    return views


def collection_pages(coll: Collection, latest: int = LATEST_ITEMS) -> list[tuple[str, str, tuple]]:
    """(path, template, what the page shows) of each page :func:`collection_views`
    makes of ``coll``, in its order, without making them. What a page shows is
    what its view is made of: the whole collection for its own page; for a month
    page its header, the month's items and the months beside it; for an old
    numbered page the collection's address and name. So an item added in March
    changes the key of the collection's page and of its March page only."""
    header = (coll.kind, coll.key, coll.path, coll.name, coll.description, coll.theatre, coll.topic)
    pages = [(f"{coll.url}index.html", coll.kind, ("collection", header, coll.place, coll.items))]
    groups = by_month(coll.items) if len(coll.items) > latest else {}
    months = list(groups)
    for k, ((year, month), items) in enumerate(groups.items()):
        beside = (months[k + 1] if k + 1 < len(months) else None, months[k - 1] if k else None)
        pages.append((f"{month_url(coll.url, year, month)}index.html", "collection_month",
                      ("month", header, year, month, items, beside)))
    count = math.ceil(len(coll.items) / OLD_PAGE_SIZE) if coll.items else 0
    pages += [(f"{coll.url}page/{n}/index.html", "moved", ("moved", coll.url, coll.name)) for n in range(2, count + 1)]
    return pages


def moved_pages(base: str, count: int, per_page: int, target: str, name: str) -> list[View]:
    """Pages 2.. of a list that used to be paginated: each says where it went."""
    pages = math.ceil(count / per_page) if count else 0
    return [View(f"{base}page/{n}/index.html", "moved", f"{base}page/{n}/",
                 {"target_url": target, "target_name": name}) for n in range(2, pages + 1)]


def moved_list_views(report_count: int, home_per_page: int, archives_url: str,
                     sources: Iterable[tuple[str, str, int]]) -> list[View]:
    """The numbered pages of the home and source lists, which are no longer
    paginated: the home list's send readers to the archives, a source's to
    its own page. ``sources``: (URL, name, number of reports) of each."""
    views = moved_pages("", report_count, home_per_page, archives_url, "Archives")
    for url, name, count in sources:
        views += moved_pages(url, count, OLD_PAGE_SIZE, url, name)
    return views


def archive_views(reports: Sequence[Any], year_url: str, month_url_pattern: str) -> list[View]:
    """Reports by year and month, ``reports`` newest first. The patterns are the
    settings' (``archives/{date:%Y}/``, ``archives/{date:%Y}/{date:%m}/``)."""
    groups = by_month(reports)
    months = [Month(y, m, month_url_pattern.format(date=dt.date(y, m, 1)), len(v)) for (y, m), v in groups.items()]
    views = []
    for k, (month, entries) in enumerate(zip(months, groups.values())):
        views.append(View(f"{month.url}index.html", "period_archives", month.url, {
            "period_label": month.label, "period_reports": entries, "year": month.year,
            "year_url": year_url.format(date=dt.date(month.year, 1, 1)), "months": [],
            **_neighbours(months, k)}))
    years = sorted({m.year for m in months}, reverse=True)
    for k, y in enumerate(years):
        url = year_url.format(date=dt.date(y, 1, 1))
        link = lambda year: Month(year, 0, year_url.format(date=dt.date(year, 1, 1)), 0)  # noqa: E731
        views.append(View(f"{url}index.html", "period_archives", url, {
            "period_label": str(y), "period_reports": [], "year": y, "year_url": url,
            "months": [m for m in months if m.year == y],
            "earlier": link(years[k + 1]) if k + 1 < len(years) else None,
            "later": link(years[k - 1]) if k else None}))
    return views


def archive_index(reports: Sequence[Any], year_url: str,
                  month_url_pattern: str) -> list[tuple[int, str, int, list[Month]]]:
    """For the archives page: (year, url, reports, months) newest first."""
    out: dict[int, tuple[int, str, int, list[Month]]] = {}
    for (y, m), entries in by_month(reports).items():
        url, total, months = out.get(y, (year_url.format(date=dt.date(y, 1, 1)), 0, []))[-3:]
        months.append(Month(y, m, month_url_pattern.format(date=dt.date(y, m, 1)), len(entries)))
        out[y] = (y, url, total + len(entries), months)
    return list(out.values())
