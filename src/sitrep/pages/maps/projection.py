"""Projection and frame: where a longitude and latitude fall on a map.

A Lambert conformal conic projection (standard parallels 45° and 55° N,
centred on the map) keeps shapes and bearings right at these latitudes.
A :class:`Frame` is the 4:3 window of that projection a map shows, mapped
onto the geometry's viewBox (``VIEW_W`` × ``VIEW_H`` view units).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from sitrep.pages.maps.basemap import Shape

VIEW_W, VIEW_H = 800, 600  # the geometry's viewBox; the page keeps this 4:3 ratio in CSS
MIN_SPAN_DEG = 2.4  # the smallest frame, north to south, in degrees of latitude
PAD = 0.1  # frame margin around the points, as a share of their extent
STANDARD_PARALLELS = (45.0, 55.0)


class Lambert:
    """Spherical Lambert conformal conic; x east, y north, in earth radii."""

    def __init__(self, lon0: float, lat0: float, parallels: tuple[float, float] = STANDARD_PARALLELS):
        p1, p2 = (math.radians(p) for p in parallels)
        def t(phi: float) -> float:
            return math.tan(math.pi / 4 + phi / 2)

        self.n = math.log(math.cos(p1) / math.cos(p2)) / math.log(t(p2) / t(p1))
        self.f = math.cos(p1) * t(p1) ** self.n / self.n
        self.rho0 = self.f / t(math.radians(lat0)) ** self.n
        self.lon0 = lon0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        rho = self.f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** self.n
        theta = self.n * math.radians(lon - self.lon0)
        return rho * math.sin(theta), self.rho0 - rho * math.cos(theta)

    def xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every point of arrays of degrees projected at once."""
        rho = self.f / np.tan(np.pi / 4 + np.radians(lat) / 2) ** self.n
        theta = self.n * np.radians(lon - self.lon0)
        return rho * np.sin(theta), self.rho0 - rho * np.cos(theta)


def inverse(proj: Lambert, x: float, y: float) -> tuple[float, float]:
    """(lon, lat) of a projected point: to find which degrees a frame covers."""
    n = proj.n
    dy = proj.rho0 - y
    rho = math.copysign(math.hypot(x, dy), n)
    theta = math.atan2(x * math.copysign(1, n), dy * math.copysign(1, n))
    lat = 2 * math.atan((proj.f / rho) ** (1 / n)) - math.pi / 2
    return proj.lon0 + math.degrees(theta / n), math.degrees(lat)


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

    def view_xy(self, shape: Shape) -> tuple[np.ndarray, np.ndarray]:
        """Every point of ``shape`` in view units, projected at once: x and y arrays."""
        px, py = self.proj.xy(shape.lon, shape.lat)
        x = (px - self.x0) / (self.x1 - self.x0) * VIEW_W
        y = (self.y1 - py) / (self.y1 - self.y0) * VIEW_H
        return x, y

    def view_shape(self, shape: Shape) -> list[tuple[float, float]]:
        """Every point of ``shape`` in view units, as (x, y) pairs."""
        x, y = self.view_xy(shape)
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
    ll = [inverse(proj, x, y) for x, y in edge]
    lo = [p[0] for p in ll]
    la = [p[1] for p in ll]
    frame.lonlat_box = (min(lo) - 0.3, min(la) - 0.3, max(lo) + 0.3, max(la) + 0.3)
    return frame
