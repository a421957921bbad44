"""Previous/next report and related items of item pages (sitrep.pages.related)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

from sitrep.pages.related import Link, related_items, report_neighbours


def item(report: str, day: int, position: int = 1, places=(), topics=()):
    slug = f"i{position}"
    return NS(id=f"{report}/{slug}", headline=f"{report} {slug}", url=f"reports/{report}/{slug}/",
              date=dt.date(2025, 1, 1) + dt.timedelta(days=day), source="Desk", report_slug=report,
              position=position, places=[NS(slug=p) for p in places], topics=list(topics))


def test_neighbours_follow_the_date_order_not_the_given_order():
    reports = [NS(slug=s, title=s.upper(), url=f"reports/{s}/", date=dt.datetime(2025, 1, d), source="Desk")
               for s, d in (("c", 9), ("a", 1), ("b", 5))]
    n = report_neighbours(reports)
    assert n["a"] == (None, Link("B", "reports/b/", dt.datetime(2025, 1, 5), "Desk"))
    assert [x.title if x else None for x in n["b"]] == ["A", "C"]
    assert n["c"][1] is None


def test_related_items_share_a_place_or_topic_come_from_earlier_reports_in_the_window_best_first():
    items = [
        item("r1", 0, 1, places=["izium"]),
        item("r1", 0, 2, topics=["strikes"]),
        item("r2", 10, 1, places=["izium"], topics=["strikes"]),
        item("r2", 10, 2, topics=["naval"]),
        item("r3", 12, 1, topics=["strikes"]),
        item("r4", 40, 1, places=["izium"], topics=["strikes"]),  # the window (21 days) holds only r3
    ]
    related = related_items(items)
    assert [x.url for x in related["r2/i1"]] == ["reports/r1/i1/", "reports/r1/i2/"]  # a place outweighs a topic
    assert related["r1/i1"] == []  # nothing earlier
    assert related["r2/i2"] == []  # nothing shares "naval"; its own report's items never count
    assert [x.url for x in related["r3/i1"]] == ["reports/r2/i1/", "reports/r1/i2/"]  # nearer date first on a tie
    assert related["r4/i1"] == []


def test_a_later_report_changes_no_earlier_items_related_list_and_the_count_is_bounded():
    items = [item(f"r{d:03d}", d, p, places=["kharkiv"], topics=["strikes"]) for d in range(100) for p in (1, 2)]
    before = related_items(items)
    after = related_items(items + [item("r100", 100, 1, places=["kharkiv"])])
    assert all(after[k] == v for k, v in before.items())
    assert max(len(v) for v in after.values()) == 4
    assert {x.date for x in after["r100/i1"]} == {dt.date(2025, 1, 1) + dt.timedelta(days=99),
                                                   dt.date(2025, 1, 1) + dt.timedelta(days=98)}
