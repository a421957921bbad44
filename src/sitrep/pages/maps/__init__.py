"""Static SVG maps of places over real coastlines and borders, drawn at
build time. No tiles, no network, no script, no links.

One job per module, in the order a map is made:

- ``points``: the places of a page and their counts (:func:`place_points`),
  the one source of the numbers on the map and in the table or
  "most-mentioned places" list beside it;
- ``basemap``: land, coastlines and internationally recognised borders
  (Crimea within Ukraine) from Natural Earth, cut and simplified once by
  ``mapdata/prepare.py`` into ``mapdata/borders.json`` (provenance in
  ``mapdata/README.md``);
- ``projection``: the Lambert conformal conic projection (standard
  parallels 45° and 55° N, centred on the map) and the 4:3 frame;
- ``outlines``: the base map's shapes as SVG path data for one frame;
- ``labels``: label boxes estimated from the text and placed greedily so
  that no two overlap at any width the map is drawn at;
- ``layout``: what one map shows and where (dots, scale bar, labels in
  order of priority);
- ``svg``: :func:`place_map`, which lays a map out and writes it as one
  accessible image.

This package exports what the page composer uses; the rest is reached
through its module.
"""

from __future__ import annotations

import functools
import hashlib

from sitrep.files.digest import code_digest
from sitrep.pages.maps.basemap import DATA
from sitrep.pages.maps.points import MapPoint, PlacePoint, place_points
from sitrep.pages.maps.svg import place_map

__all__ = ["MapPoint", "PlacePoint", "drawing_digest", "place_map", "place_points"]


@functools.cache
def drawing_digest() -> bytes:
    """What every map is drawn by, this package's code and the base map's data:
    part of a map's cache key, so a page carried over from an earlier build is
    redrawn when either changes. The package is named, not its files, so a
    module added to it is covered too."""
    return hashlib.sha256(code_digest("sitrep.pages.maps", "sitrep.pages.mapdata") + DATA.read_bytes()).digest()
