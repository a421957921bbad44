"""The walk of a build's folder made while its pages render (sitrep.publish.site_walk)
finds what a walk made after the render finds: files written outside the queue,
also by work queued ``later`` in the folders it names, stale pages of a recycled
tree and empty folders, which the render records or removes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.files.tree import entries
from sitrep.publish.render import Output, Renderer
from sitrep.publish.render_manifest import load_manifest
from sitrep.publish.spare import Recycled


def _tree(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


def _render(site: Path, declared: bool, recycled: Recycled | None = None) -> dict[str, list]:
    """A build of a few pages into ``site``, whose later work writes a search file outside
    the queue; ``declared``: it names its folder, so the walk runs beside the render."""
    (site / "theme" / "css").mkdir(parents=True, exist_ok=True)
    (site / "theme" / "css" / "site.css").write_text("body {}", encoding="utf-8")  # as Pelican copies it
    renderer = Renderer(site, None, jobs=1, recycled=recycled)
    for n in range(80):  # enough pages to render while the walk runs
        renderer.add(Output(f"reports/r{n}/index.html", bytes([n]) * 32, lambda n=n: f"report {n}"))

    def later() -> None:
        (site / "search" / "data").mkdir(parents=True)
        (site / "search" / "data" / "manifest.json").write_text("{}", encoding="utf-8")
        renderer.add(Output("search/index.html", b"\x09" * 32, lambda: "search"))

    renderer.later(later, writes_outside=("search",) if declared else None)
    renderer.run()
    return {rel: entry[0] for rel, entry in load_manifest(site).items()}


def test_files_written_outside_the_queue_are_found_as_by_a_walk_after_the_render(tmp_path):
    beside, after = _render(tmp_path / "beside", declared=True), _render(tmp_path / "after", declared=False)
    assert beside == after
    assert beside["search/data/manifest.json"] == beside["theme/css/site.css"] == ""  # written outside the queue
    assert _tree(tmp_path / "beside") == _tree(tmp_path / "after")


@pytest.mark.parametrize("declared", [True, False])
def test_stale_pages_and_empty_folders_of_a_recycled_tree_go(tmp_path, declared):
    site = tmp_path / "site"
    (site / "old" / "gone").mkdir(parents=True)  # a page of the build before last no output claims
    (site / "old" / "gone" / "index.html").write_text("stale", encoding="utf-8")
    (site / "empty" / "deeper").mkdir(parents=True)
    inode = os.stat(site / "old" / "gone" / "index.html").st_ino
    records = _render(site, declared, Recycled({"old/gone/index.html": inode}, {"old", "old/gone"}))
    assert "old/gone/index.html" not in records
    assert not (site / "old").exists() and not (site / "empty").exists()


@pytest.mark.parametrize("missing_ok", [True, False])
def test_a_folder_removed_during_the_walk_is_passed_over(tmp_path, missing_ok):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("x", encoding="utf-8")
    (tmp_path / "b").mkdir()
    seen = []

    def walk() -> None:
        for rel, entry in entries(tmp_path, missing_ok=missing_ok):
            seen.append(rel)
            if rel == "b":
                os.rmdir(entry.path)  # listed, then removed (by the render) before it is entered

    if missing_ok:
        walk()
        assert sorted(seen) == ["a", "a/f", "b"]
    else:
        with pytest.raises(FileNotFoundError):
            walk()
