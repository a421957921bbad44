"""The tag index (sitrep.pages.collections.build_index): which theatre, topic,
place, source and theatre × topic collections exist, which items each holds
and in what order, on a handful of hand-tagged items."""

from __future__ import annotations

from sitrep.pages.collections import build_index
from item_support import THEATRES, TOPICS, item, place, taxonomy

KUPIANSK = place("kupiansk", "Kupiansk")
IZIUM = place("izium", "Izium")
ODESA = place("odesa", "Odesa", theatre="south", region="odesa-oblast", lat=46.48, lon=30.73)
AVDIIVKA = place("avdiivka", "avdiivka", theatre="donbas", region="donetsk-oblast")  # lower case sorts by casefold

# Newest first, as the build hands them over.
ITEMS = [
    item("2025-02-05-harbour-watch", "port-hit", "2025-02-05", theatres=["south"], topics=["strikes"],
         places=[ODESA], source="Harbour Watch"),
    item("2025-02-04-test-desk", "kupiansk-shelled", "2025-02-04", theatres=["kharkiv"],
         topics=["strikes", "energy-infrastructure"], places=[KUPIANSK, IZIUM]),
    item("2025-02-04-test-desk", "izium-exchange", "2025-02-04", theatres=["kharkiv", "donbas"],
         topics=["pows-missing"], places=[IZIUM, AVDIIVKA]),
    item("2025-02-03-field-notes", "unknown-tags", "2025-02-03", theatres=["atlantis"], topics=["weather"],
         source="field notes"),
]


def ids(coll) -> list[str]:
    return [i.id for i in coll.items]


def test_every_theatre_and_topic_of_the_taxonomy_has_a_collection_in_taxonomy_order():
    index = build_index(ITEMS, taxonomy())
    assert [c.key for c in index.theatres] == list(THEATRES)
    assert [c.key for c in index.topics] == list(TOPICS)
    kharkiv = index.theatres[0]
    assert (kharkiv.kind, kharkiv.name, kharkiv.description, kharkiv.url) == (
        "theatre", "Kharkiv", "About Kharkiv.", "theatres/kharkiv/")
    assert index.topics[1].url == "topics/energy-infrastructure/"


def test_a_tag_with_no_items_keeps_its_page_but_gets_no_feed():
    index = build_index(ITEMS[:1], taxonomy())
    by_key = {c.key: c for c in index.theatres}
    assert by_key["kharkiv"].items == [] and by_key["kharkiv"].feed_url is None
    assert by_key["south"].feed_url == "feeds/theatres/south.atom.xml"
    assert index.sources[0].feed_url == "feeds/sources/harbour-watch.atom.xml"


def test_items_are_filed_under_each_of_their_tags_newest_first():
    index = build_index(ITEMS, taxonomy())
    theatres = {c.key: ids(c) for c in index.theatres}
    topics = {c.key: ids(c) for c in index.topics}
    assert theatres == {
        "kharkiv": ["2025-02-04-test-desk/kupiansk-shelled", "2025-02-04-test-desk/izium-exchange"],
        "donbas": ["2025-02-04-test-desk/izium-exchange"],
        "south": ["2025-02-05-harbour-watch/port-hit"],
    }
    assert topics["strikes"] == ["2025-02-05-harbour-watch/port-hit", "2025-02-04-test-desk/kupiansk-shelled"]
    assert topics["pows-missing"] == ["2025-02-04-test-desk/izium-exchange"]


def test_tags_outside_the_taxonomy_make_no_collection():
    index = build_index(ITEMS, taxonomy())
    keys = {c.key for c in index.all()}
    assert "atlantis" not in keys and "weather" not in keys
    assert not any("atlantis" in key or "weather" in key for key in index.combinations)
    # The item still belongs to its source.
    assert ids(next(c for c in index.sources if c.key == "field-notes")) == ["2025-02-03-field-notes/unknown-tags"]


def test_combinations_exist_only_for_pairs_that_hold_items():
    index = build_index(ITEMS, taxonomy())
    assert list(index.combinations) == sorted([
        ("donbas", "pows-missing"), ("kharkiv", "energy-infrastructure"), ("kharkiv", "pows-missing"),
        ("kharkiv", "strikes"), ("south", "strikes")])
    combo = index.combinations[("kharkiv", "strikes")]
    assert (combo.kind, combo.key, combo.url, combo.name) == (
        "combination", "kharkiv/strikes", "theatres/kharkiv/strikes/", "Strikes in Kharkiv")
    assert (combo.theatre, combo.topic) == ("kharkiv", "strikes")
    assert ids(combo) == ["2025-02-04-test-desk/kupiansk-shelled"]
    assert combo.feed_url is None  # combinations have pages, not feeds


def test_places_get_a_collection_each_sorted_by_name_whatever_the_case():
    index = build_index(ITEMS, taxonomy())
    assert [c.name for c in index.places] == ["avdiivka", "Izium", "Kupiansk", "Odesa"]
    izium = next(c for c in index.places if c.key == "izium")
    assert (izium.kind, izium.url, izium.theatre, izium.place) == ("place", "places/izium/", "kharkiv", IZIUM)
    assert ids(izium) == ["2025-02-04-test-desk/kupiansk-shelled", "2025-02-04-test-desk/izium-exchange"]
    assert index.places_by_slug == {"avdiivka": AVDIIVKA, "izium": IZIUM, "kupiansk": KUPIANSK, "odesa": ODESA}
    assert izium.feed_url is None


def test_sources_are_sorted_by_name_and_hold_all_their_items():
    index = build_index(ITEMS, taxonomy())
    assert [(c.key, c.url) for c in index.sources] == [
        ("field-notes", "sources/field-notes/"), ("harbour-watch", "sources/harbour-watch/"),
        ("test-desk", "sources/test-desk/")]
    assert len(index.sources[2].items) == 2


def test_counts_over_a_collection():
    index = build_index(ITEMS, taxonomy())
    kharkiv = index.theatres[0]
    assert kharkiv.counter("topics") == {"strikes": 1, "energy-infrastructure": 1, "pows-missing": 1}
    assert kharkiv.counter("theatres") == {"kharkiv": 2, "donbas": 1}
    assert kharkiv.place_counts() == {"izium": 2, "kupiansk": 1, "avdiivka": 1}
    assert kharkiv.region_counts() == {"kharkiv-oblast": 2, "donetsk-oblast": 1}


def test_all_yields_every_collection_once():
    index = build_index(ITEMS, taxonomy())
    every = list(index.all())
    assert len(every) == len({id(c) for c in every}) == (
        len(THEATRES) + len(TOPICS) + len(index.places) + len(index.sources) + len(index.combinations))
    assert len({c.url for c in every}) == len(every)  # one page per collection


def test_no_items_gives_empty_tag_collections_and_nothing_else():
    index = build_index([], taxonomy())
    assert len(index.theatres) == len(THEATRES) and all(not c.items for c in index.theatres)
    assert index.places == [] and index.sources == [] and index.combinations == {} and index.places_by_slug == {}
