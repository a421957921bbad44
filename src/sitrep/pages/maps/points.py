"""The points a map draws, and the one count per place shared with the page's lists.

A page shows its places twice: as dots on the map and as rows of the table
or "most-mentioned places" list beside it. :func:`place_points` computes the
places and counts once; the page composer hands the same list to
:func:`~sitrep.pages.maps.svg.place_map` and to the list, so the two can
never disagree.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A reference point (``SITREP_MAP_LANDMARKS``), or any point to map."""

    name: str
    lat: float
    lon: float
    count: int = 0
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """One place of a page with its item count, for the map and the lists.

    ``url`` is the place page's path below the site root (``places/izium/``)
    and ``collection`` its place collection, so templates can use a
    PlacePoint where they used a place collection (``.name``, ``.url``)."""

    slug: str
    name: str
    lat: float | None
    lon: float | None
    count: int
    url: str
    region: str = ""
    theatre: str | None = None
    collection: object = None


def by_place(collections: Iterable) -> dict[str, object]:
    """Place collections by their place's slug: what :func:`place_points` looks places up in.
    Made once, it can be handed to each call (the pages of every theatre and topic ask)."""
    return {c.place.slug if getattr(c, "place", None) is not None else c.key: c for c in collections}


def place_points(collections: Iterable, within=None, limit: int | None = None) -> list[PlacePoint]:
    """The places of a page and how many of its items mention each: the one
    source of the numbers on the map and in the list or table beside it.

    ``collections``: place collections (``TagIndex.places``), or :func:`by_place` of them. ``within``: a
    theatre or topic collection (anything with ``place_counts()``): count
    only its items and keep only the places they mention; None: every item
    of each place. Most-mentioned first, then by name. ``limit``: only the first
    so many, the others never made (a topic's list shows 15 of its hundreds of
    places, and a point for each was most of queueing the topics' pages)."""
    colls = collections if isinstance(collections, dict) else by_place(collections)
    if within is not None:
        counts = Counter(within.place_counts())
    else:
        counts = Counter({slug: len(c.items) for slug, c in colls.items()})
    counts = {slug: n for slug, n in counts.items() if n > 0 and colls.get(slug) is not None}
    if limit and len(counts) > limit:  # those ranked past the limit-th count cannot come first
        floor = heapq.nlargest(limit, counts.values())[-1]
        counts = {slug: n for slug, n in counts.items() if n >= floor}
    points = []
    for slug, n in counts.items():
        coll = colls[slug]
        place = coll.place
        points.append(PlacePoint(
            slug=slug, name=coll.name, lat=getattr(place, "lat", None), lon=getattr(place, "lon", None),
            count=n, url=coll.url, region=getattr(place, "region_name", "") or "",
            theatre=getattr(coll, "theatre", None), collection=coll,
        ))
    points.sort(key=lambda p: (-p.count, p.name.casefold(), p.slug))
    return points if limit is None else points[:limit]
