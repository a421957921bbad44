"""Pelican plugin: the pages Sitrep adds to Pelican's, and its feeds and open data.

Which pages exist and what each shows is decided in the core
(:mod:`sitrep.pages.views`, :mod:`sitrep.pages.tag_pages`; feeds, open data,
sitemap in :mod:`sitrep.pages.feeds`, :mod:`sitrep.pages.opendata`,
:mod:`sitrep.pages.discovery`); this plugin hands the site's data to it, puts
what templates read into Pelican's context and queues every file with the
writer of the ``sitrep_render`` plugin.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from sitrep.config import from_pelican
from sitrep.pages import feeds, opendata
from sitrep.pages.discovery import (SITEMAP, part_path, parts_pages, robots_txt, sitemap_index_xml, sitemap_pages,
                                    sitemap_parts, sitemap_xml)
from sitrep.pages.maps.outline_store import OutlineStore
from sitrep.pages.tag_pages import TagPages
from sitrep.pages.views import LATEST_ITEMS, archive_index, archive_views, moved_list_views

logger = logging.getLogger("sitrep.pages")

DEFAULTS = {"SITREP_HOME_REPORTS": 20, "SITREP_SOURCE_REPORTS": 30, "SITREP_TAG_PAGES": True}


class SitePagesGenerator(Generator):
    """Tag pages, report archives by month, feeds, open data, sitemap."""

    def generate_context(self):
        for key, value in DEFAULTS.items():
            self.settings.setdefault(key, value)
            self.context.setdefault(key, value)
        items = self.context.get("items", [])
        taxonomy = self.context.get("taxonomy")
        reports = self.context.get("articles", [])
        self.context["report_archive"] = archive_index(reports, self.settings["YEAR_ARCHIVE_URL"],
                                                       self.settings["MONTH_ARCHIVE_URL"])
        if taxonomy is None:
            self.pages = None
            return
        self.pages = TagPages.of_archive(items, taxonomy, self.context.get("gazetteer_regions") or {},
                                         self.settings["SITEURL"], self.settings.get("SITREP_MAP_LANDMARKS", []),
                                         self.settings.get("SITREP_TAG_LATEST_ITEMS", LATEST_ITEMS),
                                         OutlineStore(from_pelican(self.settings).cache))
        self.index = self.pages.index
        self.context["home_timeline"] = self.pages.home_timeline(items)
        self.context["item_feed_url"] = feeds.ALL_ITEMS_FEED
        self.context["source_feeds"] = {c.url: c.feed_url for c in self.index.sources if c.feed_url}

    def generate_output(self, writer):
        if not hasattr(writer, "write_output") or not hasattr(writer, "same_context"):
            raise RuntimeError("plugin sitrep_pages needs plugin sitrep_render in PLUGINS")
        views = list(archive_views(self.context.get("articles", []), self.settings["YEAR_ARCHIVE_URL"],
                                   self.settings["MONTH_ARCHIVE_URL"]))
        views += self._moved_lists()
        keyed = []
        if self.pages is not None:
            views += list(self.pages.unkeyed_views())
            keyed = list(self.pages.keyed_pages())
        relative = self.settings["RELATIVE_URLS"]
        with writer.same_context(self.context):  # the loop leaves the context as it is
            for view in views:
                writer.write_file(view.path, self.get_template(view.template), self.context,
                                  relative_urls=relative, url=view.url, **view.variables)
            for pages in keyed:
                writer.write_keyed(pages.base, [(path, self.get_template(t), key) for path, t, key in pages.pages],
                                   lambda pages=pages: {v.path: v.variables for v in pages.make()}, self.context,
                                   relative_urls=relative)
        if self.pages is not None:
            self._write_feeds(writer)
        self._write_open_data(writer)
        self._write_discovery(writer)
        logger.info("Queued %d archive, list and tag pages, and the pages of %d collections by key",
                    len(views), len(keyed))

    def _moved_lists(self):
        """The numbered pages of the home and source lists, which are no longer paginated."""
        return moved_list_views(len(self.context.get("articles", [])),
                                self.settings.get("DEFAULT_PAGINATION") or 10, self.settings["ARCHIVES_URL"],
                                [(c.url, c.name, len(reports)) for c, reports in self.context.get("categories", [])])

    def _write_feeds(self, writer):
        site = self.settings.get("FEED_DOMAIN") or self.settings["SITEURL"] or "http://localhost:8000"
        for t in feeds.feed_targets(self.settings["SITENAME"], self.context.get("items", []), self.index):
            writer.write_output(
                t.path,
                lambda t=t: feeds.items_feed(t.items, title=t.title, site_url=site, page_url=t.page_url,
                                             feed_url=t.path, feed_key=t.key),
                inputs=("feed", feeds.ENTRY_LAYOUT, site, t.title, t.page_url, t.key, t.items))

    def _write_open_data(self, writer):
        """A JSON and a CSV part per month, each carried over while its month's items
        stay the same, and the index of them at the old addresses (``items.json``/``.csv``)."""
        items = self.context.get("items", [])
        site_url = self.settings["SITEURL"]
        months: dict[str, list] = {}
        for item in sorted(items, key=lambda i: (i.date, i.id)):
            months.setdefault(f"{item.date:%Y-%m}", []).append(item)

        @functools.cache
        def texts(month: str) -> tuple[str, str]:
            rows = opendata.records(months[month], site_url)
            return opendata.items_json(rows, month), opendata.items_csv(rows)

        previous, renderer = self.settings.get("SITREP_PREVIOUS_OUTPUT"), writer.renderer

        def checksum(month: str, n: int, ext: str) -> str:
            # a part carried over is the previous build's file: hashing it costs a read, where
            # making its text again cost every month's records on each rebuild that added one report
            path = opendata.part_path(month, ext)
            if previous and renderer.was_carried(path):
                return opendata.sha256((Path(previous) / path).read_bytes())
            return opendata.sha256(texts(month)[n])

        def parts() -> list[opendata.Part]:
            return [opendata.Part(m, len(months[m]), checksum(m, 0, "json"), checksum(m, 1, "csv")) for m in months]

        for month, month_items in months.items():
            for n, ext in enumerate(("json", "csv")):
                writer.write_output(opendata.part_path(month, ext), lambda month=month, n=n: texts(month)[n],
                                    inputs=("items part", ext, opendata.JSON_LAYOUT, site_url, month, month_items))
        writer.write_output(opendata.INDEX_JSON, lambda: opendata.index_json(parts()),
                            inputs=("items index", opendata.JSON_LAYOUT, site_url, items))
        writer.write_output(opendata.INDEX_CSV, lambda: opendata.index_csv(parts()),
                            inputs=("items index csv", opendata.JSON_LAYOUT, site_url, items))
        for name in (opendata.SCHEMA_NAME, opendata.INDEX_SCHEMA_NAME):
            writer.write_output(name, lambda name=name: opendata.schema_text(name),
                                inputs=("schema", opendata.schema_text(name)))

    def _write_discovery(self, writer):
        """sitemap.xml and robots.txt list what the build writes."""
        site = self.settings["SITEURL"] or self.settings.get("FEED_DOMAIN", "")
        renderer = writer.renderer

        def pages() -> list[str]:
            return sitemap_pages(renderer.paths())

        def queue_sitemaps() -> None:  # once every page but those queued later is queued: the parts are known
            parts = sitemap_parts(pages())
            writer.write_output(SITEMAP, lambda: sitemap_index_xml(site, parts), inputs=("sitemap", site, parts))
            grouped: dict[int, dict[str, list[str]]] = {}  # queue length -> pages by part: grouped once

            for part in parts:
                def part_of(part=part) -> list[str]:
                    queued = len(renderer.queue)
                    if queued not in grouped:
                        grouped.clear()
                        grouped[queued] = parts_pages(parts, pages())
                    return grouped[queued].get(part, [])

                writer.write_output(part_path(part), lambda part_of=part_of: sitemap_xml(site, part_of()),
                                    inputs=lambda part=part, part_of=part_of: ("sitemap", part, site, part_of()))

        writer.write_later(queue_sitemaps, writes_outside=())
        writer.write_output("robots.txt", lambda: robots_txt(site), inputs=("robots", site))


def get_generators(pelican):
    return SitePagesGenerator


def register():
    signals.get_generators.connect(get_generators)
