"""Label placement: names that never overlap, at any width the map is drawn at.

The map is as wide as its container, but labels keep their size in px while
the dots move with the width, so a label that fits at 800 px can cover a
neighbour at 280 px. Label boxes are therefore estimated from the text
(:func:`text_width`) and checked at every width of ``RENDER_WIDTHS``.
:class:`Placer` places greedily, in the order it is asked: each label goes
at the first of eight positions around its dot that collides with no placed
label and no dot; a label that fits nowhere is dropped (every place is in
the table beside the map anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from sitrep.pages.maps.geometry import simplify_xy
from sitrep.pages.maps.projection import VIEW_H, VIEW_W

RENDER_WIDTHS = (280, 320, 360, 420, 520, 640, 800)  # widths (CSS px) the labels must fit at

# Font sizes in CSS px (keep in step with theme/static/css/site.css).
PLACE_LABEL_PX = 14
LANDMARK_LABEL_PX = 13
AREA_LABEL_PX = 13
CHAR_EM = {"narrow": 0.34, "wide": 0.92, "upper": 0.74, "other": 0.62}
BOLD = 1.1

Box = tuple[float, float, float, float]  # left, top, right, bottom


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


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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

    def box(self, render_width: float) -> Box:
        """(left, top, right, bottom) in px when the map is ``render_width`` px wide."""
        s = render_width / VIEW_W
        x, y = self.vx * s + self.dx, self.vy * s + self.dy
        left = x - (self.width if self.anchor == "end" else self.width / 2 if self.anchor == "middle" else 0)
        return (left - 1, y - 0.82 * self.px - 1, left + self.width + 1, y + 0.26 * self.px + 1)


def _candidates(r: float, px: float) -> list[tuple[float, float, str]]:
    """(dx, dy, anchor) around a dot of radius ``r`` px: right, left, above,
    below, then the diagonals."""
    g = r + 3
    mid = 0.3 * px  # baseline offset that centres the text on the dot
    return [
        (g, mid, "start"), (-g, mid, "end"), (0, -g - 0.3 * px, "middle"), (0, g + 0.82 * px, "middle"),
        (g * 0.75, -g * 0.75, "start"), (g * 0.75, g * 0.75 + 0.8 * px, "start"),
        (-g * 0.75, -g * 0.75, "end"), (-g * 0.75, g * 0.75 + 0.8 * px, "end"),
    ]


class DotGrid:
    """The dots of a map by cell of the view, so that a label is checked against the
    dots near it, not every dot: the map of all places has thousands, and each label
    tried was checked against each of them at every render width (most of the time
    of the maps of a build). Only which dots are looked at changes: each is tested as before."""

    CELL = 40.0  # view units
    MARGIN = 1e-6  # view units: the cells looked at always hold every dot that may overlap

    def __init__(self, dots: list[tuple[float, float, float]]):
        self.size = len(dots)
        self.r_max = max((r for _, _, r in dots), default=0.0)
        self.cells: dict[tuple[int, int], list[int]] = {}
        for i, (vx, vy, _) in enumerate(dots):
            self.cells.setdefault((int(vx // self.CELL), int(vy // self.CELL)), []).append(i)

    def near(self, box: Box, s: float) -> list[int]:
        """Indices of the dots (of those indexed) whose box at scale ``s`` may overlap ``box`` (px)."""
        cell, pad = self.CELL, self.r_max / s + self.MARGIN
        x0, x1 = int((box[0] / s - pad) // cell), int((box[2] / s + pad) // cell)
        y0, y1 = int((box[1] / s - pad) // cell), int((box[3] / s + pad) // cell)
        cells = self.cells
        return [i for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1) for i in cells.get((cx, cy), ())]


class Placer:
    """The labels placed so far and the dots they must keep clear of. ``dots``
    may grow and shrink at the end (a landmark's marker is tried), never below
    the dots given, which must not change."""

    def __init__(self, dots: list[tuple[float, float, float]]):
        self.dots = dots  # (vx, vy, r px)
        self.placed: list[Label] = []
        self._grid = DotGrid(dots)

    def fits(self, label: Label, own_dot: int | None = None, over_dots: bool = False) -> bool:
        """Inside the map, clear of every placed label and (unless
        ``over_dots``) of every dot but its own, at every render width."""
        for width in RENDER_WIDTHS:
            box = label.box(width)
            height = width * VIEW_H / VIEW_W
            if box[0] < 2 or box[1] < 2 or box[2] > width - 2 or box[3] > height - 2:
                return False
            s = width / VIEW_W
            if not over_dots and self._covers_dot(box, s, own_dot):
                return False
            for other in self.placed:
                if overlaps(box, other.box(width)):
                    return False
        return True

    def _covers_dot(self, box: Box, s: float, own_dot: int | None) -> bool:
        """Whether ``box`` (px, at scale ``s``) overlaps a dot other than ``own_dot``."""
        dots = self.dots
        for i in [*self._grid.near(box, s), *range(self._grid.size, len(dots))]:
            if i == own_dot:
                continue
            vx, vy, r = dots[i]
            cx, cy = vx * s, vy * s
            if overlaps(box, (cx - r, cy - r, cx + r, cy + r)):
                return True
        return False

    def free(self, vx: float, vy: float, r: float) -> bool:
        """No placed label covers a dot of radius ``r`` px at (vx, vy)."""
        for width in RENDER_WIDTHS:
            s = width / VIEW_W
            dot = (vx * s - r, vy * s - r, vx * s + r, vy * s + r)
            if any(overlaps(dot, other.box(width)) for other in self.placed):
                return False
        return True

    def place(self, text: str, cls: str, vx: float, vy: float, r: float, px: float, bold: bool = False,
              own_dot: int | None = None, centred: bool = False, over_dots_ok: bool = True) -> Label | None:
        """Place ``text`` by the dot at (vx, vy) (``centred``: on it), or
        return None when it fits nowhere."""
        w = text_width(text, px, bold)
        options = [(0, 0.3 * px, "middle")] if centred else _candidates(r, px)
        # clear of every dot if possible; else over other places' dots (the
        # label's halo keeps it legible), never over another label
        for over_dots in (False, True) if over_dots_ok else (False,):
            for dx, dy, anchor in options:
                label = Label(text, cls, vx, vy, dx, dy, anchor, w, px)
                if self.fits(label, own_dot, over_dots):
                    self.placed.append(label)
                    return label
        return None


def spots(piece: Sequence[tuple[float, float]], centre: tuple[float, float], step: float = 25.0,
          limit: int = 60) -> Iterator[tuple[float, float]]:
    """Points of a grid inside the polygon ``piece`` (where a country's name
    may go), nearest ``centre`` first (tested lazily: the first one that
    takes the label ends the search)."""
    xs, ys = simplify_xy(np.array([p[0] for p in piece]), np.array([p[1] for p in piece]), 3.0)
    if len(xs) < 3:  # a few view units off does not matter for a label's spot
        return
    coarse = list(zip(xs.tolist(), ys.tolist()))
    columns = _steps(float(xs.min()) + step / 2, float(xs.max()), step)
    grid = [(x, y) for y in _steps(float(ys.min()) + step / 2, float(ys.max()), step) for x in columns]
    cx, cy = centre
    far = [(x - cx) ** 2 + (y - cy) ** 2 for x, y in grid]
    found = 0
    for i in sorted(range(len(grid)), key=far.__getitem__):  # stable: equally far spots in grid order
        x, y = grid[i]
        if _inside(x, y, coarse):
            yield x, y
            found += 1
            if found >= limit:
                return


def _steps(start: float, stop: float, step: float) -> list[float]:
    """start, start + step, … below ``stop``, each added to the one before
    (so the values are those of a running sum, to the last bit)."""
    out = []
    v = start
    while v < stop:
        out.append(v)
        v += step
    return out


def _inside(x: float, y: float, ring: Sequence[tuple[float, float]]) -> bool:
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            found = not found
    return found
