"""Label placement on maps (sitrep.pages.maps.labels) on its own: a label is
checked at every width the map is drawn at, never covers another label, stays
inside the map, and is dropped when it fits nowhere. tests/test_maps.py checks
the same on whole maps; these pin the placer's rules one at a time."""

from __future__ import annotations

from sitrep.pages.maps.labels import PLACE_LABEL_PX, RENDER_WIDTHS, Label, Placer, overlaps, text_width
from sitrep.pages.maps.projection import VIEW_H, VIEW_W

R = 5.0  # px, the radius of the test dots


def dot_box(vx: float, vy: float, r: float, width: float) -> tuple[float, float, float, float]:
    s = width / VIEW_W
    return (vx * s - r, vy * s - r, vx * s + r, vy * s + r)


def right_of(text: str, vx: float, vy: float) -> Label:
    """The label as the placer's first choice puts it: right of the dot, centred on it."""
    w = text_width(text, PLACE_LABEL_PX, bold=True)
    return Label(text, "place-label", vx, vy, R + 3, 0.3 * PLACE_LABEL_PX, "start", w, PLACE_LABEL_PX)


def test_a_label_clear_at_the_widest_map_but_on_a_dot_at_the_narrowest_goes_elsewhere():
    # B sits right of A, as far as the label is wide plus 20 px on an 800 px map:
    # the label right of A clears B there, but covers B on a 280 px phone (labels keep their px, dots move)
    w = text_width("Kupiansk", PLACE_LABEL_PX, bold=True)
    a, b = (400.0, 300.0), (400.0 + w + 20, 300.0)
    first_choice = right_of("Kupiansk", *a)
    assert not overlaps(first_choice.box(800), dot_box(*b, R, 800))
    assert overlaps(first_choice.box(min(RENDER_WIDTHS)), dot_box(*b, R, min(RENDER_WIDTHS)))
    placer = Placer([(*a, R), (*b, R)])
    assert not placer.fits(first_choice, own_dot=0)
    label = placer.place("Kupiansk", "place-label", *a, R, PLACE_LABEL_PX, bold=True, own_dot=0)
    assert label is not None and (label.dx, label.anchor) != (first_choice.dx, "start")
    for width in RENDER_WIDTHS:
        assert not overlaps(label.box(width), dot_box(*b, R, width)), width


def test_a_label_never_covers_another_label_even_when_it_may_cover_dots():
    placer = Placer([])
    first = placer.place("Black Sea", "sea-label", 400, 300, 0, 13, centred=True)
    assert first is not None
    # the same spot again: over dots is allowed, over a label never
    assert placer.place("Sea of Azov", "sea-label", 400, 300, 0, 13, centred=True) is None
    assert placer.placed == [first]


def test_labels_stay_inside_the_map_at_every_width():
    placer = Placer([(VIEW_W - 4, VIEW_H / 2, R)])  # a dot at the right edge: the label must go left of it
    label = placer.place("Shebekino", "place-label", VIEW_W - 4, VIEW_H / 2, R, PLACE_LABEL_PX, bold=True, own_dot=0)
    assert label is not None and label.anchor == "end"
    for width in RENDER_WIDTHS:
        left, top, right, bottom = label.box(width)
        assert left >= 0 and right <= width and top >= 0 and bottom <= width * VIEW_H / VIEW_W


def test_a_label_that_fits_nowhere_is_dropped_and_reserves_nothing():
    # a dot ringed by placed labels on every side: its own label has no room
    placer = Placer([(400, 300, R)])
    for dx, dy in ((0, 0), (-60, 0), (60, 0), (0, -25), (0, 25), (-60, -25), (60, -25), (-60, 25), (60, 25)):
        placer.placed.append(Label("XXXXXXXX", "area-label", 400, 300, dx, dy + 4, "middle", 120, 13))
    before = list(placer.placed)
    assert placer.place("Izium", "place-label", 400, 300, R, PLACE_LABEL_PX, bold=True, own_dot=0) is None
    assert placer.placed == before


def test_a_marker_under_a_placed_label_is_not_free():
    placer = Placer([])
    label = placer.place("Kharkiv", "landmark-label", 400, 300, 0, 13, centred=True)
    assert label is not None
    assert not placer.free(400, 300, 3.5)  # under the label's middle
    assert placer.free(400, 100, 3.5)  # far above it
