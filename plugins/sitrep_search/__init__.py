"""Pelican plugin: full-text search of items.

After the items are read and tagged, a second process brings the Whoosh
index in the build cache up to date (only new or changed items are indexed
again) and exports the browser index from it into search/data/, while
Pelican writes the pages; the /search/ page is written with the ``search``
template once it is done. Everything lives in the core:
:mod:`sitrep.search.build`, :mod:`sitrep.search.indexing`, :mod:`sitrep.search.export`.

Settings: SITREP_SEARCH_INDEX_DIR (where the Whoosh index lives; default
SITREP_CACHE_DIR/whoosh/<content folder key>; the environment variable of
the same name wins) and SITREP_SEARCH_SHIP_WHOOSH
(copy the Whoosh index into the site as search/whoosh/; off by default,
browsers never need it) and SITREP_SEARCH_PARALLEL (on by default: off does
the search work in the build process, after the items are tagged).
"""

from __future__ import annotations

import logging
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from sitrep.search.alias_cache import alias_tables_path
from sitrep.search.build import SearchBuild, SearchJob, discard_search_process, start_search_process
from sitrep.search.export import DATA_DIR, facet_values
from sitrep.config import from_pelican
from sitrep.search.schema import SearchDoc

logger = logging.getLogger("sitrep.search")


_ahead: dict[int, ProcessPoolExecutor] = {}  # the search process started for a build (id of its settings)
_started: dict[int, SearchBuild] = {}  # its search work, started once the items are tagged


def start_process(pelican):
    """Start the search process while the reports are read (``initialized``)."""
    for key in list(_ahead):  # builds in this process that failed before their search started
        discard_search_process(_ahead.pop(key))
    _started.clear()
    process = start_search_process(pelican.settings.get("SITREP_SEARCH_PARALLEL", True))
    if process is not None:
        _ahead[id(pelican.settings)] = process


def start_search(generator):
    """Start the search work as soon as the items are collected and tagged (the
    articles generator is finalised, after plugin sitrep_items), not when this
    plugin's generator gets its turn."""
    if "items" in generator.context:
        _started[id(generator.settings)] = _search_build(generator.context, generator.settings,
                                                         generator.output_path)


def _search_build(context: dict, settings: dict, output_path: str) -> SearchBuild:
    conf = from_pelican(settings)
    job = SearchJob(
        docs=[SearchDoc.from_item(i) for i in context.get("items", [])], index_dir=conf.search_index,
        data_dir=conf.data, cache_dir=conf.cache, content=str(conf.content), site_dir=Path(output_path),
        labels=_labels(context), site_url=conf.site_url,
        previous_site=Path(settings["SITREP_PREVIOUS_OUTPUT"]) if settings.get("SITREP_PREVIOUS_OUTPUT") else None,
        alias_path=alias_tables_path(conf.data, conf.cache),
    )
    return SearchBuild(job, parallel=settings.get("SITREP_SEARCH_PARALLEL", True),
                       process=_ahead.pop(id(settings), None))


def _labels(context: dict) -> dict:
    taxonomy = context.get("taxonomy")
    if taxonomy is None:
        return {}
    return {"theatre": {s: t.name for s, t in taxonomy.theatres.items()},
            "topic": {s: t.name for s, t in taxonomy.topics.items()}}


class SearchGenerator(Generator):
    """Takes the search work started once items are tagged, or starts it (context);
    writes the indexes and /search/ into the site (output)."""

    def generate_context(self):
        items = self.context.get("items", [])
        self.index_dir = from_pelican(self.settings).search_index
        self.documents = len(items)
        self.first = min((i.date for i in items), default=None)
        self.last = max((i.date for i in items), default=None)
        self.search_build = _started.pop(id(self.settings), None) or _search_build(self.context, self.settings,
                                                                                     self.output_path)

    def generate_output(self, writer):
        if hasattr(writer, "write_later"):  # the pages render while the search process works
            # the search process writes search/data/, and search/whoosh/ is copied there
            writer.write_later(lambda: self._write_output(writer), writes_outside=("search",))
        else:
            self._write_output(writer)

    def _write_output(self, writer):
        index, export = self.search_build.result()
        logger.info(
            "Search index: %d items (%d added, %d updated, %d removed%s) in %.2f s",
            index.documents, index.added, index.updated, index.removed,
            ", rebuilt" if index.rebuilt else "", index.seconds,
            extra={"sitrep_search_index": index},  # read by sitrep.search.bench
        )
        logger.info("Browser search index: %d files, %.0f KB (%.0f KB gzipped) in %.2f s (%d unchanged%s)",
                    export.files, export.bytes / 1024, export.gzip_bytes / 1024, export.seconds, export.carried,
                    _reused(export),
                    extra={"sitrep_search_export": export})
        out = Path(self.output_path)
        if self.settings.get("SITREP_SEARCH_SHIP_WHOOSH"):
            shutil.copytree(self.index_dir, out / "search" / "whoosh", dirs_exist_ok=True)
        writer.write_file(
            "search/index.html", self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url="search/", page_name="search",
            search_documents=self.documents, search_first=self.first, search_last=self.last,
            search_data_url=DATA_DIR + "/", search_facets=facet_values(out),
        )


def _reused(export) -> str:
    """What came from the last build, for the log line."""
    parts = [f"{tier} postings {how}" for tier, how in (("sealed", export.reused), ("recent", export.recent_reused))
             if how]
    reused = f", {' and '.join(parts)} from the last build" if parts else ""
    return reused + (", its export memo used" if export.memo else "")


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.initialized.connect(start_process)
    signals.article_generator_finalized.connect(start_search)
    signals.get_generators.connect(get_generators)
