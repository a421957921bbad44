"""The gazetteer: GeoNames plus the editor's files, every spelling readers use, the
contract's regions and theatres, and a cache that keeps loading under a second."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from sitrep.errors import DataError
from sitrep.tagging.gazetteer import REGION, load_gazetteer
from sitrep.tagging.spelling import newsroom_name, spelling_variants, ukrainian_latin
from sitrep.text import fold, tokenize

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def cache_dir(compiled_cache) -> Path:
    """One gazetteer cache for the whole test session (building it takes seconds)."""
    return compiled_cache


@pytest.fixture(scope="module")
def gaz(cache_dir):
    return load_gazetteer(DATA, cache_dir)


@pytest.mark.parametrize("spellings, name, region", [
    (["Kupiansk", "Kupyansk", "Kupjansk", "Куп’янськ", "Купянск"], "Kupiansk", "kharkiv-oblast"),
    (["Kyiv", "Kiev", "Київ", "Киев"], "Kyiv", "kyiv-city"),
    (["Kharkiv", "Kharkov", "Харків"], "Kharkiv", "kharkiv-oblast"),
    (["Izium", "Izyum", "Ізюм"], "Izium", "kharkiv-oblast"),
    (["Bakhmut", "Artemivsk", "Artyomovsk"], "Bakhmut", "donetsk-oblast"),
    (["Dnipro", "Dnepr"], "Dnipro", "dnipropetrovsk-oblast"),
    (["Mykolaiv", "Nikolaev"], "Mykolaiv", "mykolaiv-oblast"),
    (["Zaporizhzhia", "Zaporozhye", "Zaporizhzhya"], "Zaporizhzhia", "zaporizhzhia-oblast"),
    (["Odesa", "Odessa"], "Odesa", "odesa-oblast"),
    (["Avdiivka", "Avdeevka", "Avdiyivka"], "Avdiivka", "donetsk-oblast"),
    (["Kryvyi Rih", "Krivoy Rog"], "Kryvyi Rih", "dnipropetrovsk-oblast"),
    (["Sloviansk", "Slavyansk"], "Sloviansk", "donetsk-oblast"),
    (["Huliaipole", "Hulyaipole", "Gulyaipole"], "Huliaipole", "zaporizhzhia-oblast"),
    (["Rylsk", "Ryl’sk"], "Rylsk", "kursk-oblast"),
])
def test_every_spelling_finds_the_newsroom_place(gaz, spellings, name, region):
    for spelling in spellings:
        best = gaz.lookup(spelling)[0]
        assert (best.name, best.region) == (name, region), spelling


def test_newsroom_names_follow_the_national_romanisation():
    assert ukrainian_latin("Куп’янськ") == "Kupiansk"
    assert ukrainian_latin("Запоріжжя") == "Zaporizhzhia"
    assert ukrainian_latin("Ізюм") == "Izium"
    assert ukrainian_latin("Згурівка") == "Zghurivka"
    city = {"name": "Kostyantynivka", "countrycode": "UA",
            "alternatenames": ["Kostiantynivka", "Костянтинівка", "Константиновка"]}
    assert newsroom_name(city) == "Kostiantynivka"
    assert newsroom_name({"name": "Ryl’sk", "countrycode": "RU", "alternatenames": []}) == "Rylsk"
    assert "Hulyaipole" in spelling_variants("Huliaipole")


def test_regions_follow_the_contract(gaz):
    expected = {"kursk-oblast": "northern-border", "sumy-oblast": "northern-border",
                "chernihiv-oblast": "northern-border", "kharkiv-oblast": "kharkiv",
                "donetsk-oblast": "donbas", "luhansk-oblast": "donbas", "zaporizhzhia-oblast": "south",
                "kherson-oblast": "south", "mykolaiv-oblast": "south", "crimea": "crimea-black-sea",
                "sevastopol": "crimea-black-sea", "black-sea": "crimea-black-sea", "sea-of-azov": "crimea-black-sea",
                "kerch-strait": "crimea-black-sea", "tatarstan": "russia", "moscow-city": "russia",
                "kyiv-city": "ukraine-rear", "lviv-oblast": "ukraine-rear", "gomel-region": "belarus"}
    for slug, theatre in expected.items():
        assert gaz.regions[slug].theatre == theatre, slug
    assert "kursk oblast" in gaz.region_phrases("kursk-oblast")
    assert "sumy region" in gaz.region_phrases("sumy-oblast")


def test_place_exceptions_and_editor_additions(gaz):
    assert gaz.lookup("Nikopol")[0].theatre == "south"
    assert gaz.lookup("Marhanets")[0].theatre == "south"
    assert gaz.lookup("Mezhova")[0].theatre == "donbas"  # a zone of places.toml
    assert gaz.lookup("Pavlohrad")[0].theatre == "ukraine-rear"
    robotyne = gaz.lookup("Robotyne")[0]
    assert (robotyne.region, robotyne.theatre) == ("zaporizhzhia-oblast", "south")
    assert any(p.region == "kursk-oblast" for p in gaz.lookup("Novoivanovka"))
    assert gaz.lookup("Zaporizhzhia Nuclear Power Plant")[0].region == "zaporizhzhia-oblast"
    assert gaz.lookup("ZNPP")[0].name == "Zaporizhzhia Nuclear Power Plant"
    assert gaz.lookup("Crimean Bridge")[0].name == "Kerch Bridge"
    assert gaz.lookup("Oskil River")[0].region == "kharkiv-oblast"


def test_city_districts_stand_for_their_city(gaz):
    entries = gaz.index[tuple(t.text for t in tokenize("Saltivka"))]
    assert [gaz.places[e[1]].name for e in entries] == ["Kharkiv"]
    assert gaz.lookup("Mariupol")[0].name == "Mariupol"  # a real city is never a district


def test_words_and_people_are_not_places(gaz):
    for word in ("Progress", "Marks", "Vladimir", "Anna", "Bar"):
        assert not gaz.lookup(word), word
    assert gaz.lookup("Perm")  # kept through places.toml
    # a region alias is not subject to the stop list
    assert any(e[0] == REGION for e in gaz.index[("chechnya",)])


def test_slugs_are_unique_and_url_safe(gaz):
    slugs = [p.slug for p in gaz.places]
    assert len(slugs) == len(set(slugs))
    assert all(s and s == fold(s).replace(" ", "-") for s in slugs[:2000])
    assert gaz.lookup("Kupiansk")[0].slug == "kupiansk"
    assert gaz.lookup("Lyman")[0].slug == "lyman"


@pytest.mark.slow  # compiles GeoNames anew for the edited data
def test_cache_makes_loading_fast_and_follows_the_data(tmp_path, cache_dir, gaz):
    t0 = time.perf_counter()
    load_gazetteer(DATA, cache_dir)
    assert time.perf_counter() - t0 < 1.0
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    places = data / "gazetteer" / "places.toml"
    places.write_text(places.read_text() + '\n[[place]]\nname = "Testivka"\nregion = "sumy-oblast"\n'
                      'lat = 51.0\nlon = 34.0\n', encoding="utf-8")
    changed = load_gazetteer(data, tmp_path / "cache")
    assert changed.lookup("Testivka")[0].region == "sumy-oblast"
    assert not gaz.lookup("Testivka")


@pytest.mark.slow  # reads GeoNames anew for each edited file
def test_bad_editor_data_gives_a_clear_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    places = data / "gazetteer" / "places.toml"
    original = places.read_text()
    places.write_text(original + '\n[[place]]\nname = "Nowhere"\nregion = "kharkov-oblast"\nlat = 1.0\nlon = 1.0\n')
    with pytest.raises(DataError) as err:
        load_gazetteer(data, tmp_path / "cache")
    assert "places.toml" in str(err.value) and "unknown region 'kharkov-oblast'" in str(err.value)
    assert "kharkiv-oblast" in str(err.value)  # the suggestion
    places.write_text(original + '\n[[place]]\ngeonames = "Nowherevka"\n')
    with pytest.raises(DataError, match="no GeoNames place named 'Nowherevka'"):
        load_gazetteer(data, tmp_path / "cache")
    places.write_text(original + '\n[[place]]\nname = "X"\nregion = "sumy-oblast"\nlat = 1.0\nlon = 1.0\nalias = []\n')
    with pytest.raises(DataError, match="did you mean 'aliases'"):
        load_gazetteer(data, tmp_path / "cache")
    places.write_text(original)
    regions = data / "gazetteer" / "regions.toml"
    regions.write_text(regions.read_text().replace('within = "crimea"', 'within = "krym"'))
    with pytest.raises(DataError, match="unknown region 'krym'") as err:
        load_gazetteer(data, tmp_path / "cache")
    assert "regions.toml" in str(err.value) and "[sevastopol]" in str(err.value)
