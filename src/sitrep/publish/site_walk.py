"""What a build's folder holds besides its queue, found by one walk made beside the render.

Once every output is written, the render must know each file of the new build
that no output claims (written outside the queue, or a stale page of a recycled
tree, :mod:`sitrep.publish.spare`) and the folders that hold nothing. That was
one walk of the whole tree after the render: at 1,000 reports 16,000 files in
14,000 folders (an item page is a folder), a scandir each, some 0.2 s of every
build that changed anything. :class:`SiteWalk` makes it in a thread while the
pages render instead, the disk's waits beside the render's work.

A walk made while the render writes sees what no output claims as it will be
at the end, but for two things, both handled: the render removes recycled
pages and folders that stand in its way (:meth:`SiteWalk.result` drops what is
gone, and a folder seen empty that is not empty any more is kept by whoever
removes it), and work queued with ``Renderer.later`` may write outside the
queue until it has run (the search index): its folders are walked once it has.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Iterable
from pathlib import Path

from sitrep.files.tree import entries


def files_of(root: Path, skip: Collection[str] = (), prefix: str = "",
             missing_ok: bool = False) -> tuple[dict[str, int], list[str]]:
    """Every file under ``root``, as "/"-separated paths relative to it (after
    ``prefix``), with its inode; and the folders that hold nothing. The folders
    ``skip`` are not entered, nor counted as empty; ``missing_ok``: folders
    that vanish meanwhile are passed over."""
    found: dict[str, int] = {}
    folders: list[str] = []
    holding: set[str] = set()
    for rel, entry in entries(root, skip, missing_ok=missing_ok):
        if entry.is_dir(follow_symlinks=False):
            if rel not in skip:
                folders.append(prefix + rel)
        else:
            found[prefix + rel] = entry.inode()
        holding.add(prefix + rel.rpartition("/")[0])
    return found, [f for f in folders if f not in holding]


class SiteWalk:
    """:func:`files_of` a build's folder in a thread, but for the folders ``later``
    ("/"-separated, relative to it), walked when :meth:`result` is asked."""

    def __init__(self, site: Path, later: Iterable[str]):
        self.site = Path(site)
        self.later = [f.strip("/") for f in later if f.strip("/")]
        self._found: tuple[dict[str, int], list[str]] | None = ({}, [])
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._walk, name="sitrep-site-walk", daemon=True)
        self._thread.start()

    def _walk(self) -> None:
        if not self.site.is_dir():  # nothing written yet: walked whole when asked
            self._found = None
            return
        try:
            self._found = files_of(self.site, set(self.later), missing_ok=True)
        except BaseException as err:  # noqa: BLE001 - raised again by result()
            self._error = err

    def close(self) -> None:
        """Wait for the walk (before the folder may be removed)."""
        self._thread.join()

    def result(self, claimed: Collection[str]) -> tuple[dict[str, int], list[str]]:
        """(files, empty folders) as :func:`files_of` the whole folder would give
        them now that every output is written and the later work has run: the
        files no output in ``claimed`` has that are gone since the walk are left out."""
        self.close()
        if self._error is not None:
            raise self._error
        if self._found is None:
            return files_of(self.site)
        found, empty = self._found
        for rel in [r for r in found if r not in claimed]:
            if not os.path.lexists(os.path.join(self.site, rel)):
                del found[rel]
        for folder in self.later:
            root = self.site / folder
            if not root.is_dir() or root.is_symlink():
                continue
            more, more_empty = files_of(root, prefix=folder + "/")
            found.update(more)
            empty += more_empty
            if not more and not more_empty and _holds_nothing(root):
                empty.append(folder)
        return found, empty


def _holds_nothing(folder: Path) -> bool:
    with os.scandir(folder) as found:
        return next(found, None) is None
