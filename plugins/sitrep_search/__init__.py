"""Pelican plugin: full-text search of items.

After the items are read and tagged, the Whoosh index in the build cache is
brought up to date (only new or changed items are indexed again); when the
site is written, the browser index is exported from it into search/data/ and
the /search/ page is written with the ``search`` template. Everything lives
in the core: :mod:`sitrep.search_index`, :mod:`sitrep.search_export`.

Settings: SITREP_SEARCH_INDEX_DIR (where the Whoosh index lives; default
SITREP_CACHE_DIR/whoosh/<content folder key>; the environment variable of
the same name wins) and SITREP_SEARCH_SHIP_WHOOSH
(copy the Whoosh index into the site as search/whoosh/; off by default,
browsers never need it).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from sitrep.aliases import load_aliases
from sitrep.search_export import DATA_DIR, export_browser_index
from sitrep.search_index import SearchDoc, index_dir_for, update_index

logger = logging.getLogger("sitrep.search")


class SearchGenerator(Generator):
    """Indexes items (context) and writes the browser index and /search/ (output)."""

    def generate_context(self):
        items = self.context.get("items", [])
        settings = self.settings
        aliases = load_aliases(Path(settings["SITREP_DATA_DIR"]), Path(settings["SITREP_CACHE_DIR"]))
        self.index_dir = index_dir_for(settings)
        content = str(Path(settings["PATH"]).resolve())
        stats = update_index(self.index_dir, [SearchDoc.from_item(i) for i in items], aliases, content)
        self.documents = len(items)
        self.first = min((i.date for i in items), default=None)
        self.last = max((i.date for i in items), default=None)
        logger.info(
            "Search index: %d items (%d added, %d updated, %d removed%s) in %.2f s",
            stats.documents, stats.added, stats.updated, stats.removed,
            ", rebuilt" if stats.rebuilt else "", stats.seconds,
            extra={"sitrep_search_index": stats},  # read by sitrep.search_bench
        )

    def _labels(self) -> dict:
        taxonomy = self.context.get("taxonomy")
        if taxonomy is None:
            return {}
        return {"theatre": {s: t.name for s, t in taxonomy.theatres.items()},
                "topic": {s: t.name for s, t in taxonomy.topics.items()}}

    def generate_output(self, writer):
        out = Path(self.output_path)
        stats = export_browser_index(self.index_dir, out, self._labels(), self.settings["SITEURL"])
        logger.info("Browser search index: %d files, %.0f KB (%.0f KB gzipped) in %.2f s",
                    stats.files, stats.bytes / 1024, stats.gzip_bytes / 1024, stats.seconds,
                    extra={"sitrep_search_export": stats})
        if self.settings.get("SITREP_SEARCH_SHIP_WHOOSH"):
            shutil.copytree(self.index_dir, out / "search" / "whoosh", dirs_exist_ok=True)
        writer.write_file(
            "search/index.html", self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url="search/", page_name="search",
            search_documents=self.documents, search_first=self.first, search_last=self.last,
            search_data_url=DATA_DIR + "/",
        )


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(get_generators)
