"""The taxonomy is data an editor changes: it must load, keep the contract's slugs, and
answer every mistake with a DataError that names the file, the key and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.errors import DataError
from sitrep.tagging.taxonomy import load_taxonomy, phrase_key

DATA = Path(__file__).resolve().parent.parent / "data"

THEATRES = ["northern-border", "kharkiv", "donbas", "south", "crimea-black-sea", "russia", "ukraine-rear", "belarus"]
TOPICS = ["ground-combat", "strikes", "air-defense", "civilian-casualties", "military-losses", "foreign-forces",
          "pows-missing", "morale-discipline", "energy-infrastructure", "naval", "diplomacy", "sanctions-economy",
          "military-aid", "mobilization", "war-crimes", "occupation", "nuclear-safety", "humanitarian",
          "politics-command"]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the project's data/ folder."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def test_default_taxonomy_has_the_contract_slugs_in_order():
    tax = load_taxonomy(DATA)
    assert list(tax.theatres) == THEATRES
    assert list(tax.topics) == TOPICS
    for item in [*tax.theatres.values(), *tax.topics.values()]:
        assert item.name and item.description and item.slug


def test_phrases_match_on_stems_unless_written_exact():
    assert phrase_key("missile strikes") == phrase_key("Missile strike")
    assert phrase_key("=shelling") != phrase_key("=shells")
    assert phrase_key("shelling") == phrase_key("shells")  # why "=" exists


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_toml_syntax_error_names_the_file_and_line(data_copy):
    _edit(data_copy / "taxonomy" / "topics.toml", "[strikes]", "[strikes")
    with pytest.raises(DataError) as err:
        load_taxonomy(data_copy)
    assert "topics.toml" in str(err.value) and "line" in str(err.value)
    assert "how to fix" in str(err.value)


def test_unknown_key_is_reported_with_a_suggestion(data_copy):
    _edit(data_copy / "taxonomy" / "topics.toml", 'name = "Strikes"', 'nmae = "Strikes"')
    with pytest.raises(DataError) as err:
        load_taxonomy(data_copy)
    message = str(err.value)
    assert "[strikes] nmae" in message and "did you mean 'name'" in message


def test_weight_must_be_a_number(data_copy):
    _edit(data_copy / "taxonomy" / "topics.toml", '"missile strike" = 3.0', '"missile strike" = "high"')
    with pytest.raises(DataError) as err:
        load_taxonomy(data_copy)
    assert 'phrases."missile strike"' in str(err.value) and "number" in str(err.value)


def test_missing_name_and_bad_slug_are_reported(data_copy):
    _edit(data_copy / "taxonomy" / "theatres.toml", 'name = "Kharkiv"\n', "")
    with pytest.raises(DataError, match=r"\[kharkiv\] name: missing"):
        load_taxonomy(data_copy)
    _edit(data_copy / "taxonomy" / "theatres.toml", "[kharkiv]", "[\"Kharkiv Front\"]")
    with pytest.raises(DataError, match="not a valid slug"):
        load_taxonomy(data_copy)


def test_an_editor_can_write_a_small_taxonomy_and_bad_thresholds_are_caught(data_copy):
    topics = data_copy / "taxonomy" / "topics.toml"
    topics.write_text(
        '[settings]\nthreshold = 1.5\n\n'
        '[strikes]\nname = "Strikes"\nphrases = { "missile strike" = 2.0 }\nnegative = ["hunger strike"]\n',
        encoding="utf-8")
    tax = load_taxonomy(data_copy)
    assert list(tax.topics) == ["strikes"] and tax.topics["strikes"].threshold == 1.5
    topics.write_text('[strikes]\nname = "Strikes"\nphrases = { "missile strike" = 2.0 }\nthreshold = 0\n',
                      encoding="utf-8")
    with pytest.raises(DataError, match=r"\[strikes\] threshold: must be above zero"):
        load_taxonomy(data_copy)
    topics.write_text('[strikes]\nname = "Strikes"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"\[strikes\] phrases: no trigger phrases"):
        load_taxonomy(data_copy)


def test_the_strike_roundup_rule_names_known_slugs(data_copy):
    path = data_copy / "taxonomy" / "theatres.toml"
    assert load_taxonomy(data_copy).roundup == ("strikes", "ukraine-rear", 2)
    _edit(path, 'roundup_topic = "strikes"', 'roundup_topic = "strike"')
    with pytest.raises(DataError, match=r"roundup_topic: unknown topic 'strike'"):
        load_taxonomy(data_copy)
    _edit(path, 'roundup_topic = "strike"', 'roundup_topic = ""')
    assert load_taxonomy(data_copy).roundup is None  # an editor can switch the rule off


@pytest.mark.parametrize("old, new, says", [
    ("tail = 0.25", "tail = 1.5", "[places] tail: must be at least 0 and below 1"),
    ("tail_words = 200", "tail_words = -5", "[places] tail_words: must not be negative"),
])
def test_the_closing_paragraph_rule_is_checked(data_copy, old, new, says):
    _edit(data_copy / "taxonomy" / "aboutness.toml", old, new)
    with pytest.raises(DataError) as err:
        load_taxonomy(data_copy)
    assert says in str(err.value) and "aboutness.toml" in str(err.value)


@pytest.mark.parametrize("old, new, says", [
    ('"stari", "staryi"', '"stari terny", "staryi"', "[names] settlement_openers: 'stari terny'"),
    ('goal_reached = ["hit", ', 'goal_reached = ["shot down", "hit", ', "[locators] goal_reached: 'shot down'"),
])
def test_a_word_list_entry_of_two_words_is_reported(data_copy, old, new, says):
    """These lists are compared with one word of the text at a time: a phrase could never match."""
    from sitrep.tagging.gazetteer_files import load_context

    path = data_copy / "gazetteer" / "context.toml"
    _edit(path, old, new)
    with pytest.raises(DataError) as err:
        load_context(path, None)
    assert says in str(err.value)
