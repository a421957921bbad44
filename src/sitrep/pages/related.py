"""What an item page links to beyond its own report: the previous and next
report in date order, and related items (same places or topics, shortly
before).

Both are computed once per build in O(items) and handed to the template as
small link records (headline, URL, date, source), so a page's fingerprint
depends only on what it shows of other reports, not on their whole text.

Related items come only from *earlier* reports within ``window_days``: a
report added later (the usual case, a new day's digest) changes the related
items of no page already published, so an incremental build re-renders the
item pages of the new report and of the report just before it (whose "next
report" link it becomes), not the whole archive.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from typing import Iterable

WINDOW_DAYS = 21
MAX_RELATED = 4
PLACE_WEIGHT = 2  # a shared place says more about relatedness than a shared topic


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a report or an item, with what its line shows."""

    title: str
    url: str
    date: dt.date
    source: str


def _order(report) -> tuple:
    return (report.date, report.slug)


def report_neighbours(reports: Iterable) -> dict[str, tuple[Link | None, Link | None]]:
    """report slug -> (previous report, next report) in date order (ties by slug)."""
    ordered = sorted(reports, key=_order)
    links = [Link(r.title, r.url, r.date, r.source) for r in ordered]
    return {r.slug: (links[i - 1] if i else None, links[i + 1] if i + 1 < len(links) else None)
            for i, r in enumerate(ordered)}


def _item_link(item) -> Link:
    return Link(item.headline, item.url, item.date, item.source)


def related_items(items: Iterable, window_days: int = WINDOW_DAYS, limit: int = MAX_RELATED) -> dict[str, list[Link]]:
    """item id -> up to ``limit`` items of earlier reports dated at most
    ``window_days`` before it that share a place or a topic, best first
    (shared places count double, then the nearer date, then the report order).

    One pass in date order keeps the items of the window in a queue and
    indexed by tag, so each item looks only at its window's items that share
    a tag: O(items × window) however long the archive grows."""
    ordered = sorted(items, key=lambda i: (i.date, i.report_slug, i.position))
    window: deque = deque()
    by_tag: dict[tuple[str, str], deque] = defaultdict(deque)  # (kind, slug) -> ids in the window, oldest first
    # One link per item of the window, shared by every list it is in: a page's fingerprint
    # digests each link object once per build, not once per page showing it.
    links: dict[str, Link] = {}
    # Among equal scores the newer date, then the report order, comes first: computed once per item.
    rank: dict[str, tuple] = {}
    related: dict[str, list[Link]] = {}
    start = 0
    while start < len(ordered):
        # the items of one report (or several of the same day) see only reports before them
        report_key = (ordered[start].date, ordered[start].report_slug)
        end = start
        while end < len(ordered) and (ordered[end].date, ordered[end].report_slug) == report_key:
            end += 1
        batch = ordered[start:end]
        oldest = batch[0].date - dt.timedelta(days=window_days)
        while window and window[0].date < oldest:
            gone = window.popleft()
            links.pop(gone.id, None), rank.pop(gone.id, None)
            for tag in _tags(gone):
                by_tag[tag].popleft()  # items enter and leave in date order: the oldest is the one leaving
        for item in batch:
            scores: Counter[str] = Counter()
            for tag in _tags(item):
                others = by_tag.get(tag)
                if others:
                    for _ in range(PLACE_WEIGHT if tag[0] == "place" else 1):
                        scores.update(others)  # counted in C
            related[item.id] = [links[other] for other in _best(scores, rank, limit)]
        for item in batch:
            window.append(item)
            links[item.id] = _item_link(item)
            rank[item.id] = (-item.date.toordinal(), item.report_slug, item.position)
            for tag in _tags(item):
                by_tag[tag].append(item.id)
        start = end
    return related


def _best(scores: Counter[str], rank: dict[str, tuple], limit: int) -> list[str]:
    """The ``limit`` best ids: highest score, then lowest rank (ranks are unique).
    Only the ids that reach the ``limit``-th highest score are sorted: a common
    topic puts most of the window in ``scores``, and a key per id was the cost."""
    if len(scores) > limit:
        floor = heapq.nlargest(limit, scores.values())[-1]
        scores = Counter({other: s for other, s in scores.items() if s >= floor})
    return sorted(scores, key=lambda other: (-scores[other], rank[other]))[:limit]


def _tags(item) -> set[tuple[str, str]]:
    return {("place", p.slug) for p in item.places} | {("topic", t) for t in item.topics}
