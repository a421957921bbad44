"""One walk of a build's folder tree (sitrep.files.tree)."""

from __future__ import annotations

import os

from sitrep.files.tree import entries


def test_entries_name_every_file_and_folder_relative_to_the_root_and_leave_skipped_folders_unentered(tmp_path):
    for rel in ("reports/kharkiv/index.html", "search/data/p/a.json", "index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    os.symlink(tmp_path / "reports", tmp_path / "linked")
    seen = [(rel, entry.is_dir(follow_symlinks=False)) for rel, entry in entries(tmp_path, skip={"search/data"})]
    assert sorted(seen) == [("index.html", False), ("linked", False), ("reports", True), ("reports/kharkiv", True),
                            ("reports/kharkiv/index.html", False), ("search", True), ("search/data", True)]
    order = [rel for rel, _ in seen]
    assert order.index("reports/kharkiv") < order.index("reports/kharkiv/index.html")


def test_an_entry_may_be_removed_while_the_walk_goes_on(tmp_path):
    for n in range(50):
        (tmp_path / "pages" / str(n)).mkdir(parents=True)
        (tmp_path / "pages" / str(n) / "index.html").write_text("x", encoding="utf-8")
    removed = 0
    for _, entry in entries(tmp_path):
        if entry.is_file(follow_symlinks=False):
            os.unlink(entry.path)
            removed += 1
    assert removed == 50 and not list(tmp_path.rglob("*.html"))
