"""The base map's shapes as SVG path data for one frame: land, coast, borders.

Shapes are projected into view units, clipped a little outside the view (so
no edge is drawn along the frame), thinned at the map's own scale and
written as short relative paths in tenths of a view unit: a map page carries
a few kilobytes of geometry, not the base map.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from sitrep.pages.maps.basemap import Basemap, Shape
from sitrep.pages.maps.geometry import clip_ring_xy, simplify_mask, simplify_xy
from sitrep.pages.maps.projection import MIN_SPAN_DEG, VIEW_H, VIEW_W, Frame, Lambert

SIMPLIFY_UNITS = 0.7  # view units (of VIEW_W): under a pixel at the widest map
MARGIN = 20  # view units drawn beyond each edge, so no outline ends on the frame

Point = tuple[float, float]


def num(v: float) -> str:
    """A coordinate with one decimal at most: ``12``, ``12.5``."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def path_data(x: np.ndarray, y: np.ndarray, close: bool = False) -> str:
    """``M x,y l dx,dy …`` in whole view units (a step that rounds to nothing
    is left out). A view unit is at most a CSS pixel (VIEW_W is the widest a
    map is drawn); tenths of one made the outlines 60% longer, and they are most
    of the bytes of every place page's map."""
    tx, ty = np.rint(x).astype(np.int64), np.rint(y).astype(np.int64)  # round half to even, as round()
    dx, dy = np.diff(tx), np.diff(ty)
    moved = (dx != 0) | (dy != 0)
    steps = [f"{a},{b}" for a, b in zip(dx[moved].tolist(), dy[moved].tolist())]
    return f"M{int(tx[0])},{int(ty[0])}" + ("l" + " ".join(steps) if steps else "") + ("Z" if close else "")


def _visible(shape: Shape, box: tuple[float, float, float, float]) -> bool:
    w, s, e, n = shape.bbox
    return not (e < box[0] or w > box[2] or n < box[1] or s > box[3])


def area_centroid(pts: Sequence[Point]) -> tuple[float, Point | None]:
    """Signed area and centroid of a polygon (0, None when it has none)."""
    if len(pts) < 3:
        return 0.0, None
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-9:
        return 0.0, None
    return a / 2, (cx / (3 * a), cy / (3 * a))


# A place's own map: the narrowest frame (make_frame's least height, at 4:3), drawn thousands of times
PLACE_FRAME_W = math.radians(MIN_SPAN_DEG) * VIEW_W / VIEW_H
# where the base map is thinned for them: any centre would do (see thinned_for_places); this is Ukraine's
THINNING_CENTRE = (32.0, 49.0)  # lon, lat
_thinned: list[tuple[Basemap, Basemap]] = []  # (base map, its thinned copy): one slot, one base map a build


def place_frame(frame: Frame) -> bool:
    """Whether ``frame`` is as narrow as a place's own map."""
    return math.isclose(frame.x1 - frame.x0, PLACE_FRAME_W, rel_tol=1e-9)


def thinned_for_places(base: Basemap) -> Basemap:
    """``base`` thinned once, in this process, at the scale of a place's own map, so that
    each of those maps only projects and clips it (thinning every ring afresh was most of a
    place map's cost). Frames of the projection differ only by a rotation about the cone's
    apex (their central meridians) and a shift (their central parallels), which keep
    distances, and frames of one width scale alike: thinning in any one of them at
    SIMPLIFY_UNITS view units keeps the shape each map's own thinning would. The points kept
    differ a little, as Douglas-Peucker splits a whole ring where a map split its clipped
    part; the base map is about as coarse as a place map anyway (19 of 17,306 points go)."""
    if not _thinned or _thinned[0][0] is not base:
        proj = Lambert(*THINNING_CENTRE)
        tol = SIMPLIFY_UNITS * PLACE_FRAME_W / VIEW_W  # in earth radii, as the projection's x and y

        def thin(shape: Shape) -> Shape:
            keep = simplify_mask(*proj.xy(shape.lon, shape.lat), tol)
            lon, lat = shape.lon[keep], shape.lat[keep]
            return Shape(list(zip(lon.tolist(), lat.tolist())), shape.bbox, lon, lat)

        thinned = Basemap(base.bbox, [(cid, name, [thin(r) for r in rings]) for cid, name, rings in base.countries],
                          [thin(b) for b in base.borders], [thin(c) for c in base.coast], base.seas, base.source)
        _thinned[:] = [(base, thinned)]
    return _thinned[0][1]


def land_paths(base: Basemap, frame: Frame, highlight: set[str], thin: bool = True) -> list[tuple]:
    """Per country in the frame: (id, name, class, path d, area in view
    units², (centroid, polygon) of its largest visible piece). The piece is
    where the country's name may be written. ``thin=False``: the shapes are
    thinned already (:func:`thinned_for_places`)."""
    m = MARGIN
    out = []
    for cid, name, rings in base.countries:
        parts, area, best = [], 0.0, (0.0, None, None)
        for ring in rings:
            if not _visible(ring, frame.lonlat_box):
                continue
            x, y = clip_ring_xy(*frame.view_xy(ring), (-m, -m, VIEW_W + m, VIEW_H + m))
            if thin:
                x, y = simplify_xy(x, y, SIMPLIFY_UNITS)
            # a ring thinned whole may leave a sliver along the clipped margin: under 2 view units² (twice
            # the area: the shoelace sum), which each map's own thinning brought under three points
            if len(x) < 3 or not thin and abs(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) < 4.0:
                continue
            px, py = clip_ring_xy(x, y, (0, 0, VIEW_W, VIEW_H))
            piece = list(zip(px.tolist(), py.tolist()))
            a, c = area_centroid(piece)
            area += abs(a)
            if abs(a) > best[0]:
                best = (abs(a), c, piece)
            parts.append(path_data(x, y, close=True))
        if parts:
            cls = "land land-focus" if cid in highlight else "land"
            out.append((cid, name, cls, "".join(parts), area, best[1:]))
    return out


def line_paths(shapes: list[Shape], frame: Frame, thin: bool = True) -> str:
    """One path's data for the runs of ``shapes`` (coast or borders) that
    come near the frame; the rest of each line is left out. ``thin=False``:
    the shapes are thinned already."""
    m = MARGIN
    parts = []
    for shape in shapes:
        if not _visible(shape, frame.lonlat_box):
            continue
        x, y = frame.view_xy(shape)
        inside = (-m <= x) & (x <= VIEW_W + m) & (-m <= y) & (y <= VIEW_H + m)
        near = inside.copy()  # a point is kept if it or a neighbour is inside
        near[1:] |= inside[:-1]
        near[:-1] |= inside[1:]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], near.view(np.int8), [0]))))
        for start, end in zip(edges[::2].tolist(), edges[1::2].tolist()):
            if end - start > 1:
                run = x[start:end], y[start:end]
                parts.append(path_data(*(simplify_xy(*run, SIMPLIFY_UNITS) if thin else run)))
    return "".join(parts)
