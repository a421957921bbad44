"""Atom feeds (sitrep.pages.feeds) on hand-made items: valid Atom a feed
reader parses, ids that never change between builds or with the build time,
the newest items only, item text that cannot break the XML, and which feeds
the site has."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser

from sitrep.pages import feeds
from sitrep.pages.collections import build_index
from item_support import item, taxonomy

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://sitrep.example.org"

ITEMS = [  # newest first
    item("2025-02-05-harbour-watch", "port-hit", "2025-02-05", theatres=["south"], topics=["strikes"],
         source="Harbour Watch", headline="Port hit in Odesa"),
    item("2025-02-04-test-desk", "kupiansk-shelled", "2025-02-04", theatres=["kharkiv"],
         topics=["strikes", "energy-infrastructure"], headline="Kupiansk shelled"),
]


def feed(items=ITEMS, site_url=SITE, **kw) -> str:
    kw = {"title": "Sitrep: Kharkiv", "page_url": "theatres/kharkiv/", "feed_url": "feeds/theatres/kharkiv.atom.xml",
          "feed_key": "theatres/kharkiv", **kw}
    return feeds.items_feed(items, site_url=site_url, **kw)


def test_the_feed_is_valid_atom_with_one_entry_per_item_in_order():
    parsed = feedparser.parse(feed())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Sitrep: Kharkiv"
    assert parsed.feed.link == f"{SITE}/theatres/kharkiv/"
    self_link = f"{SITE}/feeds/theatres/kharkiv.atom.xml"
    assert any(link.rel == "self" and link.href == self_link for link in parsed.feed.links)
    assert [e.title for e in parsed.entries] == ["Port hit in Odesa", "Kupiansk shelled"]
    first = parsed.entries[0]
    assert first.link == f"{SITE}/reports/2025-02-05-harbour-watch/port-hit/"
    assert first.author == "Harbour Watch"
    assert [t.term for t in first.tags] == ["south", "strikes"]
    assert "<p>Body.</p>" in first.content[0].value


def test_ids_are_tag_uris_from_the_site_host_and_the_item_date():
    parsed = feedparser.parse(feed())
    assert parsed.feed.id == "tag:sitrep.example.org,2024-01-01:feed:theatres/kharkiv"
    assert [e.id for e in parsed.entries] == [
        "tag:sitrep.example.org,2025-02-05:2025-02-05-harbour-watch/port-hit",
        "tag:sitrep.example.org,2025-02-04:2025-02-04-test-desk/kupiansk-shelled"]


def test_a_development_site_without_a_url_still_has_valid_ids():
    parsed = feedparser.parse(feed(site_url="http://localhost:8000"))
    assert not parsed.bozo and parsed.feed.id.startswith("tag:localhost,")
    assert feedparser.parse(feed(site_url="")).feed.id.startswith("tag:localhost,")


def test_updated_is_the_newest_item_date_so_rebuilding_changes_nothing():
    text = feed()
    root = ET.fromstring(text.encode("utf-8"))
    assert root.find(f"{ATOM}updated").text == "2025-02-05T00:00:00+00:00"
    assert [e.find(f"{ATOM}updated").text for e in root.iter(f"{ATOM}entry")] == [
        "2025-02-05T00:00:00+00:00", "2025-02-04T00:00:00+00:00"]
    assert feed() == text  # byte for byte: no build time anywhere


def test_only_the_newest_items_up_to_the_limit():
    many = [item("2025-01-%02d-test-desk" % d, f"item-{d}", f"2025-01-{d:02d}", theatres=["kharkiv"])
            for d in range(28, 0, -1)]
    parsed = feedparser.parse(feed(many, limit=5))
    assert [e.title for e in parsed.entries] == ["Item 28", "Item 27", "Item 26", "Item 25", "Item 24"]
    assert len(feedparser.parse(feed(many * 3)).entries) == feeds.FEED_LIMIT


def test_markup_in_headlines_and_sources_is_text_not_xml():
    nasty = item("2025-02-06-test-desk", "nasty", "2025-02-06", source="A & B <Desk>",
                 headline='Strike on "Depot" <b>&</b> </title><script>x</script>',
                 html="<p>Fish &amp; chips</p>")
    text = feed([nasty], subtitle="Items <in> Kharkiv & Sumy")
    root = ET.fromstring(text.encode("utf-8"))  # well-formed XML
    assert root.find(f"{ATOM}entry/{ATOM}title").text == 'Strike on "Depot" <b>&</b> </title><script>x</script>'
    assert root.find(f"{ATOM}subtitle").text == "Items <in> Kharkiv & Sumy"
    parsed = feedparser.parse(text)
    assert not parsed.bozo and parsed.entries[0].author == "A & B <Desk>"
    assert "Fish &amp; chips" in parsed.entries[0].content[0].value


def test_the_site_has_a_feed_of_all_items_then_one_per_theatre_topic_and_source_with_items():
    many = ITEMS + [item(f"2025-01-{d:02d}-test-desk", slug, f"2025-01-{d:02d}", theatres=["kharkiv"])
                    for d in range(28, 0, -1) for slug in ("shelling", "drone-attack")]
    targets = feeds.feed_targets("Sitrep", many, build_index(many, taxonomy()))
    first = targets[0]
    assert (first.path, first.page_url, first.title, first.key) == ("feeds/all.atom.xml", "", "Sitrep: all items",
                                                                    "all")
    assert first.items == many[:feeds.FEED_LIMIT]  # the newest, up to the limit
    by_path = {t.path: t for t in targets[1:]}
    assert set(by_path) == {"feeds/theatres/kharkiv.atom.xml", "feeds/theatres/south.atom.xml",
                            "feeds/topics/strikes.atom.xml", "feeds/topics/energy-infrastructure.atom.xml",
                            "feeds/sources/harbour-watch.atom.xml", "feeds/sources/test-desk.atom.xml"}
    kharkiv = by_path["feeds/theatres/kharkiv.atom.xml"]  # Donbas and POWs have no items: no feed
    assert (kharkiv.page_url, kharkiv.title, kharkiv.key) == ("theatres/kharkiv/", "Sitrep: Kharkiv",
                                                              "theatres/kharkiv")
    assert len(kharkiv.items) == feeds.FEED_LIMIT and kharkiv.items[0].headline == "Kupiansk shelled"
    assert [t.title for t in targets[-2:]] == ["Sitrep: Harbour Watch", "Sitrep: Test Desk"]


def test_an_entry_has_its_whole_text_once_and_a_short_summary():
    """The content is the item; the summary is the start of its text, not a second copy."""
    import dataclasses
    import html

    words = " ".join(f"word{n} & more" for n in range(200))
    long = dataclasses.replace(ITEMS[0], html=f"<p>{words}</p>", text=words)
    entry = feedparser.parse(feed(items=[long])).entries[0]
    assert words in entry.content[0].value.replace("&amp;", "&")
    summary = html.unescape(entry.summary)  # HTML: "&" arrives as "&amp;"
    assert summary.startswith("word0 & more word1") and summary.endswith("…")
    assert len(summary) <= feeds.SUMMARY_CHARS


def test_a_summary_ends_where_a_cut_of_the_whole_text_would():
    """Only the text's first words are cut to size, and the cut is the one of
    the whole text: short and long texts, runs of spaces, tabs, line breaks and
    no-break spaces, a word longer than the summary."""
    import dataclasses
    import html
    import random
    import textwrap

    rng = random.Random(5)
    words = ["a", "to", "Kharkiv", "reconnaissance-in-force", "x" * 250, "&", "—", "Ukraine's"]
    spaces = [" ", "  ", "\n", "\t ", "\u00a0", " \u2009 "]
    for _ in range(500):
        text = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(1, 150)))
        expected = textwrap.shorten(text, feeds.SUMMARY_CHARS, placeholder=" …")
        assert html.unescape(feeds.summary(dataclasses.replace(ITEMS[0], text=text))) == expected
