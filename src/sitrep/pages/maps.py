"""Static SVG maps of places: dots sized by item count over a labelled
graticule and a few reference cities. No tiles, no network, no script.

Sitrep ships no region outlines (no public-domain outline data small
enough is packaged in the registries this project may use); the graticule
and reference cities give a reader their bearings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    count: int = 0
    url: str | None = None


MIN_SPAN_DEG = 3.0
MAX_POINTS = 120  # the most-mentioned places; more dots are unreadable and heavy
PADDING_DEG = 0.6


def _bounds(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    south, north = min(lats), max(lats)
    west, east = min(lons), max(lons)
    if north - south < MIN_SPAN_DEG:
        mid = (north + south) / 2
        south, north = mid - MIN_SPAN_DEG / 2, mid + MIN_SPAN_DEG / 2
    if east - west < MIN_SPAN_DEG * 1.5:
        mid = (east + west) / 2
        west, east = mid - MIN_SPAN_DEG * 0.75, mid + MIN_SPAN_DEG * 0.75
    return south - PADDING_DEG, north + PADDING_DEG, west - PADDING_DEG, east + PADDING_DEG


def place_map(
    points: Sequence[MapPoint],
    landmarks: Sequence[MapPoint],
    *,
    title: str,
    chart_id: str,
    width: int = 640,
) -> Markup | None:
    """An SVG map of ``points``; ``landmarks`` inside the frame are labelled
    for orientation. Returns None when there is nothing to map."""
    points = sorted((p for p in points if p.lat is not None and p.lon is not None), key=lambda p: -p.count)
    shown_all = len(points) <= MAX_POINTS
    points = points[:MAX_POINTS]
    if not points:
        return None
    south, north, west, east = _bounds(points)
    kx = math.cos(math.radians((south + north) / 2))
    height = max(160, min(560, round(width * (north - south) / ((east - west) * kx))))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) / (east - west) * width, (north - lat) / (north - south) * height

    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    ranked = sorted(points, key=lambda p: -p.count)
    desc = (
        ("" if shown_all else f"The {MAX_POINTS} most-mentioned places. ")
        + f"{len(points)} places between latitudes {south:.1f} and {north:.1f} and longitudes "
        f"{west:.1f} and {east:.1f}. Most mentioned: "
        + ", ".join(f"{p.name} ({p.count})" for p in ranked[:5]) + "."
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="place-map" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{tid} {did}" focusable="false">',
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>',
        f'<rect class="map-bg" x="0" y="0" width="{width}" height="{height}"/>',
    ]
    out.extend(_graticule(south, north, west, east, xy, width, height))
    for lm in landmarks:
        if south <= lm.lat <= north and west <= lm.lon <= east:
            x, y = xy(lm.lat, lm.lon)
            out.append(f'<circle class="landmark" cx="{x:.1f}" cy="{y:.1f}" r="2.5"/>'
                       f'<text class="landmark-label" x="{x + 4:.1f}" y="{y - 4:.1f}">{escape(lm.name)}</text>')
    peak = max(p.count for p in points) or 1
    for p in sorted(points, key=lambda p: -p.count):  # small dots drawn last, on top
        x, y = xy(p.lat, p.lon)
        r = 3 + 9 * math.sqrt(p.count / peak)
        dot = (f'<circle class="place-dot" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
               f'<title>{escape(p.name)}: {p.count} item{"s" if p.count != 1 else ""}</title></circle>')
        out.append(f'<a href="{escape(p.url)}">{dot}</a>' if p.url else dot)
    for p in ranked[:8]:
        x, y = xy(p.lat, p.lon)
        out.append(f'<text class="place-label" x="{x + 6:.1f}" y="{y + 12:.1f}">{escape(p.name)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _graticule(south, north, west, east, xy, width, height):
    step = 1 if north - south < 6 else 2
    lines = []
    for lat in range(math.ceil(south), math.floor(north) + 1):
        if lat % step:
            continue
        _, y = xy(lat, west)
        lines.append(f'<line class="graticule" x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="2" y="{y - 2:.1f}">{lat}°N</text>')
    for lon in range(math.ceil(west), math.floor(east) + 1):
        if lon % step:
            continue
        x, _ = xy(south, lon)
        lines.append(f'<line class="graticule" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}"/>'
                     f'<text class="tick" x="{x + 2:.1f}" y="{height - 3}">{lon}°E</text>')
    return lines
