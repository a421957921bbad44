"""The place and combination pages queued by a key (sitrep.pages.views.KeyedPages):
their paths are known without making their views, and the key covers what they show."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from sitrep.pages.collections import Collection
from sitrep.pages.views import collection_pages, collection_views


def _items(dates: list[dt.date]) -> list:
    return [SimpleNamespace(date=d, id=f"i{k}") for k, d in enumerate(sorted(dates, reverse=True))]


@pytest.mark.parametrize("count", [0, 1, 19, 20, 21, 40, 41, 95])
@pytest.mark.parametrize("latest", [5, 20])
def test_the_paths_of_a_collection_are_those_of_its_views_in_order(count, latest):
    dates = [dt.date(2024, 1, 1) + dt.timedelta(days=11 * k) for k in range(count)]
    coll = Collection("place", "izium", "places/izium", "Izium", items=_items(dates))
    views = collection_views(coll, {}, latest)
    assert [(p, t) for p, t, _ in collection_pages(coll, latest)] == [(v.path, v.template) for v in views]


def test_a_keyed_collection_changes_its_key_when_its_items_change():
    """The key holds the collection's own items and names, and the layout's code."""
    from sitrep.pages.tag_pages import TagPages

    taxonomy = SimpleNamespace(theatres={}, topics={"strikes": SimpleNamespace(name="Strikes", description="")})
    place = SimpleNamespace(slug="izium", name="Izium", lat=49.2, lon=37.3, theatre=None, region_name="")
    first = SimpleNamespace(date=dt.date(2024, 1, 3), id="a", theatres=[], topics=["strikes"], places=[place],
                            regions=[], source_slug="s", source="S")
    second = SimpleNamespace(date=dt.date(2024, 1, 9), id="b", theatres=[], topics=["strikes"], places=[place],
                             regions=[], source_slug="s", source="S")

    def key(items):
        pages = TagPages.of_archive(items, taxonomy, {}, "", [])
        return [p.pages for p in pages.keyed_pages()]

    assert key([first]) != key([second, first])
    assert key([first]) == key([first])


def test_an_item_in_a_new_month_leaves_the_keys_of_the_earlier_months_but_the_last():
    """A month page's key holds its own items and the months beside it, not the collection's."""
    dates = [dt.date(2024, 1, 1) + dt.timedelta(days=5 * k) for k in range(30)]
    items = _items(dates)
    newer = SimpleNamespace(date=dt.date(2024, 12, 1), id="new")
    before = {p: k for p, _, k in collection_pages(Collection("place", "a", "places/a", "A", items=items), 20)}
    after = {p: k for p, _, k in collection_pages(Collection("place", "a", "places/a", "A", items=[newer, *items]), 20)}
    changed = sorted(p for p in before if before[p] != after[p])
    assert changed == ["places/a/2024/05/index.html", "places/a/index.html"]
