"""A replaced build is removed in the background, and the collector's freezing ends with the build."""

from __future__ import annotations

import gc
import shutil
import threading
import time
from pathlib import Path

from conftest import FIXTURES

from sitrep.files.collector import survivors_frozen
from sitrep.files.trash import discard_later, empty_trash


def _tree(root: Path, folders: int = 50) -> Path:
    for n in range(folders):
        (root / f"d{n}" / "sub").mkdir(parents=True)
        (root / f"d{n}" / "sub" / "index.html").write_text("<p>page</p>\n")
    return root


def _gone(path: Path, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_discarded_folder_leaves_at_once_and_is_removed_in_the_background(tmp_path):
    old = _tree(tmp_path / "build-1")
    trash = tmp_path / ".output.trash"
    discard_later(old, trash)
    assert not old.exists()  # moved out of the way before the call returns
    assert _gone(trash / "build-1"), "the remover did not remove the discarded folder"


def test_what_a_killed_remover_left_is_removed_by_the_next_build(tmp_path):
    trash = tmp_path / ".output.trash"
    left = _tree(trash / "build-0")  # as a remover killed before it started leaves it
    empty_trash(trash)
    assert _gone(left)
    empty_trash(tmp_path / "no-trash-yet")  # nothing to do, no error


def test_survivors_are_frozen_during_a_build_only():
    assert gc.get_freeze_count() == 0
    with survivors_frozen():
        kept = [[n] for n in range(10_000)]
        gc.collect()  # a full collection: what survived it is frozen
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0  # handed back to the collector when the build ends


def test_folders_discarded_in_quick_succession_are_all_removed(tmp_path):
    """Each discard starts a remover; one finding the lock held leaves its folder
    to the remover at work, which must look again after letting go of the lock
    (a folder moved in just before it did stayed until the next build)."""
    trash = tmp_path / ".output.trash"
    for n in range(40):
        discard_later(_tree(tmp_path / f"build-{n}", folders=5), trash)
        time.sleep(0.01 * (n % 4))  # some arrive while a remover works, some as it finishes
    deadline = time.monotonic() + 60
    while any(p.is_dir() for p in trash.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in trash.iterdir() if p.is_dir()) == []


def test_a_build_removes_what_a_killed_remover_left(tmp_path, sitrep):
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(FIXTURES / "archive", content)
    left = _tree(tmp_path / ".output.trash" / "20250101T000000000000-1")
    proc = sitrep("build", "--content", str(content), "--output", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert _gone(left), "the build did not start a remover for the trash a killed one left"


def _frozen(obj) -> bool:
    """In the collector's permanent generation: tracked, yet in none of the collected ones."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


def test_a_process_that_froze_its_own_objects_keeps_them_frozen():
    """A server that froze its start-up state before forking: a build in it must
    not unfreeze that state (gc.unfreeze cannot tell its objects from ours)."""
    own = [[n] for n in range(1_000)]
    gc.collect()
    gc.freeze()
    try:
        with survivors_frozen():
            made = [[n] for n in range(10_000)]
            gc.collect()
            assert not _frozen(made[-1])  # nothing of the build's was frozen either
        assert _frozen(own[0]) and _frozen(own[-1])
        assert not _frozen(made[-1])
    finally:
        gc.unfreeze()


def test_overlapping_builds_in_one_process_keep_freezing_until_the_last_ends():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with survivors_frozen():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with survivors_frozen():
        second_in.set()
        first_out.wait(10)
        thread.join()
        kept = [[n] for n in range(10_000)]
        gc.collect()  # the first build has ended; this one still freezes what survives
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0
