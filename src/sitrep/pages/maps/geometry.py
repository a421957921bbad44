"""Clipping and thinning of outlines, on numpy arrays, for every map of a build.

:func:`~sitrep.pages.mapdata.prepare.clip_ring` and
:func:`~sitrep.pages.mapdata.prepare.simplify` are the reference: they cut
the base map once, offline, on lists. A build runs them for every ring of
every map frame (thousands of rings of hundreds of points), where the pure
Python loops took a fifth of a full build. These give the same points, to
the last bit, so a page's map does not change:

- :func:`clip_ring_xy` computes every crossing with the same float
  operations in the same order, elementwise, and keeps the same points;
- :func:`simplify_xy` finds each segment's farthest point with numpy, then
  recomputes the few candidates within a rounding error of it the way the
  reference does (Python's ``** 2`` is ``pow``, which can differ from
  numpy's ``x * x`` in the last bit), so the same point wins.
"""

from __future__ import annotations

import numpy as np

Box = tuple[float, float, float, float]  # west, south, east, north (x min, y min, x max, y max)

NUMPY_FROM = 24  # shorter segments are searched in plain Python: numpy's call costs more
CLOSE = 1e-12  # relative: numpy's distances are within a few ulps of the reference's


def _clip_edge(x: np.ndarray, y: np.ndarray, axis: int, bound: float, keep_ge: bool):
    """One Sutherland–Hodgman pass: the ring cut by one edge of the box."""
    v = x if axis == 0 else y
    inside = v >= bound if keep_ge else v <= bound
    if inside.all():
        return x, y
    px, py, prev_in = np.roll(x, 1), np.roll(y, 1), np.roll(inside, 1)
    cross = inside != prev_in
    with np.errstate(divide="ignore", invalid="ignore"):  # only crossings are kept, and they divide by nonzero
        if axis == 0:
            cx = np.full(len(x), float(bound))
            cy = py + (y - py) * (bound - px) / (x - px)
        else:
            cx = px + (x - px) * (bound - py) / (y - py)
            cy = np.full(len(y), float(bound))
    # each point contributes its crossing (if the edge is crossed coming to it), then itself (if inside)
    ox = np.column_stack((cx, x)).ravel()
    oy = np.column_stack((cy, y)).ravel()
    keep = np.column_stack((cross, inside)).ravel()
    return ox[keep], oy[keep]


def clip_ring_xy(x: np.ndarray, y: np.ndarray, box: Box) -> tuple[np.ndarray, np.ndarray]:
    """``prepare.clip_ring`` on coordinate arrays: the closed ring cut to ``box``."""
    w, s, e, n = box
    for axis, bound, keep_ge in ((0, w, True), (0, e, False), (1, s, True), (1, n, False)):
        if not len(x):
            break
        x, y = _clip_edge(x, y, axis, bound, keep_ge)
    return x, y


def _farthest_py(xs: list, ys: list, a: int, b: int, worst_d: float, indices) -> tuple[int, float]:
    """The reference's search over ``indices`` of the segment a–b: the first
    point farther than ``worst_d`` (squared) and than every earlier one."""
    ax, ay, bx, by = xs[a], ys[a], xs[b], ys[b]
    dx, dy = bx - ax, by - ay
    seg2 = dx * dx + dy * dy
    worst = -1
    for i in indices:
        px, py = xs[i], ys[i]
        if seg2 == 0:
            d = (px - ax) ** 2 + (py - ay) ** 2
        else:
            t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg2))
            d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
        if d > worst_d:
            worst, worst_d = i, d
    return worst, worst_d


def _farthest_np(x: np.ndarray, y: np.ndarray, xs: list, ys: list, a: int, b: int, tol2: float) -> int:
    """The same answer as :func:`_farthest_py` over a+1..b-1, found with numpy."""
    ax, ay, bx, by = xs[a], ys[a], xs[b], ys[b]
    dx, dy = bx - ax, by - ay
    seg2 = dx * dx + dy * dy
    px, py = x[a + 1:b] - ax, y[a + 1:b] - ay
    if seg2 == 0:
        d = px * px + py * py
    else:
        t = np.clip((px * dx + py * dy) / seg2, 0.0, 1.0)
        d = (px - t * dx) ** 2 + (py - t * dy) ** 2
    top = float(d.max())
    if top < tol2 * (1 - CLOSE):
        return -1
    near = (np.flatnonzero(d >= top * (1 - CLOSE)) + (a + 1)).tolist()
    return _farthest_py(xs, ys, a, b, tol2, near)[0]


def simplify_xy(x: np.ndarray, y: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """``prepare.simplify`` (Douglas–Peucker, end points kept) on coordinate arrays."""
    n = len(x)
    if n < 3:
        return x, y
    xs, ys = x.tolist(), y.tolist()
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        if b - a < NUMPY_FROM:
            worst = _farthest_py(xs, ys, a, b, tol2, range(a + 1, b))[0]
        else:
            worst = _farthest_np(x, y, xs, ys, a, b, tol2)
        if worst >= 0:
            keep[worst] = True
            stack.append((a, worst))
            stack.append((worst, b))
    return x[keep], y[keep]
