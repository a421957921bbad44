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

from sitrep.pages.mapdata.prepare import farthest

Box = tuple[float, float, float, float]  # west, south, east, north (x min, y min, x max, y max)

NUMPY_FROM = 24  # fewer points than this left to search: plain Python, numpy's calls cost more
CLOSE = 1e-12  # relative: numpy's distances are within a few ulps of the reference's


def _clip_edge(x: np.ndarray, y: np.ndarray, axis: int, bound: float, keep_ge: bool):
    """One Sutherland–Hodgman pass: the ring cut by one edge of the box."""
    v = x if axis == 0 else y
    inside = v >= bound if keep_ge else v <= bound
    if inside.all():
        return x, y
    prev_in = np.roll(inside, 1)
    cross = inside != prev_in
    # each point gives its crossing (if the edge is crossed coming to it), then itself (if inside)
    count = cross.astype(np.intp) + inside
    end = np.cumsum(count)
    ox, oy = np.empty(int(end[-1]) if len(end) else 0), np.empty(int(end[-1]) if len(end) else 0)
    ox[end[inside] - 1], oy[end[inside] - 1] = x[inside], y[inside]
    at = np.flatnonzero(cross)
    if len(at):
        q_x, q_y = x[at], y[at]
        p_x, p_y = x[at - 1], y[at - 1]  # index -1 is the last point: the ring is closed
        slot = end[at] - count[at]
        if axis == 0:
            ox[slot], oy[slot] = float(bound), p_y + (q_y - p_y) * (bound - p_x) / (q_x - p_x)
        else:
            ox[slot], oy[slot] = p_x + (q_x - p_x) * (bound - p_y) / (q_y - p_y), float(bound)
    return ox, oy


def clip_ring_xy(x: np.ndarray, y: np.ndarray, box: Box) -> tuple[np.ndarray, np.ndarray]:
    """``prepare.clip_ring`` on coordinate arrays: the closed ring cut to ``box``."""
    w, s, e, n = box
    for axis, bound, keep_ge in ((0, w, True), (0, e, False), (1, s, True), (1, n, False)):
        if not len(x):
            break
        x, y = _clip_edge(x, y, axis, bound, keep_ge)
    return x, y


def _simplify_py(xs: list, ys: list, tol2: float, stack: list[tuple[int, int]]) -> list[int]:
    """The reference's loop over the segments of ``stack``: the points it keeps inside them."""
    keep = []
    while stack:
        a, b = stack.pop()
        if b - a < 2:  # no point between
            continue
        worst = farthest(xs, ys, a, b, tol2, range(a + 1, b))[0]
        if worst >= 0:
            keep.append(worst)
            stack.append((a, worst))
            stack.append((worst, b))
    return keep


def _level(x: np.ndarray, y: np.ndarray, xs: list, ys: list, a: np.ndarray, b: np.ndarray,
           tol2: float) -> np.ndarray:
    """The farthest point of every segment a–b of one depth at once (-1: none
    farther than the tolerance). Which segments a point splits does not
    depend on the order they are searched in, so a whole depth is one step."""
    inner = b - a - 1
    starts = np.cumsum(inner) - inner
    seg = np.repeat(np.arange(len(a)), inner)
    idx = np.arange(int(inner.sum())) - starts[seg] + a[seg] + 1
    ax, ay = x[a][seg], y[a][seg]
    dx, dy = (x[b] - x[a])[seg], (y[b] - y[a])[seg]
    seg2 = dx * dx + dy * dy
    px, py = x[idx] - ax, y[idx] - ay
    seg2[seg2 == 0] = 1.0  # a zero-length chord (dx = dy = 0): t = 0, the distance to its point
    t = np.minimum(np.maximum((px * dx + py * dy) / seg2, 0.0), 1.0)
    px -= t * dx
    py -= t * dy
    d = px * px + py * py
    top = np.maximum.reduceat(d, starts)
    live = top >= tol2 * (1 - CLOSE)
    near = (d >= top[seg] * (1 - CLOSE)) & live[seg]
    cseg, cidx = seg[near], idx[near]
    sure = (np.bincount(cseg, minlength=len(a)) == 1) & (top > tol2 * (1 + CLOSE))
    worst = np.full(len(a), -1, dtype=np.intp)
    one = sure[cseg]
    worst[cseg[one]] = cidx[one]
    # ties and near-tolerance cases: the reference's own arithmetic decides
    unsure: dict[int, list[int]] = {}
    for s_, i in zip(cseg[~one].tolist(), cidx[~one].tolist()):
        unsure.setdefault(s_, []).append(i)
    for s_, candidates in unsure.items():
        worst[s_] = farthest(xs, ys, int(a[s_]), int(b[s_]), tol2, candidates)[0]
    return worst


def simplify_xy(x: np.ndarray, y: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """``prepare.simplify`` (Douglas–Peucker, end points kept) on coordinate arrays."""
    if len(x) < 3:
        return x, y
    keep = simplify_mask(x, y, tol)
    return x[keep], y[keep]


def simplify_mask(x: np.ndarray, y: np.ndarray, tol: float) -> np.ndarray:
    """Which points :func:`simplify_xy` keeps, as a boolean mask."""
    n = len(x)
    if n < 3:
        return np.ones(n, dtype=bool)
    tol2 = tol * tol
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    a, b = np.array([0]), np.array([n - 1])
    xs = ys = None
    while len(a):
        wide = b - a > 1
        a, b = a[wide], b[wide]
        if int((b - a).sum()) < NUMPY_FROM + len(a):  # few points left: numpy's calls would cost more
            xs, ys = (x.tolist(), y.tolist()) if xs is None else (xs, ys)
            keep[_simplify_py(xs, ys, tol2, list(zip(a.tolist(), b.tolist())))] = True
            break
        if xs is None:
            xs, ys = x.tolist(), y.tolist()
        worst = _level(x, y, xs, ys, a, b, tol2)
        split = worst >= 0
        keep[worst[split]] = True
        a, b = np.concatenate((a[split], worst[split])), np.concatenate((worst[split], b[split]))
    return keep
