"""Static SVG maps of places over real coastlines and borders, drawn at
build time. No tiles, no network, no script, no links.

**Base map.** Land, coastlines and internationally recognised borders
(Crimea within Ukraine) come from Natural Earth, cut and simplified once by
``mapdata/prepare.py`` into ``mapdata/borders.json`` (provenance in
``mapdata/README.md``). Each map projects them with a Lambert conformal
conic projection (standard parallels 45° and 55° N, centred on the map),
so shapes and bearings are right at these latitudes.

**Readable at any width.** The outer SVG has no viewBox: it is laid out in
CSS px, ``width: 100%`` with a 4:3 ``aspect-ratio`` from the stylesheet.
Only the geometry (land, coast, borders, scale bar) sits in a nested SVG
with a viewBox that scales with the width; dots and labels are drawn in the
outer SVG at percentage positions with sizes in px, so a 14 px label is
14 px on a phone and on a desktop.

**Labels never overlap.** Label boxes are estimated from the text and
placed greedily (most-mentioned place first, then reference cities,
countries and seas) at the first of eight positions around the dot that
collides with no other label and no dot at any width the map is drawn at
(``RENDER_WIDTHS``); a label that fits nowhere is dropped. Every place is
in the table beside the map anyway.

**Accessible.** The map is one image (``role="img"``, a <title> and a
<desc> naming the most-mentioned places): no links or focusable children
(axe ``nested-interactive``); the table or list beside it is the
accessible form.

**Same numbers as the lists.** :func:`place_points` computes the places and
counts of a page once; the plugin hands the same list to :func:`place_map`
and to the page's table or "most-mentioned places" list.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from markupsafe import Markup, escape

from sitrep.files.digest import code_digest
from sitrep.pages.mapdata.prepare import clip_ring, simplify

DATA = Path(__file__).with_name("mapdata") / "borders.json"

VIEW_W, VIEW_H = 800, 600  # the geometry's viewBox; the page keeps this 4:3 ratio in CSS
RENDER_WIDTHS = (280, 320, 360, 420, 520, 640, 800)  # widths (CSS px) the labels must fit at
MIN_SPAN_DEG = 2.4  # the smallest frame, north to south, in degrees of latitude
PAD = 0.1  # frame margin around the points, as a share of their extent
STANDARD_PARALLELS = (45.0, 55.0)
SIMPLIFY_UNITS = 0.7  # view units (of VIEW_W): under a pixel at the widest map
MAX_PLACE_LABELS = 14  # labels of places, most-mentioned first; the rest are in the table
MAX_LABEL_TRIES = 40  # places tried for those labels
# Places are mapped when they lie in this box (west, south, east, north);
# borders.json covers the widest frame a map of all of it needs. Places
# outside it are named in a note on the map and in its description.
MAP_REGION = (22.0, 43.0, 50.0, 57.0)

# Font sizes in CSS px (keep in step with theme/static/css/site.css).
PLACE_LABEL_PX = 14
LANDMARK_LABEL_PX = 13
AREA_LABEL_PX = 13
CHAR_EM = {"narrow": 0.34, "wide": 0.92, "upper": 0.74, "other": 0.62}
BOLD = 1.1


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A reference point (``SITREP_MAP_LANDMARKS``), or any point to map."""

    name: str
    lat: float
    lon: float
    count: int = 0
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """One place of a page with its item count, for the map and the lists.

    ``url`` is the place page's path below the site root (``places/izium/``)
    and ``collection`` its place collection, so templates can use a
    PlacePoint where they used a place collection (``.name``, ``.url``)."""

    slug: str
    name: str
    lat: float | None
    lon: float | None
    count: int
    url: str
    region: str = ""
    theatre: str | None = None
    collection: object = None


def place_points(collections: Iterable, within=None) -> list[PlacePoint]:
    """The places of a page and how many of its items mention each: the one
    source of the numbers on the map and in the list or table beside it.

    ``collections``: place collections (``TagIndex.places``). ``within``: a
    theatre or topic collection (anything with ``place_counts()``): count
    only its items and keep only the places they mention; None: every item
    of each place. Most-mentioned first, then by name."""
    colls = {c.place.slug if getattr(c, "place", None) is not None else c.key: c for c in collections}
    if within is not None:
        counts = Counter(within.place_counts())
    else:
        counts = Counter({slug: len(c.items) for slug, c in colls.items()})
    points = []
    for slug, n in counts.items():
        coll = colls.get(slug)
        if coll is None or n <= 0:
            continue
        place = coll.place
        points.append(PlacePoint(
            slug=slug, name=coll.name, lat=getattr(place, "lat", None), lon=getattr(place, "lon", None),
            count=n, url=coll.url, region=getattr(place, "region_name", "") or "",
            theatre=getattr(coll, "theatre", None), collection=coll,
        ))
    points.sort(key=lambda p: (-p.count, p.name.casefold(), p.slug))
    return points


@functools.cache
def drawing_digest() -> bytes:
    """What every map is drawn by, this code and the base map's data: part of a
    map's cache key, so a page carried over from an earlier build is redrawn
    when either changes."""
    return hashlib.sha256(code_digest("sitrep.pages.maps", "sitrep.pages.mapdata") + DATA.read_bytes()).digest()


# -- base map ---------------------------------------------------------------

@dataclass(slots=True)
class _Shape:
    pts: list[tuple[float, float]]  # lon, lat
    bbox: tuple[float, float, float, float]  # west, south, east, north
    lon: np.ndarray | None = None  # the same points as arrays, for projecting them at once
    lat: np.ndarray | None = None


def _decode(flat: list[int], scale: int) -> _Shape:
    pts, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        pts.append((x / scale, y / scale))
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return _Shape(pts, (min(lons), min(lats), max(lons), max(lats)), np.array(lons), np.array(lats))


@dataclass(slots=True)
class Basemap:
    bbox: tuple[float, float, float, float]
    countries: list[tuple[str, str, list[_Shape]]]  # (id, name, rings)
    borders: list[_Shape]
    coast: list[_Shape]
    seas: list[tuple[str, float, float]]
    source: dict


@functools.lru_cache(maxsize=4)
def load_basemap(path: Path = DATA) -> Basemap:
    data = json.loads(path.read_text(encoding="utf-8"))
    scale = data["scale"]
    return Basemap(
        bbox=tuple(data["bbox"]),
        countries=[(c["id"], c["name"], [_decode(r, scale) for r in c["rings"]]) for c in data["countries"]],
        borders=[_decode(l, scale) for l in data["borders"]],
        coast=[_decode(l, scale) for l in data["coast"]],
        seas=[(s["name"], s["lat"], s["lon"]) for s in data["seas"]],
        source=data["source"],
    )


# -- projection and frame ---------------------------------------------------

class Lambert:
    """Spherical Lambert conformal conic; x east, y north, in earth radii."""

    def __init__(self, lon0: float, lat0: float, parallels=STANDARD_PARALLELS):
        p1, p2 = (math.radians(p) for p in parallels)
        t = lambda phi: math.tan(math.pi / 4 + phi / 2)
        self.n = math.log(math.cos(p1) / math.cos(p2)) / math.log(t(p2) / t(p1))
        self.f = math.cos(p1) * t(p1) ** self.n / self.n
        self.rho0 = self.f / t(math.radians(lat0)) ** self.n
        self.lon0 = lon0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        rho = self.f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** self.n
        theta = self.n * math.radians(lon - self.lon0)
        return rho * math.sin(theta), self.rho0 - rho * math.cos(theta)


@dataclass(slots=True)
class Frame:
    proj: Lambert
    x0: float
    y0: float
    x1: float
    y1: float
    lonlat_box: tuple[float, float, float, float]  # a box in degrees that holds the frame

    def view(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.proj(lon, lat)
        return (x - self.x0) / (self.x1 - self.x0) * VIEW_W, (self.y1 - y) / (self.y1 - self.y0) * VIEW_H

    def view_shape(self, shape: "_Shape") -> list[tuple[float, float]]:
        """Every point of ``shape`` in view units, projected at once (numpy)."""
        p = self.proj
        rho = p.f / np.tan(np.pi / 4 + np.radians(shape.lat) / 2) ** p.n
        theta = p.n * np.radians(shape.lon - p.lon0)
        x = (rho * np.sin(theta) - self.x0) / (self.x1 - self.x0) * VIEW_W
        y = (self.y1 - (p.rho0 - rho * np.cos(theta))) / (self.y1 - self.y0) * VIEW_H
        return list(zip(x.tolist(), y.tolist()))

    def km_per_unit(self) -> float:
        return (self.x1 - self.x0) * 6371.0 / VIEW_W


def make_frame(coords: Sequence[tuple[float, float]]) -> Frame:
    """A 4:3 frame around (lat, lon) ``coords`` with a margin, at least
    ``MIN_SPAN_DEG`` tall."""
    lats = [c[0] for c in coords]
    lons = [c[1] for c in coords]
    lat0, lon0 = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    proj = Lambert(lon0, lat0)
    xy = [proj(lon, lat) for lat, lon in coords]
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = (max(xs) - min(xs)) * (1 + 2 * PAD)
    h = (max(ys) - min(ys)) * (1 + 2 * PAD)
    h = max(h, math.radians(MIN_SPAN_DEG), w * VIEW_H / VIEW_W)
    w = h * VIEW_W / VIEW_H
    frame = Frame(proj, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, (0, 0, 0, 0))
    # a lon/lat box that holds the frame, to skip shapes far outside it
    edge = [(frame.x0 + (frame.x1 - frame.x0) * i / 8, frame.y0) for i in range(9)]
    edge += [(frame.x0 + (frame.x1 - frame.x0) * i / 8, frame.y1) for i in range(9)]
    edge += [(frame.x0, frame.y0 + (frame.y1 - frame.y0) * i / 8) for i in range(9)]
    edge += [(frame.x1, frame.y0 + (frame.y1 - frame.y0) * i / 8) for i in range(9)]
    ll = [_inverse(proj, x, y) for x, y in edge]
    lo = [p[0] for p in ll]
    la = [p[1] for p in ll]
    frame.lonlat_box = (min(lo) - 0.3, min(la) - 0.3, max(lo) + 0.3, max(la) + 0.3)
    return frame


def _inverse(proj: Lambert, x: float, y: float) -> tuple[float, float]:
    n = proj.n
    dy = proj.rho0 - y
    rho = math.copysign(math.hypot(x, dy), n)
    theta = math.atan2(x * math.copysign(1, n), dy * math.copysign(1, n))
    lat = 2 * math.atan((proj.f / rho) ** (1 / n)) - math.pi / 2
    return proj.lon0 + math.degrees(theta / n), math.degrees(lat)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# -- geometry to SVG paths ------------------------------------------------------

def _thin(pts, tolerance=SIMPLIFY_UNITS):
    """Douglas–Peucker at this map's own scale: detail finer than
    ``tolerance`` view units (under a pixel) is not drawn."""
    return simplify(pts, tolerance)


def _path(pts, close=False) -> str:
    """``M x,y l dx,dy …`` in tenths of a view unit: relative steps are short."""
    tenths = [(round(x * 10), round(y * 10)) for x, y in pts]
    (x0, y0), steps = tenths[0], []
    px, py = x0, y0
    for x, y in tenths[1:]:
        if (x, y) != (px, py):
            steps.append(f"{_num((x - px) / 10)},{_num((y - py) / 10)}")
            px, py = x, y
    return f"M{_num(x0 / 10)},{_num(y0 / 10)}" + ("l" + " ".join(steps) if steps else "") + ("Z" if close else "")


def _num(v: float) -> str:
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _visible(shape: _Shape, box) -> bool:
    w, s, e, n = shape.bbox
    return not (e < box[0] or w > box[2] or n < box[1] or s > box[3])


def _land_paths(base: Basemap, frame: Frame, highlight: set[str]):
    """(class, path d, area in view units², (cx, cy) of the largest piece) per country."""
    m = 20  # clip a little outside the view, so no edge is drawn along the frame
    out = []
    for cid, name, rings in base.countries:
        parts, area, best = [], 0.0, (0.0, None, None)
        for ring in rings:
            if not _visible(ring, frame.lonlat_box):
                continue
            pts = clip_ring(frame.view_shape(ring), (-m, -m, VIEW_W + m, VIEW_H + m))
            pts = _thin(pts)
            if len(pts) < 3:
                continue
            piece = clip_ring(pts, (0, 0, VIEW_W, VIEW_H))
            a, c = _area_centroid(piece)
            area += abs(a)
            if abs(a) > best[0]:
                best = (abs(a), c, piece)
            parts.append(_path(pts, close=True))
        if parts:
            cls = "land land-focus" if cid in highlight else "land"
            out.append((cid, name, cls, "".join(parts), area, best[1:]))
    return out


def _spots(piece, centre, step=25.0, limit=60):
    """Points of a grid inside the polygon ``piece``, nearest ``centre``
    first (tested lazily: the first one that takes the label ends the search)."""
    coarse = simplify(piece, 3.0)  # a few view units off does not matter for a label's spot
    if len(coarse) < 3:
        return
    xs = [p[0] for p in coarse]
    ys = [p[1] for p in coarse]
    grid = []
    y = min(ys) + step / 2
    while y < max(ys):
        x = min(xs) + step / 2
        while x < max(xs):
            grid.append((x, y))
            x += step
        y += step
    grid.sort(key=lambda q: (q[0] - centre[0]) ** 2 + (q[1] - centre[1]) ** 2)
    found = 0
    for x, y in grid:
        if _inside(x, y, coarse):
            yield x, y
            found += 1
            if found >= limit:
                return


def _inside(x, y, ring) -> bool:
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            found = not found
    return found


def _area_centroid(pts):
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


def _line_paths(shapes: list[_Shape], frame: Frame) -> str:
    m = 20
    parts = []
    for shape in shapes:
        if not _visible(shape, frame.lonlat_box):
            continue
        pts = frame.view_shape(shape)
        inside = [-m <= x <= VIEW_W + m and -m <= y <= VIEW_H + m for x, y in pts]
        run: list = []
        for i, p in enumerate(pts):
            near = inside[i] or (i > 0 and inside[i - 1]) or (i + 1 < len(pts) and inside[i + 1])
            if near:
                run.append(p)
            elif run:
                if len(run) > 1:
                    parts.append(_path(_thin(run)))
                run = []
        if len(run) > 1:
            parts.append(_path(_thin(run)))
    return "".join(parts)


# -- labels -------------------------------------------------------------------

def text_width(text: str, px: float, bold: bool = False) -> float:
    """A generous estimate of a label's width in px (wide sans-serif fonts such as DejaVu Sans)."""
    w = 0.0
    for ch in text:
        if ch in "iljtfrI.,'’:;!| -()":
            w += CHAR_EM["narrow"]
        elif ch in "mwMW":
            w += CHAR_EM["wide"]
        elif ch.isupper():
            w += CHAR_EM["upper"]
        else:
            w += CHAR_EM["other"]
    return w * px * (BOLD if bold else 1.0)


@dataclass(slots=True)
class Label:
    text: str
    cls: str
    vx: float  # anchor in view units (0..VIEW_W, 0..VIEW_H)
    vy: float
    dx: float  # text position relative to the anchor, px
    dy: float  # baseline, px
    anchor: str  # text-anchor
    width: float  # px
    px: float  # font size

    def box(self, render_width: float) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in px when the map is ``render_width`` px wide."""
        s = render_width / VIEW_W
        x, y = self.vx * s + self.dx, self.vy * s + self.dy
        left = x - (self.width if self.anchor == "end" else self.width / 2 if self.anchor == "middle" else 0)
        return (left - 1, y - 0.82 * self.px - 1, left + self.width + 1, y + 0.26 * self.px + 1)


def _candidates(r: float, w: float, px: float):
    """(dx, dy, anchor) around a dot of radius ``r`` px: right, left, above,
    below, then the diagonals."""
    g = r + 3
    mid = 0.3 * px  # baseline offset that centres the text on the dot
    return [
        (g, mid, "start"), (-g, mid, "end"), (0, -g - 0.3 * px, "middle"), (0, g + 0.82 * px, "middle"),
        (g * 0.75, -g * 0.75, "start"), (g * 0.75, g * 0.75 + 0.8 * px, "start"),
        (-g * 0.75, -g * 0.75, "end"), (-g * 0.75, g * 0.75 + 0.8 * px, "end"),
    ]


class _Placer:
    def __init__(self, dots: list[tuple[float, float, float]]):
        self.dots = dots  # (vx, vy, r px)
        self.placed: list[Label] = []

    def fits(self, label: Label, own_dot: int | None = None, over_dots: bool = False) -> bool:
        for width in RENDER_WIDTHS:
            box = label.box(width)
            height = width * VIEW_H / VIEW_W
            if box[0] < 2 or box[1] < 2 or box[2] > width - 2 or box[3] > height - 2:
                return False
            s = width / VIEW_W
            for i, (vx, vy, r) in enumerate(self.dots):
                if over_dots or i == own_dot:
                    continue
                cx, cy = vx * s, vy * s
                if _overlaps(box, (cx - r, cy - r, cx + r, cy + r)):
                    return False
            for other in self.placed:
                if _overlaps(box, other.box(width)):
                    return False
        return True

    def free(self, vx: float, vy: float, r: float) -> bool:
        """No placed label covers a dot of radius ``r`` px at (vx, vy)."""
        for width in RENDER_WIDTHS:
            s = width / VIEW_W
            dot = (vx * s - r, vy * s - r, vx * s + r, vy * s + r)
            if any(_overlaps(dot, other.box(width)) for other in self.placed):
                return False
        return True

    def place(self, text, cls, vx, vy, r, px, bold=False, own_dot=None, centred=False,
              over_dots_ok=True) -> Label | None:
        w = text_width(text, px, bold)
        options = [(0, 0.3 * px, "middle")] if centred else _candidates(r, w, px)
        # clear of every dot if possible; else over other places' dots (the
        # label's halo keeps it legible), never over another label
        for over_dots in (False, True) if over_dots_ok else (False,):
            for dx, dy, anchor in options:
                label = Label(text, cls, vx, vy, dx, dy, anchor, w, px)
                if self.fits(label, own_dot, over_dots):
                    self.placed.append(label)
                    return label
        return None


# -- the map --------------------------------------------------------------------

def _pct(v: float, total: float) -> str:
    return f"{v / total * 100:.2f}".rstrip("0").rstrip(".") + "%"


def _in_box(lat, lon, box) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def place_map(
    points: Sequence,
    landmarks: Sequence[MapPoint] = (),
    *,
    title: str,
    chart_id: str,
    focus: Iterable[str] = ("804",),
    width: int | None = None,  # accepted for compatibility; the map is as wide as its container
) -> Markup | None:
    """An SVG map of ``points`` (:class:`PlacePoint` from :func:`place_points`,
    or anything with name, lat, lon and count), dots sized by count, over
    land, coastlines and borders, with ``landmarks`` inside the frame
    labelled for orientation. ``focus``: ISO numeric codes of the countries
    shaded as the subject (Ukraine). None when nothing can be mapped."""
    base = load_basemap()
    located = [p for p in points if getattr(p, "lat", None) is not None and getattr(p, "lon", None) is not None]
    drawn = [p for p in located if _in_box(p.lat, p.lon, MAP_REGION)]
    on_map = {id(p) for p in drawn}
    off_map = [p for p in points if id(p) not in on_map]
    if not drawn:
        return None
    frame = make_frame([(p.lat, p.lon) for p in drawn])
    peak = max(p.count for p in drawn) or 1
    ranked = sorted(drawn, key=lambda p: (-p.count, p.name))
    single = len(drawn) == 1
    dots = []
    for p in ranked:
        vx, vy = frame.view(p.lon, p.lat)
        r = 7.0 if single else (3 + 7 * math.sqrt(max(p.count, 0) / peak) if len(drawn) <= 40
                                else 2.5 + 5.5 * math.sqrt(max(p.count, 0) / peak))
        dots.append((vx, vy, r))
    placer = _Placer(list(dots))

    labels: list[Label] = []
    bar = _scale_bar(frame)
    if bar:  # its label is reserved first: place names go around it
        x, y, length, km = bar
        text = f"{km} km"
        labels.append(Label(text, "scale-label", x, y, 0, -8, "start", text_width(text, LANDMARK_LABEL_PX), LANDMARK_LABEL_PX))
        placer.placed.append(labels[-1])
    if off_map:
        note = _off_map_note(off_map, placer)
        if note:
            labels.append(note)
    placed = 0
    for i, p in enumerate(ranked[:MAX_LABEL_TRIES]):
        if placed >= MAX_PLACE_LABELS:
            break
        vx, vy, r = dots[i]
        lab = placer.place(p.name, "place-label", vx, vy, r, PLACE_LABEL_PX, bold=True, own_dot=i)
        if lab:
            labels.append(lab)
            placed += 1
    drawn_names = {p.name.casefold() for p in drawn}
    marks = []
    for lm in landmarks:
        if lm.name.casefold() in drawn_names:
            continue
        vx, vy = frame.view(lm.lon, lm.lat)
        if not (8 <= vx <= VIEW_W - 8 and 8 <= vy <= VIEW_H - 8):
            continue
        if not placer.free(vx, vy, 3.5):  # its marker would sit on a label
            continue
        placer.dots.append((vx, vy, 3.5))
        lab = placer.place(lm.name, "landmark-label", vx, vy, 3.5, LANDMARK_LABEL_PX, own_dot=len(placer.dots) - 1)
        if lab:
            marks.append((vx, vy))
            labels.append(lab)
        else:  # a marker without its name would not help: leave both out
            placer.dots.pop()
    land = _land_paths(base, frame, set(focus))
    area_labels = []
    for cid, name, cls, d, area, (centre, piece) in sorted(land, key=lambda t: -t[4]):
        if centre is None or area < VIEW_W * VIEW_H * 0.04:
            continue
        for vx, vy in _spots(piece, centre):  # nearest the middle of the country's visible part first
            lab = placer.place(name.upper(), "area-label", vx, vy, 0, AREA_LABEL_PX, centred=True, over_dots_ok=False)
            if lab:
                area_labels.append(lab)
                break
    for name, lat, lon in base.seas:
        vx, vy = frame.view(lon, lat)
        if 0 <= vx <= VIEW_W and 0 <= vy <= VIEW_H:
            lab = placer.place(name, "sea-label", vx, vy, 0, AREA_LABEL_PX, centred=True)
            if lab:
                area_labels.append(lab)

    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    desc = _describe(ranked, off_map, labels, frame)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="place-map" width="100%" role="img" '
        f'aria-labelledby="{tid} {did}" focusable="false">',
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>',
        f'<svg class="map-geo" width="100%" height="100%" viewBox="0 0 {VIEW_W} {VIEW_H}" preserveAspectRatio="none">',
        f'<rect class="sea" x="0" y="0" width="{VIEW_W}" height="{VIEW_H}"/>',
    ]
    for cid, name, cls, d, area, _ in land:
        out.append(f'<path class="{cls}" d="{d}"/>')
    coast = _line_paths(base.coast, frame)
    if coast:
        out.append(f'<path class="coast" d="{coast}"/>')
    borders = _line_paths(base.borders, frame)
    if borders:
        out.append(f'<path class="border" d="{borders}"/>')
    if bar:
        x, y, length, km = bar
        out.append(f'<path class="scale-bar" d="M{_num(x)},{_num(y - 5)}V{_num(y)}H{_num(x + length)}V{_num(y - 5)}"/>')
    out.append("</svg>")
    for vx, vy in marks:
        out.append(f'<rect class="landmark" x="{_pct(vx, VIEW_W)}" y="{_pct(vy, VIEW_H)}" width="5" height="5" '
                   f'transform="translate(-2.5 -2.5)"/>')
    for i in range(len(ranked) - 1, -1, -1):  # big dots first, small ones on top
        p, (vx, vy, r) = ranked[i], dots[i]
        out.append(f'<circle class="place-dot" cx="{_pct(vx, VIEW_W)}" cy="{_pct(vy, VIEW_H)}" r="{r:.1f}">'
                   f'<title>{escape(p.name)}: {p.count} item{"s" if p.count != 1 else ""}</title></circle>')
    for lab in area_labels + labels:
        out.append(f'<text class="{lab.cls}" x="{_pct(lab.vx, VIEW_W)}" y="{_pct(lab.vy, VIEW_H)}" '
                   f'dx="{_num(lab.dx)}" dy="{_num(lab.dy)}"'
                   + (f' text-anchor="{lab.anchor}"' if lab.anchor != "start" else "")
                   + f'>{escape(lab.text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _off_map_note(off_map, placer: _Placer) -> Label | None:
    """A line in the top left corner naming the places the map leaves out."""
    names = ", ".join(p.name for p in off_map)
    for text in (f"Not on the map: {names}", f"{len(off_map)} place{'s' if len(off_map) != 1 else ''} not on the map, see the list"):
        w = text_width(text, LANDMARK_LABEL_PX)
        label = Label(text, "map-note", 0, 0, 6, 6 + 0.82 * LANDMARK_LABEL_PX + 2, "start", w, LANDMARK_LABEL_PX)
        if placer.fits(label, over_dots=True):
            placer.placed.append(label)
            return label
    return None


def _scale_bar(frame: Frame):
    """(x, y, length in view units, km) of a round-number scale bar about a
    fifth of the map's width, bottom left."""
    km_per_unit = frame.km_per_unit()
    target = VIEW_W * 0.2 * km_per_unit
    for km in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if km >= target * 0.6:
            return 16, VIEW_H - 16, km / km_per_unit, km
    return None


def _describe(ranked, off_map, labels, frame) -> str:
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
