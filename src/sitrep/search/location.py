"""Where Whoosh indexes live in a cache, who may write them, and which may go.

A cache's ``whoosh/`` folder holds one index per content folder built with
it (:func:`sitrep.config.settings` names them after the folder), so building
a test's or a benchmark's archive never touches the site's own index. Two
rules keep it that way:

- An index is written only under its lock (:func:`index_lock`, an ``flock``
  on ``whoosh/.<name>.lock``, beside the index because a fresh build removes
  and recreates the index folder itself). A build of another content folder
  never deletes an index whose lock is held, so it cannot pull an index from
  under the build writing it.
- An index is evicted only when the content folder it was built from is gone
  (a test's temporary archive): never by count or age, so the site's index
  survives any number of other folders' builds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

CACHE_FOLDER = "whoosh"  # indexes of a cache directory live in <cache>/whoosh/<key>/


def lock_path(index_dir: Path) -> Path:
    """The lock file of an index folder (beside it, so it outlives a rebuild)."""
    return index_dir.parent / f".{index_dir.name}.lock"


def _open_locked(path: Path, blocking: bool) -> int | None:
    """A descriptor holding an exclusive lock on ``path`` (created if missing);
    None when ``blocking`` is off and another process holds it.

    The lock file may be unlinked by whoever evicts the index while we wait;
    a lock on an unlinked file protects nothing, so we try again until the
    file we hold is the one the path names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


@contextlib.contextmanager
def index_lock(index_dir: Path) -> Iterator[None]:
    """Hold ``index_dir``'s lock while writing it (waits for another writer
    of the same index; builds of one content folder take turns)."""
    fd = _open_locked(lock_path(Path(index_dir)), blocking=True)
    try:
        yield
    finally:
        os.close(fd)


def prune_siblings(index_dir: Path, content_of: Callable[[Path], str | None]) -> list[Path]:
    """Remove the indexes beside ``index_dir`` whose content folder is gone;
    returns those removed.

    ``content_of(folder)`` is the content folder an index records, "" when it
    records none (kept: nothing says it is unused), None when its state cannot
    be read (an unlocked index in that state is a killed build's leftover or
    damaged beyond use; its own next build would rebuild it anyway). An index
    whose lock is held is being written and is never touched."""
    index_dir = Path(index_dir)
    parent = index_dir.parent
    if parent.name != CACHE_FOLDER:
        return []
    removed = []
    for folder in sorted(parent.iterdir()):
        if folder == index_dir or folder.name.startswith(".") or not folder.is_dir():
            continue
        if not _unused(content_of(folder)):
            continue
        fd = _open_locked(lock_path(folder), blocking=False)
        if fd is None:  # a build is writing it right now
            continue
        try:
            if _unused(content_of(folder)):  # still so, now that no build can start writing it
                shutil.rmtree(folder, ignore_errors=True)
                lock_path(folder).unlink(missing_ok=True)
                removed.append(folder)
        finally:
            os.close(fd)
    return removed


def _unused(content: str | None) -> bool:
    """Unreadable, or naming an (absolute) content folder that is gone; a
    relative name cannot be checked from here, so it is kept."""
    if content is None:
        return True
    return bool(content) and Path(content).is_absolute() and not Path(content).is_dir()
