"""The outlines of wide map frames kept between builds (sitrep.pages.maps.outline_store)
never change what a map or a site is: read back, damaged, or left by other map code."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import sitrep.pages.maps as maps
import sitrep.pages.maps.outline_store as outline_store
from conftest import FIXTURES, ROOT, seed_cache, write_settings
from sitrep.pages.maps.basemap import Basemap
from sitrep.pages.maps.outline_store import FOLDER, PLACE_BASE, Outlines, OutlineStore
from sitrep.publish.build import build

# Places far apart: a frame wider than outline_store.WIDE, whose outlines are kept.
WIDE_POINTS = [maps.MapPoint("Kharkiv", 49.99, 36.23, 4), maps.MapPoint("Odesa", 46.48, 30.73, 2),
               maps.MapPoint("Lviv", 49.84, 24.03, 1)]
LANDMARKS = [maps.MapPoint("Kyiv", 50.45, 30.52)]


def _map(store: OutlineStore | None) -> str:
    return str(maps.place_map(WIDE_POINTS, LANDMARKS, title="Map", chart_id="map", outlines=store))


def _kept(cache: Path) -> list[Path]:
    """The outlines of wide frames kept (not the thinned base map of the place maps)."""
    return sorted(p for p in (cache / FOLDER).glob("*/*.pickle") if p.name != PLACE_BASE)


def test_kept_outlines_draw_the_same_map(tmp_path):
    fresh = _map(None)
    store = OutlineStore(tmp_path)
    assert _map(store) == fresh
    assert len(_kept(tmp_path)) == 1
    assert _map(OutlineStore(tmp_path)) == fresh  # read back by a later build


def test_a_damaged_file_is_cut_afresh_and_written_again(tmp_path):
    fresh = _map(None)
    _map(OutlineStore(tmp_path))
    (kept,) = _kept(tmp_path)
    kept.write_bytes(b"not a pickle")
    assert _map(OutlineStore(tmp_path)) == fresh
    assert isinstance(pickle.loads(kept.read_bytes()), Outlines)


def test_small_frames_are_not_kept(tmp_path):
    store = OutlineStore(tmp_path)
    one = str(maps.place_map(WIDE_POINTS[:1], LANDMARKS, title="Map", chart_id="map", outlines=store))
    assert one == str(maps.place_map(WIDE_POINTS[:1], LANDMARKS, title="Map", chart_id="map"))
    assert _kept(tmp_path) == []


def test_the_base_map_thinned_for_place_maps_is_kept_and_read_back(tmp_path, monkeypatch):
    """A place's own map is cut afresh, from the base map thinned once at its scale: kept
    between builds, read back instead of thinned again, and made again when damaged."""
    one = WIDE_POINTS[:1]

    def drawn(store: OutlineStore | None) -> str:
        return str(maps.place_map(one, LANDMARKS, title="Map", chart_id="map", outlines=store))

    fresh = drawn(None)
    assert drawn(OutlineStore(tmp_path)) == fresh
    (kept,) = (tmp_path / FOLDER).glob(f"*/{PLACE_BASE}")
    thin_calls = []
    real_thin = outline_store.thinned_for_places
    monkeypatch.setattr(outline_store, "thinned_for_places", lambda base: thin_calls.append(1) or real_thin(base))
    assert drawn(OutlineStore(tmp_path)) == fresh  # a later build: read back, not thinned again
    assert thin_calls == []
    kept.write_bytes(b"not a pickle")
    assert drawn(OutlineStore(tmp_path)) == fresh
    assert thin_calls == [1]
    assert isinstance(pickle.loads(kept.read_bytes()), Basemap)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_outlines_of_other_map_code_are_never_used(tmp_path, compiled_cache, monkeypatch):
    """After a change to the map code or the base map (another drawing digest), a
    build draws its maps afresh, as a clean build does: the outlines kept by the
    builds before are not read (here they are made wrong, to show it), and go."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", content)

    def settings(cache: Path) -> Path:
        if not cache.is_dir():
            seed_cache(compiled_cache, cache)
        return write_settings(tmp_path / f"conf-{cache.name}.py", PATH=content, THEME=ROOT / "theme",
                              SITREP_DATA_DIR=ROOT / "data", SITREP_CACHE_DIR=cache, SITREP_SEARCH_PARALLEL=False)

    monkeypatch.setattr(outline_store, "WIDE", 0.0)  # the fixture's maps are small: keep every frame
    live, cache = tmp_path / "live", tmp_path / "cache"
    build(settings(cache), live, jobs=1)
    kept = _kept(cache)
    assert kept
    for path in kept:  # outlines that would show if they were used
        path.write_bytes(pickle.dumps(Outlines([], "", ""), protocol=pickle.HIGHEST_PROTOCOL))
    new_digest = bytes(32)
    monkeypatch.setattr(maps, "drawing_digest", lambda: new_digest)
    report = sorted(content.rglob("*.md"))[0]  # a change the build sees (the patched digest is none)
    report.write_text(report.read_text(encoding="utf-8") + "\nOfficials later revised the figures.\n",
                      encoding="utf-8")
    build(settings(cache), live, jobs=1)
    clean = tmp_path / "clean"
    build(settings(tmp_path / "clean-cache"), clean, jobs=1)
    assert _tree(live) == _tree(clean)
    assert [p.parent.name for p in _kept(cache)] == [new_digest.hex()[:16]] * len(_kept(cache))
