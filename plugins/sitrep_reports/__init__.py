"""Pelican plugin: read report files with Sitrep's own parser.

Markdown files under ARTICLE_PATHS are reports: they are parsed by
:mod:`sitrep.reports.file` (so errors carry file and line) and the parsed
:class:`sitrep.model.Report` travels with the article as ``article.report``.
Other Markdown files (pages) keep Pelican's Markdown reader. Reports whose
bytes have not changed come from :mod:`sitrep.reports.cache` (opened when the
articles generator starts, closed when it has read everything).
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.readers import MarkdownReader

from sitrep.config import from_pelican
from sitrep.errors import ReportError
from sitrep.reports.cache import ReportCache
from sitrep.reports.file import read_report
from sitrep.reports.html import report_body_html

logger = logging.getLogger("sitrep.reports")

_cache: ReportCache | None = None  # the running build's; None outside the articles generator


def _display_path(path: str) -> str:
    """The path as the editor knows it: relative to the working directory."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class ReportReader(MarkdownReader):
    """Reads reports; falls back to Pelican's Markdown reader for pages."""

    enabled = True
    file_extensions = ["md", "markdown"]

    def _is_report(self, path: str) -> bool:
        content_root = os.path.abspath(self.settings["PATH"])
        rel = os.path.relpath(os.path.abspath(path), content_root)
        return any(
            rel == p or rel.startswith(p.rstrip("/") + os.sep)
            for p in self.settings["ARTICLE_PATHS"]
        )

    def read(self, source_path):
        if not self._is_report(source_path):
            return super().read(source_path)
        try:
            read = _cache.read if _cache is not None else read_report
            report = read(source_path, display_path=_display_path(source_path))
        except ReportError as err:
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
            "date": self.process_metadata("date", report.date.strftime("%Y-%m-%d %H:%M")),
            "category": source,
            "slug": report.slug,
            "status": self.process_metadata("status", report.status),
            "report": report,
        }
        if report.summary:
            metadata["summary"] = self.process_metadata("summary", report.summary)
        return report_body_html(report), metadata


def add_reader(readers):
    for ext in ReportReader.file_extensions:
        readers.reader_classes[ext] = ReportReader


def open_cache(generator):
    global _cache
    close_cache(generator)  # a previous build in this process that crashed
    conf = from_pelican(generator.settings)
    _cache = ReportCache(conf.cache, conf.content)


def close_cache(generator):
    global _cache
    if _cache is not None:
        cache, _cache = _cache, None
        cache.close()
        logger.info("Read %d reports (%d from the cache)", cache.hits + cache.misses, cache.hits)


def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(open_cache)
    signals.article_generator_finalized.connect(close_cache)
