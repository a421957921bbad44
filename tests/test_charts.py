"""Weekly timelines (sitrep.pages.charts) through their public functions:
text size on screen, one scale for small multiples, the partial last week,
items with no tag, and what the SVG may not contain (scripts, inline style)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from sitrep.pages import charts
from svg_support import SVG, screen_font_sizes

# Rendered widths of a chart's SVG: a 320 px and a 390 px phone, a card of
# /theatres/ and the overview column of a theatre page at 1366 px, the home page.
WIDTHS = (240, 278, 318, 340, 520, 1100)

LABELS = {"kharkiv": "Kharkiv", "donbas": "Donbas", "belarus": "Belarus", "south": "South"}
MON = dt.date(2025, 1, 6)


def weekly(start: dt.date, per_week: list[int], keys=("kharkiv",)) -> list[tuple[dt.date, list[str]]]:
    entries = []
    for w, n in enumerate(per_week):
        for k in range(n):
            entries.append((start + dt.timedelta(weeks=w, days=k % 5), list(keys)))
    return entries


def make(entries, weeks=None, **kw):
    weeks = weeks if weeks is not None else charts.week_range(MON, MON + dt.timedelta(weeks=7, days=6))
    kw.setdefault("title", "Items per week")
    kw.setdefault("chart_id", "tl")
    return charts.timeline(entries, weeks, LABELS, **kw)


def bar_heights(tl) -> dict[str, float]:
    """Total bar height in px per week start (as written in each rect's title)."""
    root = ET.fromstring(str(tl.svg))
    out: dict[str, float] = {}
    for rect in root.iter(SVG + "rect"):
        title = rect.find(SVG + "title")
        if title is None:
            continue
        week = re.search(r"week of (\d+ \w+ \d{4})", title.text).group(1)
        out[week] = out.get(week, 0) + float(rect.get("height"))
    return out


def test_text_is_at_least_12px_on_screen_at_every_width():
    tl = make(weekly(MON, [3, 1, 0, 7, 12, 4, 2, 5], keys=("donbas",)) + weekly(MON, [1, 1, 1, 0, 0, 2, 0, 1], keys=()),
              through=MON + dt.timedelta(weeks=7, days=2))
    root = ET.fromstring(str(tl.svg))
    assert root.get("viewBox") is None and root.get("width") == "100%"  # laid out in CSS px, never scaled
    for width in WIDTHS:
        found = screen_font_sizes(tl.svg, width)
        assert found and min(px for _, px in found) >= 12, (width, found)


def test_a_long_archive_keeps_month_labels_apart_on_a_phone():
    weeks = charts.week_range(dt.date(2023, 1, 2), dt.date(2025, 2, 27))
    tl = charts.timeline([(w, ["kharkiv"]) for w in weeks], weeks, LABELS, title="t", chart_id="c")
    root = ET.fromstring(str(tl.svg))
    labels = [t for t in root.iter(SVG + "text") if "tick-y" not in t.get("class")]
    assert 2 <= len(labels) <= 6
    # left edges in px on the narrowest plot, and estimated widths at 13 px
    boxes = [(float(t.get("x").rstrip("%")) / 100 * charts.MIN_PLOT_PX, len(t.text) * charts.CHAR_EM * 13) for t in labels]
    for (x1, w1), (x2, _) in zip(boxes, boxes[1:]):
        assert x1 + w1 < x2, boxes
    assert boxes[-1][0] + boxes[-1][1] <= charts.MIN_PLOT_PX + 4
    assert labels[0].text == "Jan 2023" and any(t.text == "Jan 2024" for t in labels)


def test_gridlines_carry_value_labels():
    tl = make(weekly(MON, [3, 1, 0, 7, 12, 4, 2, 5]))
    root = ET.fromstring(str(tl.svg))
    grid = [l for l in root.iter(SVG + "line") if l.get("class") == "grid"]
    values = [t.text for t in root.iter(SVG + "text") if "tick-y" in t.get("class")]
    assert tl.y_max == 15 and values == ["5", "10", "15", "0"] and len(grid) == 3
    assert "at most 12 in the week of" in tl.description


def test_small_multiples_share_one_scale():
    belarus = weekly(MON, [1, 2, 0, 1, 0, 0, 2, 1], keys=("belarus",))
    donbas = weekly(MON, [8, 12, 9, 7, 10, 6, 11, 9], keys=("donbas",))
    y_max = charts.shared_y_max([[d for d, _ in belarus], [d for d, _ in donbas]])
    assert y_max == 15 == charts.nice_scale(12)[0]
    small = make(belarus, y_max=y_max)
    big = make(donbas, y_max=y_max)
    assert small.y_max == big.y_max == 15
    # 2 items are drawn 2/12 as tall as 12 items, not as tall
    h_small, h_big = bar_heights(small)["13 Jan 2025"], bar_heights(big)["13 Jan 2025"]
    assert h_small == pytest.approx(h_big * 2 / 12, rel=0.02)
    ticks = lambda tl: [t.text for t in ET.fromstring(str(tl.svg)).iter(SVG + "text") if "tick-y" in t.get("class")]
    assert ticks(small) == ticks(big)
    assert "same for every chart on this page" in small.description
    # on its own, Belarus gets its own, smaller scale
    assert make(belarus).y_max == 2


def test_nice_scale_is_round_and_stable():
    for peak in range(0, 400):
        top, step = charts.nice_scale(peak)
        assert top >= max(peak, 1) and top % step == 0 and top // step <= charts.GRIDLINES
        assert charts.nice_scale(top) == (top, step)


def test_the_archives_latest_week_is_marked_and_explained():
    weeks = charts.week_range(MON, MON + dt.timedelta(weeks=3, days=2))  # ends on a Wednesday
    assert weeks.through == MON + dt.timedelta(weeks=3, days=2)
    tl = make(weekly(MON, [6, 5, 6, 2]), weeks=weeks)
    assert tl.partial_week == weeks[-1]
    root = ET.fromstring(str(tl.svg))
    partial = [r for r in root.iter(SVG + "rect") if "partial" in (r.get("class") or "").split()]
    assert partial and all("27 Jan 2025 (latest, may be incomplete)" in r.find(SVG + "title").text for r in partial)
    assert any(r.get("class") == "partial-hatch" and r.get("fill") == "url(#tl-hatch)" for r in root.iter(SVG + "rect"))
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == "tl-hatch"
    legend = str(tl.legend)
    # the note names the week, not the archive's last day: pages change once a week, not with every report
    assert "swatch-partial" in legend and "the week of 27 Jan, the latest, may be incomplete" in legend
    assert "days" not in legend
    assert "The last week is the archive's latest and may be incomplete" in tl.description
    # the same chart when the archive reaches the week's Sunday: still the latest week, unchanged (a Sunday's
    # report may come later; ending the hatch on Sunday changed every timeline twice a week, Sunday and Monday)
    sunday = make(weekly(MON, [6, 5, 6, 2]), weeks=charts.week_range(MON, MON + dt.timedelta(weeks=3, days=6)))
    assert sunday.svg == tl.svg and sunday.legend == tl.legend
    # once the archive has a later week, the week is drawn like any other
    later = make(weekly(MON, [6, 5, 6, 2]), weeks=charts.week_range(MON, MON + dt.timedelta(weeks=4)))
    assert later.partial_week == later.weeks[-1] != weeks[-1]
    assert "27 Jan 2025 (latest" not in str(later.svg)
    # an explicit `through` wins over the weeks' own
    assert make(weekly(MON, [1, 1]), weeks=list(weeks), through=weeks[-1] + dt.timedelta(days=1)).partial_week == weeks[-1]
    assert make(weekly(MON, [1, 1]), weeks=list(weeks), through=weeks[-1] + dt.timedelta(days=7)).partial_week is None


def test_items_with_no_theatre_are_shown_as_such():
    entries = weekly(MON, [3, 2, 4], keys=("kharkiv", "donbas")) + weekly(MON, [1, 0, 2], keys=())
    tl = make(entries, none_label="No theatre")
    assert tl.series[-1] == ("", "No theatre") and tl.classes[-1] == "series-none"
    assert "series-none" not in tl.classes[:-1] and "Untagged" not in str(tl.svg)
    root = ET.fromstring(str(tl.svg))
    none_rects = [r for r in root.iter(SVG + "rect") if r.get("class") == "series-none"]
    assert len(none_rects) == 2 and all(r.find(SVG + "title").text.startswith("No theatre,") for r in none_rects)
    assert '<span class="swatch series-none"></span>No theatre' in str(tl.legend)
    # drawn on top of the week's tagged items: its rect comes last in its week
    assert [r.get("class") for r in root.iter(SVG + "rect") if r.get("class") != "hatch-line"][:2] == ["series-0", "series-none"]
    rows = list(tl.rows())
    assert rows[0][1] == [3, 1] and rows[0][2] == 4


def test_no_tag_never_takes_a_tag_slot_when_series_are_folded():
    labels = {f"t{i}": f"Topic {i}" for i in range(12)}
    entries = [(MON, [f"t{i}"]) for i in range(12) for _ in range(12 - i)] + [(MON, [])] * 3
    tl = charts.timeline(entries, charts.week_range(MON, MON + dt.timedelta(days=6)), labels,
                         title="t", chart_id="c", none_label="No topic")
    keys = [k for k, _ in tl.series]
    assert keys[: charts.MAX_SERIES - 1] == [f"t{i}" for i in range(charts.MAX_SERIES - 1)]
    assert keys[charts.MAX_SERIES - 1:] == ["other", ""]
    assert tl.classes == [f"series-{i}" for i in range(charts.MAX_SERIES)] + ["series-none"]
    assert sum(next(tl.rows())[1]) == len(entries)


def test_svg_has_no_script_no_inline_style_and_is_labelled():
    tl = make(weekly(MON, [1, 2, 3], keys=("south",)), chart_id="tl-south")
    svg = str(tl.svg)
    assert "<script" not in svg and "style=" not in svg and "<style" not in svg and " on" not in svg.lower().replace("</", "")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "tl-south-title tl-south-desc"
    assert root.find(SVG + "title").text == "Items per week" and root.find(SVG + "desc").text.startswith("Items per week from")
    assert not list(root.iter(SVG + "a"))  # nothing focusable inside role=img


def test_data_table_lists_only_the_weeks_with_items_and_says_how_many_it_leaves_out():
    tl = make(weekly(MON, [2, 0, 0, 1, 0, 0, 0, 0]))  # eight weeks, items in two
    rows = list(tl.rows())
    assert [(week, total) for week, _, total in rows] == [(MON, 2), (MON + dt.timedelta(weeks=3), 1)]
    assert tl.empty_weeks == 6 and len(tl.weeks) == 8


def test_a_place_timeline_spans_its_own_weeks_so_it_does_not_change_as_the_archive_grows():
    from types import SimpleNamespace

    from sitrep.pages.tag_pages import TagPages

    items = [SimpleNamespace(date=MON + dt.timedelta(weeks=1, days=2), tags=()),
             SimpleNamespace(date=MON + dt.timedelta(weeks=3), tags=())]
    archive = charts.week_range(MON, MON + dt.timedelta(weeks=7, days=2))  # a Wednesday in the archive's latest week
    pages = TagPages(None, None, archive, "", [], {})
    own = pages.timeline(items, None, "t", "c", own_weeks=True)
    tl = own.make()
    assert tl.weeks == [MON + dt.timedelta(weeks=w) for w in (1, 2, 3)] and tl.partial_week is None
    longer = TagPages(None, None, charts.week_range(MON, MON + dt.timedelta(weeks=9)), "", [], {})
    assert longer.timeline(items, None, "t", "c", own_weeks=True).key == own.key  # same page, carried over
    assert longer.timeline(items, None, "t", "c").key != pages.timeline(items, None, "t", "c").key
    # with items in the archive's latest week, the chart is not hatched either, so that it does not
    # change when the archive reaches a later week: the page changes only when its own items do
    now = items + [SimpleNamespace(date=MON + dt.timedelta(weeks=7), tags=())]
    current = pages.timeline(now, None, "t", "c", own_weeks=True)
    assert current.make().partial_week is None and "partial" not in str(current.make().svg)
    # …so the reader is told in words, the same on every build, that its last week may still grow
    note = "The last week shown may still gain items"
    assert note in current.make().legend and note in current.make().description and note in str(current.make().svg)
    assert note not in pages.timeline(now, None, "t", "c").make().legend  # the archive's chart hatches instead
    next_week = TagPages(None, None, charts.week_range(MON, MON + dt.timedelta(weeks=8)), "", [], {})
    assert next_week.timeline(now, None, "t", "c", own_weeks=True).key == current.key
