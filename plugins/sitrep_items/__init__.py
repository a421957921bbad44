"""Pelican plugin: items as data for templates, and one page per item.

After the reports are read, every item of every report is put in the
template context as ``items`` (newest first) and ``items_by_id``; an
extra generator writes each item's permalink page with the ``item``
template, linking to the previous and next item of its report, the
previous and next report, and related items (:mod:`sitrep.pages.related`).
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from sitrep.pages.related import related_items, report_neighbours

logger = logging.getLogger("sitrep.items")


def _reports_of(articles) -> list:
    return [a.report for a in articles if getattr(a, "report", None)]


def collect_items(generator):
    """Check report and item ids are unique, then publish items to the context."""
    seen: dict[str, str] = {}
    items = []
    for article in generator.articles:
        report = getattr(article, "report", None)
        if report is None:
            continue
        if report.slug in seen:
            logger.error(
                "%s: report slug %r is already used by %s\n  how to fix: give one of them a "
                "distinct 'Slug:' line (two reports from one source on one day need one)",
                report.path, report.slug, seen[report.slug],
            )
            continue
        seen[report.slug] = report.path
        for item in report.items:
            items.append(item)
    items.sort(key=lambda i: (i.date, i.report_slug, -i.position), reverse=True)
    generator.context["items"] = items
    generator.context["items_by_id"] = {i.id: i for i in items}


class ItemPagesGenerator(Generator):
    """Writes reports/<report>/<item>/index.html for every item."""

    def generate_output(self, writer):
        template = self.get_template("item")
        # computed here, once every item is tagged
        neighbours = report_neighbours(_reports_of(self.context.get("articles", [])))
        related = related_items(self.context.get("items", []))
        for article in self.context.get("articles", []):
            report = getattr(article, "report", None)
            if report is None:
                continue
            items = report.items
            prev_report, next_report = neighbours.get(report.slug, (None, None))
            for index, item in enumerate(items):
                writer.write_file(
                    item.url + "index.html",
                    template,
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=item.url,
                    item=item,
                    article=article,
                    report=report,
                    prev_item=items[index - 1] if index else None,
                    next_item=items[index + 1] if index + 1 < len(items) else None,
                    prev_report=prev_report,
                    next_report=next_report,
                    related=related.get(item.id, []),
                    page_name=item.url.rstrip("/"),
                )


def get_generators(pelican):
    return ItemPagesGenerator


def register():
    signals.article_generator_finalized.connect(collect_items)
    signals.get_generators.connect(get_generators)
