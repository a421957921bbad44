"""Villages GeoNames lacks or has only as namesakes elsewhere: listed after "near", placed
in the region of the places around them, left alone where the item names their region."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.tagging import load_tagger

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def tagger(tmp_path_factory):
    return load_tagger(DATA, tmp_path_factory.getbasetemp() / "sitrep-gazetteer-cache")


def _places(ts) -> set[tuple[str, str]]:
    return {(p.name, p.region) for p in ts.places}


def test_a_list_of_front_villages_takes_the_region_of_the_town_beside_it(tagger):
    ts = tagger.tag("Russian assaults west of Pokrovsk",
                    "Russian units attacked Ukrainian positions near Lysivka, Promin, Myroliubivka and Zhovte "
                    "on Tuesday, Ukraine's General Staff said. Most of the assaults on the Pokrovsk axis were "
                    "repelled, and fighting also went on near Kurakhove.")
    # Promin is only in GeoNames in Mykolaiv Oblast, Zhovte in Luhansk and Dnipropetrovsk,
    # Myroliubivka not at all: all are villages of the front around Pokrovsk.
    assert _places(ts) == {(name, "donetsk-oblast") for name in
                           ("Lysivka", "Promin", "Myroliubivka", "Zhovte", "Kurakhove")}
    assert ts.theatres == ["donbas"]
    promin = next(e for e in ts.evidence if e.kind == "place" and e.trigger == "Promin")
    assert "Promin of Mykolaiv Oblast is far away" in promin.reason


def test_commas_without_a_closing_and_are_no_list(tagger):
    ts = tagger.tag("Shelling near Kharkiv",
                    "Artillery hit a school near Kharkiv, Russian officials claimed, without evidence.")
    assert _places(ts) == {("Kharkiv", "kharkiv-oblast")}


def test_a_village_in_the_region_the_item_names_stays_there(tagger):
    ts = tagger.tag("Drone strike in Mykolaiv region",
                    "A Russian drone hit a farm in Promin in Mykolaiv Oblast overnight, the regional governor said.")
    assert _places(ts) == {("Promin", "mykolaiv-oblast")}
    assert ts.theatres == ["south"]


def test_a_headline_village_takes_the_one_front_region_the_body_names(tagger):
    ts = tagger.tag("Missile hits a wake in the village of Kolodiazne, dozens dead",
                    "Families of the Kharkiv Oblast village buried their dead on Saturday.")
    assert [(p.name, p.region) for p in ts.places] == [("Kolodiazne", "kharkiv-oblast")]


def test_a_far_namesake_becomes_a_village_of_the_front_region_the_item_names(tagger):
    # GeoNames knows a Yablonovo only in Siberia and Zakarpattia; the Belgorod one is missing
    ts = tagger.tag("Transport plane crashes in the Belgorod region",
                    "The aircraft came down in a field near Yablonovo, the governor said.")
    assert [(p.name, p.region) for p in ts.places] == [("Yablonovo", "belgorod-oblast")]
    rear = tagger.tag("Debris damages houses in the Moscow region",
                      "Windows were broken in Yablonovo, officials said.")
    assert not any(p.name == "Yablonovo" for p in rear.places)


def test_an_ambiguous_name_with_no_reading_in_the_front_region_named_is_a_village_there(tagger):
    # GeoNames has Zelenyi Hais in four oblasts, none in Kharkiv Oblast
    ts = tagger.tag("Missile hits a wake in the village of Zelenyi Hai, dozens dead",
                    "Families of the Kharkiv Oblast village buried their dead on Saturday.")
    assert [(p.name, p.region) for p in ts.places] == [("Zelenyi Hai", "kharkiv-oblast")]
    named = tagger.tag("Shelling hits Zelenyi Hai in Donetsk Oblast", "Two houses burned, officials said.")
    assert [(p.name, p.region) for p in named.places] == [("Zelenyi Hai", "donetsk-oblast")]


@pytest.mark.parametrize("headline, body", [
    ("Shelling in Kharkiv Oblast", "Kozlov, the head of the local military administration, said two houses burned."),
    ("Drone hits pumping station", "A drone hit a pumping station of the Druzhba oil pipeline in Bryansk Oblast."),
    ("Ukrainian special forces captured Wagner commander near Bakhmut", "The man was taken for questioning."),
    ("Strike in Sumy Oblast", "A drone hit a facility near Ivanenko's farm, the governor said."),
])
def test_names_of_people_and_things_are_no_villages_of_the_region_named(tagger, headline, body):
    ts = tagger.tag(headline, body)
    assert not any(p.population == 0 and p.kind == "village" for p in ts.places), _places(ts)


def test_no_village_is_guessed_into_one_of_two_regions_the_item_names(tagger):
    # GeoNames has a Hlybokyi Yar only in Crimea, far from the front the item is about
    both = tagger.tag("Russian assaults in Donetsk Oblast", "Russian forces also attacked near Hlybokyi Yar, "
                      "on the border between Donetsk and Luhansk oblasts.")
    assert not any(p.name == "Hlybokyi Yar" for p in both.places), _places(both)
    one = tagger.tag("Russian assaults in Donetsk Oblast", "Russian forces also attacked near Hlybokyi Yar.")
    assert ("Hlybokyi Yar", "donetsk-oblast") in _places(one)


def test_a_name_with_a_settlements_first_word_looks_like_one_unless_the_text_says_otherwise():
    from sitrep.tagging.document import make_doc
    from sitrep.tagging.places import PLACE, Mention
    from sitrep.tagging.resolve import looks_like_a_settlement

    openers = frozenset({"stari", "velykyi"})

    def shaped(body: str, name: str) -> bool:
        doc = make_doc("Fighting goes on", body)
        first = name.split()[0].lower()
        start = next(i for i, w in enumerate(doc.words) if w == first and i >= doc.n_head)
        return looks_like_a_settlement(doc, Mention(start, start + len(name.split()), PLACE, (), name), openers)

    assert shaped("Attacks were repelled near Stari Terny on Monday.", "Stari Terny")
    assert shaped("Attacks were repelled near Stari Terny, a village west of Kurakhove.", "Stari Terny")
    assert not shaped("Explosions were heard near Velykyi Rynok, the central market of Huliaipole.", "Velykyi Rynok")
    assert not shaped("Attacks were repelled near Staryi Terny on Monday.", "Staryi Terny")  # not an opener here


def test_a_list_with_a_country_names_countries_and_a_cue_ends_at_a_quote(tagger):
    ts = tagger.tag("Cluster munitions reach Ukraine's troops near Bakhmut",
                    "Ukrainian troops began firing US-supplied cluster munitions near Bakhmut this week, a "
                    "brigade officer said.\n\n"
                    "More than 120 countries, including Britain, Canada and Spain, have signed the convention "
                    "banning the weapons.\n\n"
                    '"The line will not be reached," Boris Pistorius told fellow ministers in Brussels.')
    assert _places(ts) == {("Bakhmut", "donetsk-oblast")}


def test_a_capture_verb_in_quotes_still_cues_the_village_after_it(tagger):
    ts = tagger.tag("Russia claims two villages west of Pokrovsk",
                    'Russia\'s defence ministry said its forces had "liberated" Zhelanne Druhe and Mykhailivka, '
                    "west of Pokrovsk.")
    assert ("Zhelanne Druhe", "donetsk-oblast") in _places(ts)


def test_new_villages_take_the_likeliest_region_of_the_town_in_their_sentence(tagger):
    # Dobropillia has village namesakes in other oblasts, so no place of the sentence has a single
    # region; Dnipro, later in the item, has one, and must not pull the new villages out of Donetsk Oblast.
    ts = tagger.tag("Russian infiltration reaches two villages",
                    "Russian troops pushed about 10 km north-east of Dobropillia, with small groups reaching "
                    "the villages of Kucheriv Yar and Zolotyi Kolodiaz, monitoring groups said on Aug. 12.\n\n"
                    "The salient points at the road that runs from Dobropillia toward Dnipro.")
    assert {("Kucheriv Yar", "donetsk-oblast"), ("Zolotyi Kolodiaz", "donetsk-oblast")} <= _places(ts)
    assert ts.theatres == ["donbas"]


def test_a_village_named_after_its_region_and_a_comma_is_in_that_region(tagger):
    # GeoNames has Dachnes in Donetsk, Odesa Oblast and Crimea, not the one of Dnipropetrovsk Oblast
    ts = tagger.tag("Russia claims its first village in Dnipropetrovsk Oblast, Dachne",
                    "Ukraine's Khortytsia group of forces denied the claim, saying fighting continued along the "
                    "regional border west of Kurakhove.")
    assert ("Dachne", "dnipropetrovsk-oblast") in _places(ts)


def test_a_month_before_an_apposition_is_no_village(tagger):
    ts = tagger.tag("Shelling of Belgorod goes on",
                    "Rockets hit Belgorod again on Sunday, the governor said.\n\n"
                    "Since the start of March, the city and nearby villages have come under near-daily fire.")
    assert {name for name, _ in _places(ts)} == {"Belgorod"}


def test_a_city_of_regional_status_named_in_the_region_around_it_is_that_city(tagger):
    ts = tagger.tag("ATACMS fired at Sevastopol",
                    "Ukraine fired five ATACMS missiles at Sevastopol in occupied Crimea on June 23, Russian "
                    "officials said, and debris fell on a beach.")
    assert _places(ts) == {("Sevastopol", "sevastopol")}


def test_an_opener_and_a_known_village_make_one_new_village(tagger):
    # GeoNames has a Nove and a Shakhove, not Nove Shakhove
    ts = tagger.tag("General Staff says Nove Shakhove cleared north-east of Dobropillia",
                    "Ukrainian forces have driven Russian troops out of Nove Shakhove, north-east of Dobropillia "
                    "in Donetsk Oblast, the General Staff said.")
    names = {name for name, _ in _places(ts)}
    assert ("Nove Shakhove", "donetsk-oblast") in _places(ts)
    assert not {"Nove", "Shakhove"} & names


def test_a_russian_spelling_of_the_items_new_village_is_that_village(tagger):
    ts = tagger.tag("Russia claims capture of Stepova Novoselivka south-east of Kupiansk",
                    "Russia's defence ministry said its forces had taken the village. Moscow used the Russian name "
                    "Stepnaya Novoselovka; Kyiv has not confirmed the loss.")
    assert _places(ts) == {("Stepova Novoselivka", "kharkiv-oblast")}


def test_a_new_village_named_again_without_a_cue_is_the_same_village(tagger):
    # the headline names the village without a cue; the body's "the village of" places it, in a
    # sentence about the past: the headline's mention is the news, in the body's region
    ts = tagger.tag("Officials evacuate Bezymeno as shelling grows",
                    "Belgorod Oblast officials began moving residents out of border villages on Monday as shelling "
                    "from across the border grew.\n\nIn 2023 a drone struck a car in the village of Bezymeno in "
                    "Belgorod Oblast, killing its driver.", date=date(2025, 3, 3))
    assert _places(ts) == {("Bezymeno", "belgorod-oblast")}
    # nor does a neighbour's adjective become a village: "near the Polish and Lithuanian borders"
    ts = tagger.tag("Exercises near Brest", "Belarusian troops held drills near Brest, close to the Polish border, "
                    "and near the Polish and Lithuanian borders, the ministry in Minsk said.", date=date(2025, 9, 5))
    assert not {name for name, _ in _places(ts)} & {"Polish", "Lithuanian"}


def test_a_no_break_space_after_a_cue_and_the_country_of_the_next_clause_keep_the_village(tagger):
    ts = tagger.tag("Missile strike kills 52 in Kharkiv region", "A Russian missile struck a cafe in the village "
                    "of\u00a0Hroza in Kharkiv region, killing 52 people.", date=date(2023, 10, 6))
    assert ("Hroza", "kharkiv-oblast") in _places(ts)
    ts = tagger.tag("Fighting near Kurakhove", "Russian forces captured Dalne and Ukraine said its troops had "
                    "withdrawn from Kurakhove.", date=date(2024, 11, 12))
    assert ("Dalne", "donetsk-oblast") in _places(ts)
