"""The numpy clipping and thinning a build uses give exactly the points of the
reference functions in mapdata/prepare.py (so a faster build draws the same maps)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sitrep.pages.mapdata import prepare
from sitrep.pages.maps import basemap, geometry, projection


def _frames():
    """Map frames of many sizes around the region, as pages get them."""
    rng = random.Random(7)
    frames = []
    for _ in range(12):
        lat, lon = rng.uniform(44, 52), rng.uniform(24, 40)
        spread = rng.choice((0.0, 0.5, 2.0, 6.0))
        coords = [(lat + rng.uniform(-spread, spread), lon + rng.uniform(-spread, spread)) for _ in range(5)]
        frames.append(projection.make_frame(coords))
    return frames


def _rings():
    base = basemap.load_basemap()
    for frame in _frames():
        for _, _, rings in base.countries:
            for ring in rings:
                w, s, e, n = ring.bbox
                box = frame.lonlat_box
                if not (e < box[0] or w > box[2] or n < box[1] or s > box[3]):
                    yield frame.view_xy(ring)


def _pairs(x, y):
    return list(zip(np.asarray(x).tolist(), np.asarray(y).tolist()))


def test_clipping_real_rings_gives_the_reference_points():
    boxes = [(-20, -20, 820, 620), (0, 0, 800, 600)]
    checked = 0
    for x, y in _rings():
        for box in boxes:
            want = [tuple(map(float, p)) for p in prepare.clip_ring(_pairs(x, y), box)]
            assert _pairs(*geometry.clip_ring_xy(x, y, box)) == want
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("tol", [0.7, 3.0])
def test_thinning_real_rings_gives_the_reference_points(tol):
    checked = 0
    for x, y in _rings():
        x, y = geometry.clip_ring_xy(x, y, (-20, -20, 820, 620))
        want = prepare.simplify(_pairs(x, y), tol)
        got = _pairs(*geometry.simplify_xy(x, y, tol))
        assert got == want
        checked += len(x) >= geometry.NUMPY_FROM
    assert checked > 20  # the numpy search ran, not only the short-segment loop


def test_thinning_keeps_the_first_of_equally_far_points():
    # a zigzag: every inner point is exactly as far from the chord; the reference keeps the first
    n = 60
    x = np.arange(n, dtype=float)
    y = np.array([0.0] + [5.0 if i % 2 else -5.0 for i in range(1, n - 1)] + [0.0])
    want = prepare.simplify(_pairs(x, y), 1.0)
    assert _pairs(*geometry.simplify_xy(x, y, 1.0)) == want


def test_a_ring_outside_the_box_clips_to_nothing():
    x, y = np.array([900.0, 950.0, 920.0]), np.array([10.0, 10.0, 40.0])
    cx, cy = geometry.clip_ring_xy(x, y, (0, 0, 800, 600))
    assert len(cx) == 0 and prepare.clip_ring(_pairs(x, y), (0, 0, 800, 600)) == []


def test_a_places_own_map_draws_on_the_base_map_thinned_once():
    """Thousands of place pages draw a map of one width: the base map is thinned once at that
    scale and each map only projects and clips it. Frames of one width differ by a rotation
    and a shift, so the outlines keep the shape each map's own thinning gives: the same
    countries, paths within a few points, and no sliver of a country along the margin."""
    import re

    from sitrep.pages.maps.basemap import load_basemap
    from sitrep.pages.maps.outline_store import cut
    from sitrep.pages.maps.outlines import land_paths, line_paths, place_frame, thinned_for_places
    from sitrep.pages.maps.projection import make_frame

    base = load_basemap()
    thin = thinned_for_places(base)
    assert thinned_for_places(base) is thin  # once per process
    for lat, lon in [(49.71, 37.61), (46.64, 32.62), (51.50, 31.30), (44.95, 34.10), (48.02, 37.80), (50.75, 31.0)]:
        frame = make_frame([(lat, lon)])
        assert place_frame(frame) and not place_frame(make_frame([(lat, lon), (lat + 3, lon + 4)]))
        drawn = cut(base, frame, ["804"])
        assert [c[3] for c in drawn.land] == [c[3] for c in land_paths(thin, frame, {"804"}, thin=False)]
        own = {c[0]: c[3] for c in land_paths(base, frame, {"804"})}
        shared = {c[0]: c[3] for c in drawn.land}
        assert own.keys() == shared.keys(), (lat, lon)
        for cid, d in own.items():
            assert abs(len(shared[cid]) - len(d)) <= 0.05 * len(d) + 20, cid
            # every ring drawn spans the view a little at least: not "M541,-20l-2,1 0,-1Z"
            assert all(len(ring.split()) > 2 for ring in re.findall(r"M[^M]*", shared[cid])), cid
        own_coast = line_paths(base.coast, frame)
        assert abs(len(drawn.coast) - len(own_coast)) <= 0.1 * len(own_coast) + 20
