"""Pelican plugin: tag every item by theatre, topic and place.

Runs on ``article_generator_pretaxonomy``, i.e. after the reports are read
and before Pelican builds its own taxonomies, with exactly the tagger that
``invoke tag`` uses. Editors' per-item overrides are applied by the tagger.
Tag sets of unchanged items come from :mod:`sitrep.tagging.cache`; the others
are tagged on every core (:mod:`sitrep.tagging.parallel`, ``SITREP_JOBS``).
A gazetteer missing from the cache is compiled while the reports are read
(:mod:`sitrep.tagging.warm`, started on the ``initialized`` signal).
"""

from __future__ import annotations

import logging
import time

from pelican import signals

from sitrep.config import from_pelican
from sitrep.tagging import load_tagger
from sitrep.tagging.cache import CachedTagger
from sitrep.tagging.warm import GazetteerWarmer, warm_gazetteer

logger = logging.getLogger("sitrep.tags")

_warming: dict[int, GazetteerWarmer] = {}  # by the build's settings (id), until it tags


def start_warming(pelican):
    for key, done in [(k, w) for k, w in _warming.items() if not w.process.is_alive()]:
        done.wait()  # a build that failed before it tagged: reap its child (a later build reads the cache)
        del _warming[key]
    conf = from_pelican(pelican.settings)
    warmer = warm_gazetteer(conf.data, conf.cache, pelican.settings.get("SITREP_JOBS"))
    if warmer is not None:
        _warming[id(pelican.settings)] = warmer


def tag_items(generator):
    conf = from_pelican(generator.settings)
    started = time.perf_counter()
    warmer = _warming.pop(id(generator.settings), None)
    if warmer is not None:
        warmer.wait()
    tagger = CachedTagger(load_tagger(conf.data, conf.cache), conf.data, conf.cache)
    reports = [r for r in (getattr(a, "report", None) for a in generator.articles) if r is not None]
    items = [(report, item) for report in reports for item in report.items]
    tag_sets = tagger.tag_all([(i.headline, i.text, i.overrides, i.date) for _, i in items],
                              generator.settings.get("SITREP_JOBS"))
    for (report, item), tags in zip(items, tag_sets):
        item.tags = tags
        for warning in tags.warnings:
            logger.warning("%s:%s: %s", report.path, item.overrides.line or item.line, warning)
    count = len(items)
    tagger.save()
    generator.settings["SITREP_TAGGER_KEY"] = tagger.fingerprint  # for the item digests kept between builds
    generator.context["taxonomy"] = tagger.tagger.taxonomy
    generator.context["gazetteer_regions"] = tagger.tagger.gazetteer.regions
    logger.info("Tagged %d items (%d from the cache) in %.2f s", count, tagger.hits, time.perf_counter() - started)


def register():
    signals.initialized.connect(start_warming)
    signals.article_generator_pretaxonomy.connect(tag_items)
