"""Pelican plugin: tag every item by theatre, topic and place.

Runs on ``article_generator_pretaxonomy``, i.e. after the reports are read
and before Pelican builds its own taxonomies, with exactly the tagger that
``invoke tag`` uses. Editors' per-item overrides are applied by the tagger.
Tag sets of unchanged items come from :mod:`sitrep.tagging.cache`.
"""

from __future__ import annotations

import logging
import time

from pelican import signals

from sitrep.config import from_pelican
from sitrep.tagging import load_tagger
from sitrep.tagging.cache import CachedTagger

logger = logging.getLogger("sitrep.tags")


def tag_items(generator):
    conf = from_pelican(generator.settings)
    started = time.perf_counter()
    tagger = CachedTagger(load_tagger(conf.data, conf.cache), conf.data, conf.cache)
    count = 0
    for article in generator.articles:
        report = getattr(article, "report", None)
        if report is None:
            continue
        for item in report.items:
            item.tags = tagger.tag(item.headline, item.text, item.overrides, item.date)
            for warning in item.tags.warnings:
                logger.warning("%s:%s: %s", report.path, item.overrides.line or item.line, warning)
            count += 1
    tagger.save()
    generator.context["taxonomy"] = tagger.tagger.taxonomy
    generator.context["gazetteer_regions"] = tagger.tagger.gazetteer.regions
    logger.info("Tagged %d items (%d from the cache) in %.2f s", count, tagger.hits, time.perf_counter() - started)


def register():
    signals.article_generator_pretaxonomy.connect(tag_items)
