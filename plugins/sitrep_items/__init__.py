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
import functools
import itertools
import logging
import time

from pelican import signals
from pelican.generators import Generator

from sitrep.config.settings import from_pelican
from sitrep.pages.item_pages import collect_archive, item_pages
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
    """Writes the core's item pages (:func:`sitrep.pages.item_pages.item_pages`),
    queued by their keys where the writer takes keys (plugin sitrep_render)."""

    def generate_output(self, writer):
        published = self.context.get("articles", [])
        article_of = {id(a.report): a for a in published if getattr(a, "report", None) is not None}
        reports = collect_archive(_reports_of(published)).reports  # the same reports collect_items kept
        conf = from_pelican(self.settings)
        started = time.perf_counter()
        memo = RelatedMemo.load(conf.cache, conf.content)
        keyed = item_pages(reports, self.context.get("items", []), memo,
                           lambda report: {"source": article_of[id(report)].category})
        first = next(keyed, None)  # the related items are chosen before the first report's pages
        logger.info("Related items: %d of %d reports chosen afresh, the others as the last build chose, in %.2f s",
                    memo.scored, len(memo.used), time.perf_counter() - started)
        relative = self.settings["RELATIVE_URLS"]
        write_keyed = getattr(writer, "write_keyed", None)
        with _same_context(writer, self.context):  # the loop leaves the context as it is
            for pages in itertools.chain([first] if first is not None else [], keyed):
                if write_keyed is not None:
                    write_keyed(pages.base, [(path, self.get_template(t), key) for path, t, key in pages.pages],
                                functools.partial(_variables, pages), self.context, relative_urls=relative)
                    continue
                for view in pages.make():
                    writer.write_file(view.path, self.get_template(view.template), self.context,
                                      relative_urls=relative, url=view.url, **view.variables)
        memo.save(conf.cache, conf.content)


def _variables(pages) -> dict[str, dict]:
    """{path: the names write_file would be given} of a report's item pages."""
    return {view.path: {"url": view.url, **view.variables} for view in pages.make()}


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
