"""What the pages of a real build show, compactly: each item's headline, link,
source and tags on list pages without the list's own tag repeated; tags on item
and report pages without a class per group; no chart for a place or combination
of one or two weeks; the page frame's tagline on the home page only; moved
list pages without the frame. (Issue 12, a lighter site.)"""

from __future__ import annotations

import datetime as dt
import html as htmllib
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import html5lib

from sitrep.pages.charts import week_start
from sitrep.pages.opendata import read_items
from sitrep.pages.tag_pages import COUNTS_MIN_ITEMS, TIMELINE_MIN_WEEKS, charted


def parse(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def text(el) -> str:
    return "".join(el.itertext())


def items_by_url(out: Path) -> dict[str, dict]:
    return {urlparse(row["url"]).path: row for row in read_items(out)}


def test_a_report_page_links_each_items_headline_to_its_page(fixture_site):
    """The headline is the way to the item's permalink page: no 'Permalink'
    line under every item, no second id per section."""
    out = fixture_site.site
    items = items_by_url(out)
    seen = 0
    for page in (out / "reports").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        assert "Permalink" not in html, page
        for section in parse(page).iter("section"):
            if section.get("class") != "item":
                continue
            assert section.get("aria-labelledby") is None and section.find("h2").get("id") is None
            link = section.find("h2/a")
            row = items[urlparse(link.get("href")).path]
            assert text(link) == row["headline"] and section.get("id") == row["url"].rstrip("/").rsplit("/", 1)[1]
            assert section.find("dl") is not None  # the item's tags, linked
            seen += 1
    assert seen == len(items)


def test_item_pages_list_every_tag_linked_one_group_a_line(fixture_site):
    out = fixture_site.site
    for url, row in items_by_url(out).items():
        page = out / url.strip("/") / "index.html"
        html = page.read_text(encoding="utf-8")
        tags = parse(page).find(".//dl[@class='tags']")
        links = {a.get("href") for a in tags.iter("a")}
        assert links == ({f"/theatres/{s}/" for s in row["theatres"]} | {f"/topics/{s}/" for s in row["topics"]}
                         | {f"/places/{p['slug']}/" for p in row["places"]}), url
        groups = tags.findall("div")
        assert groups and all(g.get("class") is None and g[0].tag == "dt" for g in groups)
        # the related items and the citation are labelled by their headings, with no ids to do it
        assert "related_heading" not in html and "cite_heading" not in html
        assert "Cite this item" in html


def test_month_rows_name_headline_source_and_tags_but_not_the_lists_own_tag(reader_site):
    """A month page's row: the headline linking the item, the source as <cite>,
    one line of tags, leaving out the tag whose month page it is (every row
    has it)."""
    out = reader_site.site
    items = items_by_url(out)
    rows = 0
    for kind, key in (("theatres", "theatres"), ("topics", "topics")):
        for page in sorted((out / kind).glob("*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html")):
            slug = page.relative_to(out / kind).parts[0]
            for li in parse(page).iter("li"):
                if li.find("cite") is None:
                    continue
                row = items[urlparse(li.find("a").get("href")).path]
                assert text(li.find("a")) == row["headline"] and text(li.find("cite")) == row["source"]
                assert slug in row[key]
                others = [s for s in row[key] if s != slug]
                groups = ([row["theatres"]] if key == "topics" else [others]) + \
                         ([others] if key == "topics" else [row["topics"]]) + [row["places"]]
                line = li.find("p")
                assert len(line.findall("span") if line is not None else []) == sum(1 for g in groups if g), page
                rows += 1
    assert rows


def test_places_of_few_weeks_have_no_timeline_and_their_rows_say_their_topics(fixture_site):
    """A place whose items fall in one or two weeks gets its map and its item
    rows, not a chart of one or two bars nor topic counts that repeat the rows."""
    out = fixture_site.site
    by_place: dict[str, list] = {}
    for row in read_items(out):
        for place in row["places"]:
            by_place.setdefault(place["slug"], []).append(row)
    assert by_place
    for slug, rows in by_place.items():
        page = out / "places" / slug / "index.html"
        html = htmllib.unescape(page.read_text(encoding="utf-8"))
        weeks = {week_start(dt.date.fromisoformat(r["date"])) for r in rows}
        assert ('class="timeline"' in html) == (len(weeks) >= TIMELINE_MIN_WEEKS), slug
        assert ('id="topics-heading"' in html) == (len(rows) >= COUNTS_MIN_ITEMS), slug
        assert 'class="place-map"' in html or rows[0]["places"][0].get("lat") is None
        for r in rows:
            assert r["url"] in html and r["headline"] in html
    # the theatres' pages keep their timelines
    assert all('class="timeline"' in p.read_text(encoding="utf-8") for p in (out / "theatres").glob("*/index.html"))


def test_a_timeline_needs_items_in_three_weeks():
    day = dt.date(2025, 2, 3)  # a Monday
    make = lambda *offsets: [SimpleNamespace(date=day + dt.timedelta(days=d)) for d in offsets]  # noqa: E731
    assert not charted(make(0, 1, 2, 3, 4, 5, 6))  # one week, seven items
    assert not charted(make(0, 7, 8))  # two weeks
    assert charted(make(0, 7, 14))
    assert charted([SimpleNamespace(date=dt.datetime(2025, 2, 3, 9, 30)), *make(9, 30)])


def test_the_tagline_is_on_the_home_page_only(fixture_site):
    out = fixture_site.site
    tagline = 'class="site-tagline"'
    assert tagline in (out / "index.html").read_text(encoding="utf-8")
    others = [p for p in out.rglob("*.html") if p != out / "index.html"]
    assert others and not any(tagline in p.read_text(encoding="utf-8") for p in others)


def test_moved_list_pages_send_readers_on_without_the_site_frame(tmp_path, compiled_cache):
    """The numbered pages of the old paginated lists (here the home list's, one
    report a page) redirect at once, without the menu and footer of a page."""
    from conftest import _build_site, _site

    _build_site(tmp_path, compiled_cache, DEFAULT_PAGINATION=1)
    out = _site(tmp_path).site
    moved = [p for p in out.rglob("index.html") if "/page/" in p.as_posix()]
    assert moved
    for page in moved:
        html = page.read_text(encoding="utf-8")
        doc = parse(page)
        target = doc.find(".//main//a").get("href")
        assert f'http-equiv="refresh" content="0; url={target}"' in html and 'name="robots" content="noindex"' in html
        assert "site-nav" not in html and "site-footer" not in html and len(html.encode()) < 1000
        assert doc.get("lang") and len(list(doc.iter("h1"))) == 1
