"""Maps (the sitrep.pages.maps package) through its public functions: the Natural
Earth base map with Crimea in Ukraine, text size on screen, labels that
never overlap, one count for the map and the list, nothing focusable."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from sitrep.pages import maps
from sitrep.pages.maps import basemap, labels, layout, projection
from sitrep.pages.collections import Collection
from sitrep.pages.mapdata import prepare
from svg_support import SVG, screen_font_sizes

# Real coordinates from the gazetteer: the Oskil cluster that used to pile up.
KHARKIV_PLACES = {
    "kharkiv": ("Kharkiv", 49.98177, 36.25475),
    "kupiansk": ("Kupiansk", 49.71003, 37.61581),
    "zahryzove": ("Zahryzove", 49.50461, 37.71215),
    "oskil-river": ("Oskil River", 49.45, 37.58),
    "borova-kharkiv-oblast": ("Borova", 49.38047, 37.61931),
    "dvorichna": ("Dvorichna", 49.85099, 37.68482),
    "izium": ("Izium", 49.20697, 37.27679),
    "vovchansk": ("Vovchansk", 50.29078, 36.94108),
    "shebekino": ("Shebekino", 50.41342, 36.92537),
    "kirillov": ("Kirillov", 59.86299, 38.38128),  # far north: outside the mapped region
}
LANDMARKS = [maps.MapPoint("Kyiv", 50.45, 30.52), maps.MapPoint("Kharkiv", 49.99, 36.23),
             maps.MapPoint("Belgorod", 50.60, 36.59), maps.MapPoint("Kramatorsk", 48.72, 37.56),
             maps.MapPoint("Sevastopol", 44.60, 33.52), maps.MapPoint("Donetsk", 48.02, 37.80)]


def point_in(lon, lat, ring) -> bool:
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            found = not found
    return found


def country_at(lon, lat) -> set[str]:
    base = basemap.load_basemap()
    return {name for _, name, rings in base.countries if sum(point_in(lon, lat, r.pts) for r in rings) % 2}


@pytest.fixture(scope="module")
def index():
    """Place collections and a theatre whose items mention them: Kupiansk in
    three Kharkiv items, the Oskil River in two of them and in one item of
    another theatre, so its theatre count (2) differs from its total (3)."""
    places = {slug: SimpleNamespace(slug=slug, name=n, lat=lat, lon=lon, region_name="Kharkiv Oblast",
                                    theatre="kharkiv")
              for slug, (n, lat, lon) in KHARKIV_PLACES.items()}
    plan = [  # (theatre, places of the item)
        ("kharkiv", ["kupiansk", "oskil-river", "zahryzove", "borova-kharkiv-oblast"]),
        ("kharkiv", ["kupiansk", "oskil-river", "dvorichna"]),
        ("kharkiv", ["kupiansk", "izium", "kharkiv", "shebekino", "vovchansk"]),
        ("kharkiv", ["kharkiv", "kirillov"]),
        ("donbas", ["oskil-river", "izium"]),
    ]
    items = [SimpleNamespace(id=f"i{n}", theatres=[t], topics=[], places=[places[s] for s in ps], regions=[])
             for n, (t, ps) in enumerate(plan)]
    theatre = Collection("theatre", "kharkiv", "theatres/kharkiv", "Kharkiv",
                         items=[i for i in items if i.theatres == ["kharkiv"]])
    colls = []
    for slug, place in places.items():
        colls.append(Collection("place", slug, f"places/{slug}", place.name, place=place, theatre="kharkiv",
                                items=[i for i in items if place in i.places]))
    return SimpleNamespace(places=sorted(colls, key=lambda c: c.name), theatre=theatre)


def path_points(d: str) -> list[tuple[float, float]]:
    """The points of one ``M x,y l dx,dy dx,dy … Z`` subpath."""
    start, _, steps = d.rstrip("Z").partition("l")
    x, y = map(float, start.lstrip("M").split(","))
    pts = [(x, y)]
    for step in steps.split():
        dx, dy = map(float, step.split(","))
        x, y = x + dx, y + dy
        pts.append((x, y))
    return pts


def svg_of(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def label_boxes(root: ET.Element, width: float) -> list[tuple[str, tuple]]:
    """The px box of every label of a map drawn ``width`` px wide, from the
    SVG's own attributes (x%, y%, dx, dy, text-anchor) and the font size of
    its class."""
    height = width * projection.VIEW_H / projection.VIEW_W
    sizes = {"place-label": labels.PLACE_LABEL_PX, "landmark-label": labels.LANDMARK_LABEL_PX,
             "area-label": labels.AREA_LABEL_PX, "sea-label": labels.AREA_LABEL_PX,
             "scale-label": labels.LANDMARK_LABEL_PX, "map-note": labels.LANDMARK_LABEL_PX}
    out = []
    for t in root.findall(SVG + "text"):
        cls = t.get("class")
        px = sizes[cls]
        w = labels.text_width(t.text, px, bold=cls == "place-label")
        x = float(t.get("x").rstrip("%")) / 100 * width + float(t.get("dx", 0))
        y = float(t.get("y").rstrip("%")) / 100 * height + float(t.get("dy", 0))
        anchor = t.get("text-anchor", "start")
        left = x - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
        out.append((t.text, (left, y - 0.82 * px, left + w, y + 0.26 * px)))
    return out


# -- base map -------------------------------------------------------------------

def test_base_map_has_coast_and_borders_from_natural_earth():
    base = basemap.load_basemap()
    names = {name for _, name, _ in base.countries}
    assert {"Ukraine", "Russia", "Belarus", "Moldova", "Romania", "Poland"} <= names
    assert len(base.borders) > 20 and len(base.coast) > 20
    assert "Natural Earth" in base.source["data"] and base.source["package"].startswith("world-atlas@")
    size = basemap.DATA.stat().st_size
    assert size < 300_000, size  # small enough to commit and to read on every build
    # Kyiv, Minsk, Moscow, Chisinau fall in the right countries
    assert country_at(30.52, 50.45) == {"Ukraine"}
    assert country_at(27.57, 53.90) == {"Belarus"}
    assert country_at(37.62, 55.75) == {"Russia"}
    assert country_at(28.86, 47.01) == {"Moldova"}
    assert country_at(31.0, 43.5) == set()  # the Black Sea


def test_crimea_is_in_ukraine_and_no_border_crosses_the_isthmus():
    # Simferopol, Sevastopol, Kerch, Yevpatoria
    for lon, lat in ((34.10, 44.95), (33.52, 44.60), (36.47, 45.36), (33.37, 45.19)):
        assert country_at(lon, lat) == {"Ukraine"}, (lon, lat)
    w, s, e, n = prepare.CRIMEA_BOX
    for line in basemap.load_basemap().borders:
        assert not any(w < lon < e and s < lat < n for lon, lat in line.pts), "a border line inside Crimea"
    assert any("from Russia to Ukraine" in note for note in basemap.load_basemap().source["changes"])


def test_the_data_covers_every_frame_a_map_can_have():
    w, s, e, n = layout.MAP_REGION
    corners = [(s, w), (n, e), (s, e), (n, w), (n, (w + e) / 2), (s, (w + e) / 2)]
    frame = projection.make_frame(corners)
    bw, bs, be, bn = basemap.load_basemap().bbox
    for vx in range(0, projection.VIEW_W + 1, 100):
        for vy in range(0, projection.VIEW_H + 1, 100):
            x = frame.x0 + (frame.x1 - frame.x0) * vx / projection.VIEW_W
            y = frame.y1 - (frame.y1 - frame.y0) * vy / projection.VIEW_H
            lon, lat = projection.inverse(frame.proj, x, y)
            assert bw <= lon <= be and bs <= lat <= bn, (vx, vy, lon, lat)


def test_projection_keeps_shapes_right_at_these_latitudes():
    frame = projection.make_frame([(48.0, 35.0)])
    x0, y0 = frame.view(35.0, 48.0)
    x1, _ = frame.view(36.0, 48.0)
    _, y1 = frame.view(35.0, 49.0)
    assert abs(x1 - x0) / abs(y1 - y0) == pytest.approx(math.cos(math.radians(48.5)), rel=0.03)
    assert y1 < y0 and x1 > x0  # north up, east right


# -- the map ----------------------------------------------------------------------

def test_map_draws_land_coast_and_borders_and_crimea_in_ukraine():
    svg = maps.place_map([maps.MapPoint("Sevastopol", 44.61, 33.52, 3), maps.MapPoint("Kherson", 46.64, 32.61, 2)],
                         LANDMARKS, title="Map", chart_id="map")
    root = svg_of(svg)
    geo = root.find(SVG + "svg")
    paths = {p.get("class"): p.get("d") for p in geo.findall(SVG + "path")}
    assert paths.get("coast") and paths.get("land land-focus")
    assert "border" not in paths  # Crimea and Kherson: one country, no border across the isthmus
    east = svg_of(maps.place_map([maps.MapPoint("Mariupol", 47.10, 37.55, 1), maps.MapPoint("Kerch", 45.36, 36.47, 1)],
                                 LANDMARKS, title="Map", chart_id="map"))
    assert any(p.get("class") == "border" and p.get("d") for p in east.find(SVG + "svg").findall(SVG + "path"))
    assert "Crimea is part of Ukraine" in root.find(SVG + "desc").text
    # the peninsula is drawn as Ukraine: its land-focus path holds Sevastopol's point
    frame = projection.make_frame([(44.61, 33.52), (46.64, 32.61)])
    sx, sy = frame.view(33.75, 44.95)
    rings = [path_points(ring) for ring in paths["land land-focus"].split("M") if ring]
    assert sum(point_in(sx, sy, r) for r in rings) % 2 == 1


def test_map_text_is_at_least_12px_on_screen_at_every_width(index):
    svg = maps.place_map(maps.place_points(index.places, within=index.theatre), LANDMARKS, title="Map", chart_id="map")
    root = svg_of(svg)
    assert root.get("viewBox") is None  # the outer SVG is laid out in CSS px
    assert not root.find(SVG + "svg").findall(f".//{SVG}text")  # nothing is written inside the scaled geometry
    for width in (280, 320, 358, 390, 640, 800, 1100):
        found = screen_font_sizes(svg, width)
        assert found and min(px for _, px in found) >= 12, (width, found)


@pytest.mark.parametrize("width", labels.RENDER_WIDTHS)
def test_labels_never_overlap(index, width):
    svg = maps.place_map(maps.place_points(index.places, within=index.theatre), LANDMARKS, title="Map", chart_id="map")
    root = svg_of(svg)
    boxes = label_boxes(root, width)
    texts = [t for t, _ in boxes]
    for name in ("Kupiansk", "Zahryzove", "Oskil River", "Borova"):
        assert name in texts  # the cluster is labelled, not just thinned out
    for i, (ta, a) in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= width, ta
        for tb, b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (width, ta, tb)


def test_a_crowded_map_drops_labels_rather_than_stacking_them():
    # forty places within a few kilometres: most get a dot and no label
    crowd = [maps.MapPoint(f"Village {i}", 48.0 + (i % 7) * 0.01, 37.5 + (i // 7) * 0.01, 1 + i % 3) for i in range(40)]
    root = svg_of(maps.place_map(crowd, [], title="Crowd", chart_id="map"))
    assert len(root.findall(SVG + "circle")) == 40
    place_labels = [t for t in root.findall(SVG + "text") if t.get("class") == "place-label"]
    assert 1 <= len(place_labels) < 40
    for width in labels.RENDER_WIDTHS:
        boxes = label_boxes(root, width)
        for i, (_, a) in enumerate(boxes):
            for _, b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_map_is_one_image_with_nothing_focusable(index):
    svg = str(maps.place_map(maps.place_points(index.places), LANDMARKS, title="Map of all places", chart_id="map"))
    root = svg_of(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(SVG + "title").text == "Map of all places"
    assert "<a " not in svg and "href" not in svg and "tabindex" not in svg
    assert "style=" not in svg and "<script" not in svg


# -- one count for the map and the list ----------------------------------------------

def test_place_points_counts_are_the_lists_counts(index):
    points = maps.place_points(index.places, within=index.theatre)
    by_name = {p.name: p.count for p in points}
    names = {c.place.slug: c.name for c in index.places}
    assert by_name == {names[slug]: n for slug, n in index.theatre.place_counts().items()}  # what the list showed
    assert by_name["Oskil River"] == 2 and by_name["Kupiansk"] == 3  # not the Oskil River's 3 items overall
    assert by_name["Shebekino"] == 1  # a place of another region's border is listed and drawn too
    assert [p.count for p in points] == sorted((p.count for p in points), reverse=True)
    everywhere = {p.name: p.count for p in maps.place_points(index.places)}
    assert everywhere == {c.name: len(c.items) for c in index.places}
    assert everywhere["Oskil River"] == 3
    # templates use a point like a place collection
    assert points[0].url == "places/kupiansk/" and points[0].collection.place.slug == "kupiansk"


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 15])
def test_the_first_places_are_the_first_of_all_ranked_ties_by_name(index, limit):
    """A topic's list of its most-mentioned places makes points only for those
    that can come first; they are the first of the whole ranking."""
    for within in (None, index.theatre):
        assert maps.place_points(index.places, within=within, limit=limit) == \
            maps.place_points(index.places, within=within)[:limit]


def test_every_listed_place_is_drawn_with_the_listed_count(index):
    points = maps.place_points(index.places, within=index.theatre)
    root = svg_of(maps.place_map(points, LANDMARKS, title="Map", chart_id="map"))
    drawn = {}
    for dot in root.findall(SVG + "circle"):
        name, n = re.match(r"(.+): (\d+) items?$", dot.find(SVG + "title").text).groups()
        drawn[name] = int(n)
    on_map = {p.name: p.count for p in points if p.name != "Kirillov"}
    assert drawn == on_map
    note = [t.text for t in root.findall(SVG + "text") if t.get("class") == "map-note"]
    assert note == ["Not on the map: Kirillov"]
    assert "Not on the map: Kirillov." in root.find(SVG + "desc").text


def test_one_place_map_and_nothing_to_map():
    root = svg_of(maps.place_map([maps.MapPoint("Izium", 49.207, 37.277, 3)], LANDMARKS, title="Izium", chart_id="map"))
    texts = [t.text for t in root.findall(SVG + "text")]
    assert "Izium" in texts and "Kramatorsk" in texts and "UKRAINE" in texts
    assert maps.place_map([maps.MapPoint("Nowhere", None, None, 1)], LANDMARKS, title="x", chart_id="map") is None
    assert maps.place_map([], LANDMARKS, title="x", chart_id="map") is None


def test_prepare_script_reproduces_the_committed_file_shape(tmp_path):
    """The preparation steps on a tiny hand-made TopoJSON: Crimea moved,
    the isthmus arc dropped as internal, the Russia–Ukraine arc kept."""
    # three squares side by side: Ukraine mainland (x 30–33), "Crimea" owned by Russia (33–35, inside CRIMEA_BOX),
    # Russia mainland (38–40) touching Ukraine through a strip (33–38, y 47–48)
    q = 0.001
    def arc(*pts):
        out, px, py = [], 0, 0
        for x, y in pts:
            ix, iy = round(x / q), round(y / q)
            out.append([ix - px, iy - py])
            px, py = ix, iy
        return out
    arcs = [
        arc((33, 45), (33, 46)),  # 0: Ukraine | Crimea (isthmus)
        arc((33, 46), (30, 46), (30, 45), (33, 45)),  # 1: Ukraine's coast
        arc((33, 45), (35, 45), (35, 46), (33, 46)),  # 2: Crimea's coast
        arc((33, 46), (33, 48), (38, 48)),  # 3: Ukraine coast/land edge
        arc((38, 48), (38, 47)),  # 4: Ukraine | Russia
        arc((38, 47), (33.5, 47), (33, 46)),  # 5: Ukraine's south edge
        arc((38, 47), (40, 47), (40, 48), (38, 48)),  # 6: Russia's outline
    ]
    topo = {"type": "Topology", "transform": {"scale": [q, q], "translate": [0, 0]}, "arcs": arcs,
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": "804", "properties": {"name": "Ukraine"}, "arcs": [[1, 0, 3, 4, 5]]},
                {"type": "MultiPolygon", "id": "643", "properties": {"name": "Russia"},
                 "arcs": [[[2, ~0]], [[6, ~4]]]},
            ]}}}
    src = tmp_path / "countries-10m.json"
    src.write_text(json.dumps(topo))
    out = tmp_path / "borders.json"
    assert prepare.main([str(src), "--output", str(out)]) == 0
    data = json.loads(out.read_text())
    names = {c["name"]: len(c["rings"]) for c in data["countries"]}
    assert names == {"Ukraine": 2, "Russia": 1}
    borders = [basemap.decode(b, data["scale"]).pts for b in data["borders"]]
    assert borders == [[(38.0, 48.0), (38.0, 47.0)]]  # only the real border; the isthmus is gone
    assert any("from Russia to Ukraine" in c for c in data["source"]["changes"])
