"""Atom feeds of items (RFC 4287) written with feedgenerator, and which feeds the site has.

One feed of every item, and one per theatre, topic and source that has items
(:func:`feed_targets`). Entry ids are tag URIs built from the site's domain, the report date and
the item id, so they stay the same across builds and hosts' rebuilds; a
feed's ``updated`` is its newest item's date, never the build time.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import urlparse

from feedgenerator import Atom1Feed
from markupsafe import escape

from sitrep.model import Item

FEED_LIMIT = 50
SUMMARY_CHARS = 200  # an entry's <summary>: the start of its text; the whole item is in <content>
# What an entry holds, part of a feed's build fingerprint (which holds no code): a new layout is
# written on the next build though no item changed. 2: the summary is an excerpt.
ENTRY_LAYOUT = 2
ALL_ITEMS_FEED = "feeds/all.atom.xml"  # the site's main feed, linked from every page
# The date in feed ids: fixed, so a backdated report never changes a feed's id.
FEED_ID_DATE = dt.date(2024, 1, 1)


def _tag_uri(site_url: str, day: dt.date, specific: str) -> str:
    host = urlparse(site_url).hostname or "localhost"
    return f"tag:{host},{day.isoformat()}:{specific}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def items_feed(
    items: Sequence[Item],
    *,
    title: str,
    site_url: str,
    page_url: str,
    feed_url: str,
    feed_key: str,
    subtitle: str = "",
    limit: int = FEED_LIMIT,
) -> str:
    """The Atom XML of the newest ``limit`` items (items arrive newest first)."""
    newest = list(items[:limit])
    feed = Atom1Feed(
        title=title,
        link=f"{site_url}/{page_url}",
        description=subtitle,
        subtitle=subtitle or None,
        feed_url=f"{site_url}/{feed_url}",
        feed_guid=_tag_uri(site_url, FEED_ID_DATE, f"feed:{feed_key}"),
        language="en",
    )
    for item in newest:
        moment = _moment(item.date)
        feed.add_item(
            title=item.headline,
            link=f"{site_url}/{item.url}",
            description=summary(item),
            content=item.html,
            author_name=item.source,
            unique_id=_tag_uri(site_url, item.date, item.id),
            pubdate=moment,
            updateddate=moment,
            categories=[*item.theatres, *item.topics],
        )
    return feed.writeString("utf-8")


def summary(item: Item) -> str:
    """An entry's summary (HTML): the start of the item's plain text. The full
    text is the entry's content; a summary that repeated it doubled every feed."""
    return _summary_of(item.text) if item.text else ""


@functools.lru_cache(maxsize=4096)
def _summary_of(text: str) -> str:
    """The summary of a text, made once per process: an item is in up to four feeds
    (all items, its theatres', topics' and source's), and shortening was two thirds
    of the time of writing a feed (the 19 feeds an add writes again at 1,000 reports)."""
    return str(escape(textwrap.shorten(_opening(text), SUMMARY_CHARS, placeholder=" …")))


def _opening(text: str) -> str:
    """The first words of ``text``, enough that :func:`textwrap.shorten` cuts
    them where it would cut the whole text (each word and its space take two
    characters or more). Shortening whole texts, which splits every word, was a
    twentieth of a rebuild that adds a report to 1,000."""
    words = SUMMARY_CHARS // 2 + 2
    parts = text.split(maxsplit=words)
    return " ".join(parts[:words]) if len(parts) > words else text


@dataclass(frozen=True, slots=True)
class FeedTarget:
    """One feed of the site: where it is written and what it holds."""

    path: str  # below the site root
    page_url: str  # the page the feed follows
    title: str
    items: list[Item]  # its newest FEED_LIMIT items, newest first
    key: str  # what its id is made from: stable across builds


def feed_targets(site_name: str, items: Sequence[Item], index) -> list[FeedTarget]:
    """The site's feeds: all items, then each theatre, topic and source
    (``index``: a :class:`~sitrep.pages.collections.TagIndex`) with items."""
    targets = [FeedTarget(ALL_ITEMS_FEED, "", f"{site_name}: all items", list(items[:FEED_LIMIT]), "all")]
    for coll in [*index.theatres, *index.topics, *index.sources]:
        if coll.items:
            targets.append(FeedTarget(coll.feed_url, coll.url, f"{site_name}: {coll.name}",
                                      list(coll.items[:FEED_LIMIT]), coll.path))
    return targets
