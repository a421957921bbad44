"""Removing a large folder without waiting for it.

A build replaces the live site with a new tree and must then remove the old
one: at 1,000 reports some 13,000 folders, whose removal is bound by the disk's
metadata writes, not by work the build does (seconds on a quiet machine, tens
of seconds on a busy one, for a rebuild that rendered a few hundred pages).
Nothing reads the old tree once the new one is live, so it is renamed into a
trash folder beside it (one rename, at once) and a detached process removes
it while the build returns. A remover that is killed leaves its folder in the
trash, and the next :func:`discard_later` or :func:`empty_trash` starts
another; one remover works on a trash folder at a time (a lock in it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# The remover empties the whole trash folder, one remover per folder at a time (a lock):
# a build that starts while the last one's remover still works does not start a second.
# A folder moved in after the remover's last look started a remover that found the lock
# held and left; so the remover looks once more after letting go of the lock, and goes
# on if something came (what it could not remove is not a reason to go on for ever).
# It runs at the lowest priority: removing 60,000 files of the last build took a core for
# seconds, and a rebuild started at once (an editor's second edit, the benchmark) lost them.
_REMOVER = """
import fcntl, os, shutil, sys
trash = sys.argv[1]
try:
    os.nice(19)  # the unlinks are kernel time: a build started meanwhile must not wait for them
except OSError:
    pass
def folders():
    return sorted(e.path for e in os.scandir(trash) if e.is_dir(follow_symlinks=False))
stuck = None
while True:
    with open(os.path.join(trash, ".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.exit(0)
        seen = None
        while True:
            left = folders()
            if not left or left == seen:
                break
            for path in left:
                shutil.rmtree(path, ignore_errors=True)
            seen = left
        stuck = seen if seen and seen == left else None
        fcntl.flock(lock, fcntl.LOCK_UN)
    left = folders()
    if not left or left == stuck:
        break
"""
_removers: list[subprocess.Popen] = []  # kept to be reaped: a long-lived process runs many builds


def discard_later(path: Path, trash: Path) -> None:
    """Move ``path`` into the folder ``trash`` and remove it in the background;
    removed at once where it cannot be moved (another file system, a name taken)."""
    path = Path(path)
    try:
        trash.mkdir(parents=True, exist_ok=True)
        os.rename(path, trash / path.name)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    _start_remover(trash)


def empty_trash(trash: Path) -> None:
    """Start removing what an earlier remover left in ``trash`` (it was killed)."""
    if trash.is_dir() and any(p.is_dir() for p in trash.iterdir()):
        _start_remover(trash)


def _start_remover(trash: Path) -> None:
    global _removers
    _removers = [p for p in _removers if p.poll() is None]
    try:
        _removers.append(subprocess.Popen(
            [sys.executable, "-c", _REMOVER, str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True))
    except OSError:  # no process to spare: the next build starts one
        pass
