"""Evaluation: per-tag precision/recall/F1, micro and macro averages, place accuracy, on a
small labelled file written here, and the targets on the project's labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import DataError, FileError
from sitrep.tagging.evaluate import TagStats, evaluate, evaluate_sets, load_labelled, load_sets

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "tests" / "evaluation"
TEST_SPLIT_SHA256 = "4fa64776e8f02dbc65ea08a117ffad32bebe8d50dd9b40a04f05890d6fac4da0"


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


ITEM = {"id": "t1", "headline": "Missile strike on Izium", "body": "A Russian missile hit Izyum, killing two civilians.",
        "theatres": ["kharkiv"], "topics": ["strikes", "civilian-casualties"],
        "places": [{"name": "Izium", "region": "kharkiv-oblast"}]}


def test_agreeing_labels_score_one(tmp_path, tagger):
    report = evaluate(write(tmp_path / "l.jsonl", [ITEM]), tagger)
    assert report.theatre_micro_f1 == 1.0 and report.topic_micro_f1 == 1.0 and report.place_accuracy == 1.0
    table = report.table()
    assert "micro average" in table and "macro average" in table and "Place accuracy" in table


def test_disagreements_count_as_false_positives_and_negatives(tmp_path, tagger):
    wrong = dict(ITEM, id="t2", theatres=["south"], topics=["strikes", "naval"],
                 places=[{"name": "Izium", "region": "donetsk-oblast"}, {"name": "Kherson", "region": "kherson-oblast"}])
    report = evaluate(write(tmp_path / "l.jsonl", [ITEM, wrong]), tagger)
    assert (report.theatres["kharkiv"].tp, report.theatres["kharkiv"].fp) == (1, 1)
    assert report.theatres["south"].fn == 1
    assert report.topics["naval"].fn == 1 and report.topics["civilian-casualties"].fp == 1
    assert report.places_labelled == 3 and report.places_correct == 1
    assert report.place_accuracy == pytest.approx(1 / 3)
    # the tagger's Izium, Kharkiv Oblast, is labelled in t1 and not in t2: precision 1/2
    assert (report.places_found, report.places_found_correct) == (2, 1)
    assert report.place_f1 == pytest.approx(0.4)  # 2 * 1/3 * 1/2 / (1/3 + 1/2)
    assert any(m.id == "t2" and m.kind == "theatres" for m in report.misses)
    assert "t2 theatres" in report.table(misses=True)


def test_f1_arithmetic():
    s = TagStats(tp=3, fp=1, fn=2)
    assert s.precision == 0.75 and s.recall == 0.6
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_malformed_labels_name_the_line(tmp_path, tagger):
    path = tmp_path / "l.jsonl"
    path.write_text(json.dumps(ITEM) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(FileError, match=r"l.jsonl:2: not valid JSON"):
        evaluate(path, tagger)
    path.write_text(json.dumps({"id": "x", "headline": "h"}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing 'body'"):
        evaluate(path, tagger)


def test_a_split_kept_in_parts_reads_as_one_in_name_order(tmp_path):
    """The dev split lives in ``dev/`` as several files (each small enough to review): a folder of
    parts is one split, in the parts' name order; a folder without parts says so."""
    root = tmp_path / "evaluation"
    (root / "dev").mkdir(parents=True)
    write(root / "dev" / "02.jsonl", [{**ITEM, "id": "b"}])
    write(root / "dev" / "01.jsonl", [{**ITEM, "id": "a"}, {**ITEM, "id": "a2"}])
    write(root / "test.jsonl", [{**ITEM, "id": "t"}])
    sets = load_sets([root])
    assert [r["id"] for r in sets["dev"]] == ["a", "a2", "b"]
    assert [r["id"] for r in sets["test"]] == ["t"]
    assert [r["id"] for r in load_sets([root / "dev"])["dev"]] == ["a", "a2", "b"]  # the folder given alone
    (root / "dev" / "01.jsonl").unlink()
    (root / "dev" / "02.jsonl").unlink()
    with pytest.raises(DataError, match="holds no .jsonl files"):
        load_labelled(root / "dev")


def test_the_test_split_is_frozen():
    """The frozen split changes only by a deliberate, documented re-split (tests/evaluation/README.md)."""
    import hashlib

    assert hashlib.sha256((EVALUATION / "test.jsonl").read_bytes()).hexdigest() == TEST_SPLIT_SHA256


def test_the_labelled_set_is_shaped_like_real_use():
    """At least 400 items, half of them long, every style, labels that use the taxonomy's slugs."""
    sets = load_sets([EVALUATION])
    records = sets["dev"] + sets["test"]
    assert len(records) >= 400
    assert sum(len(r["body"].split()) >= 200 for r in records) * 2 >= len(records)
    assert {r["style"] for r in records} >= {"digest", "assessment", "wire", "statement", "feature", "bullet"}
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) and not {r["id"] for r in sets["dev"]} & {r["id"] for r in sets["test"]}


def test_report_by_split_band_and_style_with_misses(tmp_path, tagger):
    long_body = " ".join(["Russian drones struck the port of Odesa overnight, the governor said."] * 25)
    records = [dict(ITEM, style="wire"),
               dict(ITEM, id="t3", style="digest", body=long_body, headline="Drones hit Odesa port"),
               dict(ITEM, id="t4", style="bullet", topics=["naval"], body="")]
    path = write(tmp_path / "mine.jsonl", records)
    text = evaluate_sets(load_sets([path]), tagger, misses=5)
    assert "== mine: 3 items" in text
    for row in ("band long", "band short", "style wire", "style digest", "style bullet"):
        assert row in text
    assert "worst false positives" in text and "t4 [bullet, short] topic strikes" in text


@pytest.mark.slow
def test_targets_on_the_frozen_test_split(tagger):
    """A floor under the measured figures (theatre 0.957, topic 0.893, places 0.916 on 2026-12-04;
    of the tagger's places, 0.855 labelled on 2026-12-06), to catch a regression; the figures are
    reported by invoke evaluate, never tuned on."""
    report = evaluate(EVALUATION / "test.jsonl", tagger)
    assert report.theatre_micro_f1 >= 0.93, report.table()
    assert report.topic_micro_f1 >= 0.86, report.table()
    assert report.place_accuracy >= 0.89, report.table()
    assert report.place_precision >= 0.80, report.table()
    tagged, gold = report.topics_per_item
    assert abs(tagged - gold) <= 0.15 * gold
