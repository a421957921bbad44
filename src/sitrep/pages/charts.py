"""Items-per-week timelines as inline SVG, rendered at build time.

The SVG carries its own <title> and <desc> (read by screen readers via
``aria-labelledby``) and the same numbers are returned as a table for the
page's data-table fallback. Colours come from CSS classes (``series-N``),
so the site's stylesheet gives them light and dark variants; no script
and no inline style is needed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from markupsafe import Markup, escape

MAX_SERIES = 8  # more series than this are folded into "other"
MAX_WEEKS = 1100  # about 21 years: a timeline never draws more bars, whatever the dates


@dataclass(slots=True)
class Timeline:
    """A weekly series ready for the template: SVG plus a table of numbers."""

    svg: Markup
    weeks: list[dt.date]
    series: list[tuple[str, str]]  # (key, label), in stacking order
    counts: dict[dt.date, Counter] = field(default_factory=dict)
    title: str = ""
    description: str = ""

    def rows(self):
        """(week, [count per series], total) for the data table."""
        for week in self.weeks:
            row = [self.counts.get(week, Counter())[key] for key, _ in self.series]
            yield week, row, sum(row)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Mondays from ``first``'s week to ``last``'s; at most the last
    MAX_WEEKS of them, so a stray date (the build refuses those outside
    SITREP_DATE_RANGE) can never make a chart of centuries."""
    start, end = week_start(first), week_start(last)
    count = min((end - start).days // 7 + 1, MAX_WEEKS)
    return [end - dt.timedelta(weeks=i) for i in reversed(range(count))]


def timeline(
    entries: Iterable[tuple[dt.date, Sequence[str]]],
    weeks: list[dt.date],
    labels: dict[str, str],
    *,
    title: str,
    chart_id: str,
    width: int = 640,
    height: int = 150,
) -> Timeline:
    """Build a weekly stacked bar chart.

    ``entries`` are (date, keys) pairs, one per item. Each item counts once,
    under its first key (the tagger orders tags by strength) or under the
    empty key when it has none, so bar heights are item counts.
    """
    counts: dict[dt.date, Counter] = {}
    totals: Counter = Counter()
    for day, keys in entries:
        bucket = counts.setdefault(week_start(day), Counter())
        key = keys[0] if keys else ""
        bucket[key] += 1
        totals[key] += 1
    series = _pick_series(totals, labels)
    if len(series) < len([k for k in totals if totals[k]]):
        kept = {k for k, _ in series}
        for bucket in counts.values():
            other = sum(v for k, v in bucket.items() if k not in kept)
            if other:
                bucket["other"] = other
        series.append(("other", "Other"))
    description = _describe(counts, weeks, series)
    svg = _render_svg(counts, weeks, series, title, description, chart_id, width, height)
    return Timeline(svg, weeks, series, counts, title, description)


def _pick_series(totals: Counter, labels: dict[str, str]) -> list[tuple[str, str]]:
    ordered = [k for k in labels if totals.get(k)]
    if totals.get(""):
        ordered.append("")
    ordered.sort(key=lambda k: -totals[k])
    keep = ordered if len(ordered) <= MAX_SERIES else ordered[: MAX_SERIES - 1]
    return [(k, labels.get(k, "None") if k else "Untagged") for k in keep]


def _describe(counts, weeks, series) -> str:
    weekly = [(w, sum(counts.get(w, Counter()).values())) for w in weeks]
    total_items = sum(n for _, n in weekly)
    if not weeks:
        return "No items."
    peak_week, peak = max(weekly, key=lambda x: x[1]) if weekly else (weeks[0], 0)
    parts = [
        f"Items per week from the week of {weeks[0]:%-d %B %Y} to the week of {weeks[-1]:%-d %B %Y}:",
        f"{total_items} items in all, at most {peak} in the week of {peak_week:%-d %B %Y}.",
    ]
    if len(series) > 1:
        parts.append("Each item is counted once, under its main tag: "
                     + ", ".join(label for _, label in series) + ".")
    return " ".join(parts)


def _render_svg(counts, weeks, series, title, description, chart_id, width, height) -> Markup:
    left, bottom, top = 28, 18, 6
    plot_w, plot_h = width - left - 4, height - bottom - top
    peak = max((sum(counts.get(w, Counter()).values()) for w in weeks), default=0) or 1
    bar_w = plot_w / max(len(weeks), 1)
    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{tid} {did}" focusable="false">',
        f'<title id="{tid}">{escape(title)}</title>',
        f'<desc id="{did}">{escape(description)}</desc>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 8}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    month = None
    for i, week in enumerate(weeks):
        x = left + i * bar_w
        y = top + plot_h
        bucket = counts.get(week, Counter())
        for s, (key, label) in enumerate(series):
            n = bucket[key]
            if not n:
                continue
            h = n / peak * plot_h
            y -= h
            out.append(
                f'<rect class="series-{s}" x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.5):.1f}" '
                f'height="{h:.1f}"><title>{escape(label)}, week of {week:%-d %b %Y}: {n}</title></rect>'
            )
        if (week.year, week.month) != month:
            month = (week.year, week.month)
            out.append(f'<text class="tick" x="{x:.1f}" y="{height - 4}">{week:%b %Y}</text>')
    out.append("</svg>")
    return Markup("".join(out))
