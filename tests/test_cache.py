"""Caches never serve stale output: a change to the taxonomy, the gazetteer
data or the settings shows up in the next build without any cache flag."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, ROOT, seed_cache
from sitrep.pages.opendata import read_items

pytestmark = pytest.mark.slow  # each test builds the fixture archive two or three times


@pytest.fixture
def project(tmp_path, site_settings, compiled_cache):
    """A copy of the project's data an editor can change, and a build command using it
    (run in a new process each time, as an editor runs builds one after another)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settings = site_settings(SITREP_DATA_DIR=data, SITREP_CACHE_DIR=seed_cache(compiled_cache, tmp_path / "cache"))
    out = tmp_path / "out"
    args = ("build", "--settings", str(settings), "--content", str(FIXTURES / "archive"), "--output", str(out), "--quiet")
    return data, out, args


def test_retrained_topic_model_changes_the_next_build(project, sitrep):
    """The learned model is data too: a new model file re-tags every item."""
    data, out, args = project
    sitrep(*args, check=True)
    item = "2025-02-05-test-desk/150-prisoners-of-war-return-home-in-an-exchange"
    assert "pows-missing" in _topics(out)[item]
    model_file = data / "taxonomy" / "topic-model.json"
    model = json.loads(model_file.read_text(encoding="utf-8"))
    model["bias"]["pows-missing"] = -60.0  # a model that never gives the topic
    model_file.write_text(json.dumps(model), encoding="utf-8")
    sitrep(*args, check=True)
    assert "pows-missing" not in _topics(out)[item]


def _topics(out):
    rows = read_items(out)
    return {r["id"]: r["topics"] for r in rows}


def test_edited_taxonomy_changes_the_next_build(project, sitrep):
    data, out, args = project
    (data / "taxonomy" / "topic-model.json").unlink()  # topics from the phrase rules alone
    sitrep(*args, check=True)
    before = _topics(out)
    item = "2025-02-05-test-desk/150-prisoners-of-war-return-home-in-an-exchange"
    assert "pows-missing" in before[item]

    # An editor renames the topic's display name and drops its trigger phrases.
    toml = data / "taxonomy" / "topics.toml"
    text = toml.read_text(encoding="utf-8")
    start = text.index("[pows-missing]")
    end = text.index("\n[", text.index("[pows-missing.phrases]") + 1)
    toml.write_text(text[:start] + '[pows-missing]\nname = "Captives"\ndescription = "x"\n'
                    '[pows-missing.phrases]\n"zzzz never matches" = 3\n' + text[end:], encoding="utf-8")
    sitrep(*args, check=True)
    after = _topics(out)
    assert "pows-missing" not in after[item]
    assert "Captives" in (out / "topics" / "pows-missing" / "index.html").read_text()


def test_edited_gazetteer_places_change_the_next_build(project, sitrep):
    data, out, args = project
    sitrep(*args, check=True)

    def places():
        rows = read_items(out)
        field = next(r for r in rows if r["report"] == "2024-12-30-field-notes")
        return {(p["name"], p["region"], p["lat"], p["lon"]) for p in field["places"]}

    # Without the editor's entry the village is placed in its region, at the region's point...
    assert ("Romanivka", "donetsk-oblast", 48.2, 37.05) not in places()
    assert any(p[:2] == ("Romanivka", "donetsk-oblast") for p in places())
    # ...an editor adds it where it is; the cached gazetteer must not hide the change.
    with (data / "gazetteer" / "places.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[place]]\nname = "Romanivka"\nregion = "donetsk-oblast"\nlat = 48.20\nlon = 37.05\nkind = "village"\n')
    sitrep(*args, check=True)
    assert ("Romanivka", "donetsk-oblast", 48.2, 37.05) in places()


def test_edited_item_is_tagged_again_and_unchanged_items_keep_their_tags(tmp_path, project, fixture_archive, sitrep):
    data, out, args = project
    args = tuple(str(fixture_archive) if a == str(FIXTURES / "archive") else a for a in args)
    sitrep(*args, check=True)
    before = {r["id"]: r for r in read_items(out)}
    assert list((tmp_path / "cache").glob("tags-*.pickle")), "tag sets are remembered between builds"

    # The editor adds a sentence naming a city to a one-item report.
    report = fixture_archive / "reports" / "2024" / "2024-12-30-field-notes.md"
    report.write_text(report.read_text(encoding="utf-8").rstrip("\n")
                      + "\n\nLater that night a drone struck a depot in Kupiansk.\n", encoding="utf-8")
    sitrep(*args, check=True)
    after = {r["id"]: r for r in read_items(out)}
    changed = [i for i in after if after[i] != before.get(i)]
    assert len(changed) == 1 and changed[0].startswith("2024-12-30-field-notes/")
    assert "Kupiansk" in {p["name"] for p in after[changed[0]]["places"]}
