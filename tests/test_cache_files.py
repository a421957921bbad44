"""Every cache file carries a format version and a checksum: whatever happens
to it (truncated, bit-flipped, emptied, overwritten with valid-looking JSON,
written by another format), the next build gives the answer a cold build
gives, names the file in exactly one warning, and rewrites it. Never an
error, never a wrong answer, never a manual delete."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sitrep.errors import SitrepError
from sitrep.files import atomic, cachefile
from sitrep.model import TagOverrides
from sitrep.reports.cache import ReportCache
from sitrep.reports.file import read_report
from sitrep.search.alias_cache import load_aliases
from sitrep.search.index import SearchIndex
from sitrep.search.indexing import update_index
from sitrep.search.schema import SearchDoc
from sitrep.search.state import STATE_FILE, VOCAB_FILE
from sitrep.tagging import load_tagger
from sitrep.tagging.cache import CachedTagger
from sitrep.tagging.parallel import MIN_PER_WORKER
from sitrep.tagging.gazetteer import Gazetteer, cache_key, load_gazetteer

DATA = ROOT / "data"


def damage(path: Path, how: str) -> None:
    """Damage a cache file the ways an interrupted copy, a disk, a tool or a
    person does."""
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flip":  # four flipped bytes in the middle of the payload
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes(b ^ 0x5A for b in data[middle:middle + 4]) + data[middle + 4:])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "empty-list":
        path.write_bytes(b"[]")
    elif how == "null":
        path.write_bytes(b"null")
    elif how == "old-version":
        path.write_bytes(data[: len(cachefile.MAGIC) + 16] + (999).to_bytes(4, "little") + data[cachefile.HEADER_SIZE:])
    else:
        raise ValueError(how)


DAMAGE = ["truncate", "flip", "empty", "empty-list", "null", "old-version"]


@pytest.fixture(autouse=True)
def fresh_warnings():
    """Each test sees its own first warning (the module warns once per file and process)."""
    cachefile._warned.clear()
    yield
    cachefile._warned.clear()


def cache_warnings(caplog, path: Path) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "sitrep.cache" and r.levelno == logging.WARNING and str(path) in r.getMessage()]


@pytest.fixture(scope="module")
def cache_with_gazetteer(tmp_path_factory) -> Path:
    """A cache folder holding the compiled gazetteer and alias table (compiling
    takes seconds: they are copied from the project's cache, which the other
    tests fill too)."""
    cache = tmp_path_factory.mktemp("cache")
    load_aliases(DATA, ROOT / ".sitrep-cache")
    project = load_gazetteer(DATA, ROOT / ".sitrep-cache")
    for name in (f"gazetteer-{cache_key(DATA)}.pickle", "aliases-*.json"):
        for path in (ROOT / ".sitrep-cache").glob(name):
            shutil.copy(path, cache / path.name)
    assert len(load_gazetteer(DATA, cache).places) == len(project.places)
    return cache


@pytest.fixture
def cache(tmp_path, cache_with_gazetteer) -> Path:
    dest = tmp_path / "cache"
    shutil.copytree(cache_with_gazetteer, dest)
    return dest


# ----------------------------------------------------------------------------- the format


def test_a_sealed_file_round_trips_and_refuses_every_kind_of_damage(tmp_path, caplog):
    path = tmp_path / "x.bin"
    cachefile.write_sealed(path, "test", 1, b"payload " * 100)
    assert cachefile.read_sealed(path, "test", 1) == b"payload " * 100
    assert cachefile.read_sealed(path, "other", 1) is None
    for how in DAMAGE:
        # a file per kind of damage: two kinds may give the same message, which Pelican's log
        # filter (on every logger made once pelican.log is imported) lets through only once
        path = tmp_path / f"{how}.bin"
        cachefile.write_sealed(path, "test", 1, b"payload " * 100)
        damage(path, how)
        cachefile._warned.clear()
        caplog.clear()
        assert cachefile.read_sealed(path, "test", 1) is None, how
        assert len(cache_warnings(caplog, path)) == 1, how
    assert cachefile.read_sealed(tmp_path / "missing.bin", "test", 1) is None
    assert not cache_warnings(caplog, tmp_path / "missing.bin")


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "f.txt"
    atomic.write_text(target, "old")
    with pytest.raises(RuntimeError):
        with atomic.AtomicFile(target) as out:
            out.write(b"half")
            raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_temporary_files_of_dead_writers_are_removed_and_live_ones_kept(tmp_path):
    dead = tmp_path / ".f.bin.00000000.tmp999999999"
    live = atomic.temp_path(tmp_path / "g.bin")
    dead.write_bytes(b"x")
    live.write_bytes(b"y")
    atomic.remove_abandoned(tmp_path)
    assert not dead.exists() and live.exists()


# ----------------------------------------------------------------------------- each cache


@pytest.mark.slow  # compiles the gazetteer again
@pytest.mark.parametrize("how", ["flip"])  # one kind: recompiling takes seconds; the format test has the rest
def test_a_damaged_gazetteer_cache_is_rebuilt_with_one_warning(cache, caplog, how):
    (path,) = cache.glob("gazetteer-*.pickle")
    damage(path, how)
    with caplog.at_level(logging.WARNING):
        gaz = load_gazetteer(DATA, cache)
    assert isinstance(gaz, Gazetteer) and gaz.lookup("Kharkiv")
    assert len(cache_warnings(caplog, path)) == 1
    caplog.clear()
    assert load_gazetteer(DATA, cache).lookup("Kharkiv") and not cache_warnings(caplog, path)


@pytest.mark.slow  # compiles the alias tables again
@pytest.mark.parametrize("how", ["empty-list", "flip", "truncate"])
def test_a_damaged_alias_cache_never_turns_aliases_off(cache, caplog, how):
    """aliases-*.json = [] made 'kiev' find nothing instead of Kyiv's items."""
    good = load_aliases(DATA, cache)
    assert good["kiev"] == "kyiv"
    (path,) = cache.glob("aliases-*.json")
    damage(path, how)
    with caplog.at_level(logging.WARNING):
        assert load_aliases(DATA, cache) == good
    assert len(cache_warnings(caplog, path)) == 1
    caplog.clear()
    assert load_aliases(DATA, cache) == good and not cache_warnings(caplog, path)


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_tag_cache_tags_afresh(cache, caplog, how):
    tagger = load_tagger(DATA, cache)
    items = [("Missile strike on Izium", "A ballistic missile hit Izium in Kharkiv Oblast.", None),
             ("Talks in Istanbul", "Delegations met in Istanbul.", TagOverrides(add_topics=["diplomacy"]))]
    first = CachedTagger(tagger, DATA, cache)
    expected = [first.tag(h, b, o, dt.date(2025, 2, 4)) for h, b, o in items]
    first.save()
    (path,) = cache.glob("tags-*.pickle")
    damage(path, how)
    with caplog.at_level(logging.WARNING):
        again = CachedTagger(tagger, DATA, cache)
        assert [again.tag(h, b, o, dt.date(2025, 2, 4)) for h, b, o in items] == expected
    assert (again.hits, again.misses) == (0, 2)
    assert len(cache_warnings(caplog, path)) == 1
    again.save()
    caplog.clear()
    third = CachedTagger(tagger, DATA, cache)
    assert [third.tag(h, b, o, dt.date(2025, 2, 4)) for h, b, o in items] == expected
    assert third.hits == 2 and not cache_warnings(caplog, path)


def test_remembered_tag_sets_come_back_equal_with_the_gazetteers_own_places(cache):
    """The cache keeps a gazetteer place by its slug and a place the tagger made up
    (a village the gazetteer lacks, placed in its oblast) whole: both come back equal,
    the first as the gazetteer's own object."""
    tagger = load_tagger(DATA, cache)
    items = [("Russian troops enter Oliinykove", "Russian assault groups entered the village of Oliinykove in "
              "Kharkiv Oblast on Tuesday, and a guided bomb hit Kupiansk.", None),
             ("Talks in Istanbul", "Delegations met in Istanbul.", TagOverrides(add_places=["sumy"]))]
    first = CachedTagger(tagger, DATA, cache)
    expected = [first.tag(h, b, o, dt.date(2025, 2, 4)) for h, b, o in items]
    first.save()
    made_up = [p for p in expected[0].places if tagger.gazetteer.by_slug.get(p.slug) is not p]
    assert [p.slug for p in made_up] == ["oliinykove-kharkiv-oblast"]
    again = CachedTagger(tagger, DATA, cache)
    found = [again.tag(h, b, o, dt.date(2025, 2, 4)) for h, b, o in items]
    assert found == expected and again.hits == 2
    kupiansk = next(p for p in found[0].places if p.slug == "kupiansk")
    assert kupiansk is tagger.gazetteer.by_slug["kupiansk"]


def test_places_tagged_by_forked_workers_are_remembered_as_the_gazetteers(cache):
    """Workers send their places back as copies; the cache still keeps a gazetteer
    place by its slug, so it comes back as the gazetteer's own object."""
    tagger = load_tagger(DATA, cache)
    requests = [(f"Strike on Kupiansk, day {n}", "A guided bomb hit Kupiansk in Kharkiv Oblast.", None,
                 dt.date(2025, 1, 1) + dt.timedelta(days=n)) for n in range(2 * MIN_PER_WORKER)]  # enough to fork
    first = CachedTagger(tagger, DATA, cache)
    tagged = first.tag_all(requests, jobs=2)
    assert all(p.slug == "kupiansk" for tags in tagged for p in tags.places)
    first.save()
    again = CachedTagger(tagger, DATA, cache)
    found = again.tag_all(requests, jobs=2)
    assert again.hits == len(requests) and found == tagged
    assert all(p is tagger.gazetteer.by_slug["kupiansk"] for tags in found for p in tags.places)


REPORT = "Title: T\nDate: 2025-02-04\nSource: Test Desk\n\n## Drones hit Kharkiv\n\nDrones struck Kharkiv.\n"


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_report_cache_parses_afresh(tmp_path, caplog, how):
    report = tmp_path / "a.md"
    report.write_text(REPORT, encoding="utf-8")
    cache = ReportCache(tmp_path / "cache", "content")
    cache.read(report, "a.md")
    cache.close()
    (path,) = (tmp_path / "cache").glob("reports-*.bin")
    damage(path, how)
    with caplog.at_level(logging.WARNING):
        cache = ReportCache(tmp_path / "cache", "content")
        assert cache.read(report, "a.md") == read_report(report, "a.md")
        cache.close()
    assert cache.misses == 1 and len(cache_warnings(caplog, path)) == 1
    caplog.clear()
    cache = ReportCache(tmp_path / "cache", "content")
    cache.read(report, "a.md")
    assert cache.hits == 1 and not cache_warnings(caplog, path)


DOCS = [SearchDoc(id=f"r/{n}", url=f"reports/r/{n}/", headline=h, body=b, date="2025-02-04", report="r",
                  report_title="R", source="Test Desk", source_slug="test-desk")
        for n, (h, b) in enumerate([("Strike on Kyiv", "Missiles hit Kyiv overnight."),
                                    ("Talks in Istanbul", "Delegations met again."),
                                    ("Drones over Kharkiv", "Kharkiv was attacked by drones.")])]
ALIASES = {"kiev": "kyiv", "kharkov": "kharkiv"}


def hits(index: Path, query: str) -> list[str]:
    with SearchIndex(index) as si:
        return [h.id for h in si.search(query).hits]


@pytest.mark.parametrize("target, how", [(STATE_FILE, "flip"), (STATE_FILE, "empty-list"), (STATE_FILE, "truncate"),
                                         (VOCAB_FILE, "flip"), (VOCAB_FILE, "null"), ("seg", "flip"),
                                         ("toc", "truncate")])
def test_a_damaged_search_index_is_refused_then_rebuilt(tmp_path, caplog, target, how):
    index = tmp_path / "whoosh"
    update_index(index, DOCS, ALIASES)
    assert hits(index, "kiev") == ["r/0"]
    path = next(index.glob("*.seg")) if target == "seg" else next(index.glob("*.toc")) if target == "toc" \
        else index / target
    damage(path, how)
    # Searching a damaged index says so and how to fix it, instead of answering wrong.
    with pytest.raises(SitrepError, match="cannot be trusted|cannot be read") as err:
        hits(index, "kiev")
    assert "invoke build" in str(err.value)
    with caplog.at_level(logging.WARNING):
        stats = update_index(index, DOCS, ALIASES)
    assert (stats.rebuilt or target == VOCAB_FILE) and stats.documents == 3
    assert len([r for r in caplog.records if r.name == "sitrep.cache"]) == 1
    assert hits(index, "kiev") == ["r/0"] and hits(index, "kharkov") == ["r/2"]


@pytest.mark.slow  # whole-site builds
def test_a_damaged_render_manifest_renders_every_page_afresh_with_one_warning(tmp_path):
    """The incremental build's record of the live build's files (which pages
    it may carry over): damaged, nothing is carried on its word."""
    out = tmp_path / "output"

    def build() -> str:
        proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "build", "--content",
                               str(ROOT / "tests/fixtures/archive"), "--output", str(out), "--quiet"],
                              cwd=ROOT, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "COLUMNS": "500"})  # log lines unwrapped
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout + proc.stderr

    def pages() -> dict[str, tuple[bytes, int]]:
        return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(out.rglob("*.html"))}

    build()
    first = pages()
    for how in ("flip", "empty-list"):
        manifest = out.resolve().with_name(out.resolve().name + ".manifest.json")
        damage(manifest, how)
        said = build()
        assert said.count("was discarded") == 1 and str(manifest) in said, said
        again = pages()
        assert {k: v[0] for k, v in again.items()} == {k: v[0] for k, v in first.items()}
        assert all(again[k][1] > first[k][1] for k in first), "a page was carried over on a damaged record"
        first = again
    said = build()  # the manifest was rewritten whole: pages are carried over again
    assert "was discarded" not in said, said
    assert pages() == first


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_item_digests_are_made_afresh(tmp_path, caplog, how):
    """The items' digests kept between builds (sitrep.publish.known_digests): a damaged
    store knows nothing, never a wrong digest, and is written again by the next build."""
    from sitrep.publish.fingerprint import Fingerprinter
    from sitrep.publish.known_digests import KnownDigests

    report_file = tmp_path / "a.md"
    report_file.write_text(REPORT, encoding="utf-8")
    reader = ReportCache(tmp_path / "cache", "content")
    report = reader.read(report_file, "a.md")
    path = tmp_path / "cache" / "item-digests.bin"
    digest = Fingerprinter().digest
    KnownDigests(path, [report], reader.keys).save(digest)
    known = list(KnownDigests(path, [report], reader.keys).pairs())
    assert known == [(item, digest(item)) for item in report.items] and known
    damage(path, how)
    with caplog.at_level(logging.WARNING):
        assert list(KnownDigests(path, [report], reader.keys).pairs()) == []
    KnownDigests(path, [report], reader.keys).save(digest)
    assert len(list(KnownDigests(path, [report], reader.keys).pairs())) == len(report.items)


def test_item_digests_are_known_only_for_the_file_they_were_made_from(tmp_path):
    """An edited report has another key: its items are digested again, not taken from the store."""
    from sitrep.publish.fingerprint import Fingerprinter
    from sitrep.publish.known_digests import KnownDigests

    report_file = tmp_path / "a.md"
    report_file.write_text(REPORT, encoding="utf-8")
    reader = ReportCache(tmp_path / "cache", "content")
    path = tmp_path / "cache" / "item-digests.bin"
    KnownDigests(path, [reader.read(report_file, "a.md")], reader.keys).save(Fingerprinter().digest)
    report_file.write_text(REPORT + "\nOne more sentence.\n", encoding="utf-8")
    edited = ReportCache(tmp_path / "cache", "content")
    report = edited.read(report_file, "a.md")
    assert list(KnownDigests(path, [report], edited.keys).pairs()) == []
    assert list(KnownDigests(path, [report], {}).pairs()) == []  # read without the cache: nothing known
