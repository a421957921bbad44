"""The rows of the /places/ table: one per place, with a label a reader can
tell apart from its namesakes.

Gazetteers hold several places of one name (two villages called Pokrovske in
different oblasts); a table that shows "Pokrovske" twice gives no way to pick
the right one, so a shared name is followed by the region, or by the country
where the regions agree too, or by the region and the coordinates (two
villages of one name in one oblast) as the last resort.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """What the table shows of a place; ``latest`` is the date of its newest item."""

    label: str
    url: str
    region: str
    theatre: str | None
    count: int
    latest: dt.date | None


def _qualifier(place, field: str) -> str:
    if field == "position":
        lat, lon = getattr(place, "lat", None), getattr(place, "lon", None)
        if lat is None or lon is None:
            return ""
        where = f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"
        region = _qualifier(place, "region_name")
        return f"{region}, {where}" if region else where
    return str(getattr(place, field, "") or "")


def distinct_labels(places: list) -> list[str]:
    """Labels for ``places`` (gazetteer places: name, region_name, country,
    lat, lon, slug) in their order: the name alone when it is unique, else
    "Name (Region)", "Name (Country)", "Name (Region, 48.12° N, 37.50° E)"
    or "Name (slug)", the first qualifier that tells each apart from every
    namesake."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(places):
        by_name[p.name.casefold()].append(i)
    labels = [p.name for p in places]
    for indices in by_name.values():
        if len(indices) < 2:
            continue
        for field in ("region_name", "country", "position", "slug"):
            values = [_qualifier(places[i], field) for i in indices]
            if all(values) and len(set(values)) == len(values):
                for i, value in zip(indices, values):
                    labels[i] = f"{places[i].name} ({value})"
                break
    return labels


def place_rows(collections: Iterable) -> list[PlaceRow]:
    """One row per place collection (items newest first), in the given order."""
    colls = list(collections)
    labels = distinct_labels([c.place for c in colls])
    return [PlaceRow(label, c.url, _qualifier(c.place, "region_name"), c.theatre, len(c.items),
                     c.items[0].date if c.items else None)
            for label, c in zip(labels, colls)]
