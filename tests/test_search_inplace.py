"""The browser search index is updated in place (issue 12, item 3).

Through the build's public entry point: after a report dated after all others
is added, only the recent postings tier and a few other files of
``search/data`` are written again (the others keep their inode and mtime, so
a deploy skips them), and the folder equals a clean build's byte for byte;
after an old report is edited, the sealed tier is updated from the previous
build's files and the recent one read back whole; after a one-item report, the
recent tier is updated; each time equal to a clean build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, seed_cache, write_settings
from sitrep.bench.builds import add_report, edit_report
from sitrep.bench.generate import generate_archive
from sitrep.publish.build import build
from sitrep.reports.file import read_report
from sitrep.search.export import DATA_DIR, indexed_item_ids, read_manifest
from sitrep.search.export_memo import FILE_NAME as MEMO_FILE
from sitrep.search.export_memo import load_memo, save_memo
from sitrep.search.postings import boundary
from sitrep.search.postings_reuse import MAX_EDITED_SHARE

pytestmark = pytest.mark.slow


def _files(site: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of each file of the browser index, by path."""
    root = site / DATA_DIR
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def _bytes(site: Path) -> dict[str, bytes]:
    root = site / DATA_DIR
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _archive(content: Path, compiled_cache: Path) -> None:
    """A generated archive cut so that the report added next, and a one-item report after it, stay
    inside the recent tier: what happens on most days (the tier boundary moves once every block of
    documents, and then the sealed tier is written anew); and so that the tier then holds more than
    MAX_EDITED_SHARE documents, which one more may update without reading the tier whole. (The
    generator draws from the gazetteer, so an edit of places.toml changes the archive: the cut is
    computed, not fixed.)"""
    reports = generate_archive(content, 40, seed=3, data_dir=ROOT / "data", cache_dir=compiled_cache)
    items = [len(read_report(p).items) for p in reports]
    for keep in range(len(reports), 0, -1):
        documents, added = sum(items[:keep]), items[keep - 1]  # the newest report is copied a day later
        if boundary(documents) == boundary(documents + added + 1) > 0 \
                and documents + added - boundary(documents) > MAX_EDITED_SHARE:
            break
    else:
        pytest.fail("no cut of the generated archive keeps the next report inside the recent tier")
    for path in reports[keep:]:
        path.unlink()


def _export(caplog) -> object:
    """What the last build's browser-index export reported (its log record)."""
    return [r.sitrep_search_export for r in caplog.records if hasattr(r, "sitrep_search_export")][-1]


def test_adding_a_report_rewrites_only_the_recent_shards_and_equals_a_clean_build(tmp_path, compiled_cache, caplog):
    caplog.set_level("INFO", logger="sitrep.search")
    content = tmp_path / "content"
    _archive(content, compiled_cache)

    def settings(name: str) -> Path:
        return write_settings(tmp_path / f"{name}.py", PATH=content, SITREP_SEARCH_PARALLEL=False,
                              SITREP_CACHE_DIR=seed_cache(compiled_cache, tmp_path / f"cache-{name}"))

    def equals_a_clean_build(name: str) -> None:
        clean = tmp_path / name
        build(settings(name), clean, jobs=1)
        a, b = _bytes(live), _bytes(clean)
        assert sorted(a) == sorted(b)
        assert [p for p in a if a[p] != b[p]] == []

    live, live_settings = tmp_path / "live", settings("live")
    build(live_settings, live, jobs=1)
    before = _files(live)
    added = add_report(content)
    build(live_settings, live, jobs=1)
    after = _files(live)

    assert _export(caplog).reused == "whole"
    assert _export(caplog).memo, "the first build's export memo was not used"
    manifest = read_manifest(live)
    sealed, recent = manifest["postings"]
    assert sealed["shards"] > recent["shards"] > 0
    assert recent["docs"][1] == manifest["documents"]
    shards = [p for p in after if p.startswith("p/")]
    rewritten = [p for p in shards if before.get(p) != after[p]]
    assert rewritten, "the new report's terms are in no shard"
    assert all(p.startswith("p/b/") for p in rewritten), rewritten
    assert len(rewritten) < len(shards) / 2, f"{len(rewritten)} of {len(shards)} shards rewritten"
    unchanged = [p for p in after if before.get(p) == after[p]]
    assert len(unchanged) > len(after) / 2, f"only {len(unchanged)} of {len(after)} files kept"
    assert {item.id for item in read_report(added).items} <= indexed_item_ids(live)
    equals_a_clean_build("clean-added")

    edited = edit_report(content)  # a report from the middle: in the sealed tier
    build(live_settings, live, jobs=1)
    assert _export(caplog).reused == "updated"
    assert _export(caplog).recent_reused == "whole"  # the recent documents are as they were
    assert _export(caplog).memo
    assert read_report(edited).items[-1].id in indexed_item_ids(live)
    equals_a_clean_build("clean-edited")

    _compress_harder(live)  # as a build with an older Sitrep (level 9) left them
    recent = read_manifest(live)["postings"][1]["docs"]
    assert recent[1] - recent[0] > MAX_EDITED_SHARE, "too few recent documents to update the tier for one more"
    _one_item_report(content, "Drone debris falls on a Kharkiv warehouse",
                     "Debris from a downed drone set fire to a warehouse in Kharkiv overnight, the regional "
                     "governor said. Firefighters put out the blaze by morning; nobody was hurt.")
    build(live_settings, live, jobs=1)
    assert (_export(caplog).reused, _export(caplog).recent_reused, _export(caplog).memo) == ("whole", "updated", True)
    assert "kharkiv-warehouse" in " ".join(sorted(indexed_item_ids(live)))
    equals_a_clean_build("clean-one-more")

    # A damaged memo is discarded with a warning: the export reads the previous build's files instead.
    memo = tmp_path / "cache-live" / MEMO_FILE
    memo.write_bytes(memo.read_bytes()[:-100])
    edit_report(content)
    build(live_settings, live, jobs=1)
    assert not _export(caplog).memo
    assert _export(caplog).reused == "updated"
    assert any("discarded" in r.getMessage() and MEMO_FILE in r.getMessage() for r in caplog.records)
    equals_a_clean_build("clean-no-memo")

    # A memo written by other code (an older Sitrep) is not trusted either, without a warning.
    made = load_memo(memo, read_manifest(live)["build"])
    assert made is not None and made.code
    made.code = b"older"
    save_memo(memo, made)
    edit_report(content)
    build(live_settings, live, jobs=1)
    assert not _export(caplog).memo
    equals_a_clean_build("clean-other-code")


def _compress_harder(site: Path) -> None:
    """Store the browser index's files compressed at level 9, same content: a
    build must not keep such a file, or it would differ from a clean build's."""
    import gzip

    for path in (site / DATA_DIR).rglob("*.gz"):
        data = gzip.decompress(path.read_bytes())
        path.unlink()  # a link shared with older builds stays as it was
        path.write_bytes(gzip.compress(data, 9, mtime=0))


def _one_item_report(content: Path, headline: str, body: str) -> Path:
    """A report of one item, dated a day after the newest: the recent tier
    grows by one document, and its postings are updated, not read again."""
    import datetime as dt

    newest = max(read_report(p).date for p in content.rglob("*.md"))
    day = (newest + dt.timedelta(days=1)).date().isoformat()
    path = content / "reports" / f"{day}-night-desk.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Title: Night Desk digest, {day}\nDate: {day}\nSource: Night Desk\n\n"
                    f"## Key developments\n- {headline}\n\n## {headline}\n\n{body}\n", encoding="utf-8")
    return path


def test_an_edited_recent_item_builds_in_place_and_into_a_fresh_folder(tmp_path, compiled_cache):
    """After a recent item is edited, its old copy lies deleted in Whoosh's first segment, which then
    holds only deleted postings of the words that item alone has. The export of the recent documents
    enters those lists at the recent tier's first document: it stopped on Whoosh's ReadTooFar, in the
    next build and in the fresh folder ``invoke deploy`` builds into with the same cache."""
    content = tmp_path / "content"
    generate_archive(content, 12, seed=5, data_dir=ROOT / "data", cache_dir=compiled_cache)
    settings = write_settings(tmp_path / "settings.py", PATH=content, SITREP_SEARCH_PARALLEL=False,
                              SITREP_CACHE_DIR=seed_cache(compiled_cache, tmp_path / "cache"))
    live = tmp_path / "live"
    build(settings, live, jobs=1)
    newest = max(content.rglob("*.md"))
    newest.write_text(newest.read_text(encoding="utf-8").rstrip("\n") + " Zyzzogeton crews worked overnight.\n",
                      encoding="utf-8")
    build(settings, live, jobs=1)

    fresh = tmp_path / "fresh"
    build(settings, fresh, jobs=1)
    assert _bytes(fresh) == _bytes(live)
    assert read_report(newest).items[-1].id in indexed_item_ids(fresh)
