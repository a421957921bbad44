"""The archive's items and their permalink pages, in plain Python.

Every item of every report gets a page at its own URL that shows the item,
the previous and next item of its report and related earlier items
(:mod:`sitrep.pages.related`). The previous and next report are the report
page's (:func:`~sitrep.pages.related.report_neighbours`): on every item page
they made an added report render its predecessor's item pages again. Two reports
with one slug would write the same pages: the second is refused, named with
the first, so the editor can give one a ``Slug:`` line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from sitrep.files.digest import code_digest
from sitrep.model import Item, Report
from sitrep.pages.related import RelatedMemo, item_links, related_choices
from sitrep.pages.views import KeyedPages, View


@dataclass(slots=True)
class Archive:
    """The reports that publish, their items newest first, and the reports refused for a taken slug."""

    reports: list[Report] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    clashes: list[tuple[Report, Report]] = field(default_factory=list)  # (refused, the one with the slug)

    @property
    def items_by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}


def collect_archive(reports: Iterable[Report]) -> Archive:
    """One report per slug (the first read wins) and all their items, newest first."""
    archive = Archive()
    by_slug: dict[str, Report] = {}
    for report in reports:
        if report.slug in by_slug:
            archive.clashes.append((report, by_slug[report.slug]))
            continue
        by_slug[report.slug] = report
        archive.reports.append(report)
        archive.items.extend(report.items)
    archive.items.sort(key=lambda i: (i.date, i.report_slug, -i.position), reverse=True)
    return archive


@functools.cache
def _layout_code() -> bytes:
    """The code that makes an item page's variables from what its key holds."""
    return code_digest("sitrep.pages.item_pages", "sitrep.pages.related", "sitrep.pages.views")


def item_pages(reports: list[Report], items: list[Item], memo: RelatedMemo | None = None,
               own: Callable[[Report], dict[str, Any]] = lambda report: {}) -> Iterator[KeyedPages]:
    """The item pages of each report as :class:`~sitrep.pages.views.KeyedPages`:
    a page shows its item, its report (title, address, source link, number of
    items), the items before and after it in the report and its related items:
    the key is those objects (the items' digests are kept between builds, a
    report's is made of its items'), and the views and their link records are
    made only for the pages rendered.
    ``own(report)``: more variables of the report's pages (the plugin's
    ``source``), put in the key as they are. The related items are chosen
    here for every report, before the first is yielded, once every item is
    tagged (they compare tags), with the choices of the last build in ``memo``
    where a report's window is as it was."""
    related = related_choices(items, memo=memo)
    by_id = {item.id: item for item in items}
    links = item_links(by_id)
    base = ("item pages", _layout_code())
    for report in reports:
        extra = own(report)
        pages = []
        for index, item in enumerate(report.items):
            prev_item, next_item = _beside(report.items, index)
            pages.append((item.url + "index.html", "item",
                          ("item", item, report, prev_item, next_item, [by_id[o] for o in related.get(item.id, [])],
                           extra)))
        yield KeyedPages(base, pages, functools.partial(_report_views, report, related, links, extra))


def _beside(own: list[Item], index: int) -> tuple[Item | None, Item | None]:
    """The items before and after the index-th of a report."""
    return own[index - 1] if index else None, own[index + 1] if index + 1 < len(own) else None


def _report_views(report: Report, related: dict[str, list[str]], links: Callable[[str], Any],
                  extra: dict[str, Any]) -> list[View]:
    """The item pages of one report, made from what their keys hold."""
    views = []
    for index, item in enumerate(report.items):
        prev_item, next_item = _beside(report.items, index)
        views.append(View(item.url + "index.html", "item", item.url, {
            "item": item, "report": report, "prev_item": prev_item, "next_item": next_item,
            "related": [links(other) for other in related.get(item.id, [])], "page_name": item.url.rstrip("/"),
            **extra,
        }))
    return views
