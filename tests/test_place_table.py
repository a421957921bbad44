"""Labels of the /places/ table: namesakes told apart, and the rows' facts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

from sitrep.pages.collections import Collection
from sitrep.pages.place_table import distinct_labels, place_rows


def place(name, region, country="UA", slug=None, lat=48.0, lon=37.5):
    return NS(name=name, region_name=region, country=country, slug=slug or f"{name}-{region}".lower(),
              lat=lat, lon=lon)


def test_unique_names_stay_as_they_are_and_namesakes_get_their_region():
    places = [place("Izium", "Kharkiv Oblast"), place("Pokrovske", "Donetsk Oblast"),
              place("Pokrovske", "Dnipropetrovsk Oblast")]
    assert distinct_labels(places) == ["Izium", "Pokrovske (Donetsk Oblast)", "Pokrovske (Dnipropetrovsk Oblast)"]


def test_namesakes_in_one_region_fall_back_to_country_then_position_then_slug():
    assert distinct_labels([place("Sosnivka", "Border", "UA"), place("Sosnivka", "Border", "RU")]) == [
        "Sosnivka (UA)", "Sosnivka (RU)"]
    assert distinct_labels([place("Andriivka", "Donetsk Oblast", lat=48.123, lon=37.5),
                            place("Andriivka", "Donetsk Oblast", lat=47.9, lon=37.456)]) == [
        "Andriivka (Donetsk Oblast, 48.12° N, 37.50° E)", "Andriivka (Donetsk Oblast, 47.90° N, 37.46° E)"]
    assert distinct_labels([place("Ivanivka", "X", slug="ivanivka-1"), place("ivanivka", "X", slug="ivanivka-2")]) == [
        "Ivanivka (ivanivka-1)", "ivanivka (ivanivka-2)"]


def test_rows_carry_count_region_theatre_and_the_newest_date():
    items = [NS(date=dt.date(2025, 2, 5)), NS(date=dt.date(2025, 1, 3))]  # newest first, as collections hold them
    coll = Collection("place", "izium", "places/izium", "Izium", items=items,
                      place=place("Izium", "Kharkiv Oblast"), theatre="kharkiv")
    [row] = place_rows([coll])
    assert (row.label, row.url, row.region, row.theatre, row.count, row.latest) == (
        "Izium", "places/izium/", "Kharkiv Oblast", "kharkiv", 2, dt.date(2025, 2, 5))
