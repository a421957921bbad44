"""The base map: country outlines, coastlines, borders and seas, read from
``mapdata/borders.json``.

The file is cut and simplified once by ``mapdata/prepare.py`` from Natural
Earth (Crimea within Ukraine; provenance in ``mapdata/README.md``), so a
build only decodes it: delta-encoded integers, read once per process and
kept as numpy arrays so each map can project every shape at once.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent.parent / "mapdata" / "borders.json"


@dataclass(slots=True)
class Shape:
    """One ring or line of the base map, in degrees."""

    pts: list[tuple[float, float]]  # lon, lat
    bbox: tuple[float, float, float, float]  # west, south, east, north
    lon: np.ndarray | None = None  # the same points as arrays, for projecting them at once
    lat: np.ndarray | None = None


def decode(flat: list[int], scale: int) -> Shape:
    """A shape from ``prepare.encode``'s delta-encoded integers (degrees × ``scale``)."""
    pts, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        pts.append((x / scale, y / scale))
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return Shape(pts, (min(lons), min(lats), max(lons), max(lats)), np.array(lons), np.array(lats))


@dataclass(slots=True)
class Basemap:
    bbox: tuple[float, float, float, float]
    countries: list[tuple[str, str, list[Shape]]]  # (id, name, rings)
    borders: list[Shape]
    coast: list[Shape]
    seas: list[tuple[str, float, float]]
    source: dict


@functools.lru_cache(maxsize=4)
def load_basemap(path: Path = DATA) -> Basemap:
    """The decoded base map; cached, as every map of a build draws on it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    scale = data["scale"]
    return Basemap(
        bbox=tuple(data["bbox"]),
        countries=[(c["id"], c["name"], [decode(r, scale) for r in c["rings"]]) for c in data["countries"]],
        borders=[decode(line, scale) for line in data["borders"]],
        coast=[decode(line, scale) for line in data["coast"]],
        seas=[(s["name"], s["lat"], s["lon"]) for s in data["seas"]],
        source=data["source"],
    )
