"""Pelican plugin: items as data for templates, and one page per item.

After the reports are read, every item of every report is put in the
template context as ``items`` (newest first) and ``items_by_id``; an
extra generator writes each item's permalink page with the ``item``
template, linking to the previous and next item of its report and related
items (:mod:`sitrep.pages.related`). Each report's page gets its
``neighbours``, the previous and next report by date, as a variable of that
page only (``article.page_variables``, see plugin sitrep_render): lists of
reports do not change with their reports' neighbours.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import time

from pelican import signals
from pelican.generators import Generator

from sitrep.config.settings import from_pelican
from sitrep.pages.item_pages import collect_archive, item_views
from sitrep.pages.related import RelatedMemo, report_neighbours

logger = logging.getLogger("sitrep.items")


def _reports_of(articles) -> list:
    return [a.report for a in articles if getattr(a, "report", None)]


def collect_items(generator):
    """Refuse reports whose slug is taken, then publish the items to the context."""
    archive = collect_archive(_reports_of(generator.articles))
    for refused, first in archive.clashes:
        logger.error(
            "%s: report slug %r is already used by %s\n  how to fix: give one of them a "
            "distinct 'Slug:' line (two reports from one source on one day need one)",
            refused.path, refused.slug, first.path,
        )
    generator.context["items"] = archive.items
    generator.context["items_by_id"] = archive.items_by_id
    neighbours = report_neighbours(archive.reports)
    kept = {id(report) for report in archive.reports}  # a report refused for its slug has none
    for article in generator.articles:
        report = getattr(article, "report", None)
        if report is not None:
            article.page_variables = {"neighbours": neighbours[report.slug] if id(report) in kept else (None, None)}


class ItemPagesGenerator(Generator):
    """Writes the core's item pages (:func:`sitrep.pages.item_pages.item_views`)."""

    def generate_output(self, writer):
        published = self.context.get("articles", [])
        article_of = {id(a.report): a for a in published if getattr(a, "report", None) is not None}
        reports = collect_archive(_reports_of(published)).reports  # the same reports collect_items kept
        conf = from_pelican(self.settings)
        started = time.perf_counter()
        memo = RelatedMemo.load(conf.cache, conf.content)
        views = item_views(reports, self.context.get("items", []), memo)
        first = next(views, None)  # the related items are chosen before the first page
        logger.info("Related items: %d of %d reports chosen afresh, the others as the last build chose, in %.2f s",
                    memo.scored, len(memo.used), time.perf_counter() - started)
        with _same_context(writer, self.context):  # the loop leaves the context as it is
            for view in itertools.chain([first] if first is not None else [], views):
                writer.write_file(view.path, self.get_template(view.template), self.context,
                                  relative_urls=self.settings["RELATIVE_URLS"], url=view.url,
                                  source=article_of[id(view.variables["report"])].category, **view.variables)
        memo.save(conf.cache, conf.content)


def _same_context(writer, context):
    """The writer's block for pages queued from an unchanged context (plugin
    sitrep_render), or none with another writer."""
    held = getattr(writer, "same_context", None)
    return held(context) if held is not None else contextlib.nullcontext()


def get_generators(pelican):
    return ItemPagesGenerator


def register():
    signals.article_generator_finalized.connect(collect_items)
    signals.get_generators.connect(get_generators)
