"""What a page links to beyond its own report: the previous and next report in
date order (a report page), and related items (same places or topics, shortly
before: an item page).

Both are computed once per build in O(items) and handed to the template as
small link records (headline, URL, date, source), so a page's fingerprint
depends only on what it shows of other reports, not on their whole text.

Related items come only from *earlier* reports within ``window_days``: a
report added later (the usual case, a new day's digest) changes the related
items of no page already published, so an incremental build re-renders the
item pages of the new report and the page of the report just before it
(whose "next report" link it becomes), not the whole archive.

Scoring is most of the cost, and a report's related items depend only on
the reports of its window. A :class:`RelatedMemo` keeps, from the last build,
each report's choices with a signature of its window (ids, dates, order and
tags of every item in it), so a build scores again only the reports whose
window changed: after an edit, those of the next three weeks; after an
addition, the new report's (at 5,000 reports, 0.55 s for the whole choice
against 2.3 s without the memo).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import pickle
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from sitrep.files.cachefile import folder_key, keep_newest, read_sealed, warn_discarded, write_sealed
from sitrep.files.digest import code_digest
from sitrep.files.stable_pickle import stable_bytes

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


def item_link(item) -> Link:
    """The link record an item page shows of a related item."""
    return Link(item.headline, item.url, item.date, item.source)


def item_links(by_id: dict[str, Any]) -> Callable[[str], Link]:
    """id -> its item's link, made once however many lists show it: a page's fingerprint
    digests each link object once per build, not once per page showing it."""
    return functools.cache(lambda other: item_link(by_id[other]))


@dataclass
class RelatedMemo:
    """Each report's related items as the last build chose them, by report
    (date, slug): the window's signature and, per item, the ids chosen.
    ``used`` holds what this build chose, which is what to keep for the next."""

    chosen: dict[tuple, tuple[bytes, dict[str, list[str]]]] = field(default_factory=dict)
    used: dict[tuple, tuple[bytes, dict[str, list[str]]]] = field(default_factory=dict)
    scored: int = 0  # reports scored by this build (the others were taken from the memo)

    def changed(self) -> bool:
        return self.used != self.chosen

    @classmethod
    def load(cls, cache_dir: Path, content_dir: Path | str = "") -> RelatedMemo:
        """The last build's choices for the archive in ``content_dir``; an empty memo
        when there are none, or when the file is damaged (with one warning naming it)."""
        path = _memo_path(cache_dir, content_dir)
        payload = read_sealed(path, MEMO_KIND, MEMO_FORMAT)
        if payload is None:
            return cls()
        try:
            chosen = pickle.loads(payload)
            if not isinstance(chosen, dict) or not all(
                    type(entry) is tuple and len(entry) == 2 and type(entry[0]) is bytes and type(entry[1]) is dict
                    for entry in chosen.values()):
                raise ValueError("not a table of reports")
        except Exception as err:  # noqa: BLE001 - checksum-valid but unusable
            warn_discarded(path, f"its records cannot be read ({type(err).__name__})")
            return cls()
        return cls(chosen)

    def save(self, cache_dir: Path, content_dir: Path | str = "") -> None:
        """Keep this build's choices for the next (only when they changed); a
        read-only cache folder only costs the next build its speed."""
        if not self.changed():
            return
        path = _memo_path(cache_dir, content_dir)
        try:
            write_sealed(path, MEMO_KIND, MEMO_FORMAT, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
            keep_newest(path, "related-*.pickle")
        except OSError:
            pass


MEMO_KIND = "related"
MEMO_FORMAT = 1


def _memo_path(cache_dir: Path, content_dir: Path | str) -> Path:
    """Named by the code that chooses (this module, and the model whose tags it reads)
    and by the archive's folder: archives sharing a cache folder keep a memo each."""
    code = code_digest("sitrep.pages.related", "sitrep.model").hex()[:16]
    return Path(cache_dir) / f"related-{code}-{folder_key(content_dir)}.pickle"


def related_items(items: Iterable, window_days: int = WINDOW_DAYS, limit: int = MAX_RELATED,
                  memo: RelatedMemo | None = None) -> dict[str, list[Link]]:
    """item id -> up to ``limit`` items of earlier reports dated at most
    ``window_days`` before it that share a place or a topic, best first, as
    links (see :func:`related_choices`)."""
    items = list(items)
    link = item_links({item.id: item for item in items})
    return {key: [link(other) for other in chosen]
            for key, chosen in related_choices(items, window_days, limit, memo).items()}


def related_choices(items: Iterable, window_days: int = WINDOW_DAYS, limit: int = MAX_RELATED,
                    memo: RelatedMemo | None = None) -> dict[str, list[str]]:
    """item id -> the ids of up to ``limit`` items of earlier reports dated at
    most ``window_days`` before it that share a place or a topic, best first
    (shared places count double, then the nearer date, then the report order).
    Ids and not links: an item page's key names the items it links to, whose
    digests the build already knows (:mod:`sitrep.publish.known_digests`).

    One pass in date order keeps the items of the window in a queue and
    indexed by tag, so each item looks only at its window's items that share
    a tag: O(items × window) however long the archive grows. With ``memo``,
    a report whose window is as it was takes the choices it had."""
    ordered = sorted(items, key=lambda i: (i.date, i.report_slug, i.position))
    batches = _batches(ordered)
    if memo is not None:  # a signature per report; a window's is that of its reports in order
        signatures = [_signature(ordered[start:end], window_days, limit) for start, end in batches]
        days = [ordered[start].date for start, _ in batches]
    window: deque = deque()
    by_tag: dict[tuple[str, str], deque] = defaultdict(deque)  # (kind, slug) -> ids in the window, oldest first
    # Among equal scores the newer date, then the report order, comes first: computed once per item;
    # its keys are the ids of the window's items.
    rank: dict[str, tuple] = {}
    related: dict[str, list[str]] = {}
    for number, (start, end) in enumerate(batches):
        # the items of one report see only reports before them
        batch = ordered[start:end]
        oldest = batch[0].date - dt.timedelta(days=window_days)
        while window and window[0].date < oldest:
            gone = window.popleft()
            rank.pop(gone.id, None)
            for tag in _tags(gone):
                by_tag[tag].popleft()  # items enter and leave in date order: the oldest is the one leaving
        if memo is None:
            chosen = _choose(batch, by_tag, rank, limit)
        else:
            key = (batch[0].date, batch[0].report_slug)
            signature = hashlib.sha256(b"".join(signatures[bisect_left(days, oldest):number + 1])).digest()
            found = memo.chosen.get(key)
            if found is not None and found[0] == signature and _still_valid(found[1], batch, rank):
                chosen = found[1]
            else:
                chosen = _choose(batch, by_tag, rank, limit)
                memo.scored += 1
            memo.used[key] = (signature, chosen)
        for item in batch:
            related[item.id] = chosen[item.id]
        for item in batch:
            window.append(item)
            rank[item.id] = (-item.date.toordinal(), item.report_slug, item.position)
            for tag in _tags(item):
                by_tag[tag].append(item.id)
    return related


def _batches(ordered: list) -> list[tuple[int, int]]:
    """[start, end) of each report's items in ``ordered``."""
    out = []
    start = 0
    while start < len(ordered):
        report_key = (ordered[start].date, ordered[start].report_slug)
        end = start
        while end < len(ordered) and (ordered[end].date, ordered[end].report_slug) == report_key:
            end += 1
        out.append((start, end))
        start = end
    return out


def _still_valid(chosen: dict, batch: list, window: dict[str, tuple]) -> bool:
    """Whether remembered choices name every item of the report and only items of
    its window, as they must when the signature is the same (a damaged file would not)."""
    return all(type(chosen.get(item.id)) is list and all(other in window for other in chosen[item.id])
               for item in batch)


def _choose(batch: list, by_tag: dict, rank: dict[str, tuple], limit: int) -> dict[str, list[str]]:
    """item id -> the ids of its related items, for the items of one report."""
    chosen = {}
    for item in batch:
        scores: Counter[str] = Counter()
        for tag in _tags(item):
            others = by_tag.get(tag)
            if others:
                for _ in range(PLACE_WEIGHT if tag[0] == "place" else 1):
                    scores.update(others)  # counted in C
        chosen[item.id] = _best(scores, rank, limit)
    return chosen


def _signature(batch: list, window_days: int, limit: int) -> bytes:
    """What the choices of a report and of the reports after it read of its items:
    ids, dates, order and tags (their headlines and sources are in the links,
    made afresh every build)."""
    rows = (window_days, limit, PLACE_WEIGHT,
            [(i.id, i.date, i.report_slug, i.position, sorted(_tags(i))) for i in batch])
    return hashlib.sha256(stable_bytes(rows)).digest()


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
