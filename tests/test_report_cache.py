"""The reader cache serves exactly what parsing would give, and never a stale
report: edits, deletions, parse errors, parser changes and damaged files."""

from __future__ import annotations

import pytest

from sitrep.reports import cache as report_cache
from sitrep.errors import ReportError
from sitrep.reports.cache import ReportCache
from sitrep.reports.file import read_report

REPORT = """Title: Test digest
Date: 2025-02-04
Source: Test Desk

## Drones hit Kharkiv overnight

Drones struck two districts of Kharkiv.

## Exchange of prisoners

150 prisoners came home.
"""


def _read_all(cache_dir, paths, content_dir="content"):
    cache = ReportCache(cache_dir, content_dir)
    reports = [cache.read(p, display_path=p.name) for p in paths]
    cache.close()
    return reports, cache


@pytest.fixture
def files(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(REPORT, encoding="utf-8")
    b.write_text(REPORT.replace("2025-02-04", "2025-02-05"), encoding="utf-8")
    return a, b


def test_unchanged_reports_come_from_the_cache_equal_to_a_fresh_parse(tmp_path, files):
    first, cache = _read_all(tmp_path / "cache", files)
    assert (cache.hits, cache.misses) == (0, 2)
    again, cache = _read_all(tmp_path / "cache", files)
    assert (cache.hits, cache.misses) == (2, 0)
    fresh = [read_report(p, display_path=p.name) for p in files]
    assert again == fresh == first
    assert [i.id for i in again[0].items] == ["2025-02-04-test-desk/drones-hit-kharkiv-overnight",
                                              "2025-02-04-test-desk/exchange-of-prisoners"]


def test_nothing_changed_leaves_the_file_alone(tmp_path, files):
    _read_all(tmp_path / "cache", files)
    (path,) = (tmp_path / "cache").glob("reports-*.bin")
    inode, data = path.stat().st_ino, path.read_bytes()
    _read_all(tmp_path / "cache", files)
    assert (path.stat().st_ino, path.read_bytes()) == (inode, data)  # not rewritten, only touched
    assert not list((tmp_path / "cache").glob("*.tmp*"))


def test_an_edited_report_is_parsed_again(tmp_path, files):
    _read_all(tmp_path / "cache", files)
    a, b = files
    a.write_text(REPORT.replace("150 prisoners", "190 prisoners"), encoding="utf-8")
    (edited, other), cache = _read_all(tmp_path / "cache", files)
    assert (cache.hits, cache.misses) == (1, 1)
    assert "190 prisoners" in edited.items[1].text and "150 prisoners" in other.items[1].text


def test_the_name_a_report_is_shown_under_is_part_of_the_key(tmp_path, files):
    a, _ = files
    cache = ReportCache(tmp_path / "cache")
    cache.read(a, display_path="content/a.md")
    cache.close()
    cache = ReportCache(tmp_path / "cache")
    moved = cache.read(a, display_path="content/2025/a.md")
    cache.close()
    assert cache.misses == 1 and moved.path == "content/2025/a.md"


def test_a_deleted_report_drops_out_of_the_file(tmp_path, files):
    a, b = files
    _read_all(tmp_path / "cache", [a, b])
    _read_all(tmp_path / "cache", [a])  # b was deleted from the archive
    _, cache = _read_all(tmp_path / "cache", [a, b])  # and written again, same bytes
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_report_with_an_error_is_never_cached(tmp_path, files):
    a, _ = files
    a.write_text(REPORT.replace("2025-02-04", "2025-02-30"), encoding="utf-8")
    for _ in range(2):
        cache = ReportCache(tmp_path / "cache")
        with pytest.raises(ReportError, match="cannot read the date"):
            cache.read(a, display_path="a.md")
        cache.close()
        assert cache.hits == 0


def test_a_change_to_the_parsing_code_starts_a_new_file(tmp_path, files, monkeypatch):
    _read_all(tmp_path / "cache", files)
    # What a new release of Python-Markdown (or an edit of items.py) does to the fingerprint.
    monkeypatch.setattr(report_cache, "_LIBRARIES", (*report_cache._LIBRARIES, "a-new-markdown-extension"))
    report_cache.parser_fingerprint.cache_clear()  # a new process
    try:
        _, cache = _read_all(tmp_path / "cache", files)
    finally:
        report_cache.parser_fingerprint.cache_clear()
    assert (cache.hits, cache.misses) == (0, 2)
    assert len(list((tmp_path / "cache").glob("reports-*.bin"))) == 2


def test_each_content_folder_keeps_its_own_file(tmp_path, files):
    _read_all(tmp_path / "cache", files, content_dir="site")
    _read_all(tmp_path / "cache", files[:1], content_dir="a-test-archive")
    _, cache = _read_all(tmp_path / "cache", files, content_dir="site")
    assert (cache.hits, cache.misses) == (2, 0)


def test_a_dead_build_s_temporary_file_is_removed(tmp_path, files):
    (tmp_path / "cache").mkdir()
    abandoned = tmp_path / "cache" / ".reports-0123-abcd.bin.0a1b2c3d.tmp999999999"
    abandoned.write_bytes(b"half a file")
    _read_all(tmp_path / "cache", files)
    assert not abandoned.exists()


@pytest.mark.parametrize("damage", ["truncate", "garble", "foreign"])
def test_a_damaged_file_only_costs_parsing(tmp_path, files, damage):
    _read_all(tmp_path / "cache", files)
    (path,) = (tmp_path / "cache").glob("reports-*.bin")
    data = path.read_bytes()
    if damage == "truncate":
        data = data[: len(data) - 40]
    elif damage == "garble":
        data = data[:60] + bytes(200) + data[260:]
    else:
        data = b"not a cache file at all"
    path.write_bytes(data)
    reports, cache = _read_all(tmp_path / "cache", files)
    assert cache.hits + cache.misses == 2 and cache.misses >= 1
    assert reports == [read_report(p, display_path=p.name) for p in files]
