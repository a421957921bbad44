"""Cut, fix and simplify Natural Earth country outlines into ``borders.json``.

Run once, when the base map should change (it is not part of the build):

    npm install --prefix /tmp/mapsrc world-atlas@2.0.2
    python src/sitrep/pages/mapdata/prepare.py \\
        /tmp/mapsrc/node_modules/world-atlas/countries-10m.json

The input is the ``world-atlas`` TopoJSON (Natural Earth 4.1.0, Admin 0
countries, 1:10m, public domain). The script, standard library only:

1. decodes the TopoJSON arcs;
2. **moves Crimea to Ukraine**: world-atlas 2.0.2 draws the Crimean
   peninsula (and Sevastopol) as a polygon of Russia. Sitrep shows the
   internationally recognised border, so every polygon of Russia that lies
   wholly inside the peninsula's box is given to Ukraine; the arcs between
   Crimea and mainland Ukraine then have Ukraine on both sides and are
   dropped as internal, and no border is drawn across the Perekop isthmus;
3. classifies arcs: an arc between two countries is a *border*, an arc used
   by one polygon only is *coast*, an arc with the same country on both
   sides is internal and dropped;
4. simplifies each arc on its own (Douglas–Peucker, ``TOLERANCE`` degrees
   for arcs that touch ``CORE``, ``TOLERANCE_OUTER`` for the rest; end
   points kept, so neighbouring countries still meet exactly);
5. cuts everything to ``BBOX`` (polygons by Sutherland–Hodgman, lines into
   the runs that touch the box);
6. writes integer coordinates (degrees × ``SCALE``), delta-encoded per ring
   or line, with the source's provenance.

``sitrep.pages.maps.basemap`` reads the result; ``README.md`` beside this file
records which input produced the committed ``borders.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

# The places Sitrep maps lie in the core (maps.layout.MAP_REGION); BBOX holds the
# widest 4:3 frame a map of the whole core needs (tests/test_maps.py checks it).
BBOX = (12.5, 39.5, 59.5, 60.0)  # west, south, east, north
CORE = (21.0, 42.0, 51.0, 58.0)
TOLERANCE = 0.006  # degrees (≈ 0.5 km) for arcs that touch the core: below a pixel on every map
TOLERANCE_OUTER = 0.03  # for arcs wholly outside it, only ever seen on maps of the whole region
SCALE = 1000  # stored coordinates are degrees × SCALE, rounded
CRIMEA_BOX = (32.3, 44.2, 36.75, 46.25)  # the peninsula with the Arabat Spit, not the Taman peninsula
RUSSIA, UKRAINE = "643", "804"
SEAS = [  # label anchors for seas (lon, lat); the land has country names from the outlines
    ("Black Sea", 33.6, 43.3),
    ("Sea of Azov", 36.55, 46.15),
    ("Caspian Sea", 50.2, 44.0),
    ("Baltic Sea", 19.5, 56.0),
]
DEFAULT_OUT = Path(__file__).with_name("borders.json")


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in ring:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def inside_box(pts, box) -> bool:
    w, s, e, n = box
    return all(w <= x <= e and s <= y <= n for x, y in pts)


def countries_with_crimea_in_ukraine(topo: dict, arcs) -> tuple[list[dict], list[str]]:
    """[{id, name, polygons: [[ring arc indices]]}] with Russia's Crimean
    polygons moved to Ukraine, and notes on what was moved."""
    countries, notes = [], []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        countries.append({"id": str(geom.get("id", "")), "name": geom["properties"]["name"], "polygons": polys})
    by_id = {c["id"]: c for c in countries}
    russia, ukraine = by_id[RUSSIA], by_id[UKRAINE]
    kept = []
    for poly in russia["polygons"]:
        outer = ring_points(poly[0], arcs)
        if inside_box(outer, CRIMEA_BOX):
            ukraine["polygons"].append(poly)
            lons = [p[0] for p in outer]
            lats = [p[1] for p in outer]
            notes.append(f"moved a polygon of {len(outer)} points (lon {min(lons):.2f}–{max(lons):.2f}, "
                         f"lat {min(lats):.2f}–{max(lats):.2f}) from Russia to Ukraine")
        else:
            kept.append(poly)
    russia["polygons"] = kept
    return countries, notes


def classify_arcs(countries: list[dict]) -> tuple[set[int], set[int]]:
    """(border arc indices, coast arc indices)."""
    users: dict[int, list[str]] = {}
    for c in countries:
        for poly in c["polygons"]:
            for ring in poly:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, []).append(c["id"])
    border, coast = set(), set()
    for arc, ids in users.items():
        if len(ids) == 1:
            coast.add(arc)
        elif len(set(ids)) > 1:
            border.add(arc)
        # the same country on both sides (e.g. Crimea and mainland Ukraine): internal, dropped
    return border, coast


def farthest(xs: list, ys: list, a: int, b: int, worst_d: float, indices) -> tuple[int, float]:
    """Of ``indices``, the first point farther from the segment a–b than
    ``worst_d`` (squared) and than every earlier one; -1 if none. The runtime
    maps (``maps.geometry``) call this for near-ties, so both thin alike to the last bit."""
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


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative, end points kept."""
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    stack = [(0, len(pts) - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        worst = farthest(xs, ys, a, b, tol2, range(a + 1, b))[0]
        if worst >= 0:
            keep[worst] = True
            stack.append((a, worst))
            stack.append((worst, b))
    return [p for p, k in zip(pts, keep) if k]


def clip_ring(ring, box):
    """Sutherland–Hodgman: a closed ring cut to an axis-aligned box."""
    w, s, e, n = box
    edges = [
        (lambda p: p[0] >= w, lambda p, q: (w, p[1] + (q[1] - p[1]) * (w - p[0]) / (q[0] - p[0]))),
        (lambda p: p[0] <= e, lambda p, q: (e, p[1] + (q[1] - p[1]) * (e - p[0]) / (q[0] - p[0]))),
        (lambda p: p[1] >= s, lambda p, q: (p[0] + (q[0] - p[0]) * (s - p[1]) / (q[1] - p[1]), s)),
        (lambda p: p[1] <= n, lambda p, q: (p[0] + (q[0] - p[0]) * (n - p[1]) / (q[1] - p[1]), n)),
    ]
    out = list(ring)
    for inside, cross in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def clip_line(pts, box):
    """The runs of a polyline that touch the box, each with one point
    beyond it on either side (the map's frame cuts those exactly)."""
    w, s, e, n = box
    ins = [w <= x <= e and s <= y <= n for x, y in pts]
    runs, cur = [], []
    for i, p in enumerate(pts):
        near = ins[i] or (i > 0 and ins[i - 1]) or (i + 1 < len(pts) and ins[i + 1])
        if near:
            cur.append(p)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) >= 2]


def encode(pts) -> list[int]:
    """Flat, delta-encoded integers: x0, y0, dx1, dy1, …"""
    out, px, py = [], 0, 0
    for x, y in pts:
        ix, iy = round(x * SCALE), round(y * SCALE)
        if out and ix == px and iy == py:
            continue
        out += [ix - px, iy - py]
        px, py = ix, iy
    return out


def prepare(source: Path) -> tuple[dict, list[str]]:
    raw = source.read_bytes()
    topo = json.loads(raw)
    arcs = decode_arcs(topo)
    countries, notes = countries_with_crimea_in_ukraine(topo, arcs)
    border, coast = classify_arcs(countries)
    simple = {}

    def arc(i):
        if i not in simple:
            w, s, e, n = CORE
            touches = any(w <= x <= e and s <= y <= n for x, y in arcs[i])
            simple[i] = simplify(arcs[i], TOLERANCE if touches else TOLERANCE_OUTER)
        return simple[i]

    def ring(idx):
        out = []
        for i in idx:
            pts = arc(i) if i >= 0 else arc(~i)[::-1]
            out.extend(pts if not out else pts[1:])
        return out

    out_countries = []
    for c in countries:
        rings = []
        for poly in c["polygons"]:
            for r in poly:
                clipped = clip_ring(ring(r), BBOX)
                if len(clipped) >= 3:
                    rings.append(encode(clipped))
        rings = [r for r in rings if len(r) >= 6]
        if rings:
            out_countries.append({"id": c["id"], "name": c["name"], "rings": rings})
    lines = {}
    for kind, idx in (("borders", border), ("coast", coast)):
        lines[kind] = [encode(run) for i in sorted(idx) for run in clip_line(arc(i), BBOX)]
        lines[kind] = [line for line in lines[kind] if len(line) >= 4]
    data = {
        "about": "Country outlines, coastlines and borders for Sitrep's maps; see README.md beside this file.",
        "source": {
            "package": "world-atlas@2.0.2 (npm)",
            "file": source.name,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "data": "Natural Earth 4.1.0, Admin 0 countries, 1:10m (public domain)",
            "changes": notes + ["arcs with one country on both sides dropped as internal"],
            "prepared": dt.date.today().isoformat(),
        },
        "bbox": list(BBOX),
        "scale": SCALE,
        "core": list(CORE),
        "tolerance_deg": [TOLERANCE, TOLERANCE_OUTER],
        "countries": sorted(out_countries, key=lambda c: c["name"]),
        "borders": lines["borders"],
        "coast": lines["coast"],
        "seas": [{"name": n, "lon": lon, "lat": lat} for n, lon, lat in SEAS],
    }
    return data, notes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data, notes = prepare(args.source)
    if not notes:
        print("note: no polygon of Russia lies inside Crimea in this input; nothing moved", file=sys.stderr)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(text) / 1024:.0f} KB): {len(data['countries'])} countries, "
          f"{len(data['borders'])} border and {len(data['coast'])} coast lines")
    for note in notes:
        print(f"Crimea: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
