"""Pelican plugin: theatre, topic, place and theatre × topic pages, item
feeds, timelines, maps, open data and discoverability files.

All grouping, charting, mapping and export lives in the core
(:mod:`sitrep.pages.collections`, :mod:`sitrep.pages.charts`, :mod:`sitrep.pages.maps`,
:mod:`sitrep.pages.feeds`, :mod:`sitrep.pages.opendata`); this plugin only hands the
results to templates and writes files. Pagination reuses Pelican's own
paginator, so tag pages get the same directory-style URLs as the home page.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from sitrep.pages import charts
from sitrep.pages import feeds
from sitrep.pages import opendata
from sitrep.pages.discovery import robots_txt, sitemap_xml
from sitrep.pages.maps import MapPoint, place_map
from sitrep.pages.collections import build_index

logger = logging.getLogger("sitrep.pages")


class TagPagesGenerator(Generator):
    """Writes everything that groups items by tag."""

    def generate_context(self):
        items = self.context.get("items", [])
        taxonomy = self.context.get("taxonomy")
        if taxonomy is None:
            return
        self.index = build_index(items, taxonomy)
        self.weeks = charts.week_range(min(i.date for i in items), max(i.date for i in items)) if items else []
        self.context["tag_index"] = self.index
        self.context["home_timeline"] = self._timeline(
            items, "theatres", taxonomy.theatres, "Items per week by theatre", "home-timeline"
        )
        self.context["item_feed_url"] = "feeds/all.atom.xml"

    # -- helpers -----------------------------------------------------------
    def _labels(self, tags: dict) -> dict[str, str]:
        return {slug: t.name for slug, t in tags.items()}

    def _timeline(self, items, attr, tags, title, chart_id):
        entries = [(i.date, getattr(i.tags, attr, None) or []) for i in items] if attr else [(i.date, ["all"]) for i in items]
        labels = self._labels(tags) if attr else {"all": "Items"}
        return charts.timeline(entries, self.weeks, labels, title=title, chart_id=chart_id)

    def _landmarks(self):
        return [MapPoint(name, lat, lon) for name, lat, lon in self.settings.get("SITREP_MAP_LANDMARKS", [])]

    def _map(self, collections, title, chart_id):
        points = [
            MapPoint(c.name, c.place.lat, c.place.lon, len(c.items), self._url(c.url))
            for c in collections if getattr(c.place, "lat", None) is not None
        ]
        return place_map(points, self._landmarks(), title=title, chart_id=chart_id)

    def _url(self, path: str) -> str:
        return f"{self.settings['SITEURL']}/{path}"

    def _write_collection(self, writer, coll, template, **extra):
        writer.write_file(
            coll.url + "index.html",
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"items": coll.items},
            template_name=template,
            url=coll.url,
            page_name=coll.path,
            collection=coll,
            item_rows=self.item_rows,
            **extra,
        )

    # -- output ------------------------------------------------------------
    def generate_output(self, writer):
        if not hasattr(self, "index"):
            return
        taxonomy = self.context["taxonomy"]
        index = self.index
        # An item appears on up to a dozen tag pages: render its row once.
        macros = self.get_template("collection_macros").make_module(self.context)
        self.item_rows = {i.id: macros.item_row(i) for i in self.context.get("items", [])}
        place_colls = {c.place.slug: c for c in index.places}
        self._write_lists(writer, taxonomy)
        for coll in index.theatres:
            places = [place_colls[s] for s, _ in coll.place_counts().most_common() if place_colls[s].theatre == coll.key]
            self._write_collection(
                writer, coll, "theatre",
                timeline=self._timeline(coll.items, "topics", taxonomy.topics, f"{coll.name}: items per week by topic", "timeline"),
                map_svg=self._map(places, f"Map of places in {coll.name}", "map"),
                topic_counts=self._counts(coll, "topics", taxonomy.topics, combo_of=coll),
                top_places=[(place_colls[s], n) for s, n in coll.place_counts().most_common(15)],
                region_counts=self._regions(coll),
            )
        for coll in index.topics:
            self._write_collection(
                writer, coll, "topic",
                timeline=self._timeline(coll.items, "theatres", taxonomy.theatres, f"{coll.name}: items per week by theatre", "timeline"),
                theatre_counts=self._counts(coll, "theatres", taxonomy.theatres, combo_of=coll),
                top_places=[(place_colls[s], n) for s, n in coll.place_counts().most_common(15)],
            )
        for coll in index.combinations.values():
            self._write_collection(
                writer, coll, "combination",
                timeline=self._timeline(coll.items, None, {}, f"{coll.name}: items per week", "timeline"),
            )
        for coll in index.places:
            self._write_collection(
                writer, coll, "place",
                timeline=self._timeline(coll.items, "topics", taxonomy.topics, f"{coll.name}: items per week by topic", "timeline"),
                map_svg=self._map([coll], f"Map: {coll.name}", "map"),
                topic_counts=self._counts(coll, "topics", taxonomy.topics),
            )
        self._write_feeds()
        self._write_open_data()
        logger.info(
            "Wrote %d theatre, %d topic, %d place and %d combination pages",
            len(index.theatres), len(index.topics), len(index.places), len(index.combinations),
        )

    def _counts(self, coll, attr, tags, combo_of=None):
        """[(slug, name, count, combination or None)] in taxonomy order."""
        counter = coll.counter(attr)
        rows = []
        for slug, tag in tags.items():
            if not counter[slug]:
                continue
            combo = None
            if combo_of is not None:
                key = (combo_of.key, slug) if coll.kind == "theatre" else (slug, combo_of.key)
                combo = self.index.combinations.get(key)
            rows.append((slug, tag.name, counter[slug], combo))
        return rows

    def _regions(self, coll):
        regions = self.context.get("gazetteer_regions") or {}
        return [(getattr(regions.get(r), "name", r), n) for r, n in coll.region_counts().most_common(12)]

    def _write_lists(self, writer, taxonomy):
        rel = self.settings["RELATIVE_URLS"]
        ledes = {
            "theatres": ("Theatres", "Where things happened: every item is filed under the front sectors and regions it is about."),
            "topics": ("Topics", "What happened: every item carries the kinds of event it reports, often several."),
        }
        for name, colls in (("theatres", self.index.theatres), ("topics", self.index.topics)):
            rows = [(c, self._timeline(c.items, None, {}, f"{c.name}: items per week", f"tl-{c.key}")) for c in colls]
            title, lede = ledes[name]
            writer.write_file(f"{name}/index.html", self.get_template("collections"), self.context, rel,
                              url=f"{name}/", page_name=name, rows=rows, list_title=title, list_lede=lede)
        writer.write_file("places/index.html", self.get_template("places"), self.context, rel,
                          url="places/", page_name="places",
                          map_svg=self._map(self.index.places, "Map of all tagged places", "map"))

    def _write_feeds(self):
        site = self.settings.get("FEED_DOMAIN") or self.settings["SITEURL"] or "http://localhost:8000"
        out = Path(self.output_path)
        items = self.context.get("items", [])
        targets = [("feeds/all.atom.xml", "", f"{self.settings['SITENAME']}: all items", items, "all")]
        for coll in [*self.index.theatres, *self.index.topics, *self.index.sources]:
            if coll.items:
                targets.append((coll.feed_url, coll.url, f"{self.settings['SITENAME']}: {coll.name}", coll.items, coll.path))
        for feed_path, page_url, title, feed_items, key in targets:
            xml = feeds.items_feed(feed_items, title=title, site_url=site, page_url=page_url,
                                   feed_url=feed_path, feed_key=key)
            dest = out / feed_path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(xml, encoding="utf-8")

    def _write_open_data(self):
        out = Path(self.output_path)
        rows = opendata.records(self.context.get("items", []), self.settings["SITEURL"])
        (out / "items.json").write_text(opendata.items_json(rows), encoding="utf-8")
        (out / "items.csv").write_text(opendata.items_csv(rows), encoding="utf-8")
        (out / opendata.SCHEMA_NAME).write_text(opendata.schema_text(), encoding="utf-8")


def write_discovery_files(pelican):
    """sitemap.xml and robots.txt list what the build actually wrote."""
    out = Path(pelican.output_path)
    site = pelican.settings["SITEURL"] or pelican.settings.get("FEED_DOMAIN", "")
    pages = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.name != "404.html"
    )
    (out / "sitemap.xml").write_text(sitemap_xml(site, pages), encoding="utf-8")
    (out / "robots.txt").write_text(robots_txt(site), encoding="utf-8")


def get_generators(pelican):
    return TagPagesGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_discovery_files)
