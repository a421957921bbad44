"""What one map shows and where: frame, dots, scale bar and every label.

:func:`lay_out` decides it all before a line of SVG is written, in a fixed
order that is also the order of priority for the labels: the scale bar's
label first (place names go around it), the note naming places outside the
mapped region, then places, most-mentioned first, then reference cities,
country names and seas, which only fill the room that is left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

from sitrep.pages.maps.basemap import Basemap
from sitrep.pages.maps.labels import (
    AREA_LABEL_PX, LANDMARK_LABEL_PX, PLACE_LABEL_PX, Label, Placer, spots, text_width,
)
from sitrep.pages.maps.outline_store import OutlineStore, cut
from sitrep.pages.maps.points import MapPoint
from sitrep.pages.maps.projection import VIEW_H, VIEW_W, Frame, make_frame

MAX_PLACE_LABELS = 14  # labels of places, most-mentioned first; the rest are in the table
MAX_LABEL_TRIES = 40  # places tried for those labels
LANDMARK_R = 3.5  # px: half the side of a reference city's square marker
# Places are mapped when they lie in this box (west, south, east, north);
# borders.json covers the widest frame a map of all of it needs. Places
# outside it are named in a note on the map and in its description.
MAP_REGION = (22.0, 43.0, 50.0, 57.0)


@dataclass(slots=True)
class ScaleBar:
    x: float  # left end, view units
    y: float
    length: float  # view units
    km: int


@dataclass(slots=True)
class MapLayout:
    """Everything a map draws, in view units and px, in drawing order."""

    frame: Frame
    ranked: list  # the points drawn, most-mentioned first
    dots: list[tuple[float, float, float]]  # (vx, vy, r px) of each of ``ranked``
    off_map: list  # points without coordinates or outside MAP_REGION
    land: list[tuple]  # from outlines.land_paths
    bar: ScaleBar | None
    marks: list[tuple[float, float]]  # reference cities whose names were placed
    labels: list[Label]  # scale, note, places and reference cities
    area_labels: list[Label]  # countries and seas, drawn under the others
    coast: str = ""  # path data of the coastlines in the frame (outlines.line_paths)
    borders: str = ""  # and of the borders


def _in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def _dot_radius(count: int, peak: int, n: int) -> float:
    """Dots sized by count (area ~ count), smaller when the map is crowded."""
    if n == 1:
        return 7.0
    if n <= 40:
        return 3 + 7 * math.sqrt(max(count, 0) / peak)
    return 2.5 + 5.5 * math.sqrt(max(count, 0) / peak)


def lay_out(points: Sequence, landmarks: Sequence[MapPoint], focus: Iterable[str],
            base: Basemap, store: OutlineStore | None = None) -> MapLayout | None:
    """The layout of a map of ``points`` (anything with name, lat, lon and
    count) with ``landmarks`` for orientation and the countries ``focus``
    shaded; None when no point can be mapped. ``store``: outlines kept between builds."""
    located = [p for p in points if getattr(p, "lat", None) is not None and getattr(p, "lon", None) is not None]
    drawn = [p for p in located if _in_box(p.lat, p.lon, MAP_REGION)]
    on_map = {id(p) for p in drawn}
    off_map = [p for p in points if id(p) not in on_map]
    if not drawn:
        return None
    frame = make_frame([(p.lat, p.lon) for p in drawn])
    peak = max(p.count for p in drawn) or 1
    ranked = sorted(drawn, key=lambda p: (-p.count, p.name))
    dots = []
    for p in ranked:
        vx, vy = frame.view(p.lon, p.lat)
        dots.append((vx, vy, _dot_radius(p.count, peak, len(drawn))))
    placer = Placer(list(dots))

    labels: list[Label] = []
    bar = _scale_bar(frame)
    if bar:  # its label is reserved first: place names go around it
        text = f"{bar.km} km"
        labels.append(Label(text, "scale-label", bar.x, bar.y, 0, -8, "start", text_width(text, LANDMARK_LABEL_PX),
                            LANDMARK_LABEL_PX))
        placer.placed.append(labels[-1])
    if off_map:
        note = _off_map_note(off_map, placer)
        if note:
            labels.append(note)
    labels += _place_labels(ranked, dots, placer)
    marks, mark_labels = _landmark_labels(landmarks, {p.name.casefold() for p in drawn}, frame, placer)
    labels += mark_labels
    outlines = store.outlines(base, frame, focus) if store is not None else cut(base, frame, focus)
    area_labels = _area_labels(outlines.land, base, frame, placer)
    return MapLayout(frame, ranked, dots, off_map, outlines.land, bar, marks, labels, area_labels,
                     outlines.coast, outlines.borders)


def _place_labels(ranked: list, dots: list[tuple[float, float, float]], placer: Placer) -> list[Label]:
    """Names of the most-mentioned places that fit, at most MAX_PLACE_LABELS."""
    out: list[Label] = []
    for i, p in enumerate(ranked[:MAX_LABEL_TRIES]):
        if len(out) >= MAX_PLACE_LABELS:
            break
        vx, vy, r = dots[i]
        lab = placer.place(p.name, "place-label", vx, vy, r, PLACE_LABEL_PX, bold=True, own_dot=i)
        if lab:
            out.append(lab)
    return out


def _landmark_labels(landmarks: Sequence[MapPoint], drawn_names: set[str], frame: Frame,
                     placer: Placer) -> tuple[list[tuple[float, float]], list[Label]]:
    """Markers and names of reference cities in the frame that are not
    places of the map and whose marker and name both fit."""
    marks, labels = [], []
    for lm in landmarks:
        if lm.name.casefold() in drawn_names:
            continue
        vx, vy = frame.view(lm.lon, lm.lat)
        if not (8 <= vx <= VIEW_W - 8 and 8 <= vy <= VIEW_H - 8):
            continue
        if not placer.free(vx, vy, LANDMARK_R):  # its marker would sit on a label
            continue
        placer.dots.append((vx, vy, LANDMARK_R))
        lab = placer.place(lm.name, "landmark-label", vx, vy, LANDMARK_R, LANDMARK_LABEL_PX,
                           own_dot=len(placer.dots) - 1)
        if lab:
            marks.append((vx, vy))
            labels.append(lab)
        else:  # a marker without its name would not help: leave both out
            placer.dots.pop()
    return marks, labels


def _area_labels(land: list[tuple], base: Basemap, frame: Frame, placer: Placer) -> list[Label]:
    """Names of the countries with a large visible part, biggest first, then
    of the seas in the frame."""
    out: list[Label] = []
    for cid, name, cls, d, area, (centre, piece) in sorted(land, key=lambda t: -t[4]):
        if centre is None or area < VIEW_W * VIEW_H * 0.04:
            continue
        for vx, vy in spots(piece, centre):  # nearest the middle of the country's visible part first
            lab = placer.place(name.upper(), "area-label", vx, vy, 0, AREA_LABEL_PX, centred=True,
                               over_dots_ok=False)
            if lab:
                out.append(lab)
                break
    for name, lat, lon in base.seas:
        vx, vy = frame.view(lon, lat)
        if 0 <= vx <= VIEW_W and 0 <= vy <= VIEW_H:
            lab = placer.place(name, "sea-label", vx, vy, 0, AREA_LABEL_PX, centred=True)
            if lab:
                out.append(lab)
    return out


def _off_map_note(off_map: list, placer: Placer) -> Label | None:
    """A line in the top left corner naming the places the map leaves out."""
    names = ", ".join(p.name for p in off_map)
    for text in (f"Not on the map: {names}",
                 f"{len(off_map)} place{'s' if len(off_map) != 1 else ''} not on the map, see the list"):
        w = text_width(text, LANDMARK_LABEL_PX)
        label = Label(text, "map-note", 0, 0, 6, 6 + 0.82 * LANDMARK_LABEL_PX + 2, "start", w, LANDMARK_LABEL_PX)
        if placer.fits(label, over_dots=True):
            placer.placed.append(label)
            return label
    return None


def _scale_bar(frame: Frame) -> ScaleBar | None:
    """A round-number scale bar about a fifth of the map's width, bottom left."""
    km_per_unit = frame.km_per_unit()
    target = VIEW_W * 0.2 * km_per_unit
    for km in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if km >= target * 0.6:
            return ScaleBar(16, VIEW_H - 16, km / km_per_unit, km)
    return None
