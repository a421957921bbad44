"""Pelican plugin: read report files with Sitrep's own parser.

Markdown files under ARTICLE_PATHS are reports: they are parsed by
:mod:`sitrep.reports.file` (so errors carry file and line), checked against
the archive's dates (``SITREP_DATE_RANGE``) and the parsed
:class:`sitrep.model.Report` travels with the article as ``article.report``.
Other Markdown files (pages) keep Pelican's Markdown reader, with the same
guards as reports (:mod:`sitrep.reports.page`): their HTML goes through the
one sanitiser. Reports whose bytes have not changed come from
:mod:`sitrep.reports.cache` (opened when the articles generator starts, closed
when it has read everything). A ``.md`` file outside the report and page
folders is named in a warning, since nothing publishes it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from sitrep.config import from_pelican
from sitrep.errors import FileError, ReportError
from sitrep.reports.cache import ReportCache
from sitrep.reports.file import read_report
from sitrep.reports.html import ReportBody
from sitrep.reports.layout import is_under, stray_markdown
from sitrep.reports.page import check_page_file, sanitize_page
from sitrep.reports.window import DateWindow

logger = logging.getLogger("sitrep.reports")

_cache: ReportCache | None = None  # the running build's; None outside the articles generator
_window: DateWindow | None = None  # the running build's SITREP_DATE_RANGE


def _display_path(path: str) -> str:
    """The path as the editor knows it: relative to the working directory."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _pelican_date(date: dt.datetime) -> SafeDatetime:
    """The report's date as Pelican's date processor gives it for "YYYY-MM-DD HH:MM"
    (to the minute, no time zone), without printing a date the report parser has
    already read and checked for dateutil to parse it back (0.4 s of every build
    at 5,000 reports)."""
    return SafeDatetime(date.year, date.month, date.day, date.hour, date.minute)


class ReportReader(MarkdownReader):
    """Reads reports; falls back to Pelican's Markdown reader for pages."""

    enabled = True
    file_extensions = ["md", "markdown"]

    def _is_report(self, path: str) -> bool:
        return is_under(path, self.settings["PATH"], self.settings["ARTICLE_PATHS"])

    def read(self, source_path):
        if not self._is_report(source_path):
            return self._read_page(source_path)
        try:
            read = _cache.read if _cache is not None else read_report
            report = read(source_path, display_path=_display_path(source_path))
            (_window or from_pelican(self.settings).date_window).check(report)
        except FileError as err:
            # Pelican swallows reader exceptions into "Could not process";
            # log the editor-facing message so the build can show and fail on it.
            logger.error("%s", err.format())
            raise
        except Exception as err:  # unreadable file, parser bug: still name the file
            logger.error("%s: could not read the report: %s: %s", _display_path(source_path), type(err).__name__, err)
            raise
        for warning in report.warnings:
            logger.warning("%s: %s", source_path, warning)
        source = self.process_metadata("category", report.source)
        source.slug = report.source_slug  # one slug for source pages and item feeds
        metadata = {
            "title": report.title,
            "date": _pelican_date(report.date),
            "category": source,
            "slug": report.slug,
            "status": self.process_metadata("status", report.status),
            "report": report,
        }
        if report.summary:
            metadata["summary"] = self.process_metadata("summary", report.summary)
        return ReportBody.of(report), metadata  # a str that names its report (_content_digest, sitrep_render)

    def _read_page(self, source_path):
        """A page: checked like a report, read by Pelican, its HTML sanitised."""
        name = _display_path(source_path)
        try:
            check_page_file(source_path, name)
            try:
                content, metadata = super().read(source_path)
            except (ValueError, TypeError, KeyError, AttributeError) as err:  # Pelican's metadata processing
                raise ReportError(name, None, f"Pelican cannot read the page: {err}",
                                  "check the metadata lines at the top (Title:, Date: YYYY-MM-DD, Slug:, "
                                  "Status: published, draft or hidden)") from None
        except FileError as err:
            logger.error("%s", err.format())
            raise
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = sanitize_page(metadata["summary"])
        return sanitize_page(content), metadata


def add_reader(readers):
    for ext in ReportReader.file_extensions:
        readers.reader_classes[ext] = ReportReader


def open_cache(generator):
    global _cache, _window
    close_cache(generator)  # a previous build in this process that crashed
    conf = from_pelican(generator.settings)
    _cache = ReportCache(conf.cache, conf.content)
    generator.settings["SITREP_REPORT_KEYS"] = _cache.keys  # what each report is read from (sitrep_render)
    _window = conf.date_window
    settings = generator.settings
    published = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"], *settings.get("STATIC_PATHS", [])]
    for path in stray_markdown(conf.content, published):
        folders = lambda key: " or ".join(f"{f.rstrip('/')}/" for f in settings[key]) or "(none)"  # noqa: E731
        logger.warning("%s: this Markdown file is in neither a report folder (%s) nor a page folder (%s) "
                       "of %s, so nothing publishes it\n  how to fix: move a report into the report folder "
                       "or a page into the page folder, or delete the file",
                       _display_path(str(path)), folders("ARTICLE_PATHS"), folders("PAGE_PATHS"),
                       _display_path(str(conf.content)))


def close_cache(generator):
    global _cache, _window
    _window = None
    if _cache is not None:
        cache, _cache = _cache, None
        cache.close()
        logger.info("Read %d reports (%d from the cache)", cache.hits + cache.misses, cache.hits)


def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(open_cache)
    signals.article_generator_finalized.connect(close_cache)
