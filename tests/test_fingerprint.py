"""Digests of what a page is made of (sitrep.publish.fingerprint): equal content, equal digest;
any difference a reader could see, another digest."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from markupsafe import Markup

from sitrep.publish.fingerprint import Fingerprinter, Opaque


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
