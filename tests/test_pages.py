"""Theatre, topic, place and combination pages, feeds, charts, maps and
open data, checked on a real build of the fixture archive."""

from __future__ import annotations

import hashlib
import json
import re
import xml.dom.minidom
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import html5lib
import jsonschema
import pytest

from sitrep.pages.opendata import read_items


@pytest.fixture(scope="module")
def site(fixture_site):
    out = fixture_site.site
    return out, {"items": read_items(out)}


def pages_of(out: Path, prefix: str) -> set[str]:
    return {p.parent.relative_to(out / prefix).as_posix() for p in (out / prefix).rglob("index.html")
            if "/page/" not in p.as_posix()}


def test_items_json_indexes_monthly_parts_that_validate_and_are_sorted(site):
    out, data = site
    index = json.loads((out / "items.json").read_text())
    jsonschema.validate(index, json.loads((out / "items-index.schema.json").read_text()))
    schema = json.loads((out / "items.schema.json").read_text())
    for part in index["parts"]:
        doc = json.loads((out / part["json"]).read_text())
        jsonschema.validate(doc, schema)
        assert {r["date"][:7] for r in doc["items"]} == {part["month"]} == {doc["month"]}
        assert hashlib.sha256((out / part["csv"]).read_bytes()).hexdigest() == part["csv_sha256"]
        assert len((out / part["csv"]).read_text().splitlines()) == part["count"] + 1  # a header and a row per item
    keys = [(r["date"], r["id"]) for r in data["items"]]
    assert keys == sorted(keys) and index["count"] == len(keys) == 6
    assert [p["month"] for p in index["parts"]] == sorted({k[0][:7] for k in keys})
    assert (out / "items.csv").read_text().splitlines()[0] == "month,count,json,csv,json_sha256,csv_sha256"


def test_every_item_appears_on_each_of_its_tag_pages(site):
    out, data = site
    for row in data["items"]:
        link = urlparse(row["url"]).path
        for kind, slugs in (("theatres", row["theatres"]), ("topics", row["topics"]),
                            ("places", [p["slug"] for p in row["places"]])):
            for slug in slugs:
                html = "".join(p.read_text() for p in (out / kind / slug).glob("**/index.html")
                               if p.parent == out / kind / slug or "/page/" in p.as_posix())
                assert link in html, f"{row['id']} missing from /{kind}/{slug}/"


def test_a_month_page_lists_each_item_of_its_month_once_under_its_day(reader_site):
    """A theatre's, topic's or place's month: one heading per day, newest first,
    each item of that tag and month once, as a compact row under its date."""
    out = reader_site.site
    items = read_items(out)
    most_days = 0
    for kind in ("theatres", "topics", "places"):
        months = sorted((out / kind).glob("*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html"))
        assert months or kind == "places", kind  # the fixture's places have too few items for months
        for page in months:
            slug, year, month = page.relative_to(out / kind).parts[:3]
            doc = html5lib.parse(page.read_text(), namespaceHTMLElements=False)
            section = next(s for s in doc.iter("section") if s.get("class") == "collection-items")
            days, listed = [], []
            for child in section:
                if child.tag == "h3":
                    days.append(child.find("time").get("datetime"))
                elif child.tag == "ul":
                    listed += [(days[-1], li.find("a").get("href")) for li in child.findall("li")]
            assert days == sorted(set(days), reverse=True), page
            assert not [p for p in section.iter("p") if p.get("class") == "excerpt"], page  # compact rows
            most_days = max(most_days, len(days))
            tags = {"theatres": lambda row: row["theatres"], "topics": lambda row: row["topics"],
                    "places": lambda row: [p["slug"] for p in row["places"]]}[kind]
            expected = sorted((row["date"], urlparse(row["url"]).path) for row in items
                              if slug in tags(row) and row["date"].startswith(f"{year}-{month}"))
            assert sorted(listed) == expected, page
    assert most_days > 1  # the order of days was checked on some page


def test_page_counts_equal_what_the_tagger_produced(site):
    out, data = site
    places = {p["slug"] for r in data["items"] for p in r["places"]}
    combos = {f"{t}/{p}" for r in data["items"] for t in r["theatres"] for p in r["topics"]}
    month = re.compile(r"/\d{4}/\d{2}$")  # the month archives of a tag
    theatre_dirs = {d for d in pages_of(out, "theatres") if not month.search(d) and "/page/" not in d}
    assert {d for d in theatre_dirs if "/" not in d and d != "."} >= {t for r in data["items"] for t in r["theatres"]}
    assert {d for d in theatre_dirs if "/" in d} == combos
    assert {d for d in pages_of(out, "places") if not month.search(d) and "/page/" not in d} - {"."} == places


def test_feeds_parse_cleanly_with_stable_ids(site):
    out, data = site
    feeds = list((out / "feeds").rglob("*.atom.xml"))
    assert out / "feeds/all.atom.xml" in feeds and len(feeds) >= 5
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.get("updated") and parsed.feed.get("id")
        for entry in parsed.entries:
            assert entry.id.startswith("tag:") and entry.link and entry.author and entry.updated
    all_ids = {e.id for e in feedparser.parse((out / "feeds/all.atom.xml").read_bytes()).entries}
    assert len(all_ids) == len(data["items"])


def top_level_svgs(html: str) -> list[str]:
    """Each outermost <svg>…</svg> of a page (a map nests one <svg> in another)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"<svg\b|</svg>", html):
        if m.group() == "</svg>":
            depth -= 1
            if depth == 0:
                out.append(html[start:m.end()])
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    return out


def test_svgs_are_well_formed_and_titled(site):
    out, _ = site
    count = 0
    for page in [out / "index.html", *out.glob("theatres/**/index.html"), *out.glob("topics/*/index.html"),
                 *out.glob("places/*/index.html")]:
        for svg in top_level_svgs(page.read_text()):
            doc = xml.dom.minidom.parseString(svg)
            root = doc.documentElement
            assert root.getAttribute("role") == "img"
            ids = root.getAttribute("aria-labelledby").split()
            titles = {t.getAttribute("id"): t for t in doc.getElementsByTagName("title")}
            assert ids and ids[0] in titles and titles[ids[0]].firstChild.data.strip()
            count += 1
    assert count >= 10


def test_tag_pages_link_feeds_and_declare_structured_data(site):
    out, _ = site
    page = out / "theatres/kharkiv/index.html"
    doc = html5lib.parse(page.read_text(), namespaceHTMLElements=False)
    alternates = [l.get("href") for l in doc.iter("link") if l.get("rel") == "alternate"]
    assert any(h.endswith("feeds/theatres/kharkiv.atom.xml") for h in alternates)
    ld = [json.loads(s.text) for s in doc.iter("script") if s.get("type") == "application/ld+json"]
    assert any(d.get("@type") == "CollectionPage" for d in ld)


def test_no_broken_internal_links(site):
    out, _ = site
    missing = set()
    for page in out.rglob("*.html"):
        for href in re.findall(r'href="(/[^"#?]*)', page.read_text()):
            target = out / href.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.add((page.relative_to(out).as_posix(), href))
    assert not missing, sorted(missing)[:10]


def test_sitemap_and_robots(site):
    out, _ = site
    index = xml.dom.minidom.parse(str(out / "sitemap.xml"))
    assert index.documentElement.tagName == "sitemapindex"
    parts = [l.firstChild.data for l in index.getElementsByTagName("loc")]
    assert parts and all("/sitemaps/" in p and p.endswith(".xml") for p in parts)
    locs = [l.firstChild.data
            for p in parts for l in xml.dom.minidom.parse(str(out / "sitemaps" / p.rsplit("/", 1)[1]))
            .getElementsByTagName("loc")]
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"404.html"}
    assert len(locs) == len(set(locs)) == len(pages)  # every page once, in one part
    assert any(l.endswith("/theatres/kharkiv/") for l in locs)
    assert any(l.endswith("/search/") for l in locs) and any("/reports/" in l for l in locs)
    assert "Sitemap:" in (out / "robots.txt").read_text()
