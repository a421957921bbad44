"""Digests of what a page is made of (sitrep.publish.fingerprint): equal content, equal digest;
any difference a reader could see, another digest."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass

import pytest
from markupsafe import Markup

from sitrep.model import Item, TagOverrides
from sitrep.publish.fingerprint import Fingerprinter, Opaque
from sitrep.tagging.core import TagSet
from sitrep.tagging.gazetteer import Place


@dataclass
class Row:
    headline: str
    places: tuple[str, ...]


def test_equal_content_gives_equal_digests_across_objects_and_builds():
    first, second = Fingerprinter(), Fingerprinter()
    a = [Row("Strike on Kharkiv", ("kharkiv",)), {"count": 3, "note": None}]
    b = [Row("Strike on Kharkiv", ("kharkiv",)), {"count": 3, "note": None}]
    assert first.digest(a) == second.digest(b)
    assert first.digest(Markup("<b>Kupiansk</b>")) == first.digest("<b>Kupiansk</b>")


@pytest.mark.parametrize("one, other", [
    ("a\nb", "a\\nb"),  # an escape and the characters of one
    ("Kyiv", "Kyiv "),
    ("Izium\ud800", "Izium"),  # a lone surrogate is content too
    ("3", 3),
    ("abc", b"abc"),
    (Row("Strike", ("izium",)), Row("Strike", ("izium", "kharkiv"))),
    ({"a": 1}, {"a": 2}),
])
def test_any_difference_gives_another_digest(one, other):
    f = Fingerprinter()
    assert f.digest(one) != f.digest(other)


def test_a_value_that_cannot_say_what_it_is_made_of_is_opaque():
    with pytest.raises(Opaque):
        Fingerprinter().digest(object())


def _item(**changes) -> Item:
    kharkiv = Place("kharkiv", "Kharkiv", "kharkiv-oblast", "Kharkiv Oblast", "kharkiv", "UA", 49.99, 36.23, 1_400_000)
    fields = dict(id="2024-05-10-desk/glide-bombs-hit-kharkiv", slug="glide-bombs-hit-kharkiv",
                  headline="Glide bombs hit Kharkiv", html="<p>Two glide bombs hit a district of Kharkiv.</p>",
                  text="Two glide bombs hit a district of Kharkiv.", date=dt.date(2024, 5, 10),
                  report_slug="2024-05-10-desk", report_title="Desk digest, 10 May 2024", source="Desk",
                  source_slug="desk", position=2, line=14,
                  tags=TagSet(["kharkiv"], ["strikes"], ["kharkiv-oblast"], [kharkiv]))
    fields.update(changes)
    return Item(**fields)


def test_an_item_digests_the_same_fresh_or_read_back_from_a_cache():
    """Items are digested as one pickle: objects shared inside one item (the same
    string in two fields) or not must not matter, nor a pickle round trip."""
    shared = "".join(["de", "sk"])
    fresh = _item(source_slug=shared, report_slug=shared)
    apart = _item(source_slug="".join(["de", "sk"]), report_slug="".join(["d", "esk"]))
    assert fresh.source_slug is fresh.report_slug and apart.source_slug is not apart.report_slug
    copied = pickle.loads(pickle.dumps(apart))
    assert Fingerprinter().digest(fresh) == Fingerprinter().digest(copied)


@pytest.mark.parametrize("change", [
    {"headline": "Glide bombs hit Kharkiv again"},
    {"html": "<p>Two glide bombs hit a district of <b>Kharkiv</b>.</p>"},
    {"date": dt.date(2024, 5, 11)},
    {"position": 3},
    {"tags": TagSet(["kharkiv"], ["strikes", "civilian-casualties"], ["kharkiv-oblast"], [])},
    {"overrides": TagOverrides(add_topics=["strikes"])},
])
def test_any_change_of_an_item_gives_another_digest(change):
    f = Fingerprinter()
    assert f.digest(_item()) != f.digest(_item(**change))


def test_a_place_moved_by_the_editor_changes_the_item_digest():
    moved = _item()
    moved.tags.places[0].lat = 50.0
    assert Fingerprinter().digest(_item()) != Fingerprinter().digest(moved)


NAMES = [(n, n.encode() + b"\0") for n in sorted(["SITENAME", "item", "output_file", "taxonomy"])]


def test_a_page_digest_takes_each_name_from_the_page_or_else_from_the_shared_context():
    f = Fingerprinter()
    context = {"SITENAME": "Sitrep", "taxonomy": ["strikes"], "item": "the context's item", "unread": object()}
    first = f.page([b"template"], NAMES, context, {"item": "Strike on Sumy", "output_file": "a.html"})
    assert first == Fingerprinter().page([b"template"], NAMES, dict(context), {"item": "Strike on Sumy",
                                                                                "output_file": "a.html"})
    # the page's own value wins: the context's value of a name the page overrides does not count
    assert first == f.page([b"template"], NAMES, {**context, "item": "another"},
                           {"item": "Strike on Sumy", "output_file": "a.html"})
    assert first != f.page([b"template"], NAMES, context, {"item": "Strike on Izium", "output_file": "a.html"})
    assert first != f.page([b"template"], NAMES, {**context, "SITENAME": "Other"},
                           {"item": "Strike on Sumy", "output_file": "a.html"})
    assert first != f.page([b"other template"], NAMES, context, {"item": "Strike on Sumy", "output_file": "a.html"})
    # a name the page does not set comes from the context
    assert f.page([b"template"], NAMES, context, {"output_file": "a.html"}) != f.page(
        [b"template"], NAMES, {**context, "item": "another"}, {"output_file": "a.html"})


def test_a_page_that_does_not_override_a_name_sees_the_contexts_value_after_one_that_did():
    """Within one build, page 1 sets ``item`` and page 2 takes it from the context: page 2's
    digest must follow the context's value from build to build."""
    def second_page(context_item: str) -> bytes:
        f, context = Fingerprinter(), {"SITENAME": "Sitrep", "item": context_item}
        f.page([b"template"], NAMES, context, {"item": "own", "output_file": "1.html"})
        return f.page([b"template"], NAMES, context, {"output_file": "2.html"})

    assert second_page("a") != second_page("b")


def test_an_item_that_cannot_be_pickled_is_opaque_not_an_error():
    with pytest.raises(Opaque):
        Fingerprinter().digest(_item(html=lambda: "<p>made later</p>"))
