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


# -- item and report pages, through whole builds ------------------------------------------------------


def _page_showing(root, text: str) -> str:
    """The one item page whose heading is ``text``."""
    heading = f'<h1 id="item_title">{text}</h1>'
    found = [p.relative_to(root).as_posix() for p in root.glob("reports/*/*/index.html")
             if heading in p.read_text(encoding="utf-8")]
    assert len(found) == 1, (text, found)
    return found[0]


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_item_and_report_pages_keyed_are_rendered_again_when_what_they_show_changes(tmp_path, compiled_cache):
    """An item page's key holds its item, its report, the items beside it and its
    related items; a report page is digested by its report. Each change below
    touches only another item or report than the page's own, and the page
    must change and be what a clean build makes (the whole site must be)."""
    from test_incremental import Project, tree

    project = Project(tmp_path, compiled_cache)
    for n in (3, 6, 9):  # three reports in January, within the related items' window
        project.apply(("add", n))
    report = {n: project.content / "reports" / "2025" / f"gen-{n}.md" for n in (3, 6, 9)}
    live, _ = project.build_both()
    drone_6 = _page_showing(live, "Drone attack on Dnipro damages houses")
    drone_9 = _page_showing(live, "Drone attack on Sumy damages houses")
    report_9 = drone_9.rsplit("/", 2)[0] + "/index.html"
    changes = [
        # a neighbour's headline: the item before it in its report shows it
        (report[6], "continue in Istanbul", "continue in Istanbul and Doha", [drone_6]),
        # a related item's tag: an earlier item now shares the place, so it comes first
        (report[3], "Drone attack on Zaporizhzhia", "Drone attack on Sumy", [drone_9]),
        # a report's title: its item pages name it, the next report's page links to it
        (report[6], "Title: Generated digest 6", "Title: Generated digest six", [drone_6, report_9]),
        # a report's text: its page shows it, its item pages do not change
        (report[9], "the regional governor said.", "the regional governor said on Monday.", [report_9]),
        # a report's new last item: the first item's page counts the report's items
        (report[9], "exchange of prisoners of war.\n",
         "exchange of prisoners of war.\n\n## Power restored in Sumy\n\nEngineers restored power overnight.\n",
         [drone_9]),
    ]
    for path, old, new, pages in changes:
        before = tree(live)
        _replace(path, old, new)
        live, clean = project.build_both()
        after = tree(live)
        assert after == tree(clean), f"{old!r} -> {new!r}: the site differs from a clean build"
        for page in pages:
            assert after.get(page) != before.get(page), f"{old!r} -> {new!r}: {page} was not rendered again"
