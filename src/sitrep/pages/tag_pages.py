"""The theatre, topic, place and combination pages, and the lists of them.

Composes what each page shows (timelines, maps, tag counts, most-mentioned
places, regions) from the tag index (:mod:`sitrep.pages.collections`), as
:class:`~sitrep.pages.views.View` objects for the plugin to write. Charts and
maps are :class:`Deferred`: made only when the page is rendered, so a page
carried over from the previous build costs nothing, yet its fingerprint still
covers everything the chart is drawn from.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from sitrep.files.digest import code_digest
from sitrep.pages import charts, maps
from sitrep.pages.collections import Collection, TagIndex, build_index
from sitrep.pages.deferred import Deferred
from sitrep.pages.maps import MapPoint, place_map, place_points
from sitrep.pages.maps.outline_store import OutlineStore
from sitrep.pages.maps.points import by_place
from sitrep.pages.place_table import place_rows
from sitrep.pages.views import LATEST_ITEMS, KeyedPages, View, collection_pages, collection_views

LIST_LEDES = {
    "theatres": ("Theatres",
                 "Where things happened: every item is filed under the front sectors and regions it is about."),
    "topics": ("Topics", "What happened: every item carries the kinds of event it reports, often several."),
}


#: A place or a combination gets a timeline when its items fall in at least this many
#: weeks. Fewer make a chart of one or two bars that says no more than the dates of the
#: item list under it (two thirds of the places at 1,000 reports; their charts and data
#: tables were a fifth of the place pages' bytes).
TIMELINE_MIN_WEEKS = 3
#: ... and its topic counts from this many items: the counts of one or two items say what
#: their rows' tag lines say.
COUNTS_MIN_ITEMS = 3


@functools.cache
def _layout_code() -> bytes:
    """The code that makes a collection's views from it (see :meth:`TagPages.keyed_pages`)."""
    return code_digest("sitrep.pages.views", "sitrep.pages.tag_pages", "sitrep.pages.collections",
                       "sitrep.pages.deferred", "sitrep.pages.place_table")


def charted(items: list) -> bool:
    """Whether the items of a place or combination are spread enough to chart."""
    return charts.spans_weeks((item.date for item in items), TIMELINE_MIN_WEEKS)


@dataclass
class TagPages:
    """Everything the tag pages are drawn from."""

    index: TagIndex
    taxonomy: Any  # theatres and topics: ordered dicts of objects with name and description
    weeks: list
    site_url: str
    landmarks: list[tuple[str, float, float]]
    region_names: Mapping[str, str]
    latest: int = LATEST_ITEMS  # items on a tag's own page; more get month pages
    outlines: OutlineStore | None = None  # the map outlines kept between builds
    _made: dict = field(default_factory=dict, repr=False, compare=False)  # made once per build: _labels, _places

    # -- charts and maps ---------------------------------------------------

    def timeline(self, items: list, attr: str | None, title: str, chart_id: str, y_max: int | None = None,
                 own_weeks: bool = False) -> Deferred:
        """Items per week over the whole archive, or with ``own_weeks`` over the
        weeks of these items only: a place's or a combination's page then
        changes when it gets items, not every time the archive grows a day
        (nor when its last week stops being the archive's latest: such a
        chart never hatches that week)."""
        labels = self._labels(attr)
        none_label = {"theatres": "No theatre", "topics": "No topic"}.get(attr, "No tag")
        weeks = self._own_weeks(items) if own_weeks and items else self.weeks
        through = getattr(weeks, "through", None)  # the last day: is the last week over?

        def make():
            entries = ([(i.date, getattr(i, attr)) for i in items] if attr
                       else [(i.date, ["all"]) for i in items])
            return charts.timeline(entries, weeks, labels, title=title, chart_id=chart_id,
                                   y_max=y_max, through=through, none_label=none_label, open_end=own_weeks)

        # the chart takes from the archive's last day only whether the last week is over: a key with
        # the day itself made every page with a timeline render again with every report added.
        # The items themselves, not (date, tags) pairs: an item's digest is memoised, where a pair made
        # per item and chart was digested afresh, about 1 s of every build at 5,000 reports. The price:
        # an edit of an item's text also renders the pages whose charts count it (its theatres', topics'
        # and places' pages, the home page, /theatres/ and /topics/)
        # ``weeks`` itself, not a copy: the archive's weeks are then one object for every chart, digested
        # once per build (a Weeks is a list and digests as one); so are ``labels`` (see _labels)
        key = ("timeline", charts.drawing_digest(), items, attr, labels, weeks,
               charts.partial_week(weeks, through), y_max, title, chart_id, own_weeks)
        return Deferred(key, make)

    def _places(self) -> dict[str, Any]:
        """The place collections by slug, made once for the pages of every theatre and topic."""
        found = self._made.get("places")
        if found is None:
            found = self._made["places"] = by_place(self.index.places)
        return found

    def _labels(self, attr: str | None) -> dict[str, str]:
        """The legend's names of the tags of ``attr``: one dict per kind for every chart, not
        a new one per chart, so a build digests each once instead of once per tag page
        (thousands of place pages read the topics' names)."""
        found = self._made.get(("labels", attr))
        if found is None:
            tags = getattr(self.taxonomy, attr) if attr else {}
            found = {slug: t.name for slug, t in tags.items()} if attr else {"all": "Items"}
            self._made[("labels", attr)] = found
        return found

    @classmethod
    def of_archive(cls, items: list, taxonomy: Any, regions: Mapping[str, Any], site_url: str,
                   landmarks: list[tuple[str, float, float]], latest: int = LATEST_ITEMS,
                   outlines: OutlineStore | None = None) -> "TagPages":
        """The tag pages of tagged ``items``: their collections, the archive's
        weeks for the timelines, the regions' names for the region lists."""
        weeks = charts.week_range(min(i.date for i in items), max(i.date for i in items)) if items else []
        names = {slug: region.name for slug, region in regions.items()}
        return cls(build_index(items, taxonomy), taxonomy, weeks, site_url, landmarks, names, latest, outlines)

    def home_timeline(self, items: list) -> Deferred:
        """The home page's timeline: every item per week, by theatre."""
        return self.timeline(items, "theatres", "Items per week by theatre", "home-timeline")

    @staticmethod
    def _own_weeks(items: list):
        """The weeks from the first item's to the last item's, none of them
        hatched as the archive's latest: a hatch there came off when the archive
        reached a later week, and every place and combination with items in the
        week before changed with it (hundreds of pages each Monday at seven
        reports a day) though none of their items had."""
        dates = [i.date for i in items]
        weeks = charts.week_range(min(dates), max(dates))
        weeks.through = None  # not told the archive's last day: no partial week
        return weeks

    def map(self, points: list, title: str, chart_id: str) -> Deferred:
        """``points`` from :func:`~sitrep.pages.maps.place_points`: the list the page's table or list shows."""
        def make():
            marks = [MapPoint(name, lat, lon) for name, lat, lon in self.landmarks]
            return place_map(points, marks, title=title, chart_id=chart_id, outlines=self.outlines)

        key = ("map", maps.drawing_digest(), [(p.slug, p.name, p.lat, p.lon, p.count) for p in points],
               self.landmarks, title, chart_id)
        return Deferred(key, make)

    # -- breakdowns --------------------------------------------------------

    def counts(self, coll: Collection, attr: str, combo_of: Collection | None = None) -> list[tuple]:
        """[(slug, name, count, combination or None)] in taxonomy order."""
        counter = coll.counter(attr)
        rows = []
        for slug, tag in getattr(self.taxonomy, attr).items():
            if not counter[slug]:
                continue
            combo = None
            if combo_of is not None:
                key = (combo_of.key, slug) if coll.kind == "theatre" else (slug, combo_of.key)
                combo = self.index.combinations.get(key)
            rows.append((slug, tag.name, counter[slug], combo and combo.url))
        return rows

    def top_places(self, coll: Collection, n: int = 15, points: list | None = None) -> list[tuple]:
        """(name, URL, count) of the most-mentioned places: the counts of the map's dots."""
        points = place_points(self._places(), within=coll, limit=n) if points is None else points
        return [(p.name, p.url, p.count) for p in points[:n]]

    def regions(self, coll: Collection, n: int = 12) -> list[tuple[str, int]]:
        return [(self.region_names.get(r, r), k) for r, k in coll.region_counts().most_common(n)]

    # -- pages -------------------------------------------------------------

    def views(self) -> Iterable[View]:
        """Every tag page's view, made now (the plugin queues the keyed ones by their key)."""
        yield from self.unkeyed_views()
        for pages in self.keyed_pages():
            yield from pages.make()

    def unkeyed_views(self) -> Iterable[View]:
        """The lists of tags, and the theatres' and topics' own pages (their month
        pages are keyed: :meth:`keyed_pages`)."""
        yield from self.list_views()
        for coll in self.index.theatres:
            places = place_points(self._places(), within=coll)  # one count for the map and the list
            yield collection_views(coll, {
                "timeline": self.timeline(coll.items, "topics", f"{coll.name}: items per week by topic", "timeline"),
                "map_svg": self.map(places, f"Map of places in {coll.name}", "map"),
                "topic_counts": self.counts(coll, "topics", combo_of=coll),
                "top_places": self.top_places(coll, points=places), "region_counts": self.regions(coll)},
                self.latest)[0]
        for coll in self.index.topics:
            yield collection_views(coll, {
                "timeline": self.timeline(coll.items, "theatres", f"{coll.name}: items per week by theatre",
                                          "timeline"),
                "theatre_counts": self.counts(coll, "theatres", combo_of=coll), "top_places": self.top_places(coll)},
                self.latest)[0]

    def keyed_pages(self) -> Iterable[KeyedPages]:
        """The month and numbered pages of every theatre and topic, then the pages
        of every combination and place, each collection's as
        :class:`~sitrep.pages.views.KeyedPages`. These views read nothing of the
        archive but their own collection (the timelines count the weeks of their
        own items, the maps show their own place), so what each page shows of it
        (:func:`~sitrep.pages.views.collection_pages`) and this build's common
        part (:meth:`_key_base`) are the whole key. A theatre's or topic's own
        page is not keyed: its map, place list and timeline read the whole archive."""
        base = self._key_base()
        for coll in (*self.index.theatres, *self.index.topics):  # their month and numbered pages
            yield KeyedPages(base, collection_pages(coll, self.latest)[1:], lambda coll=coll: self._months(coll))
        for coll in self.index.combinations.values():
            yield self._keyed(coll, base, self._combination_views)
        for coll in self.index.places:
            yield self._keyed(coll, base, self._place_views)

    def _keyed(self, coll: Collection, base: tuple, views: Callable[[Collection], list[View]]) -> KeyedPages:
        return KeyedPages(base, collection_pages(coll, self.latest), lambda: views(coll))

    def _key_base(self) -> tuple:
        """What every keyed collection's pages are laid out by, one object per build
        (digested once): the page and chart code, the drawing code, the number of
        latest items, the landmarks and the topics' names (the order and names of
        the counts and the timelines' legends)."""
        found = self._made.get("key base")
        if found is None:
            found = self._made["key base"] = (
                _layout_code(), charts.drawing_digest(), maps.drawing_digest(), self.latest,
                self.landmarks, list(self._labels("topics").items()), list(self._labels(None).items()))
        return found

    def _months(self, coll: Collection) -> list[View]:
        """A theatre's or topic's month and numbered pages, which show none of its overview."""
        return collection_views(coll, {}, self.latest)[1:]

    def _combination_views(self, coll: Collection) -> list[View]:
        return collection_views(coll, {
            "timeline": self.timeline(coll.items, None, f"{coll.name}: items per week", "timeline",
                                      own_weeks=True) if charted(coll.items) else None}, self.latest)

    def _place_views(self, coll: Collection) -> list[View]:
        return collection_views(coll, {
            "timeline": self.timeline(coll.items, "topics", f"{coll.name}: items per week by topic", "timeline",
                                      own_weeks=True) if charted(coll.items) else None,
            "map_svg": self.map(place_points([coll]), f"Map: {coll.name}", "map"),
            "topic_counts": self.counts(coll, "topics") if len(coll.items) >= COUNTS_MIN_ITEMS else []},
            self.latest)

    def list_views(self) -> Iterable[View]:
        for name, colls in (("theatres", self.index.theatres), ("topics", self.index.topics)):
            y_max = charts.shared_y_max([i.date for i in c.items] for c in colls)  # one scale for all cards
            rows = [(c, len(c.items), self.timeline(c.items, None, f"{c.name}: items per week", f"tl-{c.key}", y_max))
                    for c in colls]
            title, lede = LIST_LEDES[name]
            yield View(f"{name}/index.html", "collections", f"{name}/",
                       {"page_name": name, "rows": rows, "list_title": title, "list_lede": lede})
        yield View("places/index.html", "places", "places/", {
            "page_name": "places", "place_rows": place_rows(self.index.places),
            "map_svg": self.map(place_points(self.index.places), "Map of all tagged places", "map")})
