"""A gazetteer missing from the cache is compiled beside the build while it reads
the reports (sitrep.tagging.warm); the build uses what the child cached, and a
child that fails leaves the error to the build, which names the file and line."""

from __future__ import annotations

import shutil

import pytest

import sitrep.tagging.gazetteer_build as gazetteer_build
from conftest import FIXTURES, ROOT, seed_cache
from sitrep.tagging import warm
from sitrep.tagging.gazetteer import cache_file, load_gazetteer

pytestmark = pytest.mark.slow  # each test compiles GeoNames anew

DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setattr(warm.os, "cpu_count", lambda: 2)


def test_the_child_compiles_the_gazetteer_the_build_then_loads(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    assert warm.warm_gazetteer(DATA, cache, jobs=1) is None  # a build told to use one core forks nothing
    warmer = warm.warm_gazetteer(DATA, cache)
    assert warmer is not None and warmer.wait()
    assert cache_file(DATA, cache).exists()
    assert warm.warm_gazetteer(DATA, cache) is None  # nothing left to compile
    monkeypatch.setattr(gazetteer_build, "build_gazetteer", lambda *a, **k: pytest.fail("compiled twice"))
    assert load_gazetteer(DATA, cache).lookup("Kharkiv")


def test_a_failed_compile_leaves_the_error_to_the_build(tmp_path, site_settings, compiled_cache, sitrep):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    places = data / "gazetteer" / "places.toml"
    places.write_text(places.read_text(encoding="utf-8") + '\n[[place]]\nname = "Nowhere"\n'
                      'region = "kharkov-oblast"\nlat = 1.0\nlon = 1.0\n', encoding="utf-8")
    cache = seed_cache(compiled_cache, tmp_path / "cache")
    warmer = warm.warm_gazetteer(data, cache)
    assert warmer is not None and not warmer.wait()  # the child failed and cached nothing
    assert not cache_file(data, cache).exists()

    settings = site_settings(SITREP_DATA_DIR=data, SITREP_CACHE_DIR=cache)
    out = tmp_path / "out"
    built = sitrep("build", "--settings", str(settings), "--content", str(FIXTURES / "archive"),
                   "--output", str(out), "--quiet")
    assert built.returncode != 0 and not out.exists()
    assert "places.toml" in built.stderr and "unknown region 'kharkov-oblast'" in built.stderr
