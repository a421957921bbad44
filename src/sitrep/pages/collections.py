"""Group tagged items into the collections that get pages and feeds:
theatres, topics, places, sources and theatre × topic combinations.

Every theatre and topic of the taxonomy gets a collection (its slug is a
contract, so its URL always resolves); places and combinations get one
only when they hold at least one item, which bounds combinations by
|theatres| × |topics| whatever the archive size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from sitrep.model import Item


@dataclass(slots=True)
class Collection:
    kind: str  # "theatre" | "topic" | "place" | "source" | "combination"
    key: str  # the tag slug ("kharkiv"), or "theatre/topic" for combinations
    path: str  # URL path below the site root, without slashes at the ends
    name: str
    description: str = ""
    items: list[Item] = field(default_factory=list)  # newest first
    place: object | None = None  # a gazetteer Place for place pages
    theatre: str | None = None  # for combinations and places
    topic: str | None = None  # for combinations

    @property
    def url(self) -> str:
        return f"{self.path}/"

    @property
    def feed_url(self) -> str | None:
        if self.kind in ("theatre", "topic", "source") and self.items:  # no empty feeds
            return f"feeds/{self.path}.atom.xml"
        return None

    def counter(self, attr: str) -> Counter:
        """How many of the items carry each tag of ``attr`` (theatres/topics)."""
        return Counter(t for i in self.items for t in getattr(i, attr))

    def place_counts(self) -> Counter:
        return Counter(p.slug for i in self.items for p in i.places)

    def region_counts(self) -> Counter:
        return Counter(r for i in self.items for r in i.regions)


@dataclass(slots=True)
class TagIndex:
    theatres: list[Collection]
    topics: list[Collection]
    places: list[Collection]
    sources: list[Collection]
    combinations: dict[tuple[str, str], Collection]
    places_by_slug: dict[str, object]

    def all(self) -> Iterable[Collection]:
        yield from self.theatres
        yield from self.topics
        yield from self.places
        yield from self.sources
        yield from self.combinations.values()


def build_index(items: list[Item], taxonomy) -> TagIndex:
    """``items`` newest first; ``taxonomy`` has ordered ``theatres``/``topics``
    dicts of objects with ``name`` and ``description``."""
    theatres = {
        slug: Collection("theatre", slug, f"theatres/{slug}", t.name, t.description)
        for slug, t in taxonomy.theatres.items()
    }
    topics = {
        slug: Collection("topic", slug, f"topics/{slug}", t.name, t.description)
        for slug, t in taxonomy.topics.items()
    }
    places: dict[str, Collection] = {}
    sources: dict[str, Collection] = {}
    combos: dict[tuple[str, str], Collection] = {}
    for item in items:
        item_theatres = item.theatres
        item_topics = item.topics
        for t in item_theatres:
            if t in theatres:
                theatres[t].items.append(item)
        for t in item_topics:
            if t in topics:
                topics[t].items.append(item)
        for t in item_theatres:
            for p in item_topics:
                if t in theatres and p in topics:
                    combo = combos.get((t, p))
                    if combo is None:
                        combo = combos[(t, p)] = Collection(
                            "combination", f"{t}/{p}", f"theatres/{t}/{p}",
                            f"{topics[p].name} in {theatres[t].name}", theatre=t, topic=p,
                        )
                    combo.items.append(item)
        for place in item.places:
            coll = places.get(place.slug)
            if coll is None:
                coll = places[place.slug] = Collection(
                    "place", place.slug, f"places/{place.slug}", place.name, place=place,
                    theatre=getattr(place, "theatre", None),
                )
            coll.items.append(item)
        src = sources.get(item.source_slug)
        if src is None:
            src = sources[item.source_slug] = Collection("source", item.source_slug, f"sources/{item.source_slug}", item.source)
        src.items.append(item)
    ordered_places = sorted(places.values(), key=lambda c: c.name.casefold())
    return TagIndex(
        theatres=list(theatres.values()),
        topics=list(topics.values()),
        places=ordered_places,
        sources=sorted(sources.values(), key=lambda c: c.name.casefold()),
        combinations=dict(sorted(combos.items())),
        places_by_slug={c.place.slug: c.place for c in ordered_places},
    )
