"""A map as inline SVG: the entry point :func:`place_map` and the markup it writes.

**Readable at any width.** The outer SVG has no viewBox: it is laid out in
CSS px, ``width: 100%`` with a 4:3 ``aspect-ratio`` from the stylesheet.
Only the geometry (land, coast, borders, scale bar) sits in a nested SVG
with a viewBox that scales with the width; dots and labels are drawn in the
outer SVG at percentage positions with sizes in px, so a 14 px label is
14 px on a phone and on a desktop.

**Accessible.** The map is one image (``role="img"``, a <title> and a
<desc> naming the most-mentioned places): no links or focusable children
(axe ``nested-interactive``); the table or list beside it is the
accessible form.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from markupsafe import Markup, escape

from sitrep.pages.maps.basemap import load_basemap
from sitrep.pages.maps.layout import MapLayout, lay_out
from sitrep.pages.maps.outline_store import OutlineStore
from sitrep.pages.maps.outlines import num
from sitrep.pages.maps.points import MapPoint
from sitrep.pages.maps.projection import VIEW_H, VIEW_W


def place_map(
    points: Sequence,
    landmarks: Sequence[MapPoint] = (),
    *,
    title: str,
    chart_id: str,
    focus: Iterable[str] = ("804",),
    width: int | None = None,  # accepted for compatibility; the map is as wide as its container
    outlines: OutlineStore | None = None,
) -> Markup | None:
    """An SVG map of ``points`` (:class:`~sitrep.pages.maps.points.PlacePoint`
    from :func:`~sitrep.pages.maps.points.place_points`, or anything with
    name, lat, lon and count), dots sized by count, over land, coastlines and
    borders, with ``landmarks`` inside the frame labelled for orientation.
    ``focus``: ISO numeric codes of the countries shaded as the subject
    (Ukraine). ``outlines``: where the outlines of wide frames are kept between
    builds. None when nothing can be mapped."""
    base = load_basemap()
    layout = lay_out(points, landmarks, focus, base, outlines)
    if layout is None:
        return None
    return draw(layout, title=title, chart_id=chart_id)


def _pct(v: float, total: float) -> str:
    return f"{v / total * 100:.2f}".rstrip("0").rstrip(".") + "%"


def draw(layout: MapLayout, *, title: str, chart_id: str) -> Markup:
    """The SVG of a laid-out map: geometry in a scaled inner SVG, then
    reference-city markers, dots (big ones first, small ones on top) and
    labels (countries and seas under the rest) in the outer one."""
    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    desc = describe(layout.ranked, layout.off_map)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="place-map" width="100%" role="img" '
        f'aria-labelledby="{tid} {did}" focusable="false">',
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>',
        f'<svg class="map-geo" width="100%" height="100%" viewBox="0 0 {VIEW_W} {VIEW_H}" preserveAspectRatio="none">',
        f'<rect class="sea" x="0" y="0" width="{VIEW_W}" height="{VIEW_H}"/>',
    ]
    for cid, name, cls, d, area, _ in layout.land:
        out.append(f'<path class="{cls}" d="{d}"/>')
    if layout.coast:
        out.append(f'<path class="coast" d="{layout.coast}"/>')
    if layout.borders:
        out.append(f'<path class="border" d="{layout.borders}"/>')
    bar = layout.bar
    if bar:
        out.append(f'<path class="scale-bar" d="M{num(bar.x)},{num(bar.y - 5)}V{num(bar.y)}'
                   f'H{num(bar.x + bar.length)}V{num(bar.y - 5)}"/>')
    out.append("</svg>")
    for vx, vy in layout.marks:
        out.append(f'<rect class="landmark" x="{_pct(vx, VIEW_W)}" y="{_pct(vy, VIEW_H)}" width="5" height="5" '
                   f'transform="translate(-2.5 -2.5)"/>')
    for i in range(len(layout.ranked) - 1, -1, -1):  # big dots first, small ones on top
        p, (vx, vy, r) = layout.ranked[i], layout.dots[i]
        out.append(f'<circle class="place-dot" cx="{_pct(vx, VIEW_W)}" cy="{_pct(vy, VIEW_H)}" r="{r:.1f}">'
                   f'<title>{escape(p.name)}: {p.count} item{"s" if p.count != 1 else ""}</title></circle>')
    for lab in layout.area_labels + layout.labels:
        out.append(f'<text class="{lab.cls}" x="{_pct(lab.vx, VIEW_W)}" y="{_pct(lab.vy, VIEW_H)}" '
                   f'dx="{num(lab.dx)}" dy="{num(lab.dy)}"'
                   + (f' text-anchor="{lab.anchor}"' if lab.anchor != "start" else "")
                   + f'>{escape(lab.text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def describe(ranked: list, off_map: list) -> str:
    """The map's <desc>: what a screen reader hears instead of the picture."""
    n = len(ranked)
    parts = []
    if n == 1:
        p = ranked[0]
        parts.append(f"{p.name}, at {p.lat:.2f}° N, {p.lon:.2f}° E, on a map of the region.")
    else:
        parts.append(f"{n} places, dots sized by the number of items. Most mentioned: "
                     + ", ".join(f"{p.name} ({p.count})" for p in ranked[:5]) + ".")
    parts.append("Borders are the internationally recognised ones: Crimea is part of Ukraine.")
    if off_map:
        parts.append(f"Not on the map: {', '.join(p.name for p in off_map[:10])}"
                     + (f" and {len(off_map) - 10} more" if len(off_map) > 10 else "") + ".")
    return " ".join(parts)
