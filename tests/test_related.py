"""Previous/next report of report pages and related items of item pages (sitrep.pages.related)."""

from __future__ import annotations

import datetime as dt
import pickle
import random
from types import SimpleNamespace as NS

from sitrep.files.cachefile import write_sealed
from sitrep.pages.related import MEMO_FORMAT, MEMO_KIND, Link, RelatedMemo, related_items, report_neighbours


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


PLACES = ["kharkiv", "izium", "kupiansk", "pokrovsk", "sumy"]
TOPICS = ["strikes", "naval", "ground-combat", "diplomacy"]


def _random_archive(rng: random.Random, days: int = 80) -> list:
    return [item(f"r{d:03d}{s}", d, p, places=rng.sample(PLACES, rng.randint(0, 2)),
                 topics=rng.sample(TOPICS, rng.randint(0, 2)))
            for d in range(days) for s in "ab"[:rng.randint(1, 2)] for p in range(1, rng.randint(2, 5))]


def _with_memo(items: list, cache) -> tuple[dict, RelatedMemo]:
    memo = RelatedMemo.load(cache)
    related = related_items(items, memo=memo)
    memo.save(cache)
    return related, memo


def test_choices_taken_from_the_last_build_equal_choices_made_afresh(tmp_path):
    """Random edits of tags, dates, reports added and removed: each build with the
    memo of the one before gives what a build without any memo gives."""
    rng = random.Random(7)
    items = _random_archive(rng)
    for step in range(12):
        related, memo = _with_memo(items, tmp_path)
        assert related == related_items(items), f"step {step}"
        change = step % 4
        if change == 0:  # an editor's tags on one item
            target = rng.choice(items)
            target.places = [NS(slug=p) for p in rng.sample(PLACES, 2)]
        elif change == 1:  # a report removed
            gone = rng.choice(items).report_slug
            items = [i for i in items if i.report_slug != gone]
        elif change == 2:  # a report's date corrected
            moved = rng.choice(items).report_slug
            for i in items:
                if i.report_slug == moved:
                    i.date += dt.timedelta(days=3)
        else:  # a report inserted in the middle
            items = items + [item("r040z", 40, 1, places=["izium"], topics=["strikes"])]


def test_adding_the_newest_report_scores_only_it_and_an_edit_only_its_window(tmp_path):
    rng = random.Random(3)
    items = _random_archive(rng, days=120)
    _, first = _with_memo(items, tmp_path)
    reports = len(first.used)
    assert first.scored == reports  # nothing to take from at first
    _, again = _with_memo(items + [item("r200", 200, 1, places=["kupiansk"])], tmp_path)
    assert again.scored == 1
    edited = next(i for i in items if i.report_slug.startswith("r060"))
    edited.topics = ["naval", "diplomacy", "strikes"]
    _, after_edit = _with_memo(items, tmp_path)
    window = {i.report_slug for i in items if edited.date <= i.date <= edited.date + dt.timedelta(days=21)}
    assert 1 <= after_edit.scored <= len(window) + 1  # +1: the r200 report taken out again
    assert after_edit.scored < reports / 3


def test_a_damaged_memo_is_discarded_with_a_warning_and_changes_nothing(tmp_path, caplog):
    items = _random_archive(random.Random(5))
    _with_memo(items, tmp_path)
    (saved,) = tmp_path.glob("related-*.pickle")
    saved.write_bytes(saved.read_bytes()[:-10])
    related, memo = _with_memo(items, tmp_path)
    assert related == related_items(items)
    assert memo.scored == len(memo.used)
    assert "was discarded" in caplog.text and saved.name in caplog.text


def test_the_memo_follows_a_change_of_order_or_date_that_only_breaks_a_tie(tmp_path):
    """Equal scores are ordered by date, then report, then position: a swap of two items'
    positions, or an earlier report moved to a later day, reorders the choices of a later
    report whose own items did not change."""
    items = [item("r01", 1, 1, topics=["strikes"]), item("r01", 1, 2, topics=["strikes"]),
             item("r02", 2, 1, topics=["strikes"]), item("r09", 9, 1, topics=["strikes"]),
             item("r10", 10, 1, topics=["naval"])]
    later = item("r12", 12, 1, topics=["strikes"])
    _with_memo(items + [later], tmp_path)
    items[0].position, items[1].position = 2, 1  # r01's two items swap places
    related, _ = _with_memo(items + [later], tmp_path)
    assert related == related_items(items + [later])
    items[2].date = items[3].date + dt.timedelta(days=1)  # r02 now comes after r09
    related, _ = _with_memo(items + [later], tmp_path)
    assert related == related_items(items + [later])
    assert [x.url for x in related["r12/i1"]][:2] == ["reports/r02/i1/", "reports/r09/i1/"]


def test_a_memo_of_the_wrong_shape_is_discarded_or_scored_again(tmp_path, caplog):
    """A file that passes its checksum but does not hold choices (another writer's,
    edited by hand) never fails the build nor changes what it chooses."""
    items = _random_archive(random.Random(9))
    _, memo = _with_memo(items, tmp_path)
    (saved,) = tmp_path.glob("related-*.pickle")
    write_sealed(saved, MEMO_KIND, MEMO_FORMAT, pickle.dumps({key: 5 for key in memo.used}))
    related, again = _with_memo(items, tmp_path)
    assert related == related_items(items) and again.scored == len(again.used)
    assert "was discarded" in caplog.text
    wrong = {key: (signature, {}) for key, (signature, _) in memo.used.items()}  # right signatures, no ids
    write_sealed(saved, MEMO_KIND, MEMO_FORMAT, pickle.dumps(wrong))
    related, third = _with_memo(items, tmp_path)
    assert related == related_items(items) and third.scored == len(third.used)


def test_a_shared_cache_folder_keeps_a_memo_for_the_latest_few_archives(tmp_path):
    items = _random_archive(random.Random(11), days=20)
    for n in range(7):
        memo = RelatedMemo()
        related_items(items, memo=memo)
        memo.save(tmp_path, f"content-{n}")
    assert len(list(tmp_path.glob("related-*.pickle"))) == 4
    assert RelatedMemo.load(tmp_path, "content-6").chosen  # the newest is kept
