"""Items-per-week timelines as inline SVG, rendered at build time.

Readable at any width. The SVG has no ``viewBox``: it is laid out in CSS
pixels, ``width="100%"`` of its container and a fixed height, and every
horizontal position is a percentage of that width. Nothing is scaled, so
text drawn at 13 px (``site.css``) is 13 px on a 390 px phone and on a
1366 px desktop alike. The value labels of the gridlines sit left of the
plot, in a margin the stylesheet gives the SVG (``overflow: visible``).

Accessible without the picture: the SVG carries its own <title> and <desc>
(read via ``aria-labelledby``), the same numbers are returned as a table for
the page's data-table fallback, and the legend is HTML. Colours come from
CSS classes (``series-N``, ``series-none``), so the stylesheet gives them
light and dark variants; no script and no inline style is needed.

Small multiples share one vertical scale: compute it once with
:func:`shared_y_max` and pass it to every chart as ``y_max``. The last week
of the archive is drawn hatched and lighter and named in the legend, so that
it does not read as a fall: its reports may not all be in, even after its
Sunday (a Sunday's digest often comes on Monday).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from sitrep.files.digest import code_digest

MAX_SERIES = 8  # more series than this are folded into "other"
MAX_WEEKS = 1100  # about 21 years: a timeline never draws more bars, whatever the dates

# Layout in CSS pixels. Keep in step with the ``svg.timeline`` rules of
# theme/static/css/site.css (font sizes and the left margin).
FONT_PX = 13  # .tick text; the smallest text a chart draws
TOP_PX = 12  # room above the top gridline for its label
BOTTOM_PX = 26  # month labels under the axis
MIN_PLOT_PX = 260  # the narrowest plot the labels are thinned for (a 320 px phone)
CHAR_EM = 0.62  # average advance of a label character, in em (sans-serif, generous)
GRIDLINES = 4  # at most this many intervals between gridlines


def drawing_digest() -> bytes:
    """What every chart is drawn by (this module): part of a chart's cache key,
    so a page carried over from an earlier build is redrawn when it changes."""
    return code_digest("sitrep.pages.charts")


class Weeks(list):
    """Week starts (Mondays), oldest first, that remember the last day they
    cover: ``through`` tells whether the last week is complete."""

    through: dt.date | None = None


@dataclass(slots=True)
class Timeline:
    """A weekly series ready for the template: SVG, legend, and a table of numbers."""

    svg: Markup
    weeks: list[dt.date]
    series: list[tuple[str, str]]  # (key, label), in stacking order; key "" = no tag
    counts: dict[dt.date, Counter] = field(default_factory=dict)
    title: str = ""
    description: str = ""
    y_max: int = 0  # top of the vertical scale
    partial_week: dt.date | None = None  # the last week, when it is the archive's latest
    through: dt.date | None = None  # the last day the chart covers
    classes: list[str] = field(default_factory=list)  # CSS class per series, as in the SVG
    open_end: bool = False  # ends at its own last item's week, never hatched: see timeline()

    def rows(self):
        """(week, [count per series], total) for the data table: the weeks with
        items only (a place named twice in two years would be a column of zeros)."""
        for week in self.weeks:
            row = [self.counts.get(week, Counter())[key] for key, _ in self.series]
            if any(row):
                yield week, row, sum(row)

    @property
    def empty_weeks(self) -> int:
        """Weeks of the chart the data table leaves out: none of their items counted."""
        return sum(1 for week in self.weeks if not any(self.counts.get(week, Counter()).values()))

    @property
    def legend(self) -> Markup:
        """The HTML legend: one swatch per series (when there are several) and
        a note on the partial week. Empty when there is nothing to explain."""
        entries = []
        if len(self.series) > 1:
            for (key, label), cls in zip(self.series, self.classes):
                entries.append(f'<li><span class="swatch {cls}"></span>{escape(label)}</li>')
        if self.partial_week is not None:
            entries.append(
                f'<li class="legend-partial"><span class="swatch swatch-partial"></span>'
                f'{escape(partial_note(self.partial_week))}</li>'
            )
        elif self.open_end:
            entries.append(f'<li class="legend-open-end">{escape(OPEN_END_NOTE)}</li>')
        if not entries:
            return Markup("")
        return Markup(f'<ul class="legend">{"".join(entries)}</ul>')


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_range(first: dt.date, last: dt.date) -> Weeks:
    """Every week from the one holding ``first`` to the one holding ``last``;
    at most the last MAX_WEEKS of them, so a stray date (the build refuses
    those outside SITREP_DATE_RANGE) can never make a chart of centuries."""
    start, end = week_start(first), week_start(last)
    count = min((end - start).days // 7 + 1, MAX_WEEKS)
    weeks = Weeks(end - dt.timedelta(weeks=i) for i in reversed(range(count)))
    weeks.through = _as_date(last)
    return weeks


def spans_weeks(dates: Iterable[dt.date], weeks: int) -> bool:
    """Whether ``dates`` fall in at least ``weeks`` different weeks (stops once they do)."""
    seen: set[dt.date] = set()
    for day in dates:
        seen.add(week_start(_as_date(day)))
        if len(seen) >= weeks:
            return True
    return weeks <= 0


def weekly_peak(dates: Iterable[dt.date]) -> int:
    """The most items in any one week."""
    counts = Counter(week_start(_as_date(d)) for d in dates)
    return max(counts.values(), default=0)


def shared_y_max(groups: Iterable[Iterable[dt.date]]) -> int:
    """One vertical scale for a set of small multiples: the top gridline
    above the busiest week of any group. Pass it to :func:`timeline` as
    ``y_max`` so that 2 items look like 2 and 12 like 12 in every chart."""
    return nice_scale(max((weekly_peak(g) for g in groups), default=0))[0]


def nice_scale(peak: int) -> tuple[int, int]:
    """(top, step) of a vertical scale holding ``peak`` with at most
    ``GRIDLINES`` intervals on round numbers (1, 2, 5 × 10ⁿ)."""
    peak = max(int(math.ceil(peak)), 1)
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            step = m * magnitude
            if math.ceil(peak / step) <= GRIDLINES:
                return math.ceil(peak / step) * step, step
        magnitude *= 10


def partial_week(weeks: Sequence[dt.date], through) -> dt.date | None:
    """The last of ``weeks`` when ``through`` (the archive's last day) falls in
    it, else None: all a chart takes from ``through``.

    Whatever the weekday: the archive's latest week stays hatched until a report
    of a later week arrives. Reports of a Sunday may still come, and a hatch that
    ended on Sunday changed every page with a timeline on Sunday, then again on
    Monday when the whole-archive timelines gain a week; now both happen on the
    Monday, once."""
    through = _as_date(through)
    if weeks and through is not None and week_start(through) == weeks[-1]:
        return weeks[-1]
    return None


OPEN_END_NOTE = "The last week shown may still gain items while its reports arrive."


def partial_note(week: dt.date) -> str:
    """The legend's note on the archive's latest week. It names the week, not
    the archive's last day: every page with a timeline would otherwise change
    with every report added (a deploy re-uploading every tag and place page),
    where now they change once a week."""
    return f"Hatched: the week of {week:%-d %b}, the latest, may be incomplete"


def timeline(
    entries: Iterable[tuple[dt.date, Sequence[str]]],
    weeks: list[dt.date],
    labels: dict[str, str],
    *,
    title: str,
    chart_id: str,
    height: int = 170,
    y_max: int | None = None,
    through: dt.date | None = None,
    none_label: str = "No tag",
    open_end: bool = False,
) -> Timeline:
    """Build a weekly stacked bar chart.

    ``entries`` are (date, keys) pairs, one per item. Each item counts once,
    under its first key (the tagger orders tags by strength) or, when it has
    none, under the empty key, shown as ``none_label`` ("No theatre"): a
    hollow segment on top of the stack, never coloured like a tag. Bar
    heights are item counts.

    ``y_max``: the top of the vertical scale, shared by small multiples (see
    :func:`shared_y_max`); the chart's own peak when None. ``through``: the
    last day of the archive (default: ``weeks.through`` from
    :func:`week_range`); when it falls in the last week, that week is drawn
    as the latest, perhaps incomplete (hatched). ``open_end``: the weeks end
    at these items' own last week and are never hatched (a place's page would
    otherwise change when the archive moves on, though none of its items did),
    so the legend and description say in words, the same on every build, that
    the last week may still gain items.
    """
    counts: dict[dt.date, Counter] = {}
    totals: Counter = Counter()
    for day, keys in entries:
        bucket = counts.setdefault(week_start(_as_date(day)), Counter())
        key = keys[0] if keys else ""
        bucket[key] += 1
        totals[key] += 1
    series = _pick_series(totals, labels, none_label)
    tagged = [k for k, _ in series if k]
    if len(tagged) < len([k for k in totals if k and totals[k]]):
        kept = set(tagged)
        for bucket in counts.values():
            other = sum(v for k, v in bucket.items() if k and k not in kept)
            if other:
                bucket["other"] = other
        series.insert(len(tagged), ("other", "Other"))
    classes, n = [], 0
    for key, _ in series:
        if key:
            classes.append(f"series-{n}")
            n += 1
        else:
            classes.append("series-none")
    through = _as_date(through or getattr(weeks, "through", None))
    partial = partial_week(weeks, through)
    peak = max((sum(counts.get(w, Counter()).values()) for w in weeks), default=0)
    top, step = nice_scale(max(peak, y_max or 0))
    description = _describe(counts, weeks, series, partial, top, shared=y_max is not None)
    if open_end and partial is None and weeks:
        description += " " + OPEN_END_NOTE
    svg = _render_svg(counts, weeks, series, classes, title, description, chart_id, height, top, step, partial)
    return Timeline(svg, weeks, series, counts, title, description, top, partial, through, classes, open_end)


def _as_date(day):
    return day.date() if isinstance(day, dt.datetime) else day


def _pick_series(totals: Counter, labels: dict[str, str], none_label: str) -> list[tuple[str, str]]:
    ordered = [k for k in labels if totals.get(k)]
    ordered.sort(key=lambda k: -totals[k])
    keep = ordered if len(ordered) <= MAX_SERIES else ordered[: MAX_SERIES - 1]
    series = [(k, labels[k]) for k in keep]
    if totals.get(""):
        series.append(("", none_label))  # always last: drawn on top, never ranked as a tag
    return series


def _describe(counts, weeks, series, partial, top, shared) -> str:
    if not weeks:
        return "No items."
    weekly = [(w, sum(counts.get(w, Counter()).values())) for w in weeks]
    total_items = sum(n for _, n in weekly)
    peak_week, peak = max(weekly, key=lambda x: x[1])
    parts = [
        f"Items per week from the week of {weeks[0]:%-d %B %Y} to the week of {weeks[-1]:%-d %B %Y}:",
        f"{total_items} item{'s' if total_items != 1 else ''} in all, at most {peak} in the week of {peak_week:%-d %B %Y}.",
    ]
    if len(series) > 1:
        parts.append("Each item is counted once, under its main tag: "
                     + ", ".join(label for _, label in series) + ".")
    elif series and not series[0][0]:
        parts.append(f"All of them: {series[0][1]}.")
    if shared:
        parts.append(f"The scale, 0 to {top}, is the same for every chart on this page.")
    if partial is not None:
        parts.append("The last week is the archive's latest and may be incomplete.")
    return " ".join(parts)


def _pct(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") + "%"


def _label_width(text: str) -> float:
    return len(text) * CHAR_EM * FONT_PX


def _month_labels(weeks: list[dt.date]) -> list[tuple[int, str]]:
    """(week index, text) of the month labels that fit side by side on the
    narrowest plot (``MIN_PLOT_PX``), first month first; the year is written
    on the first label and on every January."""
    starts, month = [], None
    for i, week in enumerate(weeks):
        if (week.year, week.month) != month:
            month = (week.year, week.month)
            starts.append(i)
    n = max(len(weeks), 1)
    out, right_edge, last_year = [], -1e9, None
    for i in starts:
        week = weeks[i]
        text = f"{week:%b %Y}" if week.year != last_year or week.month == 1 else f"{week:%b}"
        x = i / n * MIN_PLOT_PX
        w = _label_width(text)
        if x < right_edge + 8 or x + w > MIN_PLOT_PX + 4:
            continue
        out.append((i, text))
        right_edge, last_year = x + w, week.year
    return out


def _render_svg(counts, weeks, series, classes, title, description, chart_id, height, top, step, partial) -> Markup:
    plot_top, plot_bottom = TOP_PX, height - BOTTOM_PX
    plot_h = plot_bottom - plot_top
    n = max(len(weeks), 1)
    bar = 100 / n
    tid, did, hid = f"{chart_id}-title", f"{chart_id}-desc", f"{chart_id}-hatch"

    def y_of(v: float) -> float:
        return plot_bottom - v / top * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="100%" height="{height}" '
        f'role="img" aria-labelledby="{tid} {did}" focusable="false">',
        f'<title id="{tid}">{escape(title)}</title>',
        f'<desc id="{did}">{escape(description)}</desc>',
    ]
    if partial is not None:
        out.append(
            f'<defs><pattern id="{hid}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect class="hatch-line" x="0" y="0" width="2" height="6"/></pattern></defs>'
        )
    for v in range(step, top + 1, step):
        y = y_of(v)
        out.append(f'<line class="grid" x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}"/>'
                   f'<text class="tick tick-y" x="-6" y="{y:.1f}" dy="0.35em" text-anchor="end">{v}</text>')
    out.append(f'<text class="tick tick-y" x="-6" y="{plot_bottom}" dy="0.35em" text-anchor="end">0</text>')
    for i, week in enumerate(weeks):
        x = i * bar
        y = plot_bottom
        bucket = counts.get(week, Counter())
        extra = " partial" if week == partial else ""
        for (key, label), cls in zip(series, classes):
            count = bucket[key]
            if not count:
                continue
            h = count / top * plot_h
            y -= h
            out.append(
                f'<rect class="{cls}{extra}" x="{_pct(x)}" y="{y:.1f}" width="{_pct(bar)}" height="{h:.1f}">'
                f'<title>{escape(label)}, week of {week:%-d %b %Y}{" (latest, may be incomplete)" if extra else ""}: {count}</title></rect>'
            )
        if extra and y < plot_bottom:
            out.append(f'<rect class="partial-hatch" x="{_pct(x)}" y="{y:.1f}" width="{_pct(bar)}" '
                       f'height="{plot_bottom - y:.1f}" fill="url(#{hid})"/>')
    out.append(f'<line class="axis" x1="0" y1="{plot_bottom}" x2="100%" y2="{plot_bottom}"/>')
    for i, text in _month_labels(weeks):
        x = _pct(i * bar)
        out.append(f'<line class="axis" x1="{x}" y1="{plot_bottom}" x2="{x}" y2="{plot_bottom + 5}"/>'
                   f'<text class="tick" x="{x}" y="{plot_bottom + 19}">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
