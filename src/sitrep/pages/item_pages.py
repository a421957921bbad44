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

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from sitrep.model import Item, Report
from sitrep.pages.related import RelatedMemo, related_items
from sitrep.pages.views import View


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


def item_views(reports: list[Report], items: list[Item], memo: RelatedMemo | None = None) -> Iterator[View]:
    """The permalink page of every item, with what it links to; computed once
    every item is tagged (related items compare tags), with the choices of the
    last build in ``memo`` where a report's window is as it was."""
    related = related_items(items, memo=memo)
    for report in reports:
        own = report.items
        for index, item in enumerate(own):
            yield View(item.url + "index.html", "item", item.url, {
                "item": item, "report": report,
                "prev_item": own[index - 1] if index else None,
                "next_item": own[index + 1] if index + 1 < len(own) else None,
                "related": related.get(item.id, []), "page_name": item.url.rstrip("/"),
            })
